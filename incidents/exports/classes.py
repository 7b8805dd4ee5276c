"""Equivalence classes in SQL: the eligible facts grouped by their generalized
quasi-identifiers, the check of one combination of levels, and the rows an export keeps."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, distinct, func, select
from sqlmodel import Session

from incidents.exports import facts
from incidents.exports.anonymize import QI_NAMES, Check, generalized
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


def _rows(rule: Rule, levels: dict[str, int], *columns):
    """Subquery: the generalized quasi-identifiers (g_…) and these columns of eligible facts."""
    general = [
        generalized(n, getattr(ResearchFacts, n), levels[n]).label(label)
        for n, label in zip(QI_NAMES, CLASS, strict=True)
    ]
    return facts.eligible(rule.organization_ids, *general, *columns).subquery()


def _classes(rule: Rule, rows):
    """Subquery: each class with its size n (and l). Grouped by the subquery's columns, so that
    PostgreSQL sees the same expressions in the select list and the GROUP BY."""
    keys = [rows.c[label] for label in CLASS]
    diversity = [func.count(distinct(rows.c.s)).label("l")] if rule.l_div else []
    return select(*keys, func.count().label("n"), *diversity).group_by(*keys).subquery()


def _small(rule: Rule, classes):
    small = classes.c.n < rule.k
    return small | (classes.c.l < rule.l_div) if rule.l_div else small


def _sensitive(rule: Rule) -> list:
    return [getattr(ResearchFacts, rule.sensitive).label("s")] if rule.l_div else []


def check(session: Session, rule: Rule, levels: dict[str, int]) -> Check:
    """Rows in classes too small (or not diverse enough) at these levels, and the least k and
    l among the classes kept — one grouped query."""
    classes = _classes(rule, _rows(rule, levels, *_sensitive(rule)))
    small = _small(rule, classes)
    measures = [
        func.coalesce(func.sum(case((small, classes.c.n), else_=0)), 0),
        func.min(case((~small, classes.c.n))),
    ]
    if rule.l_div:
        measures.append(func.min(case((~small, classes.c.l))))
    result = session.execute(select(*measures).select_from(classes)).one()
    return Check(int(result[0]), result[1], result[2] if rule.l_div else None)


def kept(rule: Rule, levels: dict[str, int], *columns):
    """SELECT the class (g_…) and these columns of the eligible facts whose class is kept.
    Classes are counted in the same statement, so no exported class can fall below k."""
    rows = _rows(rule, levels, *_sensitive(rule), *columns)
    classes = _classes(rule, rows)
    on = and_(*(classes.c[label] == rows.c[label] for label in CLASS))
    return (
        select(*(rows.c[label] for label in CLASS), *(rows.c[c.key] for c in columns))
        .select_from(rows)
        .join(classes, on)
        .where(~_small(rule, classes))
    )
