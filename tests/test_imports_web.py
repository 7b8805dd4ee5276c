"""Spreadsheet import through the web page: check, confirm, refusals, template and guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidents.imports.guide import template_csv
from incidents.models import Incident
from tests.conftest import post_form
from tests.import_files import count, minimal, upload, write_csv


def test_web_import_checks_then_imports(client, signed_in, session, tmp_path):
    signed_in("caseworker")
    template = client.get("/import/template.csv")
    assert template.status_code == 200 and template.data.decode() == template_csv()
    guide = client.get("/import/guide").get_data(as_text=True)
    assert "birth_certificate" in guide and "ICE Enforcement" in guide
    checked = upload(
        client, write_csv(tmp_path / "w.csv", [minimal(), minimal(state="ZZ")]).read_bytes()
    )
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "row" not in checked.request.url
    assert "Unknown value" in page and ">3<" in page and count(session, Incident) == 0
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    refused = post_form(client, "/import/confirm", {"token": token}, token_from="/import")
    assert refused.status_code == 422 and count(session, Incident) == 0
    done = post_form(
        client, "/import/confirm", {"token": token, "skip_invalid": "y"}, token_from="/import"
    )
    assert done.status_code == 200 and "Imported 1 incident" in done.get_data(as_text=True)
    assert count(session, Incident) == 1
    again = post_form(client, "/import/confirm", {"token": token}, token_from="/import")
    assert again.status_code == 409 and count(session, Incident) == 1
    same = upload(client, (tmp_path / "w.csv").read_bytes()).get_data(as_text=True)
    assert "This same file (SHA-256) was imported on" in same


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "occurred_on,state,encounter_type\n2025-01-01,TX,Peñasco\n".encode("latin-1"),
            "not UTF-8",
        ),
        (b"occurred_on,state,colour\n2025-01-01,TX,red\n", "Unknown column(s): &#39;colour&#39;"),
        (b"occurred_on,state,encounter_type\n" + b"2025-01-01,TX,checkpoint\n" * 200, "Split it"),
    ],
)
def test_web_bad_files_get_a_report_and_change_nothing(
    app, client, signed_in, session, content, message
):
    signed_in("caseworker")
    app.config["IMPORT_MAX_BYTES"] = 4096
    response = upload(client, content)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page and "Traceback" not in page
    assert "Import 0" not in page and 'name="token"' not in page
    assert count(session, Incident) == 0
    assert not list((Path(app.config["IMPORT_DIR"])).glob("*.csv"))  # nothing kept


def test_web_upload_over_the_request_limit_is_refused_in_words(app, client, signed_in, session):
    signed_in("caseworker")
    app.config["IMPORT_MAX_BYTES"] = 0  # the request may then hold 1 MB at most
    content = b"occurred_on,state,encounter_type\n" + b"2025-01-01,TX,checkpoint\n" * 60000
    response = upload(client, content)
    assert response.status_code == 413
    assert "split the spreadsheet" in response.get_data(as_text=True)
    assert count(session, Incident) == 0
