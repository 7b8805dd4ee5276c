"""How the typed incident value maps onto tables: the incident's own columns, each kind of row
with its plain fields and its references to other rows, and the values a row's references and the
agency links are written with. Shared by the one write path (`operations`) and its bulk form
(`bulk`)."""

from __future__ import annotations

from incidents.models import Agent, DocumentPresented, FrtUse, Paperwork, TimelineEvent
from incidents.records.spec import (
    AGENT,
    DOCUMENT,
    FRT_USE,
    INCIDENT,
    PAPERWORK_ROW,
    REF_KINDS,
    TIMELINE,
)
from incidents.records.value import IncidentValue, ref_column

COLUMNS = tuple(f.code for f in INCIDENT if f.kind != "agencies")


def row_spec(list_name, model, entity):
    """(list, model, plain fields, reference fields) of one kind of row."""
    return (
        list_name,
        model,
        tuple(f.code for f in entity if f.kind not in REF_KINDS),
        tuple(f for f in entity if f.kind in REF_KINDS),
    )


# Agents come first: the rows after them refer to them.
ROWS = (
    row_spec("agents", Agent, AGENT),
    row_spec("frt_uses", FrtUse, FRT_USE),
    row_spec("documents", DocumentPresented, DOCUMENT),
    row_spec("timeline", TimelineEvent, TIMELINE),
    row_spec("paperwork", Paperwork, PAPERWORK_ROW),
)


def plain(row, fields) -> dict:
    """A row's plain fields, by name."""
    return {name: getattr(row, name) for name in fields}


def references(row, ref_fields, refs: dict[str, dict]) -> dict:
    """The stored ids a row's references name (None for a key not among the incident's
    entries)."""
    return {ref_column(f): refs[f.kind].get(getattr(row, f.code)) for f in ref_fields}


def agency_links(value: IncidentValue) -> dict[int, bool]:
    """Agency id → under a 287(g) agreement; an agency ticked under 287(g) is involved."""
    under = set(value.agencies_287g)
    return {a: a in under for a in sorted(set(value.agencies) | under)}
