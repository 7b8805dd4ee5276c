"""Derived facts of a case: detention hours from the timeline and the key-facts panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incidents.records.bundle import CaseBundle
from incidents.vocab import (
    CITIZENSHIP_DOCUMENTS,
    DISREGARDED_RESPONSES,
    FRT_SYSTEM,
    ID_DOCUMENT,
    OUTCOME,
)

DETENTION_ENDS = {"release", "removal"}


def detention_hours_from_timeline(events) -> float | None:
    """Hours between each 'detention begins' and its end (the event's own end, else the next
    release or removal after it); summed over periods. None when the timeline does not say."""
    ordered = sorted(events, key=lambda e: e.starts_at)
    total = 0.0
    found = False
    for index, event in enumerate(ordered):
        if event.kind != "detention_start":
            continue
        end: datetime | None = event.ends_at
        if end is None:
            end = next(
                (later.starts_at for later in ordered[index + 1 :] if later.kind in DETENTION_ENDS),
                None,
            )
        if end is not None and end > event.starts_at:
            total += (end - event.starts_at).total_seconds() / 3600
            found = True
    return round(total, 1) if found else None


@dataclass
class Answer:
    """A yes/no/unknown key fact with a short explanation."""

    value: str  # "yes", "no", "unknown", "none"
    detail: str = ""


def tri_state(values: list[str], *, yes) -> str:
    """'yes' if any value satisfies `yes`, 'no' if all are known and none does, else 'unknown'."""
    if any(yes(v) for v in values):
        return "yes"
    if values and all(v not in ("unknown", None, "") for v in values):
        return "no"
    return "unknown"


@dataclass
class KeyFacts:
    """The panel on top of the case page (and the dossier's key facts)."""

    systems: list[str]
    definitive_id: Answer
    sole_basis: Answer
    human_review: Answer
    documents_disregarded: Answer
    hours_detained: float | None
    hours_source: str
    outcome: str


def key_facts(bundle: CaseBundle) -> KeyFacts:
    """Answer the questions a lawyer asks first."""
    uses = bundle.frt_uses
    systems = [FRT_SYSTEM.label(u.system) for u in uses]
    definitive = tri_state([u.treated_as for u in uses], yes=lambda v: v == "definitive_id")
    sole = tri_state([u.sole_basis for u in uses], yes=lambda v: v == "yes")
    review_values = [u.human_review for u in uses]
    if any(v == "none" for v in review_values):
        review = Answer("no", "no human review recorded for at least one match")
    elif review_values and all(v in ("field_visual", "trained_examiner") for v in review_values):
        kinds = {"field_visual": "a field check", "trained_examiner": "a trained examiner"}
        review = Answer("yes", ", ".join(sorted({kinds[v] for v in review_values})))
    else:
        review = Answer("unknown")
    disregarded = [d for d in bundle.documents if d.agent_response in DISREGARDED_RESPONSES]
    if not bundle.documents:
        docs = Answer("none", "no documents recorded")
    elif disregarded:
        names = ", ".join(ID_DOCUMENT.label(d.document_type) for d in disregarded)
        citizenship = any(d.document_type in CITIZENSHIP_DOCUMENTS for d in disregarded)
        docs = Answer("yes", ("citizenship document: " if citizenship else "") + names)
    elif any(d.agent_response == "unknown" for d in bundle.documents):
        docs = Answer("unknown")
    else:
        docs = Answer("no")
    computed = detention_hours_from_timeline(bundle.timeline)
    entered = bundle.incident.detention_hours_entered
    if computed is not None:
        hours, source = computed, "computed from the timeline"
    elif entered is not None:
        hours, source = float(entered), "as entered"
    else:
        hours, source = None, "not known"
    return KeyFacts(
        systems=systems,
        definitive_id=Answer(definitive),
        sole_basis=Answer(sole),
        human_review=review,
        documents_disregarded=docs,
        hours_detained=hours,
        hours_source=source,
        outcome=OUTCOME.label(bundle.incident.outcome) if bundle.incident.outcome else "Not known",
    )
