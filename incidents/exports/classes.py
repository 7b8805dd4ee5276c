"""Equivalence classes in SQL: the eligible facts grouped by their level-0 quasi-identifiers (read
from the classes index), rolled up to a combination of levels, and the rows an export keeps (the
lattice search's checks are in `exports.cube`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select, tuple_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from incidents.exports import facts
from incidents.exports.anonymize import QI_NAMES, generalized
from incidents.models import ResearchFacts

CLASS = tuple(f"g_{name}" for name in QI_NAMES)


@dataclass(frozen=True)
class Rule:
    """Who may be exported: these organizations' eligible incidents, in classes of at least k
    rows (and l distinct values of the sensitive column, if asked)."""

    organization_ids: list[int]
    k: int
    l_div: int | None = None
    sensitive: str | None = None


def level0_query(rule: Rule):
    """The eligible facts counted by level-0 quasi-identifiers (and sensitive value) — a few
    thousand rows, read from the index without touching the table when l is not asked."""
    keys = [getattr(ResearchFacts, name) for name in QI_NAMES]
    if rule.l_div:
        keys.append(getattr(ResearchFacts, rule.sensitive).label("s"))
    query = facts.eligible(rule.organization_ids, *keys, func.count().label("n"))
    return query.group_by(*keys)


def classes_of(rule: Rule, levels: dict[str, int]):
    """Subquery: each class at these levels with its size n (and l), counted from the eligible
    facts in one statement — their stored levels picked, the others mapped (decision 0017).
    Generalized in an inner subquery and grouped by its columns, so that PostgreSQL sees the
    same expressions in the select list and the GROUP BY."""
    sensitive = [getattr(ResearchFacts, rule.sensitive).label("s")] if rule.l_div else []
    general = facts.eligible(
        rule.organization_ids,
        *(
            _fact(name, levels[name]).label(label)
            for name, label in zip(QI_NAMES, CLASS, strict=True)
        ),
        *sensitive,
    ).subquery()
    keys = [general.c[label] for label in CLASS]
    diversity = [func.count(distinct(general.c.s)).label("l")] if rule.l_div else []
    return select(*keys, func.count().label("n"), *diversity).group_by(*keys).subquery()


def small(rule: Rule, classes):
    small = classes.c.n < rule.k
    return small | (classes.c.l < rule.l_div) if rule.l_div else small


class Unindexed(ColumnElement):
    """A column that SQLite must not look up through an index (`+column`; the column itself
    elsewhere): the row's class is tested against the kept classes while the table is scanned
    once, instead of the classes index being probed once per kept class (3 times slower)."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column):
        self.column = column
        self.type = column.type


@compiles(Unindexed)
def _compile_unindexed(element, compiler, **kw):
    return compiler.process(element.column, **kw)


@compiles(Unindexed, "sqlite")
def _compile_unindexed_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.column, **kw)


# A level whose values the facts store beside level 0 (decision 0017): picked, not mapped.
STORED = {
    ("period", 1): "period_quarter",
    ("age_band", 1): "age_wide",
    ("region", 1): "region_division",
    ("region", 2): "region_census",
}


def _fact(name: str, level: int, wrap=lambda column: column):
    """A fact's quasi-identifier at a level: the stored column when there is one, else the
    hierarchy's SQL over level 0 (`wrap` marks the columns SQLite must not look up by index)."""
    if (name, level) in STORED:
        return wrap(getattr(ResearchFacts, STORED[(name, level)]))
    return generalized(name, wrap(getattr(ResearchFacts, name)), level)


def general(levels: dict[str, int]) -> list:
    """The quasi-identifiers of a fact at these levels (SQL expressions)."""
    return [_fact(name, levels[name]) for name in QI_NAMES]


def kept(rule: Rule, levels: dict[str, int], *columns):
    """SELECT these columns of the eligible facts whose class is kept. The classes are counted
    in the same statement (one snapshot), so no exported class can fall below k, whatever was
    recorded or archived since the plan."""
    classes = classes_of(rule, levels)
    kept_classes = select(*(classes.c[label] for label in CLASS)).where(~small(rule, classes))
    row_class = tuple_(*(_fact(n, levels[n], Unindexed) for n in QI_NAMES))
    return facts.eligible(rule.organization_ids, *columns).where(row_class.in_(kept_classes))
