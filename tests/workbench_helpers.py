"""Test helpers for the workbench: review moves made through the records operations."""

from __future__ import annotations


def review_moves(app, session, incident, actor, *actions, comment=None) -> None:
    """Make review moves on an incident as `actor` (e.g. "submitted", "verified"), committed."""
    from incidents.records import review

    with app.test_request_context():
        for action in actions:
            review.move(session, actor=actor, incident=incident, action=action, comment=comment)
        session.commit()


def assign(app, session, incident, *, caseworker=None, lawyer=None) -> None:
    """Assign an incident's caseworker and lawyer, committed."""
    from incidents.records import review

    with app.test_request_context():
        review.assign(session, actor=None, incident=incident, caseworker=caseworker, lawyer=lawyer)
        session.commit()
