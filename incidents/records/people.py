"""Recognising a person the organization already knows: the same A-number, or the same name
(folded: any case, accents ignored) and date of birth. The form's duplicate suggestions and the
import's matching both use `find_known`; only people of the same organization match."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import or_, select
from sqlmodel import Session

from incidents.models import Person
from incidents.records.validation import fold

MatchKey = tuple


def name_key(full_name: str | None) -> str:
    """The stored matching form of a name."""
    return fold(full_name)[:200]


def match_keys(person) -> list[MatchKey]:
    """The keys under which a person (a PersonValue) matches others."""
    keys: list[MatchKey] = []
    if person.a_number:
        keys.append(("a", person.a_number))
    if person.full_name and person.date_of_birth:
        keys.append(("n", name_key(person.full_name), person.date_of_birth))
    return keys


def find_known(session: Session, organization_id: int, persons) -> dict[MatchKey, list[int]]:
    """Match key → ids (oldest first) of the organization's people that match any of these
    persons. One query, whatever their number."""
    a_numbers = {p.a_number for p in persons if p.a_number}
    names = {name_key(p.full_name) for p in persons if p.full_name and p.date_of_birth}
    found: dict[MatchKey, list[int]] = defaultdict(list)
    if not a_numbers and not names:
        return found
    for person_id, a_number, key, born in session.execute(
        select(Person.id, Person.a_number, Person.name_key, Person.date_of_birth)
        .where(
            Person.organization_id == organization_id,
            or_(Person.a_number.in_(a_numbers), Person.name_key.in_(names)),
        )
        .order_by(Person.id)
    ):
        if a_number in a_numbers:
            found[("a", a_number)].append(person_id)
        if born and key in names:
            found[("n", key, born)].append(person_id)
    return found
