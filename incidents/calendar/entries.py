"""Every dated thing the team must act on, from one place: deadlines of legal actions (computed
or entered) and due dates of records requests. The calendar page, the feed and the dashboards
read `entries`; each entry carries only what the feed may expose (a reference and a kind) plus
what the signed-in pages show beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, select

from incidents import clock
from incidents.claims.rules import MILESTONES, RULES
from incidents.i18n import N_, translate_label
from incidents.models import Deadline, Incident, RecordsRequest, RecordsRequestIncident
from incidents.records_requests.due import FOIA_RULE
from incidents.vocab import DEADLINE_KIND, RECORDS_REQUEST_KIND, RECORDS_REQUEST_OPEN

ENTERED = N_("entered with its rule")
ANSWER_DUE = N_("%(kind)s: answer due")
FOIA_CITATION = "5 U.S.C. §552(a)(6)(A)(i)"
FROM_SENT = N_("%(basis)s; counted from the day sent (receipt not recorded)")


@dataclass(frozen=True)
class Entry:
    """One date to act on."""

    due_on: date
    source: str  # "deadline" or "records_request"
    object_id: int
    kind: str  # a DEADLINE_KIND code, or "records_request:<kind>"
    label: str  # the kind's label: no names, no free text
    references: tuple[str, ...]  # incident references it concerns
    incident_ids: tuple[int, ...]
    computed: bool
    basis: str = ""  # the rule's citation for a computed date, and any caveat
    milestone: bool = False  # a date from which something may be done, never overdue
    from_sent: bool = False  # a request's date counted from the day sent (receipt not known)

    def overdue(self, today: date) -> bool:
        """Whether the date has passed."""
        return self.due_on < today

    def shown_label(self) -> str:
        """The label in the reader's language (`label` stays English: the feed's words)."""
        if self.source == "records_request":
            kind = RECORDS_REQUEST_KIND.label(self.kind.partition(":")[2])
            return translate_label(ANSWER_DUE) % {"kind": translate_label(kind)}
        return translate_label(self.label)

    def shown_basis(self) -> str:
        """The basis in the reader's language (a citation stays as written)."""
        if not self.computed:
            return translate_label(ENTERED)
        if self.from_sent:
            return translate_label(FROM_SENT) % {"basis": FOIA_CITATION}
        return self.basis


def _mine(user) -> object:
    return or_(Incident.assigned_caseworker_id == user.id, Incident.assigned_lawyer_id == user.id)


def entries(
    session: Session,
    organization_id: int,
    *,
    until: date,
    since: date | None = None,
    user=None,
) -> list[Entry]:
    """Open deadlines (not done) and due dates of requests still waiting for the agency, of an
    organization's incidents that are not archived, due on or before `until` (and on or after
    `since` when given), earliest first. With `user`: only incidents assigned to that user.
    A milestone (a date from which the client may act) is listed until it is reached."""
    found = _deadlines(session, organization_id, since, until, user)
    found += _requests(session, organization_id, since, until, user)
    return sorted(found, key=lambda e: (e.due_on, e.label, e.references))


def _deadlines(session, organization_id, since, until, user) -> list[Entry]:
    stmt = (
        select(
            Deadline.id,
            Deadline.due_on,
            Deadline.kind,
            Deadline.computed,
            Incident.reference,
            Incident.id,
        )
        .join(Incident, Incident.id == Deadline.incident_id)
        .where(
            Deadline.organization_id == organization_id,
            Deadline.done_on.is_(None),
            Deadline.due_on <= until,
            Incident.archived_at.is_(None),
        )
    )
    if since is not None:
        stmt = stmt.where(Deadline.due_on >= since)
    if user is not None:
        stmt = stmt.where(_mine(user))
    stmt = stmt.where(~(Deadline.kind.in_(MILESTONES) & (Deadline.due_on < clock.today())))
    return [
        Entry(
            due,
            "deadline",
            id_,
            kind,
            DEADLINE_KIND.label(kind),
            (ref,),
            (incident_id,),
            c,
            RULES[kind].source if c else ENTERED,
            kind in MILESTONES,
        )
        for id_, due, kind, c, ref, incident_id in session.exec(stmt)
    ]


def _requests(session, organization_id, since, until, user) -> list[Entry]:
    stmt = select(
        RecordsRequest.id,
        RecordsRequest.due_on,
        RecordsRequest.kind,
        RecordsRequest.due_rule,
        RecordsRequest.received_on,
    ).where(
        RecordsRequest.organization_id == organization_id,
        RecordsRequest.archived_at.is_(None),
        RecordsRequest.status.in_(RECORDS_REQUEST_OPEN),
        RecordsRequest.due_on.is_not(None),
        RecordsRequest.due_on <= until,
    )
    if since is not None:
        stmt = stmt.where(RecordsRequest.due_on >= since)
    requests = session.exec(stmt).all()
    if not requests:
        return []
    links: dict[int, list] = {r.id: [] for r in requests}
    linked = select(
        RecordsRequestIncident.records_request_id,
        Incident.reference,
        Incident.id,
        Incident.assigned_caseworker_id,
        Incident.assigned_lawyer_id,
    ).join(Incident, Incident.id == RecordsRequestIncident.incident_id)
    linked = linked.where(
        RecordsRequestIncident.records_request_id.in_(links), Incident.archived_at.is_(None)
    )
    for request_id, *incident in session.exec(linked):
        links[request_id].append(incident)  # reference, id, caseworker, lawyer
    found = []
    for request_id, due_on, kind, due_rule, received_on in requests:
        incidents = sorted(links[request_id])
        if user is not None and not any(user.id in i[2:] for i in incidents):
            continue
        found.append(
            Entry(
                due_on,
                "records_request",
                request_id,
                f"records_request:{kind}",
                ANSWER_DUE % {"kind": RECORDS_REQUEST_KIND.label(kind)},
                tuple(i[0] for i in incidents),
                tuple(i[1] for i in incidents),
                due_rule == FOIA_RULE,
                _request_basis(due_rule, received_on),
                from_sent=due_rule == FOIA_RULE and not received_on,
            )
        )
    return found


def _request_basis(due_rule: str | None, received_on) -> str:
    if due_rule != FOIA_RULE:
        return ENTERED
    return FOIA_CITATION if received_on else FROM_SENT % {"basis": FOIA_CITATION}
