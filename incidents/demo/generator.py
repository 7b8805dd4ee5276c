"""Deterministic synthetic incidents for demos and benchmarks, built as typed incident values in
batches (written by `demo.seeding` through the bulk write path, `records.bulk`, which allocates
the references and computes every derived value).

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
from incidents.models import Agency, Organization
from incidents.records.value import IncidentValue, PersonEntry, PersonValue
from incidents.vocab import (
    DOCUMENTATION_STATUS,
    ENCOUNTER_TYPE,
    GENDER,
    LEGAL_STATUS,
    OUTCOME,
    US_CITIZEN_STATUSES,
)

BATCH = 2000  # incidents per batch: one random stream, one create_many call and one commit
RECENT = 200  # how many recent incidents' subjects a new incident may share
REUSE = 0.03  # the share of incidents whose subject appeared in an earlier one
NAME = "{name}"  # the narrative's first name of a subject known only once written
SCENARIO_CUM = list(accumulate(words.SCENARIO_WEIGHTS))
LEGAL_CODES = LEGAL_STATUS.codes
LEGAL_CUM = list(accumulate(words.LEGAL_WEIGHTS.get(code, 3) for code in LEGAL_CODES))


@dataclass(frozen=True)
class Setting:
    """What a generator needs from the database, as plain data (it crosses to the worker
    processes of `demo.seeding`): the seed and the agencies' ids."""

    seed: int
    agencies: dict[str, int]  # code → id of the shared seeded agencies
    codes: dict[int, str]  # agency id → code (a registered agency: the badge of its type)
    local: frozenset[int]  # ids of the state and local agencies
    registered: dict[tuple[str, str, str], int]  # (code, state, city) → id of the org's own


@dataclass
class Subject:
    """The subject of an incident of the batch being built, who may appear again."""

    key: str
    person: PersonValue


@dataclass
class Batch:
    """The values of incidents `start` to `end - 1`, their documentation statuses, and the
    incidents whose subject returns from an earlier batch (index → that incident's index): the
    writer links that person by id and puts the first name into the narrative (NAME)."""

    start: int
    values: list[IncidentValue]
    statuses: list[str]
    returning: dict[int, int]


class Generator:
    """Builds incident values for an organization (agencies: the shared seeded ones, and the
    organization's own registered with their jurisdiction where an incident is in a city they
    serve). Each batch of BATCH incidents has a random stream of its own, so batches can be
    built in any order or process: the same seed gives the same values."""

    def __init__(self, setting: Setting):
        self.setting = setting
        self.seed = setting.seed
        self.rng = random.Random(setting.seed)
        self.start = 0
        # per incident of the batch: its subject, or the earlier batch's incident it returns to
        self.subjects: dict[int, Subject | int] = {}
        self.returning: dict[int, int] = {}
        self.statuses: dict[int, str] = {}

    @classmethod
    def of(cls, session: Session, organization: Organization, seed: int) -> Generator:
        """A generator for `organization`, registering its own agencies (flushed, not
        committed)."""
        seeded = session.exec(select(Agency).where(Agency.organization_id.is_(None))).all()
        codes = {a.id: a.code for a in seeded}
        registered = {
            key: agency.id for key, agency in registry.register(session, organization).items()
        }
        for key, agency_id in registered.items():
            codes[agency_id] = key[0]  # the badge of its type
        # (none is local: Detroit, New York City and California take no 287(g) agreement)
        return cls(
            Setting(
                seed=seed,
                agencies={a.code: a.id for a in seeded},
                codes=codes,
                local=frozenset(a.id for a in seeded if a.level in ("state", "local")),
                registered=registered,
            )
        )

    def batch(self, start: int, end: int) -> Batch:
        """The incidents `start` to `end - 1`, from the batch's own random stream (`start` is a
        multiple of BATCH, or 0)."""
        self.rng = random.Random(self.seed if start == 0 else f"batch:{self.seed}:{start}")
        self.start, self.subjects, self.returning, self.statuses = start, {}, {}, {}
        values = [self.incident(index) for index in range(start, end)]
        statuses = [self.statuses.pop(index) for index in range(start, end)]
        return Batch(start, values, statuses, self.returning)

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
            name=subject.person.full_name.split()[0] if subject.person.full_name else NAME,
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
        setting = self.setting
        agencies = sorted(
            {
                setting.registered.get((code, state, fields["city"])) or setting.agencies[code]
                for code in codes
            }
        )
        fields.update(incident_facts(self.seed, index, start))
        uses = frt_uses(rng, index, scenario, agencies)
        for n, use in enumerate(uses):
            for code, value in scan_facts(self.seed, index, n).items():
                setattr(use, code, value)
        found = agents(self.seed, index, agencies, setting.codes)
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
            agencies_287g=[a for a in agencies if a in setting.local] if under else [],
            people=people,
            agents=found,
            frt_uses=uses,
            paperwork=papers,
            documents=documents(rng, index, subject.key),
            timeline=events,
        )

    def _people(self, index: int, state: str) -> list[PersonEntry]:
        """The people of an incident, subject first; now and then the subject of one of the
        RECENT incidents before it again (of this batch: the same entry key; of an earlier
        one: an entry the writer links by id, see Batch)."""
        rng = self.rng
        if index and rng.random() < REUSE:
            earlier = index - 1 - rng.randrange(min(RECENT, index))
            known = self.subjects.get(earlier, earlier)
            self.subjects[index] = known
            if isinstance(known, Subject):  # same batch: the same key makes one person
                return [PersonEntry(key=known.key, person=known.person)]
            self.returning[index] = known
            return [PersonEntry(key=f"{index}.0")]
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
        self.subjects[index] = Subject(entries[0].key, entries[0].person)
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
