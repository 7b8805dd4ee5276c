"""Demo data for the team's workbench: assignments, review moves (some cases returned with a
comment), legal actions whose deadlines fall overdue, this week and later (relative to today),
and deadlines entered with a rule. Synthetic: comments and rules say they are demo values."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from sqlmodel import Session, select

from incidents import clock
from incidents.claims import services as claims
from incidents.demo import requests
from incidents.models import Incident, Organization, ReviewEvent, User
from incidents.records import review

RETURN_COMMENTS = (
    "Add the time of release from the I-213 (demo comment).",
    "Which document did the client show first? Check the timeline (demo comment).",
    "The agency of the second officer is missing (demo comment).",
)
# (kind, status, accrual offset, filing offset, denial offset) in days from today; None: not yet
FTCA_CASES = (
    ("planned", -730 + 5, None, None),  # presentment due in 5 days
    ("planned", -730 - 3, None, None),  # presentment overdue by 3 days
    ("planned", -730 + 21, None, None),  # due in three weeks
    ("filed", -400, -180 + 12, None),  # may treat silence as denial in 12 days
    ("denied", -500, -300, -182 + 4),  # suit due in about 4 days
)


def _staff(session, organization, role) -> list[User]:
    return session.exec(
        select(User)
        .where(User.organization_id == organization.id, User.role == role, User.active)
        .order_by(User.id)
    ).all()


def seed_workbench(session: Session, organization: Organization, seed: int) -> int:
    """Assign, review and bring claims on the organization's demo incidents; returns how many
    legal actions were recorded (0 when the organization has no caseworker or lawyer)."""
    caseworkers, lawyers = (
        _staff(session, organization, "caseworker"),
        _staff(session, organization, "lawyer"),
    )
    if not caseworkers or not lawyers:
        return 0
    rng = random.Random(seed * 7919 + 17)
    incidents = session.exec(
        select(Incident)
        .where(Incident.organization_id == organization.id, Incident.archived_at.is_(None))
        .order_by(Incident.id)
    ).all()
    _review(session, incidents, caseworkers, lawyers, rng)
    actions = _claims(session, incidents, lawyers[0], rng)
    theirs = [i for i in incidents if i.assigned_lawyer_id == lawyers[0].id]
    requests.seed_requests(session, lawyers[0], theirs[len(FTCA_CASES) + 3 :])
    return actions


def _review(session, incidents, caseworkers, lawyers, rng) -> None:
    rows, events = [], []
    for n, incident in enumerate(incidents):
        caseworker = caseworkers[0] if n % 3 == 0 else rng.choice([None, *caseworkers])
        lawyer = lawyers[0] if n % 4 == 0 else rng.choice([None, *lawyers])
        status = incident.documentation_status
        if status != "draft" and lawyer is None:
            lawyer = rng.choice(lawyers)
        now = datetime.now(UTC) - timedelta(hours=12)
        at = datetime.combine(incident.occurred_on, time(12), tzinfo=UTC) + timedelta(
            days=rng.randint(3, 40)
        )
        at = min(at, now - timedelta(days=2))  # moves happened, never in the future
        submitter = caseworker or caseworkers[0]
        if status != "draft" or n % 10 == 1:
            events.append(_event(incident, "submitted", "draft", "under_review", submitter, at))
        if status == "verified":
            later = min(at + timedelta(days=rng.randint(1, 9)), now)
            events.append(_event(incident, "verified", "under_review", "verified", lawyer, later))
        elif status == "draft" and n % 10 == 1:
            comment = rng.choice(RETURN_COMMENTS)
            later = min(at + timedelta(days=2), now)
            events.append(
                _event(incident, "returned", "under_review", "draft", lawyer or lawyers[0], later)
            )
            events[-1].comment = comment
        rows.append(
            {
                "incident_id": incident.id,
                "caseworker_id": getattr(caseworker, "id", None),
                "lawyer_id": getattr(lawyer, "id", None),
                "verified_by_id": events[-1].actor_id if status == "verified" else None,
                "verified_at": events[-1].occurred_at if status == "verified" else None,
            }
        )
    review.set_assignments(session, rows)
    session.add_all(events)
    session.commit()
    session.expire_all()  # the assignments were written in bulk


def _event(incident, action, before, after, actor, at) -> ReviewEvent:
    return ReviewEvent(
        organization_id=incident.organization_id,
        incident_id=incident.id,
        action=action,
        from_status=before,
        to_status=after,
        actor_id=actor.id,
        occurred_at=at,
    )


def _claims(session, incidents, lawyer, rng) -> int:
    today = clock.today()
    chosen = [i for i in incidents if i.assigned_lawyer_id == lawyer.id][: len(FTCA_CASES) + 3]
    if len(chosen) < len(FTCA_CASES) + 3:
        return 0
    count = 0
    for incident, (status, accrued, filed, denied) in zip(chosen, FTCA_CASES, strict=False):
        data = {
            "kind": "ftca_admin_claim",
            "status": status,
            "against": "United States (demo)",
            "accrued_on": today + timedelta(days=accrued),
            "filed_on": today + timedelta(days=filed) if filed is not None else None,
            "denial_mailed_on": today + timedelta(days=denied) if denied is not None else None,
        }
        claims.save_action(
            session=session, actor=lawyer, incident=incident, data=data, evidence_ids=[]
        )
        count += 1
    extra = chosen[len(FTCA_CASES) :]
    for incident, (kind, status, due, deadline_kind) in zip(
        extra,
        (
            ("section_1983", "filed", 9, "hearing"),
            ("state_tort_claim", "planned", -2, "notice_of_claim"),
            ("crcl_complaint", "filed", None, None),
        ),
        strict=True,
    ):
        action = claims.save_action(
            session=session,
            actor=lawyer,
            incident=incident,
            data={"kind": kind, "status": status, "filed_on": today - timedelta(days=30)}
            if status == "filed"
            else {"kind": kind, "status": status},
            evidence_ids=[],
        )
        count += 1
        if due is not None:
            claims.save_deadline(
                session=session,
                actor=lawyer,
                incident=incident,
                data={
                    "kind": deadline_kind,
                    "due_on": today + timedelta(days=due),
                    "rule": "Synthetic demo deadline: no real rule",
                    "legal_action_id": action.id,
                },
            )
    return count
