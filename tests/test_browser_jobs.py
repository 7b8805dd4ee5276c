"""End to end in Chromium: a lawyer ticks two incidents on the list, asks for a bundle of their
dossiers, watches the job's page follow the job (a real huey consumer runs it) and downloads
the ZIP."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from tests.browser_helpers import shot, signed_in_page

pytestmark = pytest.mark.browser


def test_a_bundle_from_the_list_to_the_download(
    app, live_server, browser, make_user, make_incident, job_consumer
):
    user, password = make_user("lawyer")
    incidents = [make_incident(user) for _ in range(2)]
    page = signed_in_page(browser, live_server, user, password)
    page.goto(live_server + "/incidents")
    for incident in incidents:
        page.get_by_label(f"Select {incident.reference} for a bundle of dossiers").check()
    page.get_by_label("Version").select_option("redacted")
    page.get_by_role("button", name="Make a bundle").click()
    page.wait_for_url("**/jobs/*")
    link = page.get_by_role("link", name="Download the result")
    link.wait_for(timeout=60_000)  # the page follows the job and reloads when it ends
    assert "2 of 2" in page.locator("#job").inner_text()
    shot(page, "job-done")
    with page.expect_download() as waiting:
        link.click()
    download = waiting.value
    data = Path(download.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = list(csv.DictReader(io.StringIO(archive.read("MANIFEST.csv").decode())))
        assert sorted(row["file"] for row in manifest) == sorted(
            f"{i.reference}-dossier-redacted.pdf" for i in incidents
        )
        for row in manifest:
            assert hashlib.sha256(archive.read(row["file"])).hexdigest() == row["sha256"]
    assert download.suggested_filename.endswith("-dossiers.zip")
