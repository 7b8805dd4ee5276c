"""An incident's export record: its level-0 quasi-identifiers and coded analytic values,
computed from its rows and stored as research facts by `refresh` (the litigation record's codes:
`research_litigation`). Nothing else is read: no names, dates of birth beyond the age, places
beyond the state, facility names, free text or identifiers."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import String, delete, insert, null
from sqlmodel import Session, select

from incidents.models import (
    Agency,
    Assessment,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentAgency,
    IncidentPerson,
    Person,
    Provision,
    ResearchFacts,
    TimelineEvent,
)
from incidents.models.research import CLASS_COLUMNS, RARE_COLUMNS
from incidents.records import research_litigation as litigation
from incidents.records.keyfacts import detention_hours_from_timeline
from incidents.records.regions import STATE_TO_DIVISION, STATE_TO_REGION, world_region
from incidents.records.research_litigation import INCIDENT_FIELDS, any_yes
from incidents.vocab import DISREGARDED_RESPONSES

# The analytic columns written as they are (not grouped as "other" when rare): their export cells
# are stored ready-made, comma-joined, in `cells`, so the export reads one column for them.
PACKED = (
    "legal_status_group",
    "frt_mode",
    "treated_as",
    "sole_basis",
    "human_review",
    "misidentified",
    "documents_presented",
    "documents_disregarded",
    "detention_hours_band",
    "provisions_violated",
    "stop_basis",
    "agents_masked",
    "claim_ignored",
    "scan_consent",
    "biometrics_taken",
    "facility_types",
    "under_287g",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A code csv.writer writes verbatim and no spreadsheet reads as a formula.
PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _+./-]*")
AGE_BANDS = (*(f"{n}-{n + 9}" for n in range(0, 90, 10)), "90+")
WIDE_AGE = {  # 10-year band → 20-year band (80+ takes 80-89 and 90+)
    band: ("0-19", "20-39", "40-59", "60-79", "80+")[min(i // 2, 4)]
    for i, band in enumerate(AGE_BANDS)
}
LEGAL_GROUP = {
    "us_citizen_birth": "us_citizen",
    "us_citizen_abroad": "us_citizen",
    "us_citizen_naturalized": "us_citizen",
    "us_citizen_derived": "us_citizen",
    "us_national": "us_national",
    "lpr": "lpr",
    "refugee": "humanitarian",
    "asylee": "humanitarian",
    "asylum_applicant": "humanitarian",
    "tps": "humanitarian",
    "u_t_visa": "humanitarian",
    "parolee": "humanitarian",
    "daca": "temporary_status",
    "visa_holder": "temporary_status",
    "pending_adjustment": "temporary_status",
    "undocumented": "undocumented",
}


def compute(session: Session, ids: list[int]) -> dict[int, dict]:
    """The export records (level-0 values) of a batch of incidents, keyed by incident id.
    Column queries only: no ORM objects, no identity map."""
    run = session.execute
    incidents = {
        row.id: row
        for row in run(
            select(
                Incident.id,
                Incident.organization_id,
                Incident.research_consent,
                Incident.archived_at,
                Incident.occurred_on,
                Incident.date_precision,
                Incident.state,
                Incident.encounter_type,
                Incident.outcome,
                Incident.detention_hours_entered,
                *(getattr(Incident, name) for name in INCIDENT_FIELDS),
            ).where(Incident.id.in_(ids))
        )
    }
    frt, docs, events = defaultdict(list), defaultdict(list), defaultdict(list)
    for row in run(
        select(
            FrtUse.incident_id,
            FrtUse.system,
            FrtUse.mode,
            FrtUse.treated_as,
            FrtUse.sole_basis,
            FrtUse.human_review,
            FrtUse.misidentified,
            FrtUse.scan_consent,
        )
        .where(FrtUse.incident_id.in_(ids))
        .order_by(FrtUse.position, FrtUse.id)
    ):
        frt[row.incident_id].append(row)
    for row in run(
        select(
            DocumentPresented.incident_id,
            DocumentPresented.document_type,
            DocumentPresented.agent_response,
        ).where(DocumentPresented.incident_id.in_(ids))
    ):
        docs[row.incident_id].append(row)
    for row in run(
        select(
            TimelineEvent.incident_id,
            TimelineEvent.kind,
            TimelineEvent.starts_at,
            TimelineEvent.ends_at,
            TimelineEvent.place_type,
            null().cast(String).label("facility"),  # the custody chain's kinds need no names
        ).where(TimelineEvent.incident_id.in_(ids))
    ):
        events[row.incident_id].append(row)
    subjects = {}
    for row in run(
        select(
            IncidentPerson.incident_id,
            Person.date_of_birth,
            Person.nationality,
            Person.legal_status,
        )
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(ids), IncidentPerson.role == "subject")
        .order_by(IncidentPerson.position)
    ):
        subjects.setdefault(row.incident_id, row)
    levels = defaultdict(set)
    for incident_id, level in run(
        select(IncidentAgency.incident_id, Agency.level)
        .join(Agency, Agency.id == IncidentAgency.agency_id)
        .where(IncidentAgency.incident_id.in_(ids))
    ):
        levels[incident_id].add(level)
    for incident_id, level in run(
        select(FrtUse.incident_id, Agency.level)
        .join(Agency, Agency.id == FrtUse.operator_agency_id)
        .where(FrtUse.incident_id.in_(ids))
    ):
        levels[incident_id].add(level)
    violated = defaultdict(set)
    for incident_id, requirement in run(
        select(Assessment.incident_id, Provision.requirement_type)
        .join(Provision, Provision.id == Assessment.provision_id)
        .where(Assessment.incident_id.in_(ids), Assessment.decision == "violated")
    ):
        violated[incident_id].add(requirement)
    masked, under_287g = litigation.load(session, ids)
    return {
        i: record(
            incidents[i],
            frt[i],
            docs[i],
            events[i],
            subjects.get(i),
            levels[i],
            violated[i],
            masked=masked[i],
            under_287g=i in under_287g,
        )
        for i in ids
        if i in incidents
    }


def record(incident, uses, documents, events, subject, levels, violated, *, masked, under_287g):
    """The export record of one incident from its rows: `incident` with the columns `compute`
    reads, its FRT uses in order, documents, timeline events (facility None), first subject
    (date of birth, nationality, legal status) or None, the levels of the agencies involved,
    the requirement types of the provisions decided violated, the agents' answers to 'masked'
    and whether an agency acted under a 287(g) agreement."""
    coded = litigation.codes(incident, uses, events, masked, under_287g)
    return _record(incident, uses, documents, events, subject, levels, violated, coded)


def age_band(born: date | None, on: date, precision: str = "day") -> str:
    """The client's 10-year age band at the incident (90+ top-coded), or 'unknown' — also when
    the incident's date is known only to the month or year and the band could differ within it
    (a birthday that crosses into the next decade)."""
    if born is None:
        return "unknown"
    first, last = _date_range(on, precision)
    bands = {_band(born, first), _band(born, last)}
    return bands.pop() if len(bands) == 1 else "unknown"


def _band(born: date, on: date) -> str:
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < 0:
        return "unknown"
    return "90+" if age >= 90 else AGE_BANDS[age // 10]


def _date_range(on: date, precision: str) -> tuple[date, date]:
    """The first and last day a date known to `precision` may be."""
    if precision == "year":
        return date(on.year, 1, 1), date(on.year, 12, 31)
    if precision == "month":
        following = date(on.year + on.month // 12, on.month % 12 + 1, 1)
        return date(on.year, on.month, 1), following - timedelta(days=1)
    return on, on


def quarter_of(period_value: str) -> str:
    """A stored period's quarter ("2025-Q3"); a year stays a year."""
    if len(period_value) != 7:
        return period_value
    return f"{period_value[:4]}-Q{(int(period_value[5:7]) + 2) // 3}"


