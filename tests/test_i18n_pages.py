"""The interface in Spanish (issue 21): the browser's Accept-Language picks the sign-in page's
language, the sign-in page has a switch (kept in the session, never in the address), each user
keeps a language on their account page; a Spanish user reads the incident list, the form, its
errors and the flash messages in Spanish, while codes in exports stay the same."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlmodel import select

from incidents.models import User
from incidents.vocab import ENCOUNTER_TYPE
from tests.case_forms import submit_new
from tests.conftest import fresh, login, post_form


def _spanish(client, next_page="/auth/sessions"):
    response = post_form(
        client, "/auth/language", {"language": "es", "next": next_page}, token_from=next_page
    )
    assert response.status_code == 303
    return response


def test_accept_language_chooses_the_sign_in_page_language(client):
    spanish = client.get("/auth/login", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    html = spanish.get_data(as_text=True)
    assert '<html lang="es">' in html and "<h1>Iniciar sesión</h1>" in html
    assert "Las cuentas las crea el administrador de su organización." in html
    english = client.get("/auth/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "<h1>Sign in</h1>" in english.get_data(as_text=True)
    other = client.get("/auth/login", headers={"Accept-Language": "fr-FR"})
    assert '<html lang="en">' in other.get_data(as_text=True)  # neither: English


def test_the_sign_in_switch_keeps_the_choice_in_the_session(client, make_user, session):
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'value="es" lang="es"' in page and "Español" in page
    response = _spanish(client, "/auth/login")
    assert response.headers["Location"] == "/auth/login"  # no language or data in the address
    assert "<h1>Iniciar sesión</h1>" in client.get("/auth/login").get_data(as_text=True)
    user, password = make_user("caseworker")
    login(client, user.email, password)
    home = client.get("/home", follow_redirects=True).get_data(as_text=True)
    assert "Cerrar sesión" in home and "Sign out" not in home  # the choice outlived sign-in
    assert fresh(session).get(User, user.id).language is None  # the browser's choice only
    elsewhere = client.application.test_client()
    assert "<h1>Sign in</h1>" in elsewhere.get("/auth/login").get_data(as_text=True)


def test_a_user_keeps_a_language_on_the_account_page(client, signed_in, session):
    user, password = signed_in("caseworker")
    page = client.get("/auth/sessions").get_data(as_text=True)
    assert 'name="language"' in page and "Change language" in page
    _spanish(client)
    assert fresh(session).exec(select(User.language).where(User.id == user.id)).one() == "es"
    page = client.get("/auth/sessions").get_data(as_text=True)
    assert "Dónde ha iniciado sesión" in page and "Cambiar idioma" in page
    other = client.application.test_client()  # another device, an English browser
    login(other, user.email, password, headers={"Accept-Language": "en"})
    assert "Cerrar sesión" in other.get("/incidents", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )


def test_a_spanish_user_reads_the_list_the_form_its_errors_and_flash_messages_in_spanish(
    client, signed_in, make_incident
):
    user, _ = signed_in("caseworker")
    incident = make_incident(user)
    _spanish(client)
    html = client.get("/incidents").get_data(as_text=True)
    assert "<h1>Incidentes</h1>" in html and "Nuevo incidente" in html
    assert "Detención en la calle" in html and "Street stop" not in html  # vocabulary labels
    assert "Ciudadano estadounidense de nacimiento" in html  # the legal-status filter
    assert incident.reference in html  # references are never translated
    assert "12 sept 2025" in html or "12 sep 2025" in html  # dates in Spanish
    form = client.get("/incidents/new").get_data(as_text=True)
    assert "Registrar un nuevo incidente" in form and "Tipo de encuentro" in form
    assert 'value="street_stop"' in form  # codes stay codes
    refused = submit_new(client, occurred_on="")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Hay un problema" in text and "Indique la fecha (AAAA-MM-DD, o AAAA-MM o AAAA)." in text
    rule = submit_new(client, **{"people-0-a_number": "12"}).get_data(as_text=True)
    assert "Un número A es la letra A seguida de 7 a 9 dígitos." in rule  # the record's rules
    saved = submit_new(client)
    assert saved.status_code == 302
    shown = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "registrado." in shown and "Incidente " in shown and "recorded." not in shown


def test_dates_and_numbers_follow_the_language(app):
    from incidents.i18n import number
    from incidents.templating import hours, partial_date

    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert partial_date(date(2025, 3, 14), "month") == "marzo de 2025"
        assert partial_date(date(2025, 3, 14), "day") == "14 mar 2025"
        assert number(512000) == "512.000" and hours(2.5) == "2,5"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert partial_date(date(2025, 3, 14), "month") == "March 2025"
        assert partial_date(date(2025, 3, 14), "day") == "14 Mar 2025"
        assert number(512000) == "512,000" and hours(2.5) == "2.5"


def test_exports_keep_their_codes_in_spanish(client, signed_in, runner, session):
    from tests.test_exports import seed

    seed(runner, session)
    signed_in("researcher", org="Export Org")
    _spanish(client, "/research?k=5")
    page = client.get("/research?k=5").get_data(as_text=True)
    assert "Descargar CSV" in page
    body = client.get("/research/export.csv?k=5").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert body.startswith("row_id,period,") and rows
    assert {row["encounter_type"] for row in rows} <= set(ENCOUNTER_TYPE.codes)
    template = client.get("/research/dictionary.csv").get_data(as_text=True)
    assert "encounter_type" in template


def test_the_shared_agencies_generic_names_read_in_spanish(client, signed_in, session):
    """The seeded shared agencies' generic names ("County sheriff") are translated where a
    page draws them; an organization's own agency keeps the name it was given."""
    from incidents.models import Agency

    user, _ = signed_in("caseworker")
    session.add(
        Agency(
            organization_id=user.organization_id, code="own", name="County sheriff", level="local"
        )
    )
    session.commit()
    _spanish(client)
    for url in ("/incidents", "/incidents/new", "/agencies"):
        html = client.get(url).get_data(as_text=True)
        assert "Departamento de policía local" in html and "Agencia desconocida" in html, url
        assert "Local police department" not in html and "Unknown agency" not in html, url
        # the shared one translated, the organization's own as named
        assert "Alguacil (sheriff) del condado" in html and "County sheriff" in html, url


def test_a_records_request_to_a_shared_agency_names_it_in_spanish(
    client, signed_in, session, make_incident
):
    """Second review of issue 21: the records-request pages drew the agency's stored name."""
    from tests.records_request_helpers import agency_id, file_request

    user, _ = signed_in("lawyer")
    incident = make_incident(user)
    request = file_request(
        client,
        session,
        incident,
        kind="state_public_records",
        agency_id=str(agency_id(session, "local_police")),
    )
    _spanish(client)
    for url in ("/records-requests", f"/records-requests/{request.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "Departamento de policía local" in html and "Local police department" not in html
