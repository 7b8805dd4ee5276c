"""The custody chain (issue 15, point 6): where a detained person was held and for how long,
from the timeline — computed, shown on the case page and in the dossier, and seeded in demo
data with a transfer between two facilities."""

from __future__ import annotations

import io
from datetime import datetime
from types import SimpleNamespace

from pypdf import PdfReader
from sqlmodel import select

from incidents.models import Incident, TimelineEvent
from incidents.records.custody_chain import custody_chain, hours_by_place
from tests.case_forms import submit_new
from tests.conftest import fresh


def event(kind, when, place_type=None, facility=None):
    return SimpleNamespace(
        kind=kind, starts_at=datetime.fromisoformat(when), place_type=place_type, facility=facility
    )


def test_stays_end_at_a_transfer_or_a_release_and_add_up_per_place():
    stays = custody_chain(
        [
            event("stop", "2025-09-12T07:45"),
            event("detention_start", "2025-09-12T08:00", "processing_center", "Broadview"),
            event("questioning", "2025-09-12T09:00", "processing_center", "Broadview"),
            event("transfer", "2025-09-12T20:00", "county_jail", "Kankakee County Jail"),
            event("transfer", "2025-09-13T08:00", "processing_center", "Broadview"),
            event("release", "2025-09-13T10:30"),
            event("hearing", "2025-10-01T09:00", "court", None),  # not detained: no stay
        ]
    )
    assert [(s.place, s.hours) for s in stays] == [
        ("Broadview", 12.0),
        ("Kankakee County Jail", 12.0),
        ("Broadview", 2.5),
    ]
    assert hours_by_place(stays) == [("Broadview", 14.5), ("Kankakee County Jail", 12.0)]


def test_a_kind_of_place_stands_in_for_an_unnamed_facility_and_an_open_stay_has_no_hours():
    stays = custody_chain([event("detention_start", "2025-09-12T08:00", "field_office")])
    assert [(s.place, s.hours) for s in stays] == [("A field office", None)]
    assert hours_by_place(stays) == [("A field office", None)]


CHAIN = {
    "timeline-0-kind": "detention_start",
    "timeline-0-starts_at": "2025-09-12T08:00",
    "timeline-0-place_type": "processing_center",
    "timeline-0-facility": "Broadview Processing Center",
    "timeline-1-kind": "transfer",
    "timeline-1-starts_at": "2025-09-12T20:00",
    "timeline-1-place_type": "county_jail",
    "timeline-1-facility": "Kankakee County Jail",
    "timeline-2-kind": "release",
    "timeline-2-starts_at": "2025-09-13T02:30",
}


def test_the_case_page_and_the_dossier_show_hours_in_each_place(client, signed_in, session):
    signed_in("lawyer")
    assert submit_new(client, **CHAIN).status_code == 302
    incident = fresh(session).exec(select(Incident)).one()
    stored = fresh(session).exec(select(TimelineEvent).order_by(TimelineEvent.starts_at)).all()
    assert [e.facility for e in stored] == [
        "Broadview Processing Center",
        "Kankakee County Jail",
        None,
    ]
    page = client.get(f"/incidents/{incident.reference}").get_data(as_text=True)
    assert "Hours in each place: Broadview Processing Center 12.0; Kankakee County Jail 6.5" in page
    assert "18.5" in page  # hours detained, still computed from the timeline
    pdf = client.get(f"/incidents/{incident.reference}/dossier.pdf?profile=redacted")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.get_data())).pages
    )
    assert "Custody chain" in text
    assert "Hours in each place: Broadview Processing Center 12.0; Kankakee County Jail 6.5" in text


def test_demo_data_has_a_transfer_between_two_facilities(runner, session):
    from tests.test_demo_data import seeded

    session = seeded(runner, session, count=40)
    chains = {}
    for e in session.exec(select(TimelineEvent).order_by(TimelineEvent.starts_at)).all():
        chains.setdefault(e.incident_id, []).append(e)
    places = [{s.place for s in custody_chain(events)} for events in chains.values()]
    assert any(len(p) >= 2 for p in places)


def test_hours_before_the_first_named_place_count_and_a_hearing_is_a_visit():
    stays = custody_chain(
        [
            event("detention_start", "2025-09-12T10:00"),
            event("transfer", "2025-09-12T12:00", "county_jail", "Kankakee County Jail"),
            event("hearing", "2025-09-13T15:00", "court", "Immigration court"),
            event("release", "2025-09-14T12:00"),
        ]
    )
    assert [(s.place, s.hours) for s in stays] == [
        ("place not recorded", 2.0),
        ("Kankakee County Jail", 48.0),
    ]
    # no place named anywhere: no chain (the hours detained say it all)
    plain = [event("detention_start", "2025-09-12T10:00"), event("release", "2025-09-12T18:00")]
    assert custody_chain(plain) == []
