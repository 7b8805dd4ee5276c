"""Dossiers in Spanish on request (issue 21): the case page's form asks for a version in a
language; a Spanish dossier's headings, labels, vocabulary values and dates are Spanish while
what was written in the case stays exactly as entered; a redacted Spanish dossier still hides
the names; the audit record says the language; English stays the default, and a language not
offered is a form error."""

from __future__ import annotations

import io
import json
import re

import pytest
from sqlmodel import select

from incidents.models import AuditEvent
from tests.conftest import fresh, post_form
from tests.test_dossier import NAMES, case, library_loaded  # noqa: F401
from tests.test_dossier_layout import pinned_case  # noqa: F401
from tests.test_redaction_review import pdftotext

NARRATIVE = "Rosa Delgado showed her birth certificate; José Núñez saw it all."


def ask(client, incident, version="full", language="es"):
    """Post the case page's dossier form (with the page's CSRF token)."""
    page = f"/incidents/{incident.reference}"
    return post_form(
        client,
        f"{page}/dossier",
        {"version": version, "language": language},
        token_from=page,
    )


def flat(pdf: bytes) -> str:
    """The PDF's text with line breaks and runs of spaces folded to one space."""
    return re.sub(r"\s+", " ", pdftotext(pdf))


def test_a_spanish_dossier_has_spanish_words_and_the_case_text_as_entered(client, case):  # noqa: F811
    response = ask(client, case)
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    assert f"{case.reference}-dossier-full-es.pdf" in response.headers["Content-Disposition"]
    text = flat(response.get_data())
    for heading in (
        "Expediente del caso",
        "Datos clave",
        "Cuándo y dónde",
        "Personas",
        "Reconocimiento facial",
        "Cronología",
        "Análisis de políticas",
        "Relato",
    ):
        assert heading in text, heading
    # vocabulary labels as the interface translates them, dates and figures in Spanish
    assert "Estatus legal Ciudadano estadounidense de nacimiento" in text
    assert "Tipo de encuentro Detención en la calle" in text
    assert "Sí — documento de ciudadanía: Acta de nacimiento" in text
    assert "Fundamento de la detención" in text and "Cita del texto original" in text
    assert (
        "12 de septiembre de 2025" in text and "18,5 (calculado a partir de la cronología)" in text
    )
    assert "Confidencial y privilegiado" in text and "página 1 de" in text
    # the English words are gone (the policy library's generated reasons aside, said so)
    for english in (
        "Key facts",
        "When and where",
        "Legal status",
        "Street stop",
        "Case dossier",
        "Privileged & confidential",
        "September",
        "Basis of the stop",
        "18.5",
        "citizenship document",
        "Quotation of",
        "Exhibit index",
        "page 1 of",
    ):
        assert english not in text, english
    assert "se imprimen tal como los redactó" in text and "Dirección no registrado" in text
    # what was written, and what the policies say, is printed exactly as entered
    assert NARRATIVE in text
    assert "“A warrant of arrest shall be obtained whenever possible prior to the arrest”" in text
    assert "Rosa Delgado Ibarra" in text and all(name in text for name in NAMES[:3])


def test_english_is_the_default_and_unchanged(client, case):  # noqa: F811
    text = flat(ask(client, case, language="en").get_data())
    assert "Key facts" in text and "US citizen by birth" in text and "12 September 2025" in text
    assert "Datos clave" not in text
    page = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert 'name="language"' in page and '<option selected value="en">' in page


def test_a_redacted_spanish_dossier_still_redacts(client, case):  # noqa: F811
    text = flat(ask(client, case, version="redacted").get_data())
    assert "Datos clave" in text and "Perfil: censurado" in text
    # people by their label in Spanish; the engine's marks in the text as reviewed (the cover
    # says they are English)
    assert " Cliente Estatus legal " in text and " Testigo 1 Estatus legal " in text
    assert "Sujeto (cliente)" not in text and "Testigo 1 (Testigo)" not in text
    assert "[Client] showed her birth certificate" in text and "marcas en inglés" in text
    for secret in ("Rosa", "Delgado", "Ibarra", "A123456789", "rosa@example.org", "Pulaski"):
        assert secret not in text, secret
    for name in NAMES:
        assert name not in text and name.split()[0] not in text, name


