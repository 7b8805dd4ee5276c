"""Deterministic synthetic incidents for demos and benchmarks, written with bulk inserts.

Scenarios carry plausible correlations (immigration agents' phone scans in street stops, police
face searches behind warrants, port-of-entry verification, retailer referrals), and the first
incidents cycle through every vocabulary value so that each appears at least once.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, text
from sqlmodel import Session, select

from incidents.cases import demo_data as words
from incidents.cases.demo_data import BATCH, LEGAL_WEIGHTS, SCENARIOS
from incidents.cases.demo_rows import RowBuilders
from incidents.db import utcnow
from incidents.models import (
    Agency,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    IncidentSearch,
    Organization,
    Person,
    TimelineEvent,
)
from incidents.records import research as research_facts
from incidents.records.derived import flags, search_body
from incidents.records.validation import fold
from incidents.vocab import (
    DOCUMENTATION_STATUS,
    ENCOUNTER_TYPE,
    GENDER,
    LEGAL_STATUS,
    OUTCOME,
    US_CITIZEN_STATUSES,
)


class Generator(RowBuilders):
    """Builds rows for one organization; ids are assigned here so inserts need no round trip."""

    def __init__(self, session: Session, organization: Organization, seed: int):
        self.rng = random.Random(seed)
        self.org = organization
        self.agencies = {
            a.code: a.id
            for a in session.exec(select(Agency).where(Agency.organization_id.is_(None))).all()
        }
        self.ids = {
            model: (session.exec(select(func.max(model.id))).one() or 0)
            for model in (
                Incident,
                Person,
                IncidentPerson,
                FrtUse,
                DocumentPresented,
                TimelineEvent,
            )
        }
        self.counters: dict[int, int] = dict(
            session.exec(
                select(Incident.ref_year, func.max(Incident.ref_number))
                .where(Incident.organization_id == organization.id)
                .group_by(Incident.ref_year)
            ).all()
        )
        self.now = utcnow()
        self.recent_subjects: list[tuple[int, str, str]] = []
        self.subject_status: str | None = None

    def next_id(self, model) -> int:
        """The next id of a table."""
        self.ids[model] += 1
        return self.ids[model]

    def pick(self, index: int, vocabulary, default):
        """Cycle through every code first, then use the scenario's value."""
        return vocabulary.codes[index] if index < len(vocabulary.codes) else default

    def incident(self, index: int) -> dict[str, list[dict]]:
        """All rows of one synthetic incident."""
        rng = self.rng
        scenario = rng.choices(SCENARIOS, weights=[s[0] for s in SCENARIOS])[0]
        _, encounters, agency_codes, systems, captures, mode, treated, outcomes = scenario
        occurred = date(2019, 1, 1) + timedelta(days=int((rng.random() ** 0.5) * 2860))
        precision = rng.choices(("day", "month", "year"), weights=(90, 8, 2))[0]
        if precision != "day":
            occurred = occurred.replace(day=1, month=1 if precision == "year" else occurred.month)
        state = rng.choice(tuple(words.PLACES))
        year = occurred.year
        self.counters[year] = self.counters.get(year, 0) + 1
        iid = self.next_id(Incident)
        rows: dict[str, list[dict]] = {
            k: []
            for k in (
                "incidents",
                "people",
                "links",
                "agencies",
                "frt",
                "docs",
                "timeline",
                "search",
            )
        }
        subject_name, people_names, subject_id = self._people(index, iid, state, rows)
        start = datetime.combine(occurred, time(rng.randint(5, 20), rng.choice((0, 15, 30, 45))))
        hours = round(
            rng.choice((0.5, 1, 2, 3, 6, 11, 18, 30, 52, 72, 240)) * rng.uniform(0.8, 1.2), 1
        )
        outcome = self.pick(index, OUTCOME, rng.choice(outcomes))
        narrative = " ".join(
            (
                rng.choice(words.NARRATIVE_OPENINGS),
                rng.choice(words.NARRATIVE_FRT),
                rng.choice(words.NARRATIVE_DOCS),
                rng.choice(words.NARRATIVE_ENDINGS),
            )
        ).format(name=subject_name.split()[0], pronoun=rng.choice(("her", "his", "their")))
        reference = f"{self.org.code}-{year}-{self.counters[year]:04d}"
        rows["incidents"].append(
            {
                "id": iid,
                "organization_id": self.org.id,
                "reference": reference,
                "ref_year": year,
                "ref_number": self.counters[year],
                "version": 1,
                "occurred_on": occurred,
                "date_precision": precision,
                "occurred_time": start.time() if precision == "day" else None,
                "street_address": rng.choice(words.STREETS) if rng.random() < 0.5 else None,
                "city": rng.choice(words.PLACES[state]),
                "county": None,
                "state": state,
                "zip": f"{rng.randint(10000, 99950)}" if rng.random() < 0.6 else None,
                "encounter_type": self.pick(index, ENCOUNTER_TYPE, rng.choice(encounters)),
                "narrative": narrative,
                "documentation_status": self.pick(
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
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        if rows["incidents"][0]["research_consent"] == "no":
            rows["incidents"][0]["research_consent_on"] = None
        chosen = {
            self.agencies[c]
            for c in rng.sample(agency_codes, k=min(len(agency_codes), rng.choice((1, 1, 2))))
        }
        rows["agencies"] = [{"incident_id": iid, "agency_id": a} for a in sorted(chosen)]
        self._frt(index, iid, rows, systems, captures, mode, treated, sorted(chosen))
        self._documents(index, iid, subject_id, rows)
        rows["incidents"][0].update(
            subject_legal_status=self.subject_status,
            **flags(
                [(u["sole_basis"], u["treated_as"]) for u in rows["frt"]],
                [d["agent_response"] for d in rows["docs"]],
            ),
        )
        self._timeline(index, iid, start, hours, outcome, rows)
        rows["search"].append(
            {"incident_id": iid, "body": search_body(reference, narrative, people_names)}
        )
        return rows

    def _people(self, index, iid, state, rows):
        rng = self.rng
        if self.recent_subjects and rng.random() < 0.03:
            subject_id, subject_name, self.subject_status = rng.choice(self.recent_subjects)
            rows["links"].append(
                {
                    "id": self.next_id(IncidentPerson),
                    "incident_id": iid,
                    "person_id": subject_id,
                    "role": "subject",
                    "position": 0,
                }
            )
            return subject_name, [subject_name], subject_id
        names, subject = [], None
        roles = (
            ["subject"]
            + (["witness"] if rng.random() < 0.3 else [])
            + (["relative"] if rng.random() < 0.2 else [])
            + (["other"] if index % 50 == 7 else [])
        )
        for position, role in enumerate(roles):
            pid = self.next_id(Person)
            name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
            if rng.random() < 0.4:
                name += f" {rng.choice(words.LAST_NAMES)}"
            legal = (
                self.pick(
                    index,
                    LEGAL_STATUS,
                    rng.choices(
                        LEGAL_STATUS.codes,
                        weights=[LEGAL_WEIGHTS.get(c, 3) for c in LEGAL_STATUS.codes],
                    )[0],
                )
                if role == "subject"
                else rng.choice(("us_citizen_birth", "lpr", "unknown"))
            )
            citizen = legal in US_CITIZEN_STATUSES
            rows["people"].append(
                {
                    "id": pid,
                    "organization_id": self.org.id,
                    "full_name": name,
                    "name_key": fold(name),
                    "aliases": None,
                    "date_of_birth": date(
                        rng.randint(1950, 2007), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    "a_number": None if citizen else f"A{rng.randint(0, 999_999_999):09d}",
                    "phone": f"+1 312 555 01{rng.randint(0, 99):02d}"
                    if rng.random() < 0.6
                    else None,
                    "email": None,
                    "street_address": None,
                    "city": rng.choice(words.PLACES[state]),
                    "state": state,
                    "zip": None,
                    "gender": self.pick(
                        index, GENDER, rng.choice(("female", "male", "female", "male", "nonbinary"))
                    ),
                    "nationality": "US"
                    if citizen
                    else rng.choice(
                        ("MX", "GT", "HN", "SV", "VN", "CN", "IN", "NG", "HT", "VE", "UA")
                    ),
                    "language": rng.choice(
                        ("Spanish", "English", "Vietnamese", "Haitian Creole", "Mandarin", None)
                    ),
                    "legal_status": legal,
                    "notes": None,
                    "created_at": self.now,
                    "updated_at": self.now,
                }
            )
            rows["links"].append(
                {
                    "id": self.next_id(IncidentPerson),
                    "incident_id": iid,
                    "person_id": pid,
                    "role": role,
                    "position": position,
                }
            )
            names.append(name)
            if role == "subject":
                subject = (pid, name)
                self.subject_status = legal
        self.recent_subjects = [*self.recent_subjects, (*subject, self.subject_status)][-200:]
        return subject[1], names, subject[0]


TABLES = (
    ("incidents", Incident),
    ("people", Person),
    ("links", IncidentPerson),
    ("agencies", IncidentAgency),
    ("frt", FrtUse),
    ("docs", DocumentPresented),
    ("timeline", TimelineEvent),
    ("search", IncidentSearch),
)


def seed_incidents(
    *, session: Session, organization: Organization, count: int, seed: int, progress=None
) -> int:
    """Insert `count` synthetic incidents in batches; returns how many were written."""
    generator = Generator(session, organization, seed)
    written = 0
    while written < count:
        batch: dict[str, list[dict]] = {name: [] for name, _ in TABLES}
        for index in range(written, min(count, written + BATCH)):
            for name, rows in generator.incident(index).items():
                batch[name].extend(rows)
        for name, model in TABLES:
            if batch[name]:
                session.execute(insert(model.__table__), batch[name])
        _advance_sequences(session)
        research_facts.refresh(session, [row["id"] for row in batch["incidents"]])
        session.commit()
        written += len(batch["incidents"])
        if progress:
            progress(written)
    return written


def _advance_sequences(session: Session) -> None:
    """PostgreSQL: ids were given explicitly, so move each id sequence past them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for _, model in TABLES:
        table = model.__table__.name
        if "id" in model.__table__.c and model.__table__.c.id.primary_key:
            sql = "SELECT setval(pg_get_serial_sequence(:t, 'id'), (SELECT MAX(id) FROM %s))"
            session.execute(text(sql % table), {"t": table})  # table names come from our models
