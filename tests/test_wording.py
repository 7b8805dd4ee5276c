"""Words and formats a reader meets: plurals, camera times as dates, field names not codes."""

from __future__ import annotations

from incidents.templating import exif_time
from incidents.wording import plural


def test_one_is_singular_and_thousands_are_grouped():
    assert plural(1, "incident") == "1 incident"
    assert plural(0, "incident") == "0 incidents"
    assert plural(12345, "event") == "12,345 events"
    assert plural(2, "person") == "2 people"


def test_camera_times_read_as_dates():
    assert exif_time("2025:10:14 08:03:11") == "14 Oct 2025, 08:03:11"
    assert exif_time(None) == "not recorded"
    assert exif_time("garbled") == "garbled"


def test_the_evidence_page_shows_the_camera_time_as_a_date(client, case, caseworker, make_evidence):
    item = make_evidence(caseworker, case)
    page = client.get(f"/evidence/{item.id}").get_data(as_text=True)
    assert "12 Sep 2025, 08:03:11" in page and "2025:09:12" not in page


def test_every_date_is_typed_the_same_way(client, caseworker, case):
    for path in ("/incidents/new", f"/incidents/{case.reference}/evidence/new", "/incidents"):
        html = client.get(path).get_data(as_text=True)
        assert 'type="date"' not in html, path
    form = client.get("/incidents/new").get_data(as_text=True)
    assert 'id="people-0-date_of_birth" inputmode="numeric"' in form or (
        'name="people-0-date_of_birth"' in form and 'placeholder="YYYY-MM-DD"' in form
    )