def test_the_audit_record_says_the_language(client, case, session):  # noqa: F811
    ask(client, case, version="redacted_unnamed")
    client.get(f"/incidents/{case.reference}/dossier.pdf")
    rows = fresh(session).exec(
        select(AuditEvent).where(AuditEvent.action == "dossier_generated").order_by(AuditEvent.id)
    )
    details = [json.loads(event.details) for event in rows]
    assert [(d["profile"], d["language"]) for d in details] == [("redacted", "es"), ("full", "en")]


@pytest.mark.parametrize("language", ["fr", "", "es-MX", "<script>"])
def test_a_language_not_offered_is_a_form_error(client, case, language):  # noqa: F811
    response = ask(client, case, language=language)
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert (
        'id="dossier-language-error"' in page
        and '<details class="panel dossier-form" open>' in page
    )


def test_the_form_needs_its_csrf_token(client, case):  # noqa: F811
    response = client.post(
        f"/incidents/{case.reference}/dossier", data={"version": "full", "language": "es"}
    )
    assert response.status_code == 400 and response.mimetype != "application/pdf"


def test_the_service_refuses_an_unknown_language(app, case, session):  # noqa: F811
    from incidents.dossier.services import generate

    with app.app_context(), pytest.raises(ValueError, match="unknown language"):
        generate(session=session, actor=None, incident=case, profile="full", language="fr")


def test_the_command_writes_a_spanish_dossier(runner, case, tmp_path):  # noqa: F811
    target = tmp_path / "dossier.pdf"
    args = ["dossier", case.reference, "-o", str(target), "--language", "es"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0 and "(full, in es)" in result.output, result.output
    assert "Datos clave" in flat(target.read_bytes())
    bad = runner.invoke(args=[*args[:-1], "fr"])
    assert bad.exit_code != 0 and "fr" in bad.output


def test_the_dossier_language_is_not_the_interface_language(client, case, session):  # noqa: F811
    """A Spanish-speaking user reads the case page in Spanish, and still gets the English
    dossier unless they ask for Spanish; the page's form is in Spanish too."""
    from incidents.models import User

    user = session.exec(select(User).where(User.id == case.created_by_id)).one()
    user.language = "es"
    session.add(user)
    session.commit()
    page = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert "Expediente en inglés o en español" in page and "Idioma del expediente" in page
    assert '<option selected value="en">Inglés</option>' in page
    english = flat(client.get(f"/incidents/{case.reference}/dossier.pdf").get_data())
    assert "Key facts" in english and "12 September 2025" in english
    assert "Datos clave" not in english and "septiembre" not in english
    assert "Datos clave" in flat(ask(client, case).get_data())
    after = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert "Datos clave" in after  # the page's own language is back after a Spanish dossier


def test_the_legal_work_section_in_spanish(client, case):  # noqa: F811
    rule = "Scheduling order of the court"
    post_form(
        client,
        f"/incidents/{case.reference}/deadlines/new",
        {"kind": "hearing", "due_on": "2027-01-15", "rule": rule},
    )
    text = flat(ask(client, case).get_data())
    section = text.split("Reclamaciones, plazos y solicitudes de registros")[1]
    assert "Otros plazos Plazo Fecha Situación Norma" in section
    assert f"Audiencia 15 ene 2027 abierto Introducido: {rule}" in section  # the rule as typed


def test_pins_hours_and_the_document_in_spanish(client, pinned_case):  # noqa: F811
    """What an exhibit is pinned to, the timeline's times and hours (a decimal comma) as the
    dossier's other dates and figures, the PDF's declared language and title; locators as
    typed."""
    from pypdf import PdfReader

    pdf = ask(client, pinned_case).get_data()
    text = flat(pdf)
    index = text[text.index("Índice de anexos") :]
    assert "Vinculado a: Cronología 1: Detención, 12 sept 2025, 08:00 (p. 3)" in index
    assert "Vinculado a: Documento 1: Acta de nacimiento" in index
    assert "12 sept 2025, 09:00 13 sept 2025, 02:30 17,5" in text
    assert "Pinned to" not in text and "Timeline 1" not in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "es-US"
    assert reader.metadata.title == f"Expediente del caso {pinned_case.reference}"
