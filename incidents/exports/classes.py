"""Equivalence classes in SQL: the eligible facts grouped by their level-0 quasi-identifiers (read
from the classes index), rolled up to a combination of levels, and the rows an export keeps (the
lattice search's checks are in `exports.cube`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Text,
    case,
    cast,
    distinct,
    func,
    literal,
    null,
    select,
    tuple_,
    union_all,
)
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
    rare: tuple[str, ...] = ()  # sensitive values exported as "other" (counted as one value)

    def sensitive_value(self):
        """SQL: the sensitive value as the export writes it (rare values as "other"), so that
        l counts the distinct values a reader of the file sees."""
        column = getattr(ResearchFacts, self.sensitive)
        return case((column.in_(self.rare), "other"), else_=column) if self.rare else column


def level0_query(rule: Rule):
    """The eligible facts counted by level-0 quasi-identifiers (and sensitive value) — a few
    thousand rows, read from the index without touching the table when l is not asked."""
    keys = [getattr(ResearchFacts, name) for name in QI_NAMES]
    if rule.l_div:
        keys.append(rule.sensitive_value().label("s"))
    query = facts.eligible(rule.organization_ids, *keys, func.count().label("n"))
    return query.group_by(*keys)


def classes_of(rule: Rule, levels: dict[str, int]):
    """SELECT: each class at these levels with its size n (and l), counted from the eligible
    facts — their stored levels picked, the others mapped (decision 0017).
    Generalized in an inner subquery and grouped by its columns, so that PostgreSQL sees the
    same expressions in the select list and the GROUP BY."""
    sensitive = [rule.sensitive_value().label("s")] if rule.l_div else []
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
    return select(*keys, func.count().label("n"), *diversity).group_by(*keys)


def small(rule: Rule, classes):
    """SQL: true for a class too small (or not diverse enough) to be kept."""
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


def release_rows(rule: Rule, levels: dict[str, int], line):
    """SELECT, one statement and so one snapshot: first a row of totals — the eligible rows
    (`total`), the rows kept, the smallest kept class (`least_k`), the classes kept and the
    least diverse kept class (`least_l`) — then the `line` of each eligible fact whose class is
    kept, in random order. The classes are counted once (a materialized CTE) and both parts read
    them, so no exported class can fall below k, whatever was recorded or archived since the
    plan, and the totals describe exactly the rows that follow (decision 0007)."""
    counted = classes_of(rule, levels).cte("classes").prefix_with("MATERIALIZED")
    dropped = small(rule, counted)
    n = counted.c.n
    number = [
        cast(func.sum(n), BigInteger).label("total"),
        cast(func.coalesce(func.sum(case((~dropped, n), else_=0)), 0), BigInteger).label("kept"),
        cast(func.min(case((~dropped, n))), BigInteger).label("least_k"),
        cast(func.count(case((~dropped, 1))), BigInteger).label("classes"),
        cast(func.min(case((~dropped, counted.c.l))) if rule.l_div else null(), BigInteger).label(
            "least_l"
        ),
    ]
    totals = select(literal(0).label("part"), cast(null(), Text).label("line"), *number)
    kept_classes = select(*(counted.c[label] for label in CLASS)).where(~dropped)
    row_class = tuple_(*(_fact(name, levels[name], Unindexed) for name in QI_NAMES))
    rows = facts.eligible(
        rule.organization_ids,
        literal(1),
        line,
        *(cast(null(), BigInteger) for _ in number),
    ).where(row_class.in_(kept_classes))
    both = union_all(totals, rows).subquery()
    columns = [both.c[name] for name in ("line", "total", "kept", "least_k", "classes", "least_l")]
    return select(*columns).order_by(both.c.part, func.random())
