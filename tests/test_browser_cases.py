"""End to end in Chromium: a caseworker records an incident with an agent, an FRT use (scanned by
that agent), a document and two timeline events, finds it by filtering on the FRT system, and
reads the key facts."""

from __future__ import annotations

import pytest

from tests.browser_helpers import shot, signed_in_page

pytestmark = pytest.mark.browser


def test_caseworker_records_and_finds_an_incident(app, live_server, browser, make_user):
    user, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, user, password)
    page.get_by_role("link", name="New incident", exact=True).first.click()
    page.wait_for_url("**/incidents/new")

    page.get_by_label("Date of the incident").fill("2025-09-12")
    page.get_by_label("City").first.fill("Chicago")
    page.locator("#state").select_option("IL")
    page.get_by_label("Type of encounter").select_option("street_stop")
    page.get_by_label("ICE Enforcement and Removal Operations (ERO)").check()
    page.locator("#people-0-full_name").fill("Marisol Quintero Vega")
    page.locator("#people-0-legal_status").select_option("us_citizen_birth")
    page.locator("#frt_uses-0-system").select_option("mobile_fortify")
    page.locator("#frt_uses-0-treated_as").select_option("definitive_id")
    page.locator("#frt_uses-0-sole_basis").select_option("yes")
    page.locator("#frt_uses-0-human_review").select_option("none")

    page.get_by_role("button", name="Add an agent").click()
    page.locator("#agents-0-name").fill("Officer D. Kowalczyk")
    page.locator("#agents-0-masked").select_option("yes")
    page.locator("#frt_uses-0-scanned_by").select_option(label="Agent 1")  # the new row
    page.get_by_role("button", name="Add a document").click()
    assert page.locator("#people-0-full_name").input_value() == "Marisol Quintero Vega"
    page.locator("#documents-0-document_type").select_option("birth_certificate")
    page.locator("#documents-0-presented_by").select_option(label="Marisol Quintero Vega")
    page.locator("#documents-0-agent_response").select_option("ignored")
    page.get_by_role("button", name="Add a timeline event").click()
    page.get_by_role("button", name="Add a timeline event").click()
    page.locator("#timeline-0-kind").select_option("detention_start")
    page.locator("#timeline-0-starts_at").fill("2025-09-12T08:00")
    page.locator("#timeline-1-kind").select_option("release")
    page.locator("#timeline-1-starts_at").fill("2025-09-13T02:30")
    page.get_by_label("What happened, in the client's words and ours").fill(
        "Stopped on her way to work; an agent scanned her face and said the app was never wrong."
    )
    shot(page, "incident-form")
    page.get_by_role("button", name="Save incident").click()

    page.wait_for_url("**/incidents/*-2025-0001")
    facts = page.locator(".keyfacts").inner_text()
    shot(page, "case-page")
    assert "Mobile Fortify" in facts
    assert "18.5" in facts and "computed from the timeline" in facts
    assert "citizenship document: Birth certificate" in facts
    assert "Agent 1 (Officer D. Kowalczyk)" in page.locator("#agents").inner_text()
    scan = page.locator("dt", has_text="Scanned by").locator("xpath=following-sibling::dd[1]")
    assert scan.inner_text() == "Agent 1 (Officer D. Kowalczyk)"
    reference = page.locator("h1").inner_text().strip()

    page.get_by_role("link", name="Incidents", exact=True).click()
    page.get_by_text("Filters", exact=True).click()
    page.locator("#frt_system").select_option("mobile_fortify")
    page.get_by_role("button", name="Apply").click()
    assert "frt_system=mobile_fortify" in page.url
    assert page.get_by_role("link", name=reference).count() == 1
    page.locator("#frt_system").select_option("clearview_ai")
    page.get_by_role("button", name="Apply").click()
    assert page.get_by_role("link", name=reference).count() == 0
    shot(page, "list")


