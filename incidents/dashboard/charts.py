"""The numbers behind the staff's charts: the organization's incidents that the incident list
would show for the same filters and search (`cases.queries.filtered`, the one definition),
counted by the database in four grouped queries, whatever their number."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, exists, func
from sqlmodel import Session, select

from incidents.cases import queries, search
from incidents.models import DocumentPresented, FrtUse, Incident, ResearchFacts


@dataclass
class MonthRow:
    """Incidents of one month (those dated only by year apart), with the counts the rates
    need."""

    month: str  # YYYY-MM
    year_only: bool
    total: int
    sole: int
    with_frt: int
    disregarded: int
    with_docs: int


@dataclass
class ChartData:
    """Grouped counts of the filtered incidents."""

    months: list[MonthRow] = field(default_factory=list)
    systems: list[tuple[str, int]] = field(default_factory=list)  # incidents per system used
    outcomes: list[tuple[str | None, int]] = field(default_factory=list)
    hours: list[tuple[str | None, int]] = field(default_factory=list)  # detention hours band

    @property
    def total(self) -> int:
        """How many incidents match."""
        return sum(row.total for row in self.months)

    @property
    def with_frt(self) -> int:
        """How many of them record an FRT use."""
        return sum(row.with_frt for row in self.months)


def month_of(dialect: str, column):
    """The SQL expression of a date's year and month, YYYY-MM."""
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def matching(session: Session, organization_id: int, filters: dict, text: str | None, user_id: int):
    """The list's select() for these filters and search text, as the list builds it for this
    user (whose "assigned to me" it is)."""
    dialect = session.get_bind().dialect.name
    words = search.terms(text or "")
    few = bool(words) and dialect == "sqlite" and search.match_count(session, words) <= queries.FEW
    return queries.filtered(
        organization_id, filters, text, dialect, few_matches=few, user_id=user_id
    )


def chart_data(
    session: Session, *, organization_id: int, filters: dict, text: str | None, user_id: int
):
    """Counts per month (with the rates' parts), per FRT system, per outcome and per band of
    hours detained, of the incidents the list shows for these filters."""
    base = matching(session, organization_id, filters, text, user_id)
    dialect = session.get_bind().dialect.name
    month = month_of(dialect, Incident.occurred_on)
    year_only = Incident.date_precision == "year"
    has_frt = exists().where(FrtUse.incident_id == Incident.id)
    has_docs = exists().where(DocumentPresented.incident_id == Incident.id)

    def counted(condition):
        return func.count(case((condition, 1)))

    months = session.execute(
        base.with_only_columns(
            month,
            year_only,
            func.count(),
            counted(Incident.flag_sole_basis.is_(True)),
            counted(has_frt),
            counted(Incident.flag_docs_disregarded.is_(True)),
            counted(has_docs),
        ).group_by(month, year_only)
    ).all()
    ids = base.with_only_columns(Incident.id)
    systems = session.execute(
        select(FrtUse.system, func.count(func.distinct(FrtUse.incident_id)))
        .where(FrtUse.incident_id.in_(ids))
        .group_by(FrtUse.system)
    ).all()
    outcomes = session.execute(
        base.with_only_columns(Incident.outcome, func.count()).group_by(Incident.outcome)
    ).all()
    band = ResearchFacts.detention_hours_band
    hours = session.execute(
        base.with_only_columns(band, func.count())
        .join_from(Incident, ResearchFacts, ResearchFacts.incident_id == Incident.id, isouter=True)
        .group_by(band)
    ).all()
    return ChartData(
        months=[MonthRow(m, bool(y), *(int(n) for n in rest)) for m, y, *rest in months],
        systems=[tuple(row) for row in systems],
        outcomes=[tuple(row) for row in outcomes],
        hours=[tuple(row) for row in hours],
    )
