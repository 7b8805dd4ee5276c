"""The anonymized research export: plan (disclosure control), stream (CSV generated while it is
sent), dictionary, and the audit record of every export."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import secrets
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import reduce

from sqlalchemy import case, func, literal_column
from sqlmodel import Session

from incidents import audit
from incidents.exports import classes, facts, hierarchy, lattice
from incidents.exports.anonymize import MAX_SUPPRESSED_SHARE, MIN_K, MIN_ROWS, QI_NAMES
from incidents.exports.columns import COLUMNS, NAMES, RARE_GROUPED, SENSITIVE_CHOICES
from incidents.exports.cube import Cube
from incidents.exports.lattice import Priorities, Refused, Release
from incidents.models import ResearchFacts
from incidents.records import spec
from incidents.records.research import PACKED
from incidents.wording import plural

LINE = "{},{}\n"  # row id, then the encoded cells

__all__ = ["Export", "Refused", "dictionary_rows", "prepare", "stream_rows"]


ROW_BATCH = 500
RARE = [getattr(ResearchFacts, name) for name in RARE_GROUPED]
assert ("row_id", *QI_NAMES, *RARE_GROUPED, *PACKED) == NAMES, "the order the stream writes"


@dataclass
class Export:
    """A prepared export: who is in it, the chosen release (`plan`), the other candidates the
    page offers, and the rare values grouped as 'other'."""

    rule: classes.Rule
    plan: Release
    rare: dict[str, set[str]]
    releases: list[Release] = dataclasses.field(default_factory=list)

    @property
    def organization_ids(self) -> list[int]:
        """The organizations whose consented incidents are exported."""
        return self.rule.organization_ids


def prepare(
    *,
    session: Session,
    organization_id: int | None,
    k: int,
    l_div: int | None = None,
    sensitive: str | None = None,
    priorities: Priorities | None = None,
    levels: dict[str, int] | None = None,
    offer: bool = True,
) -> Export:
    """Search the generalization lattice, the database counting each node, for the releases
    that lose least by the researcher's priorities, and choose the best — or the one at
    `levels`, checked again (without `offer`, only that one is checked: the download). Raises
    Refused when no release, or not that one, is safe."""
    if k < MIN_K:
        raise Refused(f"k must be at least {MIN_K}.")
    if l_div is not None and l_div < 2:
        raise Refused("l must be at least 2 (or not given).")
    if l_div and sensitive not in SENSITIVE_CHOICES:
        raise Refused(f"Choose the sensitive column for l among: {', '.join(SENSITIVE_CHOICES)}.")
    organization_ids = facts.eligible_organizations(session, organization_id)
    if facts.fill_missing(session, organization_ids):
        session.commit()
    rule = classes.Rule(organization_ids, k, l_div, sensitive if l_div else None)
    eligible, rare = _count_values(session, organization_ids, k)
    if eligible < MIN_ROWS:
        raise Refused(
            f"Only {plural(eligible, 'incident')} {'is' if eligible == 1 else 'are'} eligible; "
            f"row-level exports need at least {MIN_ROWS}. Use the aggregate tables instead."
        )
    searching = offer or levels is None
    with Cube(session, rule, store=searching) as cube:
        marginals = cube.marginals() if searching else None
        inputs = lattice.Inputs(
            marginals=marginals,
            domains=hierarchy.domains(marginals["period"]) if marginals else {},
            check=cube.check,
            small_classes=cube.small_classes,
        )
        settings = {
            "eligible": eligible,
            "k": k,
            "budget": int(MAX_SUPPRESSED_SHARE * eligible),
            "priorities": priorities or Priorities(),
            "l_div": l_div,
            "sensitive": sensitive,
        }
        releases = lattice.search(inputs, **settings) if searching else []
        chosen = next((r for r in releases if r.levels == levels), None) if levels else None
        if levels and chosen is None:
            chosen = lattice.evaluate(inputs, levels, **settings)
    return Export(rule, chosen or releases[0], rare, releases)


def _count_values(session: Session, organization_ids: list[int], k: int):
    """(eligible incidents, values seen fewer than k times in each rare-grouped column), from
    one grouped query (the combinations of three coded columns: a few hundred rows at most)."""
    columns = [getattr(ResearchFacts, name) for name in RARE_GROUPED]
    counts = {name: Counter() for name in RARE_GROUPED}
    eligible = 0
    query = facts.eligible(organization_ids, *columns, func.count()).group_by(*columns)
    for *values, n in session.execute(query):
        eligible += n
        for name, value in zip(RARE_GROUPED, values, strict=True):
            counts[name][value] += n
    return eligible, {
        name: {value for value, n in counter.items() if n < k} for name, counter in counts.items()
    }


def _line(export: Export):
    """SQL: a row's cells joined by commas, exactly as `csv.writer` writes them. The
    quasi-identifiers and the rare-grouped columns hold plain codes, which it writes verbatim
    (`records.research.plain`, applied when the facts are stored); rare values become "other";
    the other columns' cells are stored ready-made (`ResearchFacts.cells`)."""
    cells = classes.general(export.plan.levels)
    for column in RARE:
        rare = sorted(export.rare[column.key])
        cells.append(case((column.in_(rare), "other"), else_=column) if rare else column)
    cells.append(ResearchFacts.cells)
    comma = literal_column("','")
    return reduce(lambda line, cell: line.concat(comma).concat(cell), cells)


