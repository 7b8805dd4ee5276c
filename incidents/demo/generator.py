"""Deterministic synthetic incidents for demos and benchmarks, built as typed incident values and
written through the one write path, `records.bulk.create_many`, which allocates the
references and computes every derived value.

Scenarios (data/scenarios.json) carry plausible correlations (immigration agents' phone scans in
street stops, police face searches behind warrants, port-of-entry verification, retailer
referrals); the first incidents cycle through every vocabulary value so that each appears at
least once. Every person is invented from the word lists (data/words.json)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from sqlmodel import Session, select

from incidents.demo import registry, words
from incidents.demo.agents import agents, link
from incidents.demo.facts import incident_facts, paperwork, scan_facts
from incidents.demo.rows import documents, frt_uses, pick, timeline
from incidents.demo.writer import Writer
from incidents.models import Agency, Organization
from incidents.records import bulk
from incidents.records.references import Allocator
from incidents.records.value import IncidentValue, PersonEntry, PersonValue
from incidents.vocab import (
    DOCUMENTATION_STATUS,
    ENCOUNTER_TYPE,
    GENDER,
    LEGAL_STATUS,
    OUTCOME,
    US_CITIZEN_STATUSES,
)

BATCH = 2000  # incidents per create_many call and per commit
RECENT = 200  # how many recent subjects a new incident may share
REUSE = 0.03  # the share of incidents whose subject appeared in an earlier one
SCENARIO_CUM = list(accumulate(words.SCENARIO_WEIGHTS))
LEGAL_CODES = LEGAL_STATUS.codes
LEGAL_CUM = list(accumulate(words.LEGAL_WEIGHTS.get(code, 3) for code in LEGAL_CODES))


@dataclass
class Subject:
    """The subject of an earlier incident, who may appear again: by entry key while that
    incident's batch is being built, by person id once it is written."""

    index: int
    key: str
    person: PersonValue
    person_id: int | None = None


