"""An organization's own agencies: a registry in which each agency has a type, a level and a
jurisdiction (state, county, city), because the policy analysis matches provisions against them.
Agencies added before the registry have no type and are shown as needing details."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sqlmodel import Session, select

from incidents import audit
from incidents.i18n import gettext, translate_label
from incidents.models import Agency, FrtUse, IncidentAgency, User
from incidents.records import derived, research
from incidents.vocab import AGENCY_LEVEL, AGENCY_TYPE, AGENCY_TYPE_LEVEL


@dataclass(frozen=True)
class AgencyDetails:
    """What a person records about an agency."""

    name: str
    agency_type: str | None
    level: str
    state: str | None = None
    county: str | None = None
    city: str | None = None


def details_of(agency: Agency) -> AgencyDetails:
    """The recorded details of an agency."""
    return AgencyDetails(
        name=agency.name,
        agency_type=agency.agency_type,
        level=agency.level,
        state=agency.state,
        county=agency.county,
        city=agency.city,
    )


def detail_problems(details: AgencyDetails) -> dict[str, str]:
    """Field name → what is missing or contradictory (empty when the details are complete):
    the level must fit the type, a state or local agency needs its state, a city police
    department its city and a sheriff's office its county."""
    problems: dict[str, str] = {}
    kind = details.agency_type
    if kind not in AGENCY_TYPE.labels:
        problems["agency_type"] = gettext("Choose the type of agency.")
        return problems
    fits = AGENCY_TYPE_LEVEL[kind]
    if fits and details.level != fits:
        level = translate_label(AGENCY_LEVEL.label(fits))
        problems["level"] = gettext(
            "A %(kind)s is a %(level)s agency: choose %(choice)s.",
            kind=translate_label(AGENCY_TYPE.label(kind)),
            level=level.lower(),
            choice=level,
        )
    if details.level in ("state", "local") and not details.state:
        problems["state"] = gettext("A state or local agency needs its state.")
    if kind == "local_police" and not details.city:
        problems["city"] = gettext("A city or town police department needs its city.")
    if kind == "sheriff" and not details.county:
        problems["county"] = gettext("A county sheriff's office needs its county.")
    return problems


def needs_details(agency: Agency) -> bool:
    """Whether an organization's own agency lacks its type or a jurisdiction its type needs
    (seeded agencies are generic and never do)."""
    return agency.organization_id is not None and bool(detail_problems(details_of(agency)))


def name_taken(session: Session, organization_id: int, name: str, but: int | None = None) -> bool:
    """Whether an agency the organization sees (its own or a shared one) already has this name
    (case and spacing aside): two entries of one name would be indistinguishable in every
    list."""
    folded = " ".join(name.split()).casefold()
    names = session.exec(
        select(Agency.id, Agency.name).where(
            Agency.organization_id.is_(None) | (Agency.organization_id == organization_id)
        )
    ).all()
    return any(" ".join(n.split()).casefold() == folded and i != but for i, n in names)


def add_agency(*, session: Session, actor: User, details: AgencyDetails) -> Agency:
    """Add an agency to the actor's organization (code derived from the name, unique)."""
    base = re.sub(r"[^a-z0-9]+", "_", details.name.lower()).strip("_")[:30] or "agency"
    code, n = base, 1
    taken = set(
        session.exec(
            select(Agency.code).where(Agency.organization_id == actor.organization_id)
        ).all()
    )
    while code in taken:
        n += 1
        code = f"{base}_{n}"
    agency = Agency(organization_id=actor.organization_id, code=code, **asdict(details))
    session.add(agency)
    session.flush()
    audit.record(
        session=session,
        action="agency_added",
        actor=actor,
        object_type="agency",
        object_id=agency.id,
    )
    session.commit()
    return agency


def update_agency(
    *, session: Session, actor: User, agency: Agency, details: AgencyDetails
) -> list[str]:
    """Record new details of one of the organization's own agencies; returns the names of the
    fields that changed (audited, without values). A new level refreshes the research facts
    of the incidents the agency took part in; a new name their search text too."""
    changed = [name for name, value in asdict(details).items() if getattr(agency, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(agency, name, getattr(details, name))
    session.add(agency)
    if "name" in changed:  # the name is searched: derived.refresh rewrites search and facts
        derived.refresh(session, incidents_of(session, agency.id))
    elif "level" in changed:
        research.refresh(session, incidents_of(session, agency.id))
    audit.record(
        session=session,
        action="agency_updated",
        actor=actor,
        object_type="agency",
        object_id=agency.id,
        details={"fields": changed},
    )
    session.commit()
    return changed


def incidents_of(session: Session, agency_id: int) -> set[int]:
    """The incidents an agency took part in or operated an FRT use of."""
    linked = session.exec(
        select(IncidentAgency.incident_id).where(IncidentAgency.agency_id == agency_id)
    ).all()
    operated = session.exec(
        select(FrtUse.incident_id).where(FrtUse.operator_agency_id == agency_id)
    ).all()
    return set(linked) | set(operated)


def acts_under_287g(session: Session, agency_id: int) -> bool:
    """Whether an incident records the agency as acting under a 287(g) agreement."""
    return (
        session.exec(
            select(IncidentAgency.incident_id).where(
                IncidentAgency.agency_id == agency_id, IncidentAgency.under_287g
            )
        ).first()
        is not None
    )


def jurisdiction_text(agency: Agency) -> str:
    """Where an agency has authority, as recorded ("Detroit, Wayne County, MI"), or ""."""
    county = f"{agency.county} County" if agency.county else None
    return ", ".join(part for part in (agency.city, county, agency.state) if part)
