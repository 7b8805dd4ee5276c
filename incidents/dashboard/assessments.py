"""Policy assessments a lawyer has still to confirm. A provision that applies to an incident
(`policies.applicability`: its policy in force on the incident's date and binding one of the
incident's agencies) has a suggestion on the case page until a lawyer decides on it, which
stores an `Assessment`; so "to confirm" is an applicable provision without an assessment.
Which provisions apply is worked out from each incident's agencies as on the case page, for
the incidents waiting for review and those assigned to the lawyer, loaded together: six
queries whatever their number."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import or_
from sqlmodel import Session, select

from incidents.models import Agency, Agent, Assessment, FrtUse, Incident, IncidentAgency
from incidents.policies.applicability import binding, in_force, library
from incidents.records.bundle import CaseBundle

CHECKED = 300  # incidents checked at most (the lawyer's first, then the longest waiting)
SHOWN = 10


@dataclass
class ToConfirm:
    """An incident with provisions applicable and not decided on."""

    reference: str
    undecided: int
    mine: bool


@dataclass
class Confirmations:
    """The incidents with suggestions to confirm (first rows), how many provisions in all,
    and how many incidents were checked (at most CHECKED)."""

    incidents: list[ToConfirm] = field(default_factory=list)
    incident_count: int = 0
    provisions: int = 0
    checked: int = 0
    capped: bool = False


def _scope(user):
    """Waiting for review, or assigned to the lawyer and not yet verified; not archived."""
    return (
        Incident.organization_id == user.organization_id,
        Incident.archived_at.is_(None),
        or_(
            Incident.documentation_status == "under_review",
            (Incident.assigned_lawyer_id == user.id)
            & (Incident.documentation_status != "verified"),
        ),
    )


def light_bundles(session: Session, incidents) -> dict[int, CaseBundle]:
    """Bundles holding only what applicability reads: the incident's date and place, its
    agencies (linked, operating an FRT use or employing an agent) and which act under 287(g)."""
    bundles = {row.id: CaseBundle(incident=row) for row in incidents}
    ids = list(bundles)
    seen: dict[int, set[int]] = defaultdict(set)

    def add(incident_id: int, agency: Agency) -> None:
        if agency.id not in seen[incident_id]:
            seen[incident_id].add(agency.id)
            bundles[incident_id].agencies.append(agency)

    for incident_id, under_287g, agency in session.exec(
        select(IncidentAgency.incident_id, IncidentAgency.under_287g, Agency)
        .join(Agency, Agency.id == IncidentAgency.agency_id)
        .where(IncidentAgency.incident_id.in_(ids))
    ).all():
        bundles[incident_id].linked[agency.id] = under_287g
        add(incident_id, agency)
    for model, column in ((FrtUse, FrtUse.operator_agency_id), (Agent, Agent.agency_id)):
        for incident_id, agency in session.exec(
            select(model.incident_id, Agency)
            .join(Agency, Agency.id == column)
            .where(model.incident_id.in_(ids))
        ).all():
            add(incident_id, agency)
    return bundles


def confirmations(session: Session, user) -> Confirmations:
    """The incidents in the lawyer's scope with applicable provisions not decided on, those
    assigned to the lawyer first, then the most undecided."""
    incidents = session.exec(
        select(
            Incident.id,
            Incident.reference,
            Incident.occurred_on,
            Incident.date_precision,
            Incident.state,
            Incident.city,
            Incident.county,
            Incident.assigned_lawyer_id,
        )
        .where(*_scope(user))
        .order_by((Incident.assigned_lawyer_id == user.id).desc(), Incident.updated_at, Incident.id)
        .limit(CHECKED + 1)
    ).all()
    capped = len(incidents) > CHECKED
    incidents = incidents[:CHECKED]
    found = Confirmations(checked=len(incidents), capped=capped)
    if not incidents:
        return found
    bundles = light_bundles(session, incidents)
    decided = defaultdict(set)
    for incident_id, provision_id in session.exec(
        select(Assessment.incident_id, Assessment.provision_id).where(
            Assessment.incident_id.in_(list(bundles))
        )
    ).all():
        decided[incident_id].add(provision_id)
    provisions = library(session, user.organization_id)
    rows = []
    for row in incidents:
        bundle = bundles[row.id]
        if not bundle.agencies:
            continue
        undecided = sum(
            1
            for policy, provision in provisions
            if provision.id not in decided[row.id]
            and in_force(policy, row)
            and binding(provision, bundle)
        )
        if undecided:
            rows.append(ToConfirm(row.reference, undecided, row.assigned_lawyer_id == user.id))
    rows.sort(key=lambda r: (not r.mine, -r.undecided, r.reference))
    found.incidents = rows[:SHOWN]
    found.incident_count = len(rows)
    found.provisions = sum(r.undecided for r in rows)
    return found
