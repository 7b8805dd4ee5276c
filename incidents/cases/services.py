"""Case services: each public function is one transaction. Writes go through
`records.operations` (which audits them, field and section names only, never values); reads
of case data are audited here."""

from __future__ import annotations

from sqlmodel import Session, select

from incidents import audit, sessions
from incidents.models import Incident, Organization, Person, User
from incidents.records import operations
from incidents.records.operations import StaleEdit
from incidents.records.people import find_known, match_keys
from incidents.records.value import IncidentValue

__all__ = ["StaleEdit", "create_incident", "update_incident"]


def create_incident(*, session: Session, actor: User, value: IncidentValue) -> Incident:
    """Record a new incident of the actor's organization."""
    organization = session.get(Organization, actor.organization_id)
    incident = operations.create(session, actor=actor, organization=organization, value=value)
    session.commit()
    return incident


def update_incident(
    *,
    session: Session,
    actor: User,
    incident: Incident,
    value: IncidentValue,
    expected_version: int,
) -> list[str]:
    """Save an edit unless someone saved in between (StaleEdit). Returns changed sections."""
    try:
        sections = operations.update(
            session, actor=actor, incident=incident, value=value, expected_version=expected_version
        )
    except StaleEdit:
        session.rollback()
        raise
    session.commit()
    return sections


def find_duplicates(*, session: Session, organization_id: int, entries: list) -> dict:
    """For each new person entry (no person linked, no decision yet): up to five people of the
    organization with the same A-number, or the same name and date of birth. Returns entry
    key → people."""
    new = [e for e in entries if not e.person_id and e.person.full_name]
    known = find_known(session, organization_id, [e.person for e in new])
    found = {}
    for entry in new:
        ids = sorted({i for key in match_keys(entry.person) for i in known.get(key, ())})[:5]
        if ids:
            found[entry.key] = list(session.exec(select(Person).where(Person.id.in_(ids))).all())
    return found


def record_view(*, session: Session, actor: User, incident: Incident) -> None:
    """Audit a view of a case page."""
    audit.record(
        session=session,
        action="incident_viewed",
        actor=actor,
        object_type="incident",
        object_id=incident.id,
    )
    session.commit()


def record_list_view(*, session: Session, actor: User, details: dict) -> None:
    """Audit a view of the incident list (which filters, whether searching, which page)."""
    audit.record(session=session, action="incident_list_viewed", actor=actor, details=details)
    session.commit()


def record_person_view(*, session: Session, actor: User, person: Person) -> None:
    """Audit a view of a person page."""
    audit.record(
        session=session,
        action="person_viewed",
        actor=actor,
        object_type="person",
        object_id=person.id,
    )
    session.commit()


def archive_incident(*, session: Session, actor: User, incident: Incident, reason: str) -> None:
    """Archive (soft-delete) an incident with a reason; it leaves lists and exports."""
    operations.archive(session, actor=actor, incident=incident, reason=reason)
    session.commit()


def restore_incident(*, session: Session, actor: User, incident: Incident) -> None:
    """Undo an archive."""
    operations.restore(session, actor=actor, incident=incident)
    session.commit()


def search_text(session: Session) -> str:
    """The case-list search text of this sign-in session (kept on the server)."""
    row = sessions.current(session)
    return (row.search_text or "") if row else ""


def remember_search(*, session: Session, text: str) -> None:
    """Keep (or, with "", forget) the search text with this sign-in session."""
    row = sessions.current(session)
    if row is not None:
        row.search_text = text or None
        session.commit()
