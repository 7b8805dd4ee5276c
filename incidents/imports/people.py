"""Matching an imported row's client to the organization's people as the incident form's
duplicate suggestion does — same A-number, or same name and date of birth — against the
database (which, inside the import's transaction, holds the earlier batches) and within the
batch; the others are inserted together."""

from __future__ import annotations

from sqlalchemy import insert, or_, select
from sqlmodel import Session

from incidents.models import Person
from incidents.records.validation import fold


def subject_ids(
    session: Session, organization_id: int, actor_id: int | None, rows: list[dict], now
) -> list[int | None]:
    """The subject's person id for each row: an existing person of the organization with the
    same A-number, or the same name and date of birth (stored details are kept); else new."""
    subjects = [row["subject"] for row in rows]
    a_numbers = {s["a_number"] for s in subjects if s and s["a_number"]}
    names = {fold(s["full_name"])[:200] for s in subjects if s and s["date_of_birth"]}
    known: dict[tuple, int] = {}
    if a_numbers or names:
        for person_id, a_number, name_key, born in session.execute(
            select(Person.id, Person.a_number, Person.name_key, Person.date_of_birth).where(
                Person.organization_id == organization_id,
                or_(Person.a_number.in_(a_numbers), Person.name_key.in_(names)),
            )
        ):
            if a_number:
                known.setdefault(("a", a_number), person_id)
            if born:
                known.setdefault(("n", name_key, born), person_id)
    result: list[int | None] = []
    new: dict[int, dict] = {}  # row index → person row
    same: dict[int, int] = {}  # row index → earlier row index of the same new person
    first: dict[tuple, int] = {}
    for index, subject in enumerate(subjects):
        result.append(None)
        if subject is None:
            continue
        name_key = fold(subject["full_name"])[:200]
        keys = [("a", subject["a_number"])] if subject["a_number"] else []
        if subject["date_of_birth"]:
            keys.append(("n", name_key, subject["date_of_birth"]))
        match = next((known[k] for k in keys if k in known), None)
        if match is not None:
            result[index] = match
            continue
        earlier = next((first[k] for k in keys if k in first), None)
        if earlier is not None:
            same[index] = earlier
            continue
        for k in keys:
            first[k] = index
        new[index] = {
            **subject,
            "organization_id": organization_id,
            "name_key": name_key,
            "created_at": now,
            "updated_at": now,
            "created_by_id": actor_id,
            "updated_by_id": actor_id,
        }
    if new:
        ids = (
            session.execute(
                insert(Person.__table__).returning(
                    Person.__table__.c.id, sort_by_parameter_order=True
                ),
                list(new.values()),
            )
            .scalars()
            .all()
        )
        for index, person_id in zip(new, ids, strict=True):
            result[index] = person_id
    for index, earlier in same.items():
        result[index] = result[earlier]
    return result
