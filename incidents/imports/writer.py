"""Writing imported rows in batches: references, people matched as the forms match them
(A-number, or name and date of birth), the incident's rows, derived data and one audit event
per incident — a fixed number of statements per batch. The caller owns the transaction."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import func, insert, select
from sqlmodel import Session

from incidents import audit
from incidents.cases import services
from incidents.cases.mapping import bundle_to_data
from incidents.db import utcnow
from incidents.imports.merge import overlay
from incidents.imports.people import subject_ids
from incidents.imports.rows import Problem
from incidents.models import (
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    IncidentSearch,
    Organization,
    Person,
    User,
)
from incidents.records import derived
from incidents.records.bundle import linked_agency_ids, load_bundle

BATCH = 500
DUPLICATE = "This reference is already recorded (use --update to update that incident)."
REPEATED = "This reference is on an earlier row of this file."
ARCHIVED = "This incident is archived; restore it before updating it."


class BatchWriter:
    """Writes batches of (row number, data) for one organization and actor."""

    def __init__(
        self,
        session: Session,
        organization: Organization,
        actor: User | None,
        *,
        update: bool = False,
    ):
        self.session, self.organization, self.actor = session, organization, actor
        self.actor_id = getattr(actor, "id", None)  # None from the command line
        # The case services record who edits; from the command line, nobody in particular.
        self.editor = actor or SimpleNamespace(id=None, organization_id=organization.id)
        self.update, self.updated = update, 0
        self.next_number: dict[int, int] = {}
        self.created: list[str] = []  # the first references created, to link to
        self.count = 0

    def write(self, batch: list[tuple[int, dict]]) -> list[Problem]:
        """Write a batch; returns the rows refused for a taken reference (others written)."""
        problems, batch = self._references(batch)
        if not batch:
            return problems
        now, actor = utcnow(), self.actor
        people = subject_ids(
            self.session, self.organization.id, self.actor_id, [d for _, d in batch], now
        )
        incidents = [self._incident(data, now) for _, data in batch]
        ids = (
            self.session.execute(
                insert(Incident.__table__).returning(
                    Incident.__table__.c.id, sort_by_parameter_order=True
                ),
                incidents,
            )
            .scalars()
            .all()
        )
        links, agencies, uses, documents = [], [], [], []
        for incident_id, (_, data), person_id in zip(ids, batch, people, strict=True):
            if person_id is not None:
                links.append(
                    {
                        "incident_id": incident_id,
                        "person_id": person_id,
                        "role": "subject",
                        "position": 0,
                    }
                )
            agencies += [{"incident_id": incident_id, "agency_id": a} for a in data["agency_ids"]]
            if data["frt"]:
                uses.append({"incident_id": incident_id, "position": 0, **data["frt"]})
            documents += [
                {
                    "incident_id": incident_id,
                    "position": position,
                    "document_type": kind,
                    "agent_response": response,
                    "presented_by_id": person_id,
                }
                for position, (kind, response) in enumerate(data["documents"])
            ]
        for model, rows in (
            (IncidentPerson, links),
            (IncidentAgency, agencies),
            (FrtUse, uses),
            (DocumentPresented, documents),
        ):
            if rows:
                self.session.execute(insert(model.__table__), rows)
        derived.refresh(self.session, ids)
        audit.record_many(
            session=self.session,
            action="incident_created",
            actor=actor,
            organization_id=self.organization.id,
            object_type="incident",
            items=[
                (i, {"reference": row["reference"], "source": "import"})
                for i, row in zip(ids, incidents, strict=True)
            ],
        )
        self.session.flush()
        for loaded in list(self.session.identity_map.values()):
            if isinstance(loaded, Incident | IncidentSearch | Person):
                self.session.expunge(loaded)  # nothing accumulates from batch to batch
        self.count += len(ids)
        self.created += [row["reference"] for row in incidents[: 20 - len(self.created)]]
        return problems

    def _references(self, batch):
        """Given references must be free (in the database, which holds the earlier batches, and
        in this batch) — or, with `update`, name a stored incident, which the row then updates;
        blank ones get the next free number of their year."""
        given = [data["reference"][0] for _, data in batch if data["reference"]]
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
        for number, data in batch:
            reference = data["reference"][0] if data["reference"] else None
            if reference is not None and reference in seen:
                problems.append(Problem(number, "reference", reference, REPEATED))
            elif reference in stored and self.update:
                problem = self._update(number, stored[reference], data)
                problems += [problem] if problem else []
            elif reference in stored:
                problems.append(Problem(number, "reference", reference, DUPLICATE))
            else:
                kept.append((number, data))
            seen.add(reference)
        taken = (seen - {None}) | set(stored)
        for _, data in kept:
            if data["reference"] is None:
                data["reference"] = self._assign(data["occurred_on"].year, taken)
        return problems, kept

    def _update(self, number: int, incident_id: int, data: dict) -> Problem | None:
        """Update a stored incident with the row's filled cells (an 'incident_updated' event)."""
        incident = self.session.get(Incident, incident_id)
        if incident.archived_at is not None:
            return Problem(number, "reference", incident.reference, ARCHIVED)
        before = bundle_to_data(
            load_bundle(self.session, incident), linked_agency_ids(self.session, incident_id)
        )
        after = overlay(before, data, data["filled"])
        if services.edit_from_import(
            session=self.session, actor=self.editor, incident=incident, before=before, after=after
        ):
            self.updated += 1
        return None

    def _assign(self, year: int, taken: set) -> tuple[str, int, int]:
        if year not in self.next_number:
            highest = self.session.execute(
                select(func.max(Incident.ref_number)).where(
                    Incident.organization_id == self.organization.id, Incident.ref_year == year
                )
            ).scalar()
            self.next_number[year] = (highest or 0) + 1
        while True:
            number = self.next_number[year]
            self.next_number[year] += 1
            reference = f"{self.organization.code}-{year}-{number:04d}"
            if reference not in taken:
                return reference, year, number

    def _incident(self, data: dict, now) -> dict:
        reference, year, number = data["reference"]
        return {
            "organization_id": self.organization.id,
            "reference": reference,
            "ref_year": year,
            "ref_number": number,
            "version": 1,
            "occurred_on": data["occurred_on"],
            "date_precision": data["date_precision"],
            "city": data["city"],
            "county": data["county"],
            "state": data["state"],
            "zip": data["zip"],
            "encounter_type": data["encounter_type"],
            "narrative": data["narrative"],
            "documentation_status": "draft",
            "research_consent": data["research_consent"],
            "outcome": data["outcome"],
            "detention_hours_entered": data["detention_hours_entered"],
            "created_at": now,
            "updated_at": now,
            "created_by_id": self.actor_id,
            "updated_by_id": self.actor_id,
        }