def test_caseworker_uploads_a_photo_and_sees_preview_hash_and_custody(
    app,
    live_server,
    browser,
    make_user,
    make_incident,
    tmp_path,
):
    import hashlib

    from tests.factories import jpeg_bytes

    user, password = make_user("caseworker")
    incident = make_incident(user)
    photo = tmp_path / "street-stop.jpg"
    photo.write_bytes(jpeg_bytes(size=(640, 480)))
    page = signed_in_page(browser, live_server, user, password)
    page.goto(f"{live_server}/incidents/{incident.reference}")
    page.get_by_role("link", name="Add evidence").click()
    page.get_by_label("Files").set_input_files(str(photo))
    page.locator("#kind").select_option("photo")
    page.locator("#provenance").fill("Taken by a bystander on her phone; sent by Signal.")
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(f"**/incidents/{incident.reference}*")
    assert "1 file received and hashed." in page.content()
    page.get_by_role("link", name="street-stop.jpg").click()
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert digest in page.content()
    preview = page.get_by_alt_text("Preview of street-stop.jpg")
    preview.wait_for(state="visible")  # the image arrives after the page (its fetch is audited)
    loaded = "img => img.complete && img.naturalWidth > 0"
    page.wait_for_function(loaded, arg=preview.element_handle(), timeout=10_000)
    custody = page.locator("table").last.inner_text()
    assert "Received" in custody and "Viewed" in custody
    assert "GPS position in the file" in page.content()
    shot(page, "evidence-page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download original").click()
    saved = tmp_path / "downloaded.jpg"
    download_info.value.save_as(saved)
    assert saved.read_bytes() == photo.read_bytes()


def test_lawyer_confirms_a_suggested_violation(
    app, live_server, browser, make_user, make_incident, library
):
    from sqlmodel import select

    from incidents.models import Agency

    ice = library.exec(select(Agency).where(Agency.code == "ice_ero")).one()
    lawyer, password = make_user("lawyer")
    incident = make_incident(lawyer, agency_ids=[ice.id])
    page = signed_in_page(browser, live_server, lawyer, password)
    page.goto(f"{live_server}/incidents/{incident.reference}")
    section = page.locator("#policy-analysis")
    assert "Use of Face Recognition and Face Capture Technologies" in section.inner_text()
    card = section.locator(".row-card", has_text="cannot be used as the sole basis")
    assert (
        "Violated — FRT use 1 (Mobile Fortify (ICE/CBP app)) was recorded as the sole basis"
        in card.inner_text()
    )
    assert "Colorado" not in section.inner_text()
    card.get_by_text("Confirm or override").click()
    assert card.get_by_label("Assessment").input_value() == "violated"  # the suggestion
    card.get_by_label("Reasoning").fill(
        "The agent relied on the app alone and ignored her birth certificate."
    )
    card.get_by_role("button", name="Save assessment").click()
    page.wait_for_load_state()
    card = page.locator("#policy-analysis .row-card", has_text="cannot be used as the sole basis")
    text = card.inner_text()
    assert "Decision: Violated" in text and "relied on the app alone" in text
    shot(page, "policy-analysis")


