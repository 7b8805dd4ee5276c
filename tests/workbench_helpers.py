"""Test helpers for the workbench: review moves and assignments made through the records
operations, as the workflow makes them (committed; the incident is read afresh first)."""

from __future__ import annotations


def review_moves(app, session, incident, actor, *actions, comment=None) -> None:
    """Make review moves on an incident as `actor` (e.g. "submitted", "verified"), committed."""
    from incidents.models import Incident
    from incidents.records import review

    session.rollback()  # a write must not follow a stale read snapshot (SQLite)
    with app.test_request_context():
        incident = session.get(Incident, incident.id)
        for action in actions:
            review.move(session, actor=actor, incident=incident, action=action, comment=comment)
        session.commit()


def assign(app, session, incident, *, caseworker=None, lawyer=None, actor=None) -> None:
    """Assign an incident's caseworker and lawyer (as `actor`; nobody: an administrator's
    rights), committed."""
    from incidents.models import Incident
    from incidents.records import review

    session.rollback()
    with app.test_request_context():
        incident = session.get(Incident, incident.id)
        review.assign(session, actor=actor, incident=incident, caseworker=caseworker, lawyer=lawyer)
        session.commit()
