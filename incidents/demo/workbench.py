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
from incidents.records.copier import write_rows

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


# how many of the incidents assigned to the first lawyer get legal actions, then requests
CLAIMED = len(FTCA_CASES) + 3
REQUESTED = len(requests.PLAN) + 1
CHUNK = 2000  # incidents read at a time when reviewing those already stored


def _staff(session, organization, role) -> list[User]:
    return session.exec(
        select(User)
        .where(User.organization_id == organization.id, User.role == role, User.active)
        .order_by(User.id)
    ).all()


class Reviewer:
    """Assignments and review moves of an organization's demo incidents, one incident at a time
    in the order of their ids (the same seed gives the same moves), so that new incidents are
    written with theirs and memory does not grow with their number."""

    def __init__(self, organization: Organization, caseworkers, lawyers, seed: int):
        self.organization, self.caseworkers, self.lawyers = organization, caseworkers, lawyers
        self.rng = random.Random(seed * 7919 + 17)
        self.count = 0
        self.theirs: list[int] = []  # the first incidents assigned to the first lawyer

    @classmethod
    def of(cls, session: Session, organization: Organization, seed: int) -> Reviewer | None:
        """The organization's reviewer, or None when it has no caseworker or lawyer."""
        caseworkers = _staff(session, organization, "caseworker")
        lawyers = _staff(session, organization, "lawyer")
        return cls(organization, caseworkers, lawyers, seed) if caseworkers and lawyers else None

    def review(self, occurred_on, status: str) -> tuple[dict, list[dict]]:
        """The next incident's assignment columns and review events (without incident_id)."""
        rng, caseworkers, lawyers, n = self.rng, self.caseworkers, self.lawyers, self.count
        self.count += 1
        caseworker = caseworkers[0] if n % 3 == 0 else rng.choice([None, *caseworkers])
        lawyer = lawyers[0] if n % 4 == 0 else rng.choice([None, *lawyers])
        if status != "draft" and lawyer is None:
            lawyer = rng.choice(lawyers)
        now = datetime.now(UTC) - timedelta(hours=12)
        at = datetime.combine(occurred_on, time(12), tzinfo=UTC) + timedelta(
            days=rng.randint(3, 40)
        )
        at = min(at, now - timedelta(days=2))  # moves happened, never in the future
        events = []
        if status != "draft" or n % 10 == 1:
            events.append(self._event("submitted", "draft", "under_review", caseworker, at))
        if status == "verified":
            later = min(at + timedelta(days=rng.randint(1, 9)), now)
            events.append(self._event("verified", "under_review", "verified", lawyer, later))
        elif status == "draft" and n % 10 == 1:
            comment = rng.choice(RETURN_COMMENTS)
            later = min(at + timedelta(days=2), now)
            events.append(self._event("returned", "under_review", "draft", lawyer, later))
            events[-1]["comment"] = comment
        verified = events[-1] if status == "verified" else {}
        return {
            "assigned_caseworker_id": getattr(caseworker, "id", None),
            "assigned_lawyer_id": getattr(lawyer, "id", None),
            "verified_by_id": verified.get("actor_id"),
            "verified_at": verified.get("occurred_at"),
        }, events

    def _event(self, action, before, after, actor, at) -> dict:
        actor = actor or (self.caseworkers if action == "submitted" else self.lawyers)[0]
        return {
            "organization_id": self.organization.id,
            "action": action,
            "from_status": before,
            "to_status": after,
            "comment": None,
            "actor_id": actor.id,
            "occurred_at": at,
        }

    def written(self, incident_ids, assignments, events) -> list[dict]:
        """The review event rows of incidents given their ids (each item of `events` is the
        list of one incident's); notes those assigned to the first lawyer."""
        for incident_id, assigned in zip(incident_ids, assignments, strict=True):
            wanted = len(self.theirs) < CLAIMED + REQUESTED
            if wanted and assigned["assigned_lawyer_id"] == self.lawyers[0].id:
                self.theirs.append(incident_id)
        return [
            {**event, "incident_id": incident_id}
            for incident_id, theirs in zip(incident_ids, events, strict=True)
            for event in theirs
        ]

    def stored(self, session: Session) -> None:
        """Review the organization's incidents already stored (before new ones are added), a
        chunk at a time; commits each chunk."""
        table, last = Incident.__table__, 0
        while True:
            chunk = session.execute(
                select(table.c.id, table.c.occurred_on, table.c.documentation_status)
                .where(
                    table.c.organization_id == self.organization.id,
                    table.c.archived_at.is_(None),
                    table.c.id > last,
                )
                .order_by(table.c.id)
                .limit(CHUNK)
            ).all()
            if not chunk:
                return
            reviewed = [self.review(on, status) for _, on, status in chunk]
            ids = [incident_id for incident_id, _, _ in chunk]
            assignments = [columns for columns, _ in reviewed]
            review.set_assignments(
                session,
                [{"incident_id": i, **_short(a)} for i, a in zip(ids, assignments, strict=True)],
            )
            rows = self.written(ids, assignments, [events for _, events in reviewed])
            write_rows(session, ReviewEvent.__table__, rows)
            session.commit()
            last = ids[-1]

    def finish(self, session: Session) -> int:
        """Bring claims and records requests on the first incidents assigned to the first
        lawyer; returns how many legal actions were recorded."""
        session.expire_all()  # the assignments were written in bulk
        incidents = session.exec(
            select(Incident).where(Incident.id.in_(self.theirs)).order_by(Incident.id)
        ).all()
        actions = _claims(session, incidents, self.lawyers[0], self.rng)
        requests.seed_requests(session, self.lawyers[0], incidents[CLAIMED:])
        return actions


def _short(assigned: dict) -> dict:
    """Assignment columns as `review.set_assignments` names them."""
    return {
        "caseworker_id": assigned["assigned_caseworker_id"],
        "lawyer_id": assigned["assigned_lawyer_id"],
        "verified_by_id": assigned["verified_by_id"],
        "verified_at": assigned["verified_at"],
    }


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
