"""Writing imported rows in batches through `records.bulk.create_many`: references
checked and assigned, clients matched to the organization's people (`records.people`), one
audit event per incident. With `update`, a row naming a recorded incident updates it through
`records.operations.update`. The caller owns the transaction."""

from __future__ import annotations

import secrets

from sqlalchemy import column, func, insert, select, table, text
from sqlmodel import Session

from incidents.imports.merge import overlay
from incidents.imports.rows import ImportRow, Problem
from incidents.models import Incident, IncidentPerson, Organization, Person, User
from incidents.records import bulk, operations
from incidents.records.bundle import load_bundle
from incidents.records.people import find_known, match_keys, name_key
from incidents.records.references import Allocator
from incidents.records.validation import fold
from incidents.records.value import from_bundle

BATCH = 500
DUPLICATE = "This reference is already recorded ({update} to update that incident)."
REPEATED = "This reference is on an earlier row of this file."
ARCHIVED = "This incident is archived; restore it before updating it."
LOOKS_RECORDED = (
    "Looks like {reference}, already recorded (same client, date and place). To update it, "
    "give its reference and {update}; to record a new incident anyway, {allow}."
)
LOOKS_REPEATED = (
    "Looks like row {row} of this file (same client, date and place). To record both, {allow}."
)
LOOKS_REPEATED_EARLIER = (
    "Looks like an earlier row of this file (same client, date and place). To record both, {allow}."
)


class FileMemory:
    """What earlier rows of the file held — given references and duplicate keys, with their
    row — in a temporary table of this connection: a check remembers them without writing to
    the database (no write lock) and without memory that grows with the file."""

    def __init__(self, session: Session):
        self.session = session
        self.table = f"import_seen_{secrets.token_hex(6)}"
        session.execute(
            text(f"CREATE TEMPORARY TABLE {self.table} (key TEXT PRIMARY KEY, row INTEGER)")
        )
        self.rows = table(self.table, column("key"), column("row"))

    def earlier(self, keys: list[str]) -> dict[str, int]:
        """The row of each key seen before."""
        if not keys:
            return {}
        query = select(self.rows.c.key, self.rows.c.row).where(self.rows.c.key.in_(keys))
        return dict(self.session.execute(query).all())

    def add(self, items: dict[str, int]) -> None:
        """Remember keys with their row."""
        if items:
            self.session.execute(
                insert(self.rows), [{"key": k, "row": row} for k, row in items.items()]
            )


