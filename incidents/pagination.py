"""Offset pagination for list pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select


@dataclass
class Page:
    """One page of results and where it sits among the others."""

    items: list[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        """Whether a previous page exists."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Whether a next page exists."""
        return self.page < self.pages


def parse_page(value: str | None) -> int:
    """A page number from the query string; anything odd means page 1."""
    if not (value and value.isascii() and value.isdigit()):  # "²" is a digit, not a number
        return 1
    return int(value) if 0 < int(value) < 10**6 else 1


def paginate(session: Session, statement, *, page: int, per_page: int) -> Page:
    """Run a select() for one page, with the total count."""
    total = session.exec(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).one()
    last = max(1, -(-total // per_page))
    page = min(page, last)
    items = list(session.exec(statement.offset((page - 1) * per_page).limit(per_page)).all())
    return Page(items=items, page=page, per_page=per_page, total=total)
