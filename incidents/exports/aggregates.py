"""Aggregate tables for researchers: counts by time and place, FRT system by outcome, agency
level by how the match was treated, consent to the scan by how the match was treated, the
apparent bases of stops and the kinds of place of custody, and headline rates.

A two-way table hides no cell: its margins are published elsewhere (the home page charts
each FRT system's and each outcome's incidents, the quarters), and a reviewer worked out every
hidden cell of a table with hidden cells from those margins. So a two-way table is published
only as fine as leaves no count from 1 to 10: time and place by quarter (else year) and Census
region — of the incidents whose date is known to the month or the day, as the home page's
quarterly chart counts them, so that the year less its quarters gives nothing away —, the
others with their rarest rows or columns merged; when even that leaves
a small count, the table is withheld and says why. The one-way tables (several values per
incident, or time alone for the US as a whole) hide counts from 1 to 10, and a line never
holds a single hidden cell, nor hidden cells adding up to less than 11 (complementary
suppression), so that no hidden count can be worked out by subtraction. Every hidden cell reads
the same ("suppressed"). A rate is published only when neither the incidents it counts nor the
others are from 1 to 10."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import case, func, literal, select
from sqlmodel import Session

from incidents.exports import facts, hierarchy
from incidents.i18n import N_, NC_
from incidents.models import ResearchFacts
from incidents.vocab import BY_NAME, DETENTION_PLACE, STOP_BASIS

SMALL = 11
RARER = "rarer values"  # a two-way table's merged rows or columns (not a vocabulary's "other")
SUPPRESSED = N_("suppressed")  # how every hidden cell of a table or chart reads
TOO_FEW = N_("too few to report")  # a rate not published
INCIDENTS = N_("Incidents")
# The export's own codes that no vocabulary names (no FRT use, several, not known).
EXPORT_CODES = {
    "none": N_("None recorded"),
    "multiple": N_("Several"),
    "unknown": N_("Unknown"),
    "other": N_("Other (rarer values together)"),
    RARER: N_("Rarer values together"),
}
# The words of the tables are English here; `aggregate_words` shows them in the reader's.


def shown(count: int) -> str:
    """A count as published: exact from 11 (and 0), otherwise '<11'."""
    return "<11" if 0 < count < SMALL else f"{count:,}"


@dataclass
class CrossTable:
    """A two-way table of published counts."""

    title: str  # with `title_values` filled in (their words translated too where shown)
    row_label: str
    column_label: str
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], str]
    note: str | None = None  # why the table is withheld, when it is
    title_values: dict[str, str] = field(default_factory=dict)

    @property
    def english_title(self) -> str:
        """The title as the exports write it."""
        return self.title % self.title_values if self.title_values else self.title


WITHHELD = N_(
    "Too few incidents to show this table: even with its rarest values together as “other”, "
    "some count would be from 1 to 10."
)


def has_small(counter: Counter) -> bool:
    """Whether any count is from 1 to 10."""
    return any(0 < n < SMALL for n in counter.values())


def published_share(part: int, whole: int) -> str:
    """A rate as published: only when the incidents it counts and the others are each 0 or
    11 or more (95 % of 30 would say that exactly one incident was not counted)."""
    if whole < SMALL or 0 < part < SMALL or 0 < whole - part < SMALL:
        return TOO_FEW
    return share(part, whole)


def share(part: int, whole: int) -> str:
    """A rate in whole percent that never reads 100 % or 0 % unless it is."""
    value = 100 * part / whole
    if part < whole and value >= 99.5:
        return "over 99 %"
    if part > 0 and value < 0.5:
        return "under 1 %"
    return f"{value:.0f} %"


def hidden_cells(counter: Counter, rows: list, columns: list) -> set:
    """The cells to suppress: counts from 1 to 10; then, in every row and column left with a
    single hidden cell, its smallest other count (a non-zero one if any); and in every row and
    column whose hidden counts add up to less than 11, its smallest other non-zero count — a
    line's total may be published elsewhere (a chart on the home page, the eligible count), and
    hidden counts that add up to 2 would each be 1. Until no line is left so."""
    hidden = {key for key, count in counter.items() if 0 < count < SMALL}
    lines = [[(r, c) for c in columns] for r in rows] if len(columns) > 1 else []
    lines += [[(r, c) for r in rows] for c in columns] if len(rows) > 1 else []
    changed = True
    while changed:
        changed = False
        for line in lines:
            shut = [key for key in line if key in hidden]
            others = [key for key in line if key not in hidden]
            nonzero = [key for key in others if counter[key]]
            alone = len(shut) == 1 and others
            too_little = len(shut) > 1 and 0 < sum(counter[k] for k in shut) < SMALL and nonzero
            if alone or too_little:
                pool = nonzero if too_little else others
                hidden.add(min(pool, key=lambda key: (counter[key] == 0, counter[key])))
                changed = True
    return hidden


def _table(title, row_label, column_label, counter, row_vocab=None, col_vocab=None, **values):
    """The published table of `counter` (None: withheld, with the reason); `values` fill in
    the title."""
    if counter is None:
        return CrossTable(title, row_label, column_label, [], [], {}, WITHHELD, values)
    rows = sorted({r for r, _ in counter})
    columns = sorted({c for _, c in counter})
    hidden = hidden_cells(counter, rows, columns)

    def name(vocab, code):
        if vocab and code in BY_NAME[vocab]:
            return BY_NAME[vocab].label(code)
        return EXPORT_CODES.get(code, code)

    return CrossTable(
        title,
        row_label,
        column_label,
        [name(row_vocab, r) for r in rows],
        [name(col_vocab, c) for c in columns],
        {
            (name(row_vocab, r), name(col_vocab, c)): SUPPRESSED
            if (r, c) in hidden
            else shown(counter[(r, c)])
            for r in rows
            for c in columns
        },
        title_values=values,
    )


def _counts(session: Session, organization_ids: list[int], first, second, *where) -> Counter:
    """Incidents (those meeting `where`) by two columns or expressions (computed in an inner
    subquery, so that PostgreSQL groups by the same columns it selects)."""
    inner = (
        facts.eligible(organization_ids, first.label("a"), second.label("b"))
        .where(*where)
        .subquery()
    )
    query = select(inner.c.a, inner.c.b, func.count()).group_by(inner.c.a, inner.c.b)
    return Counter({(a, b): n for a, b, n in session.execute(query)})


# Time by place, finest first: the first with no small count is published; else time alone
# for the US as a whole (a one-way table, with complementary suppression).
TIME_PLACE = (
    (1, 2, N_("quarter"), N_("Census region")),
    (2, 2, N_("year"), N_("Census region")),
    (1, 3, N_("quarter"), N_("place")),
    (2, 3, N_("year"), N_("place")),
)
HEADINGS = {  # a time or place as a table's row or column heading
    "quarter": N_("Quarter"),
    "year": N_("Year"),
    "Census region": NC_("heading", "Census region"),  # "Región del censo", a heading
    "place": N_("Place"),
}
TIME_PLACE_TITLE = N_("Incidents by %(time)s and %(place)s (dates known to the month or the day)")


def _time_and_place(session: Session, organization_ids: list[int]) -> CrossTable:
    """Incidents by quarter (or year) and Census region, as fine as leaves no small count; else
    by year for the US as a whole."""
    period, region = hierarchy.BY_NAME["period"], hierarchy.BY_NAME["region"]
    for granularity in TIME_PLACE:
        time_level, place_level = granularity[:2]
        counter = _counts(
            session,
            organization_ids,
            period.sql(ResearchFacts.period, time_level),
            region.sql(ResearchFacts.region, place_level),
            func.length(ResearchFacts.period) == len("YYYY-MM"),
        )
        if not has_small(counter):
            break
    time, place = granularity[2:]
    return _table(
        TIME_PLACE_TITLE, HEADINGS[time], HEADINGS[place], counter, time=time, place=place
    )


def grouped(counter: Counter) -> Counter | None:
    """The two-way table with its rarest rows or columns merged (`RARER`; the side with more
    of them first) until no count is small; None when even one named value and the merged
    on each side leave a small count."""
    counter = Counter(counter)
    while has_small(counter):
        sides = []
        for side in (0, 1):
            totals = Counter()
            for key, n in counter.items():
                totals[key[side]] += n
            named = [code for code in totals if code != RARER]
            if len(named) > 1:
                sides.append((len(named), side, min(named, key=lambda c: (totals[c], c))))
        if not sides:
            return None
        _, side, rarest = max(sides)
        merged = Counter()
        for key, n in counter.items():
            if key[side] == rarest:
                key = (RARER, key[1]) if side == 0 else (key[0], RARER)
            merged[key] += n
        counter = merged
    return counter


def _code_counts(session: Session, organization_ids: list[int], column, vocabulary) -> Counter:
    """(code, 'Incidents') → incidents whose ';'-separated column holds the code (one query)."""
    padded = literal(";").concat(column).concat(";")
    counts = session.execute(
        facts.eligible(
            organization_ids,
            *(
                func.count(case((padded.contains(f";{c};", autoescape=True), 1)))
                for c in vocabulary.codes
            ),
        )
    ).one()
    return Counter({(code, INCIDENTS): n for code, n in zip(vocabulary.codes, counts, strict=True)})


def _median_hours(session: Session, organization_ids: list[int]) -> float | None:
    """The median of the known detention hours, read by the database (None under 11 values)."""
    known = ResearchFacts.hours.is_not(None)
    count = session.execute(
        facts.eligible(organization_ids, func.count()).where(known)
    ).scalar_one()
    if count < SMALL:
        return None
    middle = session.execute(
        facts.eligible(organization_ids, ResearchFacts.hours)
        .where(known)
        .order_by(ResearchFacts.hours)
        .limit(2 - count % 2)
        .offset((count - 1) // 2)
    ).scalars()
    return statistics.mean(middle)


def aggregate_tables(session: Session, organization_id: int | None) -> dict:
    """The published tables and headline rates (grouped and counted by the database)."""
    organization_ids = facts.eligible_organizations(session, organization_id)
    if facts.fill_missing(session, organization_ids):
        session.commit()
    rf = ResearchFacts
    by_system = grouped(_counts(session, organization_ids, rf.frt_system, rf.outcome))
    by_level = grouped(_counts(session, organization_ids, rf.agency_level, rf.treated_as))
    by_consent = grouped(_counts(session, organization_ids, rf.scan_consent, rf.treated_as))
    bases = _code_counts(session, organization_ids, rf.stop_basis, STOP_BASIS)
    places = _code_counts(session, organization_ids, rf.facility_types, DETENTION_PLACE)
    known_consent = rf.scan_consent.not_in(("none", "unknown"))
    (
        with_frt,
        sole,
        with_docs,
        disregarded,
        with_agents,
        masked,
        claim_known,
        claim_ignored,
        biometrics_known,
        biometrics_taken,
        consent_known,
        unconsented,
    ) = session.execute(
        facts.eligible(
            organization_ids,
            func.count(case((rf.frt_system != "none", 1))),
            func.count(case(((rf.frt_system != "none") & (rf.sole_basis == "yes"), 1))),
            func.count(case((rf.documents_disregarded != "none", 1))),
            func.count(case((rf.documents_disregarded == "yes", 1))),
            func.count(case((rf.agents_masked.in_(("yes", "no")), 1))),
            func.count(case((rf.agents_masked == "yes", 1))),
            func.count(case((rf.claim_ignored.in_(("yes", "no")), 1))),
            func.count(case((rf.claim_ignored == "yes", 1))),
            func.count(case((rf.biometrics_taken != "unknown", 1))),
            func.count(case((rf.biometrics_taken.not_in(("none", "unknown")), 1))),
            func.count(case((known_consent, 1))),
            func.count(case((known_consent & (rf.scan_consent != "asked_agreed"), 1))),
        )
    ).one()
    median = _median_hours(session, organization_ids)

    rate = published_share

    return {
        "tables": [
            _time_and_place(session, organization_ids),
            _table(
                N_("Incidents by FRT system and outcome"),
                N_("FRT system"),
                N_("Outcome"),
                by_system,
                "frt_system",
                "outcome",
            ),
            _table(
                N_("Incidents by agency level and how the match was treated"),
                N_("Agency level"),
                N_("Treated as"),
                by_level,
                "agency_level",
                "frt_treated_as",
            ),
            _table(
                N_("Incidents by consent to the scan and how the match was treated"),
                N_("Consent to the scan"),
                N_("Treated as"),
                by_consent,
                "scan_consent",
                "frt_treated_as",
            ),
            _table(
                N_("Apparent basis of the stop (an incident may have several)"),
                N_("Basis"),
                INCIDENTS,
                bases,
                "stop_basis",
            ),
            _table(
                N_("Kinds of place of custody (an incident may have several)"),
                N_("Held at"),
                INCIDENTS,
                places,
                "detention_place",
            ),
        ],
        "rates": {
            N_("Match recorded as the sole basis (incidents with an FRT use)"): rate(
                sole, with_frt
            ),
            N_("Documents disregarded (incidents where documents were presented)"): rate(
                disregarded, with_docs
            ),
            N_("Agents masked (incidents with agents, where known)"): rate(masked, with_agents),
            N_(
                "Held after saying they were a US citizen or lawful resident (incidents with "
                "such a claim, where what followed is known)"
            ): rate(claim_ignored, claim_known),
            N_("Biometrics or phone data taken (incidents where known)"): rate(
                biometrics_taken, biometrics_known
            ),
            N_(
                "Scanned without agreeing: after refusing, by force or covertly (incidents "
                "with an FRT use whose consent is known; first use)"
            ): rate(unconsented, consent_known),
            N_("Median hours detained (where known)"): TOO_FEW
            if median is None
            else f"{median:.1f}",
        },
    }