def period(on: date, precision: str) -> str:
    """The stored level-0 time of an incident: its month ("YYYY-MM"), or its year ("YYYY") when
    the date is known only to the year — never a month or quarter it may not be in."""
    return f"{on.year}" if precision == "year" else f"{on.year}-{on.month:02d}"


@lru_cache(maxsize=4096)  # codes, mostly: the same few cells again and again
def export_cell(value: str) -> str:
    """One cell exactly as `csv.writer` writes it inside a row (quoted only if needed), with a
    leading quote added where it would start like a spreadsheet formula."""
    if value.startswith(FORMULA_START):
        value = "'" + value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([value, ""])
    return buffer.getvalue()[:-2]  # drop the empty second cell: ",\n"


def plain(value: str) -> str:
    """A class or rare-grouped code as stored: the export joins these cells in SQL without
    quoting, so anything but a plain code (none comes through the write path: every one is a
    vocabulary code or a region name) is stored as "unknown"."""
    return value if PLAIN.fullmatch(value) else "unknown"


def _hours_band(hours: float | None) -> str:
    if hours is None:
        return "unknown"
    for limit, band in ((0.0, "0"), (6, "<6"), (24, "6-24"), (72, "24-72"), (168, "72-168")):
        if hours <= limit if band == "0" else hours < limit:
            return band
    return "168+"


