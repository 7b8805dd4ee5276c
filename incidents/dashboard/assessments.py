"""Policy assessments a lawyer has still to confirm. A provision that applies to an incident
(`policies.applicability`: its policy in force on the incident's date and binding one of the
incident's agencies) has a suggestion on the case page until a lawyer decides on it, which
stores an `Assessment`; so "to confirm" is an applicable provision without an assessment.
Which provisions apply is worked out from each incident's agencies as on the case page, for
the incidents waiting for review and those assigned to the lawyer, loaded together: seven
queries whatever their number."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

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
    agencies (linked, operating an FRT use or employing an agent) and which act under 287(g).
    Four queries: the three kinds of link, then each agency once."""
    bundles = {row.id: CaseBundle(incident=row) for row in incidents}
    ids = list(bundles)
    links: dict[int, list[int]] = defaultdict(list)
    for incident_id, agency_id, under_287g in session.exec(
        select(
            IncidentAgency.incident_id, IncidentAgency.agency_id, IncidentAgency.under_287g
        ).where(IncidentAgency.incident_id.in_(ids))
    ).all():
        bundles[incident_id].linked[agency_id] = under_287g
        links[incident_id].append(agency_id)
    for column in (FrtUse.operator_agency_id, Agent.agency_id):
        owner = column.class_.incident_id
        for incident_id, agency_id in session.exec(
            select(owner, column).where(owner.in_(ids), column.is_not(None))
        ).all():
            links[incident_id].append(agency_id)
    wanted = {agency_id for found in links.values() for agency_id in found}
    agencies = {
        agency.id: plain(agency)
        for agency in session.exec(select(Agency).where(Agency.id.in_(wanted))).all()
    }
    for incident_id, found in links.items():
        bundles[incident_id].agencies = [agencies[a] for a in dict.fromkeys(found)]
    return bundles


def plain(row) -> SimpleNamespace:
    """A detached copy of a row's columns: applicability reads many attributes of few rows,
    thousands of times, and a plain attribute is read several times faster than a mapped one."""
    return SimpleNamespace(**row.model_dump())


def by_policy(pairs) -> list[tuple[SimpleNamespace, list[SimpleNamespace]]]:
    """The library's (policy, provision) pairs grouped by policy, as plain copies."""
    grouped: dict[int, tuple] = {}
    for policy, provision in pairs:
        grouped.setdefault(policy.id, (plain(policy), []))[1].append(plain(provision))
    return list(grouped.values())


def applying(policies: list, bundle: CaseBundle, bound: dict | None = None) -> set[int]:
    """The ids of the provisions that apply to the bundle's incident, as on its case page:
    the policy in force on its date and the provision binding one of its agencies. `bound`
    keeps which provisions bind a given place and set of agencies: incidents that share them
    (most do) are not worked out again."""
    incident = bundle.incident
    key = (
        incident.state,
        incident.city,
        incident.county,
        tuple(a.id for a in bundle.agencies),
        tuple(sorted(bundle.linked.items())),
    )
    binds = bound.setdefault(key, {}) if bound is not None else {}
    found = set()
    for policy, provisions in policies:
        if not in_force(policy, incident):
            continue
        for provision in provisions:
            if provision.id not in binds:
                binds[provision.id] = bool(binding(provision, bundle))
            if binds[provision.id]:
                found.add(provision.id)
    return found


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
    if not incidents:
        return Confirmations()
    bundles = light_bundles(session, incidents)
    decided = defaultdict(set)
    for incident_id, provision_id in session.exec(
        select(Assessment.incident_id, Assessment.provision_id).where(
            Assessment.incident_id.in_(list(bundles))
        )
    ).all():
        decided[incident_id].add(provision_id)
    policies = by_policy(library(session, user.organization_id))
    return tally(incidents, bundles, decided, policies, user_id=user.id, capped=capped)


def tally(incidents, bundles, decided, policies, *, user_id: int, capped: bool) -> Confirmations:
    """Count, for each incident, the provisions that apply and were not decided on: the
    lawyer's incidents first, then those with the most."""
    rows, bound = [], {}
    for row in incidents:
        bundle = bundles[row.id]
        if not bundle.agencies:
            continue
        undecided = len(applying(policies, bundle, bound) - decided[row.id])
        if undecided:
            rows.append(ToConfirm(row.reference, undecided, row.assigned_lawyer_id == user_id))
    rows.sort(key=lambda r: (not r.mine, -r.undecided, r.reference))
    return Confirmations(
        incidents=rows[:SHOWN],
        incident_count=len(rows),
        provisions=sum(r.undecided for r in rows),
        checked=len(incidents),
        capped=capped,
    )
