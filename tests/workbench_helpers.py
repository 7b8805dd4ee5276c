"""Test helpers for the workbench: review moves made through the records operations."""

from __future__ import annotations


def review_moves(app, session, incident, actor, *actions, comment=None) -> None:
    """Make review moves on an incident as `actor` (e.g. "submitted", "verified"), committed."""
    from incidents.records import review

    with app.test_request_context():
        for action in actions:
            review.move(session, actor=actor, incident=incident, action=action, comment=comment)
        session.commit()