def test_lawyer_downloads_the_dossier_from_the_case_page(
    app, live_server, browser, make_user, make_incident, make_evidence, tmp_path
):
    import io

    from pypdf import PdfReader

    lawyer, password = make_user("lawyer")
    incident = make_incident(lawyer)
    make_evidence(lawyer, incident)
    page = signed_in_page(browser, live_server, lawyer, password)
    page.goto(f"{live_server}/incidents/{incident.reference}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Dossier (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"{incident.reference}-dossier-full.pdf"
    target = tmp_path / "dossier.pdf"
    download.save_as(target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Key facts" in text and f"{incident.reference}-EX-001" in text
    assert "Rosa Delgado Ibarra" in text


def test_researcher_downloads_the_csv_and_its_dictionary(
    app, live_server, browser, make_user, runner, tmp_path
):
    runner.invoke(args=["create-org", "Research Org", "--code", "RES"])
    runner.invoke(args=["seed-demo", "--incidents", "1000", "--org", "Research Org"])
    researcher, password = make_user("researcher", org="Research Org")
    page = signed_in_page(browser, live_server, researcher, password)
    page.get_by_role("link", name="Research data").first.click()
    # time matters most to this study: ranked first
    page.get_by_label("Rank of time").select_option("1")
    page.get_by_role("button", name="Find releases").click()
    assert "Disclosure report" in page.content()
    releases = page.locator("#releases tbody tr")
    assert releases.count() >= 2
    best = releases.first.locator("td").first.inner_text()
    assert best in ("month", "quarter", "year")  # the release that loses least keeps time
    page.get_by_role("link", name="Choose release 2").click()
    assert "Chosen" in page.locator("#releases tbody tr").nth(1).inner_text()
    assert "Keeps:" in page.locator("#report").inner_text()
    with page.expect_download() as csv_info:
        page.get_by_role("link", name="Download CSV").click()
    target = tmp_path / "export.csv"
    csv_info.value.save_as(target)
    assert target.read_text().startswith("row_id,period,age_band,")
    with page.expect_download() as dictionary_info:
        page.get_by_role("link", name="Download data dictionary").click()
    dictionary = tmp_path / "dictionary.csv"
    dictionary_info.value.save_as(dictionary)
    assert "quasi_identifier" in dictionary.read_text()
    shot(page, "research")


def test_caseworker_imports_the_template_and_opens_the_new_case(
    app, live_server, browser, make_user, tmp_path
):
    caseworker, password = make_user("caseworker")
    page = signed_in_page(browser, live_server, caseworker, password)
    page.get_by_role("link", name="Import", exact=True).click()
    with page.expect_download() as template_info:
        page.get_by_role("link", name="template").click()
    template = tmp_path / "template.csv"
    template_info.value.save_as(template)
    assert template.read_text(encoding="utf-8").startswith("reference,occurred_on,")
    page.get_by_label("CSV file (UTF-8)").set_input_files(str(template))
    page.get_by_role("button", name="Check file").click()
    assert "1 row, all valid" in page.locator("#import-verdict").inner_text()
    page.get_by_role("button", name="Import 1 row").click()
    assert "Imported 1 incident" in page.locator("#import-verdict").inner_text()
    shot(page, "import-done")
    page.locator("#import-verdict ~ p a").first.click()
    page.wait_for_url("**/incidents/*")
    text = page.content()
    assert "Rosa Delgado Ibarra" in text and "Mobile Fortify" in text
    assert "/import" not in page.url

    # the group's timeline spreadsheet for that case, keyed by its reference
    reference = page.locator("h1").inner_text().split()[0]
    page.get_by_role("link", name="Import", exact=True).click()
    with page.expect_download() as rows_info:
        page.get_by_role("link", name="timeline events").click()
    timeline = tmp_path / "timeline.csv"
    rows_info.value.save_as(timeline)
    header = timeline.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("reference,kind,starts_at,")
    timeline.write_text(
        "reference,kind,starts_at,place_type,facility\r\n"
        f"{reference},detention_start,2025-06-03 09:00,processing_center,Broadview\r\n"
        f"{reference},transfer,6/3/2025 9:30 PM,county_jail,Kankakee County Jail\r\n"
        f"{reference},release,2025-06-04 11:00,,\r\n",
        encoding="utf-8",
    )
    page.get_by_label("The file holds").select_option("timeline")
    page.get_by_label("CSV file of rows (UTF-8)").set_input_files(str(timeline))
    page.get_by_role("button", name="Check rows").click()
    assert "would add 3 timeline events to 1 incident" in page.locator("#rows-verdict").inner_text()
    page.get_by_role("button", name="Add 3 rows").click()
    assert "Added 3 timeline events" in page.locator("#rows-verdict").inner_text()
    page.locator("#rows-import a", has_text=reference).click()
    page.wait_for_url(f"**/incidents/{reference}")
    chain = page.locator("#custody-chain ~ .table-wrap").inner_text()
    assert "Broadview" in chain and "Kankakee County Jail" in chain
    shot(page, "import-rows-custody")