def stream_rows(*, session: Session, export: Export, actor=None) -> Iterator[str]:
    """CSV text, header first, rows shuffled by the database with fresh random ids, a few
    hundred rows a chunk; audits the export (with the file's SHA-256) once the last row is
    written."""
    digest = hashlib.sha256()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        digest.update(text.encode("utf-8"))
        return text

    writer.writerow(NAMES)
    yield flush()
    query = classes.kept(export.rule, export.plan.levels, _line(export))
    query = query.order_by(func.random()).execution_options(yield_per=ROW_BATCH)
    written = 0
    # Core execution: the database writes each line's cells; streamed from the cursor
    # (server-side on PostgreSQL) a batch at a time, each line given a fresh random id.
    for lines in session.connection().execute(query).scalars().partitions():
        ids = secrets.token_hex(16 * len(lines))
        buffer.write("".join(map(LINE.format, _slices(ids, 32), lines)))
        written += len(lines)
        yield flush()
    audit.record(
        session=session,
        action="research_export",
        actor=actor,
        organization_id=getattr(actor, "organization_id", None),
        details={
            **{k: v for k, v in export.plan.report().items() if k != "generalization"},
            "release": export.plan.code,
            "organizations": len(export.organization_ids),
            "rows": written,
            "sha256": digest.hexdigest(),
        },
    )
    session.commit()


def _slices(text: str, size: int) -> list[str]:
    """`text` cut into pieces of `size` characters (a batch's row ids)."""
    return [text[i : i + size] for i in range(0, len(text), size)]


def dictionary_rows() -> Iterator[list[str]]:
    """The data dictionary: every column, its role, meaning, allowed values and the recorded
    fields it is derived from (as the field specification declares them)."""
    sources: dict[str, list[str]] = {}
    for entity, field in spec.all_fields():
        for name in field.export:
            sources.setdefault(name, []).append(f"{entity.label}: {field.label}")
    sources["provisions_violated"] = ["Lawyers' assessments: decision 'violated'"]
    yield ["column", "role", "meaning", "allowed_values", "derived_from"]
    for column in COLUMNS:
        several = [v for v in column.values or () if v not in column.alone]
        allowed = "; ".join(several) if column.values else column.domain
        if column.alone:  # never empty
            allowed = f"one or more of (';'-separated): {allowed}; or alone: " + ", ".join(
                column.alone
            )
        elif column.multi:
            allowed = "zero or more of (';'-separated): " + allowed
        derived = "; ".join(sources.get(column.name, ["random, new in every export"]))
        yield [column.name, column.role, column.meaning, allowed, derived]
