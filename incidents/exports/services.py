"""The anonymized research export: plan (disclosure control: the lattice search, or the levels
of the release being downloaded), the data dictionary; the rows are streamed by
`exports.stream`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from sqlalchemy import func
from sqlmodel import Session

from incidents.exports import classes, facts, hierarchy, lattice
from incidents.exports.anonymize import MIN_K, MIN_ROWS, budget_of
from incidents.exports.columns import COLUMNS, RARE_GROUPED, SENSITIVE_CHOICES
from incidents.exports.cube import Cube
from incidents.exports.lattice import Priorities, Refused
from incidents.exports.plan import Export
from incidents.exports.stream import open_stream, stream_rows
from incidents.i18n import gettext, ngettext, number
from incidents.models import ResearchFacts
from incidents.records import spec

__all__ = ["Export", "Refused", "dictionary_rows", "open_stream", "prepare", "stream_rows"]


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
    `levels`, checked again. Without `offer` (the download) `levels` are only validated: the
    statement that reads the rows checks them (`exports.stream`). Raises Refused when no
    release, or not that one, is safe."""
    if k < MIN_K:
        raise Refused(gettext("k must be at least %(min_k)s.", min_k=MIN_K))
    if l_div is not None and l_div < 2:
        raise Refused(gettext("l must be at least 2 (or not given)."))
    if l_div and sensitive not in SENSITIVE_CHOICES:
        raise Refused(
            gettext(
                "Choose the sensitive column for l among: %(columns)s.",
                columns=", ".join(SENSITIVE_CHOICES),
            )
        )
    organization_ids = facts.eligible_organizations(session, organization_id)
    if facts.fill_missing(session, organization_ids):
        session.commit()
    eligible, rare = _count_values(session, organization_ids, k)
    grouped = tuple(sorted(rare.get(sensitive, ()))) if l_div else ()
    rule = classes.Rule(organization_ids, k, l_div, sensitive if l_div else None, grouped)
    if eligible < MIN_ROWS:
        raise Refused(
            ngettext(
                "Only %(count)s incident is eligible; row-level exports need at least %(min)s. Use "
                "the aggregate tables instead.",
                "Only %(count)s incidents are eligible; row-level exports need at least %(min)s. "
                "Use the aggregate tables instead.",
                eligible,
                count=number(eligible),
                min=MIN_ROWS,
            )
        )
    priorities = priorities or Priorities()
    if levels is not None and not offer:  # the download: checked as its rows are read
        lattice.validate(levels, priorities)
        return Export(rule, levels, rare)
    with Cube(session, rule) as cube:
        marginals = cube.marginals()
        inputs = lattice.Inputs(
            marginals=marginals,
            domains=hierarchy.domains(marginals["period"]),
            check=cube.check,
            small_classes=cube.small_classes,
        )
        settings = {
            "eligible": eligible,
            "k": k,
            "budget": budget_of(eligible),
            "priorities": priorities,
            "l_div": l_div,
            "sensitive": sensitive,
        }
        releases = lattice.search(inputs, **settings)
        chosen = next((r for r in releases if r.levels == levels), None) if levels else None
        if levels and chosen is None:
            chosen = lattice.evaluate(inputs, levels, **settings)
    plan = chosen or releases[0]
    return Export(rule, plan.levels, rare, plan, releases)


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