class Generator:
    """Builds incident values for an organization (agencies: the shared seeded ones, and the
    organization's own registered with their jurisdiction where an incident is in a city they
    serve); the same seed gives the same values."""

    def __init__(self, session: Session, organization: Organization, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed
        seeded = session.exec(select(Agency).where(Agency.organization_id.is_(None))).all()
        self.agencies = {a.code: a.id for a in seeded}
        self.codes = {a.id: a.code for a in seeded}
        self.local = {a.id for a in seeded if a.level in ("state", "local")}
        # the organization's own agencies with their jurisdiction stand in for generic ones
        self.registered = {
            key: agency.id for key, agency in registry.register(session, organization).items()
        }
        for key, agency_id in self.registered.items():
            self.codes[agency_id] = key[0]  # the badge of its type
        # (none joins `local`: Detroit, New York City and California take no 287(g) agreement)
        self.recent: list[Subject] = []
        # documentation status per incident index: set after writing (the review workflow's)
        self.statuses: dict[int, str] = {}

    def incident(self, index: int) -> IncidentValue:
        """The value of synthetic incident number `index` (counted from 0 in this run)."""
        rng = self.rng
        scenario = rng.choices(words.SCENARIOS, cum_weights=SCENARIO_CUM)[0]
        occurred = date(2019, 1, 1) + timedelta(days=int((rng.random() ** 0.5) * 2860))
        precision = rng.choices(("day", "month", "year"), weights=(90, 8, 2))[0]
        if precision != "day":
            occurred = occurred.replace(day=1, month=1 if precision == "year" else occurred.month)
        state = rng.choice(words.STATES)
        people = self._people(index, state)
        subject = people[0]
        start = datetime.combine(occurred, time(rng.randint(5, 20), rng.choice((0, 15, 30, 45))))
        hours = round(
            rng.choice((0.5, 1, 2, 3, 6, 11, 18, 30, 52, 72, 240)) * rng.uniform(0.8, 1.2), 1
        )
        outcome = pick(index, OUTCOME, rng.choice(scenario.outcomes))
        narrative = " ".join(
            rng.choice(words.NARRATIVE[part])
            for part in ("openings", "frt", "documents", "endings")
        ).format(
            name=subject.person.full_name.split()[0],
            pronoun=rng.choice(("her", "his", "their")),
        )
        fields = {  # the order of the random draws: keep it
            "occurred_on": occurred,
            "date_precision": precision,
            "occurred_time": start.time() if precision == "day" else None,
            "street_address": rng.choice(words.STREETS) if rng.random() < 0.5 else None,
            "city": rng.choice(words.PLACES[state]),
            "state": state,
            "zip": f"{rng.randint(10000, 99950)}" if rng.random() < 0.6 else None,
            "encounter_type": pick(index, ENCOUNTER_TYPE, rng.choice(scenario.encounters)),
            "narrative": narrative,
            "documentation_status": pick(
                index,
                DOCUMENTATION_STATUS,
                rng.choices(("draft", "under_review", "verified"), weights=(3, 3, 4))[0],
            ),
            "research_consent": "yes" if rng.random() < 0.7 else "no",
            "research_consent_on": occurred + timedelta(days=rng.randint(1, 60))
            if rng.random() < 0.7
            else None,
            "outcome": outcome,
            "detention_hours_entered": hours if rng.random() < 0.3 else None,
        }
        if fields["research_consent"] != "yes":
            fields["research_consent_on"] = None
        self.statuses[index] = fields.pop("documentation_status")
        codes = rng.sample(scenario.agencies, k=min(len(scenario.agencies), rng.choice((1, 1, 2))))
        agencies = sorted(
            {
                self.registered.get((code, state, fields["city"])) or self.agencies[code]
                for code in codes
            }
        )
        fields.update(incident_facts(self.seed, index, start))
        uses = frt_uses(rng, index, scenario, agencies)
        for n, use in enumerate(uses):
            for code, value in scan_facts(self.seed, index, n).items():
                setattr(use, code, value)
        found = agents(self.seed, index, agencies, self.codes)
        events = timeline(index, start, hours, outcome, state)
        papers = paperwork(self.seed, index, start, outcome)
        warrant = {p.kind for p in papers} & {"i200", "i205"}
        # a warrant on file is now and then shown (administrative: an ICE officer's form)
        if index >= 100 and warrant and random.Random(f"w:{self.seed}:{index}").random() < 0.4:
            fields["warrant_shown"] = "administrative"
        link(found, uses, events)
        # state and local police with CBP's app for 287(g) partners act under an agreement; so
        # do some sheriffs otherwise
        under = any(u.system == "mobile_identify" for u in uses) or index % 5 == 0
        return IncidentValue(
            **fields,
            agencies=agencies,
            agencies_287g=[a for a in agencies if a in self.local] if under else [],
            people=people,
            agents=found,
            frt_uses=uses,
            paperwork=papers,
            documents=documents(rng, index, subject.key),
            timeline=events,
        )

    def _people(self, index: int, state: str) -> list[PersonEntry]:
        """The people of an incident, subject first; now and then a recent subject again."""
        rng = self.rng
        if self.recent and rng.random() < REUSE:
            known = rng.choice(self.recent)
            if known.person_id is None:  # same batch: the same key makes one person
                return [PersonEntry(key=known.key, person=known.person)]
            return [PersonEntry(key=f"{index}.0", person_id=known.person_id, person=known.person)]
        roles = (
            ["subject"]
            + (["witness"] if rng.random() < 0.3 else [])
            + (["relative"] if rng.random() < 0.2 else [])
            + (["other"] if index % 50 == 7 else [])
        )
        entries = [
            PersonEntry(
                key=f"{index}.{position}", role=role, person=self._person(index, role, state)
            )
            for position, role in enumerate(roles)
        ]
        subject = entries[0]
        self.recent = [*self.recent, Subject(index, subject.key, subject.person)][-RECENT:]
        return entries

    def _person(self, index: int, role: str, state: str) -> PersonValue:
        """An invented person; the subject's legal status follows the weights of the data."""
        rng = self.rng
        name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
        if rng.random() < 0.4:
            name += f" {rng.choice(words.LAST_NAMES)}"
        if role == "subject":
            legal = pick(index, LEGAL_STATUS, rng.choices(LEGAL_CODES, cum_weights=LEGAL_CUM)[0])
        else:
            legal = rng.choice(("us_citizen_birth", "lpr", "unknown"))
        citizen = legal in US_CITIZEN_STATUSES
        return PersonValue(
            full_name=name,
            date_of_birth=date(rng.randint(1950, 2007), rng.randint(1, 12), rng.randint(1, 28)),
            a_number=None if citizen else f"A{rng.randint(0, 999_999_999):09d}",
            phone=f"+1 312 555 01{rng.randint(0, 99):02d}" if rng.random() < 0.6 else None,
            city=rng.choice(words.PLACES[state]),
            state=state,
            gender=pick(
                index, GENDER, rng.choice(("female", "male", "female", "male", "nonbinary"))
            ),
            nationality="US" if citizen else rng.choice(words.NATIONALITIES),
            language=rng.choice(words.LANGUAGES),
            legal_status=legal,
        )

    def written(self, people_ids: dict[str, int]) -> None:
        """Learn the person ids of the subjects created by a written batch (`people_ids`: entry
        key → person id, from create_many), so that later batches link them by id."""
        for subject in self.recent:
            if subject.person_id is None:
                subject.person_id = people_ids.get(subject.key)


def seed_incidents(
    *,
    session: Session,
    organization: Organization,
    count: int,
    seed: int,
    progress=None,
    reviewer=None,
) -> int:
    """Write `count` synthetic incidents in batches of BATCH, each with its review status
    (and, with a `workbench.Reviewer`, its assignments and review moves) and committed; returns
    how many were written. Memory is bounded by the batch, whatever the count. On PostgreSQL
    a writer thread writes each batch (COPY) while the next is built. `progress(done)` is
    called after each batch. The caller records the audit event."""
    generator = Generator(session, organization, seed)
    allocator = Allocator(session, organization.id, organization.code)
    session.commit()  # the writer's connection must see the agencies just registered
    known: dict = {}
    written = 0
    with Writer(session) as writer:
        while written < count:
            end = min(count, written + BATCH)
            values = [generator.incident(index) for index in range(written, end)]
            columns = [
                {"documentation_status": generator.statuses.pop(index)}
                for index in range(written, end)
            ]
            reviewed = (
                [
                    reviewer.review(value.occurred_on, extra["documentation_status"])
                    for value, extra in zip(values, columns, strict=True)
                ]
                if reviewer
                else []
            )
            for extra, (assigned, _) in zip(columns, reviewed, strict=False):
                extra.update(assigned)
            batch = bulk.prepare_many(
                session,
                actor=None,
                organization=organization,
                items=[(value, None) for value in values],
                allocator=allocator,
                columns=columns,
                known=known,
            )
            known = batch.details  # the people a later batch may link before this is committed
            generator.written(batch.people)
            events = (
                reviewer.written(
                    [incident_id for incident_id, _ in batch.created],
                    [assigned for assigned, _ in reviewed],
                    [events for _, events in reviewed],
                )
                if reviewer
                else []
            )
            writer.write(batch, events)
            written = end
            if progress:
                progress(written)
    return written
