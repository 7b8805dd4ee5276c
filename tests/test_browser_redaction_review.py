"""End to end in Chromium: a lawyer opens a case, reviews its redaction (sees what is hidden and
why), restores a false positive, hides a workplace nobody recorded, records the review, and
downloads the redacted dossier, which says so on its cover."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser_helpers import shot, signed_in_page
from tests.test_redaction_review import pdftotext

pytestmark = pytest.mark.browser

NARRATIVE = (
    "Rosa Delgado was stopped outside 1200 W Harrison St, a public clinic. She works at "
    "Panaderia Lupita. Agents scanned her face with Mobile Fortify."
)


def test_lawyer_reviews_the_redaction_and_the_dossier_says_so(
    live_server, browser, make_user, make_incident, tmp_path
):
    lawyer, password = make_user("lawyer", display_name="Ana Abogada")
    incident = make_incident(lawyer, narrative=NARRATIVE)
    page = signed_in_page(browser, live_server, lawyer, password)
    page.goto(f"{live_server}/incidents/{incident.reference}")
    page.get_by_role("link", name="Review redaction").click()
    page.wait_for_url(f"**/incidents/{incident.reference}/redaction")

    narrative = page.locator("#field-narrative")
    assert narrative.locator("mark.redaction", has_text="Rosa Delgado").count() == 1
    assert narrative.locator("mark.redaction", has_text="1200 W Harrison St").count() == 1
    assert "Mobile Fortify" in narrative.locator(".redaction-text").inner_text()
    assert "Redaction not reviewed" in page.locator("main").inner_text()
    shot(page, "redaction-review")

    narrative.locator("summary").click()
    finding = narrative.locator("li", has_text="1200 W Harrison St")
    finding.get_by_label("Why it is not an identifier").fill("The clinic's public address")
    finding.get_by_role("button", name="Restore").click()
    page.wait_for_url("**/redaction#decisions")
    assert "Restored: it will print as written." in page.locator("main").inner_text()
    assert page.locator("#field-narrative mark.restored").inner_text() == "1200 W Harrison St"

    page.get_by_label("Words to hide").fill("Panaderia Lupita")
    page.get_by_label("Why hide them").fill("Her workplace: she could be found there")
    page.get_by_role("button", name="Hide everywhere").click()
    page.wait_for_url("**/redaction#decisions")
    assert page.locator("#field-narrative mark.redaction", has_text="Panaderia Lupita").count() == 1

    page.get_by_role("button", name="I reviewed this redaction").click()
    page.wait_for_url(f"**/incidents/{incident.reference}/redaction")
    assert "Redaction reviewed by Ana Abogada" in page.locator("main").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Redacted dossier").click()
    path = tmp_path / "redacted.pdf"
    download.value.save_as(path)
    text = pdftotext(path.read_bytes())
    assert "Redaction reviewed by Ana Abogada" in text
    assert "[Client] was stopped outside 1200 W Harrison St, a public clinic." in text
    assert "She works at [redacted]." in " ".join(text.split())
    assert "Rosa" not in text and "Lupita" not in text
    assert subprocess.run(["pdfinfo", str(path)], capture_output=True).returncode == 0
