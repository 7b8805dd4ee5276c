"""Helpers of the records-request tests: the form as a person fills it in."""

from __future__ import annotations

from sqlmodel import select

from incidents.models import Agency, RecordsRequest
from tests.conftest import fresh, post_form


def agency_id(session, code: str = "ice_ero") -> int:
    """The id of a seeded agency."""
    return session.exec(select(Agency.id).where(Agency.code == code)).one()


def request_form(session, *incidents, **changes) -> dict:
    """A federal FOIA request to ICE about these incidents, sent 10 Nov 2025 and received
    17 Nov 2025 (a Monday), as the form posts it."""
    data = {
        "kind": "foia",
        "agency_id": str(agency_id(session)),
        "component": "ICE FOIA Office",
        "subject": "All records of the face scan of the client on 12 September 2025.",
        "incidents": ", ".join(i.reference for i in incidents),
        "sent_on": "2025-11-10",
        "received_on": "2025-11-17",
        "tracking_number": "2026-ICFO-01234",
        "extension_days": "0",
        "due_on": "",
        "due_rule": "",
        "status": "acknowledged",
        "status_on": "2025-11-18",
        "fees": "",
        "notes": "",
    }
    data.update(changes)
    return data


def file_request(client, session, *incidents, **changes) -> RecordsRequest:
    """Record a request through the new-request form; returns it as stored."""
    response = post_form(
        client, "/records-requests/new", request_form(session, *incidents, **changes)
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return fresh(session).exec(select(RecordsRequest).order_by(RecordsRequest.id.desc())).first()
