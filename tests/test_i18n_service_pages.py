"""The words built in Python and in the scripts, in Spanish (issue 21): the import column guide,
the case page's key facts, a service's refusal and the error pages, the words the JavaScript
shows, and country and state names — while codes, column names and English stay as they were."""

from __future__ import annotations

import re

from incidents.imports.guide import markdown
from tests.case_forms import edit_form_fields, only_incident, submit_new
from tests.conftest import post_form
from tests.test_i18n_pages import _spanish


def test_a_spanish_user_reads_the_import_guide_in_spanish(client, signed_in):
    signed_in("caseworker")
    english = client.get("/import/guide").get_data(as_text=True)
    assert "Our reference (CODE-YYYY-NNNN)." in english
    assert "The client (first subject): date of birth." in english
    _spanish(client, "/import/guide")
    html = client.get("/import/guide").get_data(as_text=True)
    assert "Nuestra referencia (CODE-YYYY-NNNN)." in html and "Our reference" not in html
    assert "El cliente (primer sujeto): " in html  # the column's meaning, piece by piece
    assert "un código o su etiqueta, en mayúsculas o minúsculas" in html  # the rule of a cell
    assert "Obligatorio cuando se llena cualquier columna subject_." in html
    assert "Detención en la calle" in html and "Street stop" not in html  # the codes' labels
    assert "<code>occurred_on</code>" in html and "<code>street_stop</code>" in html
    assert "Cronología (una fila por evento de la cronología)" in html
    assert re.search(r"<td>sí</td>", html)  # required, in Spanish
    template = client.get("/import/template.csv").get_data(as_text=True)
    assert template.startswith("reference,occurred_on,")  # headers and codes never change
    assert "Our reference (CODE-YYYY-NNNN)" in markdown()  # the committed guide stays English


def test_a_spanish_user_reads_the_key_facts_in_spanish(client, case):
    english = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    _spanish(client, f"/incidents/{case.reference}")
    html = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    facts = html[html.index('id="kf"') : html.index("</section>", html.index('id="kf"'))]
    for word in ("computed from the timeline", "as entered", "not known", "Unknown", "None"):
        assert f">{word}<" not in facts and f"({word})" not in facts, word
    assert "Desconocido" in facts or "Sí" in facts or "No" in facts
    assert any(
        phrase in facts
        for phrase in ("calculado a partir de la cronología", "según lo ingresado", "se desconoce")
    )
    assert (
        "(computed from the timeline)" in english
        or "(as entered)" in english
        or ("(not known)" in english)
    )


def test_a_stale_edit_is_refused_in_spanish(client, caseworker, session):
    submit_new(client)
    incident = only_incident(session)
    _spanish(client, f"/incidents/{incident.reference}/edit")
    html = client.get(f"/incidents/{incident.reference}/edit").get_data(as_text=True)
    fields = {**edit_form_fields(html), "version": "-1", "city": "Evanston"}
    response = post_form(client, f"/incidents/{incident.reference}/edit", fields)
    text = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Otra persona guardó este incidente después de que usted lo abrió" in text
    assert "Someone else saved" not in text


def test_error_pages_and_service_refusals_speak_spanish(client, signed_in):
    signed_in("caseworker")
    _spanish(client)
    missing = client.get("/incidents/ZZZ-2025-9999")
    html = missing.get_data(as_text=True)
    assert missing.status_code == 404 and "<h1>No encontrado</h1>" in html
    assert "No hay nada aquí, o usted no tiene acceso." in html
    refused = post_form(
        client,
        "/auth/password",
        {"current_password": "wrong", "new_password": "x" * 14, "confirm": "x" * 14},
    )
    assert "La contraseña actual no es correcta." in refused.get_data(as_text=True)


def test_the_scripts_read_their_words_from_the_page(client, signed_in):
    signed_in("caseworker")
    english = client.get("/incidents").get_data(as_text=True)
    assert 'data-stay="Stay signed in"' in english and 'data-copied="Copied"' in english
    _spanish(client, "/incidents")
    html = client.get("/incidents").get_data(as_text=True)
    assert 'data-stay="Mantener la sesión iniciada"' in html and 'data-copied="Copiado"' in html
    assert "Su sesión termina en {left} si no continúa." in html  # the script fills {left}
    with open(client.application.static_folder + "/js/forms.js", encoding="utf-8") as script:
        source = script.read()
    assert 'pageWord("stay", "Stay signed in")' in source and "fetch(" in source


def test_country_and_state_names_follow_the_language(app, client, signed_in):
    country = app.jinja_env.filters["country"]
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert country("MX") == "México" and country("US") == "Estados Unidos"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert country("MX") == "Mexico"
    signed_in("caseworker")
    _spanish(client, "/incidents/new")
    form = client.get("/incidents/new").get_data(as_text=True)
    assert "Nueva York" in form and 'value="NY"' in form  # the code stays the code
    assert "México" in form and 'value="MX"' in form


def test_the_dashboard_figures_speak_spanish(client, case):
    english = client.get("/home", follow_redirects=True).get_data(as_text=True)
    assert "Incidents per month" in english and "Incidents by outcome" in english
    _spanish(client, "/home")
    html = client.get("/home", follow_redirects=True).get_data(as_text=True)
    assert "Incidentes por mes" in html and "Incidentes por resultado" in html
    assert "Incidents per month" not in html and "Hours detained" not in html
    # a plural {% trans %} with a variable besides the count (it failed in Spanish before)
    assert '<strong class="count">1</strong> incidente.' in html


def test_the_policy_library_says_status_and_dates_in_spanish(client, signed_in, library):
    signed_in("lawyer")
    _spanish(client, "/policies")
    listing = client.get("/policies").get_data(as_text=True)
    # dates as the page's other dates (the sources' "16 ene 2025"), never ISO beside them
    assert "vigente a más tardar el 30 jun 2011 (entrada en vigor no verificada)" in listing
    assert "desde el 14 sept 2023" in listing and "since 2023-09-14" not in listing
    assert "2023-09-14" not in listing
    assert "Cita según un resumen oficial" in listing or "Cita según el texto original" in listing


def test_the_research_dashboard_speaks_spanish(app, client, session, make_user):
    from datetime import date

    from tests.conftest import login
    from tests.dashboard_helpers import many
    from tests.test_dashboard_charts import _cases

    researcher, password = make_user("researcher")
    caseworker, _ = make_user("caseworker")
    rows = [("IL", "charged", "mobile_fortify", date(2024, 3, 5), 15)]
    rows += [("IL", "removed", "clearview_ai", date(2024, 3, 5), 3)]
    many(app, session, caseworker, _cases(rows))
    login(client, researcher.email, password)
    _spanish(client, "/home")
    page = client.get("/home").get_data(as_text=True)
    assert "Incidentes por trimestre" in page and "Incidentes por resultado" in page
    assert "suprimido (no se dibuja)" in page and "Los recuentos de 1 a 10 se suprimen" in page
    assert "suppressed" not in page and "Counts from 1 to 10" not in page


def test_the_case_pages_detail_sections_speak_spanish(client, case):
    # the basis of the stop, claims, biometrics and harm: titles, labels and chosen values
    english = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert "Basis of the stop" in english and "The reason the agents stated" in english
    _spanish(client, f"/incidents/{case.reference}")
    html = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert "Fundamento de la detención" in html and "Basis of the stop" not in html
    assert "El motivo que expusieron los agentes" in html
    assert "The reason the agents stated" not in html
    for title in ("Citizenship and status claims", "Harm"):
        assert f"<h2>{title}</h2>" not in html
