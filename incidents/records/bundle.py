"""Loading an incident with everything that belongs to it, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from incidents.i18n import gettext
from incidents.models import (
    Agency,
    Agent,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    Paperwork,
    Person,
    TimelineEvent,
)


@dataclass
class CaseBundle:
    """An incident and its parts."""

    incident: Incident
    agencies: list[Agency] = field(default_factory=list)
    people: list[tuple[IncidentPerson, Person]] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)
    frt_uses: list[FrtUse] = field(default_factory=list)
    documents: list[DocumentPresented] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    paperwork: list[Paperwork] = field(default_factory=list)
    linked: dict[int, bool] = field(default_factory=dict)  # agency id → under a 287(g) agreement

    @property
    def agencies_287g(self) -> list[Agency]:
        """The incident's agencies acting under a 287(g) agreement."""
        return [agency for agency in self.agencies if self.linked.get(agency.id)]

    def agent_title(self, agent_id: int | None, *, named: bool = True) -> str | None:
        """How the case page and the dossier name an agent: 'Agent 2 (J. Ortega)', its number
        only when not `named`; None for no agent of this incident. In the language of the page
        (or of the dossier being written)."""
        for n, agent in enumerate(self.agents, start=1):
            if agent.id == agent_id and agent_id is not None:
                badge = gettext("badge %(badge)s", badge=agent.badge) if agent.badge else ""
                known = agent.name or badge
                if named and known:
                    return gettext("Agent %(number)s (%(known)s)", number=n, known=known)
                return gettext("Agent %(number)s", number=n)
        return None

    @property
    def agency_by_id(self) -> dict[int, Agency]:
        """Agencies of the incident by id."""
        return {agency.id: agency for agency in self.agencies}

    @property
    def person_by_id(self) -> dict[int, Person]:
        """People of the incident by id."""
        return {person.id: person for _, person in self.people}

    @property
    def subjects(self) -> list[Person]:
        """The people whose role is subject."""
        return [person for link, person in self.people if link.role == "subject"]


def load_bundle(session: Session, incident: Incident) -> CaseBundle:
    """Load an incident's parts: nine queries, whatever their number."""
    iid = incident.id
    agency_ids = select(IncidentAgency.agency_id).where(IncidentAgency.incident_id == iid)
    frt_agency_ids = select(FrtUse.operator_agency_id).where(FrtUse.incident_id == iid)
    agent_agency_ids = select(Agent.agency_id).where(Agent.incident_id == iid)
    agencies = session.exec(
        select(Agency).where(
            Agency.id.in_(agency_ids)
            | Agency.id.in_(frt_agency_ids)
            | Agency.id.in_(agent_agency_ids)
        )
    ).all()
    linked = linked_agencies(session, iid)
    people = session.exec(
        select(IncidentPerson, Person)
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id == iid)
        .order_by(IncidentPerson.position, IncidentPerson.id)
    ).all()
    return CaseBundle(
        incident=incident,
        agencies=sorted(agencies, key=lambda a: (a.id not in linked, a.name)),
        people=[(link, person) for link, person in people],
        agents=list(
            session.exec(
                select(Agent).where(Agent.incident_id == iid).order_by(Agent.position, Agent.id)
            ).all()
        ),
        frt_uses=list(
            session.exec(
                select(FrtUse).where(FrtUse.incident_id == iid).order_by(FrtUse.position, FrtUse.id)
            ).all()
        ),
        documents=list(
            session.exec(
                select(DocumentPresented)
                .where(DocumentPresented.incident_id == iid)
                .order_by(DocumentPresented.position, DocumentPresented.id)
            ).all()
        ),
        timeline=list(
            session.exec(
                select(TimelineEvent)
                .where(TimelineEvent.incident_id == iid)
                .order_by(TimelineEvent.starts_at, TimelineEvent.position, TimelineEvent.id)
            ).all()
        ),
        paperwork=list(
            session.exec(
                select(Paperwork)
                .where(Paperwork.incident_id == iid)
                .order_by(Paperwork.position, Paperwork.id)
            ).all()
        ),
        linked=linked,
    )


def linked_agencies(session: Session, incident_id: int) -> dict[int, bool]:
    """The agencies linked to an incident: id → whether it acted under a 287(g) agreement."""
    return dict(
        session.exec(
            select(IncidentAgency.agency_id, IncidentAgency.under_287g).where(
                IncidentAgency.incident_id == incident_id
            )
        ).all()
    )