class BatchWriter:
    """Writes batches of (row number, ImportRow) for one organization and actor."""

    def __init__(
        self,
        session: Session,
        organization: Organization,
        actor: User | None,
        *,
        update: bool = False,
        allow_duplicates: bool = False,
        options=None,
        dry_run: bool = False,
    ):
        self.session, self.organization, self.actor = session, organization, actor
        # a check writes nothing: earlier rows of the file are remembered in a temporary
        # table instead of being found in the database
        self.dry_run = dry_run
        self.memory = FileMemory(session) if dry_run else None
        self.allocator = Allocator(session, organization.id, organization.code)
        self.update, self.updated = update, 0
        self.allow_duplicates, self.options = allow_duplicates, options
        # duplicate key → row number, for the batch being written (earlier batches are in
        # the database, where the recorded-incident query finds them: memory stays flat)
        self.seen_rows: dict[tuple, int] = {}
        # incidents with an id from here on were created by this import (ids only grow):
        # a match among them is an earlier row of this file, never a recorded incident
        self.first_new_id: int | None = None
        self.created: list[str] = []  # the first references created, to link to
        self.count = 0

    def write(self, batch: list[tuple[int, ImportRow]]) -> list[Problem]:
        """Write a batch (in a check: only look it up); returns the rows refused for a taken
        reference or as a likely duplicate (the others written, or counted)."""
        if self.first_new_id is None:
            last = self.session.execute(select(func.max(Incident.id))).scalar()
            self.first_new_id = (last or 0) + 1
        problems, batch = self._references(batch)
        if not self.allow_duplicates:
            refused, batch = self._likely_duplicates(batch)
            problems += refused
        if not batch:
            return problems
        if self.dry_run:
            self.count += len(batch)
            return problems
        self._match_people([row for _, row in batch])
        created = bulk.create_many(
            self.session,
            actor=self.actor,
            organization=self.organization,
            items=[(row.value, row.reference) for _, row in batch],
            allocator=self.allocator,
            source="import",
        )
        self.count += len(created)
        self.created += [reference for _, reference in created[: 20 - len(self.created)]]
        return problems

    def _references(self, batch):
        """Given references must be free (in the database, which holds the earlier batches, and
        in this batch) — or, with `update`, name a stored incident, which the row then updates.
        Blank ones are assigned by `create_many`, never one given in this file."""
        given = [row.reference[0] for _, row in batch if row.reference]
        stored = {}
        if given:
            stored = dict(
                self.session.execute(
                    select(Incident.reference, Incident.id).where(
                        Incident.organization_id == self.organization.id,
                        Incident.reference.in_(given),
                    )
                ).all()
            )
        kept, problems, seen = [], [], set()
        earlier = self.memory.earlier([f"r:{r}" for r in given]) if self.memory else {}
        for number, row in batch:
            reference = row.reference[0] if row.reference else None
            if reference is not None and (
                reference in seen
                or f"r:{reference}" in earlier
                or stored.get(reference, 0) >= self.first_new_id
            ):
                problems.append(Problem(number, "reference", reference, REPEATED))
            elif reference in stored and self.update:
                problem = self._update(number, stored[reference], row)
                problems += [problem] if problem else []
            elif reference in stored:
                message = DUPLICATE.format(update=self.options.update)
                problems.append(Problem(number, "reference", reference, message))
            else:
                kept.append((number, row))
            seen.add(reference)
        if self.memory:
            self.memory.add({f"r:{r}": 0 for r in seen - {None} if f"r:{r}" not in earlier})
        self.allocator.taken |= (seen - {None}) | set(stored)
        return problems, kept

    def _likely_duplicates(self, batch):
        """Rows that look like an incident recorded before (or an earlier row of the batch):
        the same client (folded name), date, state and city. One query per batch."""
        self.seen_rows.clear()  # earlier batches: in the database, or (a check) in memory
        keyed = [(number, row, _duplicate_key(row.value)) for number, row in batch]
        wanted = {key for _, _, key in keyed if key}
        names = {key[3] for key in wanted}
        recorded = {}
        if names:
            # from the clients' names (indexed), so the query reads only their incidents
            for incident_id, reference, *key in self.session.execute(
                select(
                    Incident.id,
                    Incident.reference,
                    Incident.occurred_on,
                    Incident.state,
                    Incident.city,
                    Person.name_key,
                )
                .select_from(Person)
                .join(IncidentPerson, IncidentPerson.person_id == Person.id)
                .join(Incident, Incident.id == IncidentPerson.incident_id)
                .where(
                    Person.organization_id == self.organization.id,
                    Person.name_key.in_(names),
                    IncidentPerson.role == "subject",
                    Incident.archived_at.is_(None),
                )
            ):
                key[2] = fold(key[2])
                if tuple(key) in wanted:
                    earlier_row = incident_id >= self.first_new_id
                    recorded.setdefault(tuple(key), None if earlier_row else reference)
        if self.memory:
            stored_rows = self.memory.earlier([_text(key) for key in wanted])
            self.seen_rows.update(
                {key: stored_rows[_text(key)] for key in wanted if _text(key) in stored_rows}
            )
        kept, problems = [], []
        for number, row, key in keyed:
            allow = self.options.allow_duplicates
            if key in recorded and key not in self.seen_rows and recorded[key] is None:
                message = LOOKS_REPEATED_EARLIER.format(allow=allow)
            elif key in recorded and key not in self.seen_rows:
                message = LOOKS_RECORDED.format(
                    reference=recorded[key], update=self.options.update, allow=allow
                )
            elif key in self.seen_rows:
                message = LOOKS_REPEATED.format(row=self.seen_rows[key], allow=allow)
            else:
                if key:
                    self.seen_rows[key] = number
                kept.append((number, row))
                continue
            problems.append(Problem(number, "", "", message))
        if self.memory:
            fresh = {_text(key): n for key, n in self.seen_rows.items() if key in wanted}
            self.memory.add({k: n for k, n in fresh.items() if k not in stored_rows})
        return problems, kept

    def _match_people(self, rows: list[ImportRow]) -> None:
        """Link each client to a known person of the organization (stored details are kept),
        or to the new person of an earlier row of the batch with the same A-number, or name and
        date of birth; the others become new people."""
        subjects = [(i, row.value.people[0]) for i, row in enumerate(rows) if row.value.people]
        known = find_known(self.session, self.organization.id, [e.person for _, e in subjects])
        first: dict[tuple, str] = {}
        for index, entry in subjects:
            keys = match_keys(entry.person)
            match = next((known[k][0] for k in keys if known.get(k)), None)
            if match is not None:
                entry.person_id, entry.key = match, f"p{match}"
            else:
                earlier = next((first[k] for k in keys if k in first), None)
                entry.key = earlier or f"row{index}"
                for key in keys:
                    first.setdefault(key, entry.key)
            for document in rows[index].value.documents:
                document.presented_by = entry.key

    def _update(self, number: int, incident_id: int, row: ImportRow) -> Problem | None:
        """Update a stored incident with the row's filled cells (an 'incident_updated' event;
        in a check, only counted)."""
        incident = self.session.get(Incident, incident_id)
        if incident.archived_at is not None:
            return Problem(number, "reference", incident.reference, ARCHIVED)
        if self.dry_run:
            self.updated += 1
            return None
        before = from_bundle(load_bundle(self.session, incident))
        if operations.update(
            self.session,
            actor=self.actor,
            incident=incident,
            value=overlay(before, row),
            source="import",
        ):
            self.updated += 1
        return None


def _text(key: tuple) -> str:
    """A duplicate key as the file memory stores it."""
    return "d:" + "\x1f".join(str(part) for part in key)


def _duplicate_key(value) -> tuple | None:
    """What makes two incidents look the same: date, state, city and the client's name."""
    subjects = [e for e in value.people if e.role == "subject" and e.person.full_name]
    if not subjects:
        return None
    name = name_key(subjects[0].person.full_name)
    return (value.occurred_on, value.state, fold(value.city), name)
