"""The counts the lattice search asks about, as temporary tables in the database (decision 0017):
the eligible facts counted by their level-0 quasi-identifiers (and sensitive value), and roll-ups
of it at coarser levels of time and place — the two hierarchies whose finest levels (months,
states) make the level-0 table large. A node is checked by grouping the smallest roll-up that
is no coarser than the node, built when first needed from the smallest one no coarser than it;
nothing held in Python grows with the number of incidents. Dropped when the search ends."""

from __future__ import annotations

import secrets

from sqlalchemy import Integer, case, cast, column, distinct, func, select, table, text
from sqlmodel import Session

from incidents.exports.classes import CLASS, Rule, level0_query, small
from incidents.exports.hierarchy import BY_NAME, HIERARCHIES
from incidents.exports.lattice import Check

BIG = ("period", "region")  # rolled up ahead; the other hierarchies have a few values each
QI = tuple(h.name for h in HIERARCHIES)


class Cube:
    """The level-0 counts of a rule's facts and their roll-ups; a context manager."""

    def __init__(self, session: Session, rule: Rule):
        self.session = session
        self.rule = rule
        self.extra = ["s"] if rule.l_div else []
        self.tables: dict[tuple[int, int], object] = {}

    def __enter__(self) -> Cube:
        self._create((0, 0), level0_query(self.rule))
        return self

    def __exit__(self, *exc) -> None:
        for stored in self.tables.values():
            self.session.execute(text(f"DROP TABLE {stored.name}"))
        self.tables.clear()

    def _create(self, key: tuple[int, int], query) -> None:
        name = f"export_cube_{secrets.token_hex(6)}"
        sql = query.compile(
            dialect=self.session.get_bind().dialect, compile_kwargs={"literal_binds": True}
        )  # organization ids (integers), true, and the hierarchies' own codes and names
        self.session.execute(text(f"CREATE TEMPORARY TABLE {name} AS {sql}"))
        names = [*QI, *self.extra, "n"]
        self.tables[key] = table(name, *(column(n) for n in names))

    def _source(self, levels: dict[str, int]):
        """(table, its levels) of the smallest roll-up no coarser than `levels` in time and
        place, rolling one up first when the node is coarser than every one stored."""
        want = tuple(levels[name] for name in BIG)
        finer = [key for key in self.tables if all(a <= b for a, b in zip(key, want, strict=True))]
        best = max(finer, key=sum)
        if best != want:
            self._create(want, self._roll_up(self.tables[best], best, want))
            best = want
        return self.tables[best], dict(zip(BIG, best, strict=True))

    def _roll_up(self, source, have: tuple[int, int], want: tuple[int, int]):
        """SELECT: the `source` roll-up (at `have`) grouped at the time and place of `want`."""
        columns = []
        for name in QI:
            if name in BIG:
                at = BIG.index(name)
                columns.append(BY_NAME[name].sql(source.c[name], want[at], have[at]).label(name))
            else:
                columns.append(source.c[name])
        inner = select(*columns, *(source.c[n] for n in self.extra), source.c.n).subquery()
        keys = [inner.c[name] for name in (*QI, *self.extra)]
        return select(*keys, cast(func.sum(inner.c.n), Integer).label("n")).group_by(*keys)

    def classes(self, levels: dict[str, int]):
        """Subquery: each class at these levels with its size n (and l). Generalized in an inner
        subquery and grouped by its columns, so that PostgreSQL sees the same expressions in
        the select list and the GROUP BY."""
        source, have = self._source(levels)
        general = select(
            *(
                BY_NAME[name].sql(source.c[name], levels[name], have.get(name, 0)).label(label)
                for name, label in zip(QI, CLASS, strict=True)
            ),
            source.c.n,
            *(source.c[name] for name in self.extra),
        ).subquery()
        keys = [general.c[label] for label in CLASS]
        diversity = [func.count(distinct(general.c.s)).label("l")] if self.rule.l_div else []
        size = cast(func.sum(general.c.n), Integer).label("n")  # PostgreSQL sums are numeric
        return select(*keys, size, *diversity).group_by(*keys).subquery()

    def check(self, levels: dict[str, int]) -> Check:
        """Rows in classes too small (or not diverse enough) at these levels, and the least k,
        the least l and the number of the classes kept — one grouped query."""
        classes = self.classes(levels)
        dropped = small(self.rule, classes)
        measures = [
            func.coalesce(func.sum(case((dropped, classes.c.n), else_=0)), 0),
            func.min(case((~dropped, classes.c.n))),
            func.count(case((~dropped, 1))),
        ]
        if self.rule.l_div:
            measures.append(func.min(case((~dropped, classes.c.l))))
        row = self.session.execute(select(*measures).select_from(classes)).one()
        return Check(int(row[0]), row[1], row[3] if self.rule.l_div else None, int(row[2]))

    def small_classes(self, levels: dict[str, int]) -> list[tuple[tuple[str, ...], int]]:
        """(generalized values, rows) of each class the node suppresses."""
        classes = self.classes(levels)
        query = select(*(classes.c[label] for label in CLASS), classes.c.n).where(
            small(self.rule, classes)
        )
        return [(tuple(values), n) for *values, n in self.session.execute(query)]

    def marginals(self) -> dict[str, dict[str, int]]:
        """Each quasi-identifier's level-0 values and their rows (for the loss's lower bound),
        each from the smallest roll-up that keeps it at level 0."""
        counts = {}
        top = {name: len(BY_NAME[name].levels) - 1 for name in QI}
        for name in QI:
            levels = {**top, name: 0}
            source, _ = self._source(levels)
            size = cast(func.sum(source.c.n), Integer)
            query = select(source.c[name], size).group_by(source.c[name])
            counts[name] = dict(self.session.execute(query).all())
        return counts
