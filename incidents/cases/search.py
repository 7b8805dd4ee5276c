"""Full-text search over reference, narrative and people's names.

The searched text lives in `incident_search.body` (written by cases.derived), folded (lower
case, no accents) by Python so that both databases see the same words. SQLite indexes it with
an FTS5 table kept in step by triggers; PostgreSQL with a GIN index on a stored
to_tsvector('simple') column (`body_words`).
"""

from __future__ import annotations

import re

from sqlalchemy import Integer, column, text
from sqlmodel import Session, select

from incidents.models import IncidentSearch
from incidents.models.incident import SEARCH_OBJECTS
from incidents.records.validation import fold

MAX_TERMS = 8


def is_search_object(name: str | None) -> bool:
    """Whether a schema object belongs to the search machinery (FTS5 shadow tables too)."""
    return bool(name) and (name in SEARCH_OBJECTS or name.startswith("incident_fts_"))


def terms(query: str) -> list[str]:
    """The words of a search, folded; at most MAX_TERMS."""
    return re.findall(r"[^\W_]+", fold(query))[:MAX_TERMS]


def matching_ids(dialect: str, words: list[str]):
    """A select of incident ids whose text contains every word (as a prefix)."""
    if dialect == "sqlite":
        expression = " ".join(f'"{word}"*' for word in words)
        matches = (
            text("SELECT rowid FROM incident_fts WHERE incident_fts MATCH :q")
            .bindparams(q=expression)
            .columns(column("rowid", Integer))
            .subquery()
        )
        return select(matches.c.rowid)
    query = " & ".join(f"{word}:*" for word in words)
    return select(IncidentSearch.incident_id).where(
        text("incident_search.body_words @@ to_tsquery('simple', :q)").bindparams(q=query)
    )


def match_count(session: Session, words: list[str]) -> int:
    """How many incidents (of all organizations) an SQLite text search matches."""
    expression = " ".join(f'"{word}"*' for word in words)
    return session.execute(
        text("SELECT count(*) FROM incident_fts WHERE incident_fts MATCH :q"), {"q": expression}
    ).scalar_one()
