"""What the review of issue 21 found left in English on Spanish pages and dossiers: figures inside
messages with English grouping, ISO dates beside the language's, the deadline rules' sentences,
"Ninguno" after a feminine noun, WTForms' "numero" and the A-number's long form. English pages
read as before."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from babel.dates import format_date

from incidents import clock
from tests.conftest import post_form
from tests.test_dossier import case, library_loaded  # noqa: F401
from tests.test_dossier_spanish import ask, flat
from tests.test_i18n_pages import _spanish

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
RULE = "A tort claim against the United States must be presented in writing"
REGLA = "Una reclamación por daños contra los Estados Unidos debe presentarse por escrito"


def _page(client, path: str) -> str:
    return client.get(path).get_data(as_text=True)


def _ftca_claim(client, incident):
    data = {
        "kind": "ftca_admin_claim",
        "status": "filed",
        "against": "United States (ICE)",
        "accrued_on": "2025-03-10",
        "filed_on": "2025-06-01",
    }
    response = post_form(client, f"/incidents/{incident.reference}/legal-actions/new", data)
    assert response.status_code == 302, response.status_code


def test_numbers_inside_messages_take_the_language_s_marks(app):
    from incidents.records.validation import check_range, format_number

    with app.test_request_context(headers={"Accept-Language": "es"}):
        with pytest.raises(ValueError) as refused:
            check_range(250000, 0, 100000)
        assert str(refused.value) == "El número debe estar entre 0 y 100.000."
        assert format_number(2.5) == "2,5" and format_number(10_000_000) == "10.000.000"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(ValueError) as refused:
            check_range(250000, 0, 100000)
        assert str(refused.value) == "Number must be between 0 and 100,000."
        assert format_number(2.5) == "2.5" and format_number(10_000_000) == "10,000,000"


def test_the_research_page_s_published_figures_take_the_language_s_marks(app):
    from incidents.exports.in_language import published

    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert published("1,234.5") == "1.234,5" and published("12,345") == "12.345"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert published("1,234.5") == "1,234.5"  # as published


def test_figures_on_spanish_pages_and_in_form_messages(client, signed_in, make_incident, session):
    from tests.records_request_helpers import request_form

    user, _ = signed_in("caseworker")
    incident = make_incident(user)
    assert "2,000 rows" in _page(client, "/import")  # English: as before
    _spanish(client, "/import")
    page = _page(client, "/import")
    assert "2.000 filas" in page and "2,000" not in page
    guide = _page(client, "/import/guide")  # the column guide
    assert "hasta 50.000 caracteres" in guide and "50000" not in guide
    form = request_form(session, incident, fees="-25")
    html = post_form(client, "/records-requests/new", form).get_data(as_text=True)
    assert "de 0 a 1.000.000" in html and "1,000,000" not in html


def test_spanish_case_pages_write_every_date_alike(client, signed_in, make_incident):
    user, _ = signed_in("lawyer")
    incident = make_incident(
        user, status_claimed="yes", status_claimed_at=datetime(2025, 9, 12, 8, 20)
    )
    english = _page(client, f"/incidents/{incident.reference}")
    assert "1996-04-02" in english and "2025-09-12 08:00" in english  # English as before
    _ftca_claim(client, incident)
    _spanish(client, f"/incidents/{incident.reference}")
    html = _page(client, f"/incidents/{incident.reference}")
    assert "2 abr 1996" in html  # date of birth
    assert "12 sept 2025, 08:20" in html  # the time of the claim
    assert "12 sept 2025, 08:00" in html  # the timeline
    assert "10 mar 2027" in html and "Cumplido el 1 jun 2025" in html  # deadlines
    body = html[html.index("<main") : html.index("</main>")]
    shown = [day for day in ISO_DAY.findall(body) if f'value="{day}' not in body]
    assert not shown, shown
    person = re.search(r'href="(/people/\d+)"', html).group(1)
    assert "2 abr 1996" in _page(client, person) and "1996-04-02" not in _page(client, person)


def test_the_calendar_in_spanish(client, signed_in, make_incident):
    user, _ = signed_in("lawyer")
    incident = make_incident(user)
    due = clock.today() + timedelta(days=10)
    post_form(
        client,
        f"/incidents/{incident.reference}/deadlines/new",
        {"kind": "hearing", "due_on": due.isoformat(), "rule": "Scheduling order"},
    )
    assert due.isoformat() in _page(client, "/calendar?scope=all")  # English as before
    _spanish(client, "/calendar?scope=all")
    calendar = _page(client, "/calendar?scope=all")
    assert format_date(due, "d MMM y", locale="es") in calendar
    assert due.isoformat() not in calendar


def test_the_sessions_page_in_spanish(client, signed_in):
    signed_in("caseworker")
    english = _page(client, "/auth/sessions")
    assert ISO_DAY.search(english[english.index("<table") : english.index("</table>")])
    _spanish(client)
    sessions = _page(client, "/auth/sessions")
    table = sessions[sessions.index("<table") : sessions.index("</table>")]
    assert " UTC" in table and not ISO_DAY.search(table), table


def test_the_spanish_dossier_s_deadlines_dates_and_rules(client, case):  # noqa: F811
    _ftca_claim(client, case)
    english = flat(client.get(f"/incidents/{case.reference}/dossier.pdf").get_data())
    assert "2027-03-10" in english and RULE in english  # English as before
    text = flat(ask(client, case).get_data())
    section = text.split("Reclamaciones, plazos y solicitudes de registros")[1]
    assert "10 mar 2027" in section and "cumplido el 1" in section  # a cell's lines apart
    assert not ISO_DAY.search(section), ISO_DAY.findall(section)
    assert "Una reclamación por daños contra los Estados" in section and RULE not in section
    assert "(28 U.S.C. §2401(b); paráfrasis)" in section  # the citation as written
    assert "la fecha en que nació la reclamación (según la registró el abogado) más dos" in section
    assert "2 abr 1996" in text and "1996-04-02" not in text  # the date of birth


def test_the_rules_sentences_on_the_spanish_case_page(client, signed_in, make_incident):
    user, _ = signed_in("lawyer")
    incident = make_incident(user)
    _ftca_claim(client, incident)
    assert RULE in _page(client, f"/incidents/{incident.reference}")
    _spanish(client, f"/incidents/{incident.reference}")
    html = _page(client, f"/incidents/{incident.reference}")
    assert REGLA in html and RULE not in html and "Confirme el último día" in html


def test_none_agrees_with_a_feminine_noun(client, signed_in, make_incident):
    user, _ = signed_in("lawyer")
    incident = make_incident(user)  # its FRT use: no human review ("none")
    english = _page(client, f"/incidents/{incident.reference}")
    assert "<dt>Human review</dt><dd>None</dd>" in english
    _spanish(client, f"/incidents/{incident.reference}")
    html = _page(client, f"/incidents/{incident.reference}")
    assert "<dt>Revisión humana</dt><dd>Ninguna</dd>" in html
    form = _page(client, f"/incidents/{incident.reference}/edit")
    assert '<option selected value="none">Ninguna</option>' in form
    assert ">Ninguno<" not in form
    text = flat(ask(client, incident).get_data())
    assert "Revisión humana Ninguna" in text and "Revisión humana Ninguno" not in text


def test_a_decimal_field_refuses_in_spanish_with_its_accent(
    client, signed_in, make_incident, session
):
    from tests.records_request_helpers import request_form

    user, _ = signed_in("caseworker")
    incident = make_incident(user)
    _spanish(client, "/records-requests/new")
    data = request_form(session, incident, fees="twelve")
    html = post_form(client, "/records-requests/new", data).get_data(as_text=True)
    assert "No es un número decimal válido." in html and "numero" not in html


def test_the_a_number_s_long_form_where_it_is_introduced(client, case):  # noqa: F811
    _spanish(client, f"/incidents/{case.reference}")
    form = _page(client, "/incidents/new")
    assert "Número de registro de extranjero (A-number)" in form
    assert ">Número A<" in form  # the field's own label stays short
    text = flat(ask(client, case).get_data())
    assert "Número de registro de extranjero (A-number)" in text


def test_the_case_header_and_the_score_in_spanish(client, signed_in, make_incident):
    """The header's date and time with the comma the rest of the page uses; a similarity
    score with the language's decimal mark, on the case page and in the dossier."""
    from datetime import time

    from tests.factories import incident_data

    user, _ = signed_in("lawyer")
    uses = incident_data()["frt_uses"]
    uses[0]["score"] = 86.3
    incident = make_incident(user, occurred_time=time(10, 5), frt_uses=uses)
    english = _page(client, f"/incidents/{incident.reference}")
    assert "(score 86.3)" in english  # English as before
    _spanish(client, f"/incidents/{incident.reference}")
    html = _page(client, f"/incidents/{incident.reference}")
    assert "12 sept 2025, 10:05 ·" in html and "(puntuación 86,3)" in html
    text = flat(ask(client, incident).get_data())
    assert "86,3" in text and "86.3" not in text
