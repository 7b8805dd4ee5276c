"""Records requests: the rules of a request's fields, and the writes (create, edit, link and
unlink incidents, archive, restore). Each public write commits its work and audits it with ids
and codes only — never a tracking number, a name or any free text."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from sqlmodel import Session, select

from incidents import audit, clock
from incidents.claims.rules import add_months
from incidents.db import utcnow
from incidents.i18n import gettext
from incidents.models import Incident, RecordsRequest, RecordsRequestIncident, User
from incidents.records.validation import EARLIEST_INCIDENT
from incidents.records_requests import due
from incidents.records_requests.received import items_of_incident


@dataclass(frozen=True)
class RequestDetails:
    """What a person records about a request (the due date and rule as entered: for a federal
    FOIA request they are computed instead)."""

    kind: str
    agency_id: int
    component: str | None
    subject: str | None
    sent_on: date | None
    received_on: date | None
    tracking_number: str | None
    extension_days: int
    due_on: date | None
    due_rule: str | None
    status: str
    status_on: date | None
    fees: float | None
    notes: str | None


def parse_references(text: str | None) -> list[str]:
    """Incident references typed in one field, separated by commas, semicolons or spaces:
    upper-cased, each once, in the order typed."""
    found = [part.upper() for part in re.split(r"[\s,;]+", text or "") if part]
    return list(dict.fromkeys(found))


def _date_problem(value: date | None, today: date) -> str | None:
    if value and value < EARLIEST_INCIDENT:
        return gettext("The date must be in %(year)s or later.", year=EARLIEST_INCIDENT.year)
    if value and value > today:
        return gettext("The date cannot be in the future.")
    return None


# the kinds of request only a federal agency can receive
FEDERAL_KINDS = ("foia", "foia_privacy_act", "privacy_act")


def problems(
    details: RequestDetails, *, today: date, agency_level: str | None = None
) -> dict[str, str]:
    """Field name → why the request cannot be saved as entered (empty when it can): dates not
    in the future and in order (sent, received, status), a FOIA or Privacy Act request to a
    named federal agency only (those laws bind federal agencies: no date is computed for
    another), a due date entered within 25 years, the FOIA
    extension limit and no extension for other kinds, and a due date entered only for kinds
    without a computed one, and only with the rule it relies on."""
    found: dict[str, str] = {}
    if details.kind in FEDERAL_KINDS and agency_level == "unknown":
        found["agency_id"] = gettext("Choose the federal agency the request went to.")
    elif details.kind in FEDERAL_KINDS and agency_level not in (None, "federal"):
        found["agency_id"] = gettext(
            "The FOIA and the Privacy Act cover federal agencies only (5 U.S.C. §552(f), "
            "§552a(a)(1)): for a state or local agency choose “State public-records request” "
            "(its due date is entered with its rule)."
        )
    for name in ("sent_on", "received_on", "status_on"):
        message = _date_problem(getattr(details, name), today)
        if message:
            found[name] = message
    sent = details.sent_on
    if "received_on" not in found and details.received_on and sent and details.received_on < sent:
        found["received_on"] = gettext("Received before it was sent? Check both dates.")
    if "status_on" not in found and details.status_on and sent and details.status_on < sent:
        found["status_on"] = gettext("The status cannot date from before the request was sent.")
    if due.is_foia(details.kind):
        if details.extension_days > due.MAX_EXTENSION_WORKING_DAYS:
            found["extension_days"] = gettext(
                "At most 10 working days: %(statute)s Enter the days the agency's notice "
                "gives, up to 10; say more in the notes.",
                statute=due.EXTENSION_TEXT,
            )
        if details.due_on or details.due_rule:
            name = "due_on" if details.due_on else "due_rule"
            found[name] = gettext(
                "A federal FOIA request's due date is computed from the receipt date: leave "
                "the due date and its rule empty."
            )
        return found
    if details.extension_days:
        found["extension_days"] = gettext(
            "Extensions are counted for a federal FOIA request only: enter the new due date "
            "with the rule it relies on."
        )
    if details.due_on and not details.due_rule:
        found["due_rule"] = gettext("Name the rule the due date relies on (statute and section).")
    elif details.due_rule and not details.due_on:
        found["due_on"] = gettext("Enter the due date the rule gives, or leave the rule empty.")
    elif details.due_rule and details.due_rule.strip().casefold() == due.FOIA_RULE:
        found["due_rule"] = gettext("Name the rule the due date relies on (statute and section).")
    if "due_on" not in found and details.due_on and sent and details.due_on < sent:
        found["due_on"] = gettext("The due date cannot be before the request was sent.")
    if "due_on" not in found and details.due_on and details.due_on > add_months(today, 12 * 25):
        found["due_on"] = gettext("A due date within 25 years, please.")
    return found


def due_date(details: RequestDetails) -> tuple[date | None, str | None]:
    """The due date and rule to store: computed for a federal FOIA request (rule "foia"),
    as entered (with the rule relied on) for every other kind."""
    if due.is_foia(details.kind):
        computed = due.foia_due(
            received_on=details.received_on,
            sent_on=details.sent_on,
            extension_days=details.extension_days,
        )
        return (computed.due_on, due.FOIA_RULE) if computed else (None, None)
    if details.due_on and details.due_rule:
        return details.due_on, details.due_rule
    return None, None


def incidents_by_reference(
    session: Session, organization_id: int, references: list[str]
) -> tuple[list[Incident], list[str]]:
    """The organization's incidents (not archived) with these references, and the references
    that name none (another organization's look the same as none)."""
    if not references:
        return [], []
    found = session.exec(
        select(Incident).where(
            Incident.organization_id == organization_id,
            Incident.reference.in_(references),
            Incident.archived_at.is_(None),
        )
    ).all()
    known = {i.reference: i for i in found}
    return [known[r] for r in references if r in known], [r for r in references if r not in known]


def _values(details: RequestDetails, today: date, previous: RecordsRequest | None) -> dict:
    values = asdict(details)
    values["due_on"], values["due_rule"] = due_date(details)
    if values["status_on"] is None or (
        previous is not None
        and previous.status != details.status
        and values["status_on"] == previous.status_on
    ):  # a new status without its own date took effect today (sent: the day sent)
        values["status_on"] = details.sent_on if details.status == "sent" else today
    return values


def create_request(
    *, session: Session, actor: User, details: RequestDetails, incidents: list[Incident]
) -> RecordsRequest:
    """Record a request of the actor's organization about these incidents (at least one, all
    of the organization), with its due date (computed for federal FOIA)."""
    if not incidents or any(i.organization_id != actor.organization_id for i in incidents):
        raise ValueError("a request concerns at least one incident of the organization")
    request = RecordsRequest(
        organization_id=actor.organization_id,
        created_by_id=actor.id,
        updated_by_id=actor.id,
        **_values(details, clock.today(), None),
    )
    session.add(request)
    session.flush()
    for incident in incidents:
        session.add(RecordsRequestIncident(records_request_id=request.id, incident_id=incident.id))
    audit.record(
        session=session,
        action="records_request_created",
        actor=actor,
        object_type="records_request",
        object_id=request.id,
        details={
            "kind": request.kind,
            "status": request.status,
            "incidents": [i.id for i in incidents],
            "due_computed": request.due_rule == due.FOIA_RULE,
        },
    )
    session.commit()
    return request


def update_request(
    *, session: Session, actor: User, request: RecordsRequest, details: RequestDetails
) -> list[str]:
    """Save an edit (the due date recomputed for federal FOIA); returns the names of the
    fields that changed (audited without their values). A new status without its own date
    takes effect today."""
    values = _values(details, clock.today(), request)
    changed = [name for name, value in values.items() if getattr(request, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(request, name, values[name])
    request.touch(actor.id)
    session.add(request)
    audit.record(
        session=session,
        action="records_request_updated",
        actor=actor,
        object_type="records_request",
        object_id=request.id,
        details={"fields": changed, "status": request.status},
    )
    session.commit()
    return changed


def linked_incident_ids(session: Session, request_id: int) -> list[int]:
    """The ids of the incidents a request concerns."""
    return list(
        session.exec(
            select(RecordsRequestIncident.incident_id).where(
                RecordsRequestIncident.records_request_id == request_id
            )
        ).all()
    )


def link_incident(
    *, session: Session, actor: User, request: RecordsRequest, incident: Incident
) -> bool:
    """Link one more incident of the organization; False (nothing written) if it already is."""
    if incident.organization_id != request.organization_id:
        raise ValueError("an incident of another organization")
    if incident.id in linked_incident_ids(session, request.id):
        return False
    session.add(RecordsRequestIncident(records_request_id=request.id, incident_id=incident.id))
    _logged(session, actor, request, "records_request_incident_linked", {"incident": incident.id})
    return True


def unlink_incident(
    *, session: Session, actor: User, request: RecordsRequest, incident_id: int
) -> str | None:
    """Unlink an incident; returns why not (None when done): a request keeps at least one
    incident, and records received with an incident stay linked through it."""
    linked = linked_incident_ids(session, request.id)
    if incident_id not in linked:
        return gettext("That incident is not linked to this request.")
    if len(linked) == 1:
        return gettext("A request concerns at least one incident: link another one first.")
    if items_of_incident(session, request.id, incident_id):
        return gettext(
            "Records received are filed with that incident: unlink them from this request first."
        )
    link = session.get(RecordsRequestIncident, (request.id, incident_id))
    session.delete(link)
    _logged(session, actor, request, "records_request_incident_unlinked", {"incident": incident_id})
    return None


def archive_request(*, session: Session, actor: User, request: RecordsRequest) -> None:
    """Hide a request from every list and the calendar (admin); it can be restored."""
    request.archived_at, request.archived_by_id = utcnow(), actor.id
    _logged(session, actor, request, "records_request_archived")


def restore_request(*, session: Session, actor: User, request: RecordsRequest) -> None:
    """Undo an archive."""
    request.archived_at = request.archived_by_id = None
    _logged(session, actor, request, "records_request_restored")


def _logged(session, actor, request, action, details: dict | None = None) -> None:
    request.touch(actor.id)
    session.add(request)
    audit.record(
        session=session,
        action=action,
        actor=actor,
        object_type="records_request",
        object_id=request.id,
        details=details,
    )
    session.commit()


def record_view(*, session: Session, actor: User, request: RecordsRequest) -> None:
    """Audit a view of a request's page."""
    audit.record_read(
        session=session,
        action="records_request_viewed",
        actor=actor,
        object_type="records_request",
        object_id=request.id,
    )


def record_list_view(*, session: Session, actor: User, filters: dict, page: int) -> None:
    """Audit a view of the list of requests (which filters, codes only; which page)."""
    audit.record_read(
        session=session,
        action="records_request_list_viewed",
        actor=actor,
        details={"filters": {k: filters[k] for k in sorted(filters)}, "page": page},
    )
