"""The work waiting for a caseworker or a lawyer: drafts, cases returned for changes, cases
waiting for review and dated things to act on. Each list is counted by one grouped query and
its first rows read by one more; nothing is queried per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from incidents.calendar.entries import Entry, entries
from incidents.models import Incident, ReviewEvent, User

SHOWN = 10  # rows shown per list; the count says how many there are
HORIZON = 30  # days ahead for deadlines


@dataclass
class CaseLine:
    """One incident in a list of work: its reference and date, when it last moved, and for a
    case returned for changes, the first line of the comment and who returned it."""

    reference: str
    occurred_on: date
    date_precision: str
    since: datetime | None
    mine: bool = False
    comment: str | None = None
    returned_by: str | None = None


@dataclass
class WorkList:
    """The first rows of a list and how many there are."""

    lines: list[CaseLine] = field(default_factory=list)
    count: int = 0


def first_line(text: str | None, limit: int = 140) -> str | None:
    """The first non-empty line of a comment, shortened to `limit` characters."""
    for line in (text or "").splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return None


def _latest_event():
    """The incident's most recent review event (a correlated subquery)."""
    inner = aliased(ReviewEvent)
    return select(func.max(inner.id)).where(inner.incident_id == Incident.id).scalar_subquery()


def _open(organization_id: int, status: str):
    return and_(
        Incident.organization_id == organization_id,
        Incident.archived_at.is_(None),
        Incident.documentation_status == status,
    )


def caseworker_lists(session: Session, user) -> tuple[WorkList, WorkList]:
    """(my drafts, my cases returned for changes): drafts assigned to the user as caseworker,
    or created by them and assigned to nobody; returned ones are those whose latest review
    event is a return (they are drafts too, listed apart)."""
    draft = Incident.documentation_status == "draft"
    mine = Incident.id.in_(  # two seeks on the assignment index, not a scan of the drafts
        union_all(
            select(Incident.id).where(Incident.assigned_caseworker_id == user.id, draft),
            select(Incident.id).where(
                Incident.assigned_caseworker_id.is_(None), draft, Incident.created_by_id == user.id
            ),
        )
    )
    returned = ReviewEvent.action == "returned"
    joined = (
        select(Incident.id)
        .outerjoin(ReviewEvent, ReviewEvent.id == _latest_event())
        .where(_open(user.organization_id, "draft"), mine)
    )
    # grouped on the column itself: PostgreSQL does not match an expression holding a bound
    # parameter in SELECT with the same expression in GROUP BY
    counts: dict[bool, int] = {True: 0, False: 0}
    for action, n in session.execute(
        joined.with_only_columns(ReviewEvent.action, func.count()).group_by(ReviewEvent.action)
    ).all():
        counts[action == "returned"] += n
    returner = aliased(User)
    rows = joined.with_only_columns(
        Incident.reference,
        Incident.occurred_on,
        Incident.date_precision,
        Incident.updated_at,
        ReviewEvent.occurred_at,
        ReviewEvent.comment,
        returner.display_name,
    ).outerjoin(returner, returner.id == ReviewEvent.actor_id)
    drafts = session.execute(
        rows.where(or_(ReviewEvent.id.is_(None), ~returned))
        .order_by(Incident.updated_at.desc())
        .limit(SHOWN)
    ).all()
    sent_back = session.execute(
        rows.where(returned).order_by(ReviewEvent.occurred_at.desc()).limit(SHOWN)
    ).all()
    return (
        WorkList(
            [CaseLine(r, d, p, updated) for r, d, p, updated, *_ in drafts],
            sum(n for key, n in counts.items() if not key),
        ),
        WorkList(
            [
                CaseLine(r, d, p, at, comment=first_line(comment), returned_by=name)
                for r, d, p, _, at, comment, name in sent_back
            ],
            sum(n for key, n in counts.items() if key),
        ),
    )


def review_queue(session: Session, user) -> tuple[WorkList, WorkList]:
    """(waiting for my review, waiting for anyone else's): incidents submitted for review,
    those assigned to the user as lawyer apart; the longest waiting first."""
    mine = func.coalesce(Incident.assigned_lawyer_id == user.id, False)
    waiting = _open(user.organization_id, "under_review")
    counts: dict[bool, int] = {True: 0, False: 0}
    for lawyer_id, n in session.execute(
        select(Incident.assigned_lawyer_id, func.count())
        .where(waiting)
        .group_by(Incident.assigned_lawyer_id)
    ).all():
        counts[lawyer_id == user.id] += n
    submitted = (
        select(func.max(ReviewEvent.occurred_at))
        .where(ReviewEvent.incident_id == Incident.id)
        .scalar_subquery()
    )
    since = func.coalesce(submitted, Incident.updated_at)
    rows = select(Incident.reference, Incident.occurred_on, Incident.date_precision, since).where(
        waiting
    )
    found = []
    for is_mine in (True, False):
        lines = session.execute(
            rows.where(mine if is_mine else ~mine)
            .order_by(Incident.updated_at.asc(), Incident.id.asc())
            .limit(SHOWN)
        ).all()
        found.append(
            WorkList(
                [CaseLine(r, d, p, at, mine=is_mine) for r, d, p, at in lines],
                sum(n for key, n in counts.items() if bool(key) is is_mine),
            )
        )
    return found[0], found[1]


@dataclass
class Deadlines:
    """Dated things to act on, overdue first: the user's, the rest of the organization's
    (for lawyers) and the records requests whose answer is overdue."""

    today: date
    mine: list[Entry] = field(default_factory=list)
    others: list[Entry] = field(default_factory=list)
    overdue_requests: list[Entry] = field(default_factory=list)


def deadlines(session: Session, user, *, today: date, whole_organization: bool) -> Deadlines:
    """Open deadlines and records-request due dates up to 30 days ahead (and every overdue
    one): the user's incidents', then, for `whole_organization`, everyone else's — read once
    for the organization, the user's being those of incidents assigned to them."""
    until = today + timedelta(days=HORIZON)
    if not whole_organization:
        mine = entries(session, user.organization_id, until=until, user=user)
        return sort_deadlines(mine, None, today)
    every = entries(session, user.organization_id, until=until)
    ids = {incident_id for entry in every for incident_id in entry.incident_ids}
    assigned = set()
    if ids:
        assigned = set(
            session.exec(
                select(Incident.id).where(
                    Incident.id.in_(ids),
                    or_(
                        Incident.assigned_caseworker_id == user.id,
                        Incident.assigned_lawyer_id == user.id,
                    ),
                )
            ).all()
        )
    mine = [entry for entry in every if assigned.intersection(entry.incident_ids)]
    return sort_deadlines(mine, every, today)


def sort_deadlines(mine: list[Entry], every: list[Entry] | None, today: date) -> Deadlines:
    """The user's entries; with the organization's (`every`), the others' and the records
    requests whose due date has passed."""
    found = Deadlines(today, mine)
    if every is not None:
        seen = {(e.source, e.object_id) for e in mine}
        found.others = [e for e in every if (e.source, e.object_id) not in seen]
        found.overdue_requests = [
            e for e in every if e.source == "records_request" and e.overdue(today)
        ]
    return found