def _record(incident, uses, documents, events, subject, levels, violated, coded) -> dict:
    first = uses[0] if uses else None
    hours = detention_hours_from_timeline(events)
    if hours is None and incident.detention_hours_entered is not None:
        hours = float(incident.detention_hours_entered)
    on, precision = incident.occurred_on, incident.date_precision
    record = {
        "period": period(on, precision),
        "age_band": age_band(subject.date_of_birth if subject else None, on, precision),
        "region": incident.state if incident.state in STATE_TO_REGION else "unknown",
        "nationality_region": world_region(subject.nationality if subject else None),
        "agency_level": next(iter(levels))
        if len(levels) == 1
        else ("multiple" if levels else "unknown"),
        "legal_status_group": LEGAL_GROUP.get(subject.legal_status if subject else "", "unknown"),
        "encounter_type": incident.encounter_type,
        "frt_system": first.system if first else "none",
        "frt_mode": first.mode if first else "none",
        "treated_as": first.treated_as if first else "none",
        "sole_basis": any_yes([u.sole_basis for u in uses]),
        # "none" is a review code (no review); an incident without FRT use says so apart
        "human_review": first.human_review if first else "no_frt_use",
        "misidentified": any_yes([u.misidentified for u in uses]),
        "documents_presented": ";".join(sorted({d.document_type for d in documents})),
        "documents_disregarded": (
            "yes" if any(d.agent_response in DISREGARDED_RESPONSES for d in documents) else "no"
        )
        if documents
        else "none",
        "detention_hours_band": _hours_band(hours),
        "hours": hours,  # for the aggregate median only; never exported
        "outcome": incident.outcome or "unknown",
        "provisions_violated": ";".join(sorted(violated)),
        **coded,  # research_litigation.codes
    }
    for name in (*CLASS_COLUMNS, *RARE_COLUMNS):
        record[name] = plain(record[name])
    # the same a level up (the export picks these instead of mapping every row)
    record["period_quarter"] = quarter_of(record["period"])
    record["age_wide"] = WIDE_AGE.get(record["age_band"], record["age_band"])
    record["region_division"] = STATE_TO_DIVISION.get(record["region"], "unknown")
    record["region_census"] = STATE_TO_REGION.get(record["region"], "unknown")
    record["cells"] = ",".join(export_cell(record[name]) for name in PACKED)
    record["organization_id"] = incident.organization_id
    record["eligible"] = incident.research_consent == "yes" and incident.archived_at is None
    return record


BATCH = 1000
FIELDS = tuple(c.name for c in ResearchFacts.__table__.columns if c.name != "incident_id")


def refresh(session: Session, incident_ids) -> None:
    """Recompute and store the facts of these incidents (a fixed number of queries a batch)."""
    ids = sorted(set(incident_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        records = compute(session, chunk)
        session.execute(delete(ResearchFacts).where(ResearchFacts.incident_id.in_(chunk)))
        if records:
            session.execute(
                insert(ResearchFacts),
                [
                    {"incident_id": i, **{name: record[name] for name in FIELDS}}
                    for i, record in records.items()
                ],
            )


def refresh_for_provisions(session: Session, provision_ids) -> None:
    """After a provision's requirement type changed: the incidents assessed against it."""
    ids = set(provision_ids)
    if ids:
        refresh(
            session,
            session.exec(
                select(Assessment.incident_id).where(Assessment.provision_id.in_(ids))
            ).all(),
        )
