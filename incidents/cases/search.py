"""Full-text search over reference, narrative and people's names.

The searched text lives in `incident_search.body`, folded (lower case, no accents) by Python so
that both databases see the same words. SQLite indexes it with an FTS5 table kept in step by
triggers; PostgreSQL with a GIN index on to_tsvector('simple', body).
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlmodel import Session, select

from incidents.cases.validation import fold
from incidents.models import Incident, IncidentPerson, IncidentSearch, Person
from incidents.models.incident import SEARCH_OBJECTS

MAX_TERMS = 8


def is_search_object(name: str | None) -> bool:
    """Whether a schema object belongs to the search machinery (FTS5 shadow tables too)."""
    return bool(name) and (name in SEARCH_OBJECTS or name.startswith("incident_fts_"))


def terms(query: str) -> list[str]:
    """The words of a search, folded; at most MAX_TERMS."""
    return re.findall(r"\w+", fold(query))[:MAX_TERMS]


def matching_ids(dialect: str, words: list[str]):
    """A select of incident ids whose text contains every word (as a prefix)."""
    if dialect == "sqlite":
        expression = " ".join(f'"{word}"*' for word in words)
        return (
            text("SELECT rowid FROM incident_fts WHERE incident_fts MATCH :q")
            .bindparams(q=expression)
            .columns()
        )
    query = " & ".join(f"{word}:*" for word in words)
    return select(IncidentSearch.incident_id).where(
        text("to_tsvector('simple', incident_search.body) @@ to_tsquery('simple', :q)").bindparams(
            q=query
        )
    )


def body_for(incident: Incident, people: list[Person]) -> str:
    """The folded text indexed for one incident."""
    parts = [incident.reference, incident.narrative or ""]
    for person in people:
        parts += [person.full_name, (person.aliases or "").replace(";", " ")]
    return fold(" ".join(parts))


def refresh(session: Session, incident_ids) -> None:
    """Rebuild the search text of these incidents (after their text or people changed)."""
    ids = list(incident_ids)
    if not ids:
        return
    incidents = session.exec(select(Incident).where(Incident.id.in_(ids))).all()
    rows = session.execute(
        select(IncidentPerson.incident_id, Person)
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(ids))
    ).all()
    people: dict[int, list[Person]] = {}
    for incident_id, person in rows:
        people.setdefault(incident_id, []).append(person)
    for incident in incidents:
        body = body_for(incident, people.get(incident.id, []))
        row = session.get(IncidentSearch, incident.id)
        if row is None:
            session.add(IncidentSearch(incident_id=incident.id, body=body))
        elif row.body != body:
            row.body = body
    session.flush()
