"""End to end in Chromium, in Spanish (issue 21): on the sign-in page the caseworker switches to
Spanish, signs in with the Spanish form, keeps Spanish on the account page, records an incident
and finds it in the list — every step read in Spanish, codes unchanged."""

from __future__ import annotations

import pytest

from tests.browser_helpers import axe_problems, shot

pytestmark = pytest.mark.browser


def test_the_main_journey_in_spanish(app, live_server, browser, make_user):
    user, password = make_user("caseworker")
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="en-US")
    page.goto(live_server + "/auth/login")
    assert page.locator("h1").inner_text() == "Sign in"
    page.get_by_role("button", name="Español").click()
    page.wait_for_url("**/auth/login")  # the choice is in the session, not in the address
    assert page.locator("h1").inner_text() == "Iniciar sesión"
    assert page.locator("html").get_attribute("lang") == "es"
    assert axe_problems(page) == []
    page.get_by_label("Correo electrónico").fill(user.email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url("**/home")

    page.goto(live_server + "/auth/sessions")
    assert page.locator("h1").inner_text() == "Dónde ha iniciado sesión"
    page.get_by_label("Idioma").select_option("es")
    page.get_by_role("button", name="Cambiar idioma").click()
    page.wait_for_url("**/auth/sessions")

    page.get_by_role("link", name="Nuevo incidente", exact=True).first.click()
    page.wait_for_url("**/incidents/new")
    assert page.locator("h1").inner_text() == "Registrar un nuevo incidente"
    page.get_by_label("Ciudad").first.fill("Chicago")
    page.locator("#state").select_option("IL")
    page.get_by_label("Tipo de encuentro").select_option("street_stop")
    page.locator("#people-0-full_name").fill("Marisol Quintero Vega")
    page.locator("#people-0-legal_status").select_option("us_citizen_birth")
    assert (
        page.locator("#people-0-legal_status option:checked").inner_text()
        == "Ciudadano estadounidense de nacimiento"
    )
    page.locator("#frt_uses-0-system").select_option("mobile_fortify")
    page.get_by_role("button", name="Guardar incidente").click()  # the date is missing
    summary = page.locator("#error-summary").inner_text()
    assert "Hay un problema" in summary and "Indique la fecha (AAAA-MM-DD" in summary
    page.get_by_label("Fecha del incidente").fill("2025-09-12")
    shot(page, "incident-form-es")
    page.get_by_role("button", name="Guardar incidente").click()
    page.wait_for_url("**/incidents/*-2025-0001")
    reference = page.locator("h1").inner_text().strip()
    assert f"Incidente {reference} registrado." in page.locator(".flashes").inner_text()

    page.get_by_role("link", name="Incidentes", exact=True).click()
    page.wait_for_url("**/incidents")
    row = page.locator("tr", has=page.get_by_role("link", name=reference))
    assert row.count() == 1
    assert "Detención en la calle" in row.inner_text()
    assert "Mobile Fortify (aplicación de ICE/CBP)" in row.inner_text()
    shot(page, "list-es")
