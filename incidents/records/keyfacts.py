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
    WARRANT_SHOWN,
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
    claim_ignored: Answer
    agents_identified: Answer
    warrant_shown: Answer
    biometrics_taken: Answer


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
    incident = bundle.incident
    return KeyFacts(
        claim_ignored=claim_ignored(bundle.incident, bundle.timeline),
        agents_identified=_agents_identified(bundle.agents),
        warrant_shown=_warrant(incident.warrant_shown),
        biometrics_taken=_biometrics(incident),
        systems=systems,
        definitive_id=Answer(definitive),
        sole_basis=Answer(sole),
        human_review=review,
        documents_disregarded=docs,
        hours_detained=hours,
        hours_source=source,
        outcome=OUTCOME.label(bundle.incident.outcome) if bundle.incident.outcome else "Not known",
    )


RELEASED = {"released_at_scene", "released_after_verification"}


def claim_ignored(incident, timeline) -> Answer:
    """Said they were a citizen or lawful resident, and were held anyway? With how long after
    the claim they were released, when the timeline says. `incident` needs status_claimed,
    status_claimed_at and outcome; each timeline event kind and starts_at (the case page and
    the research facts both ask this way)."""
    if incident.status_claimed == "no":
        return Answer("no", "they did not say they were a citizen or lawful resident")
    if incident.status_claimed != "yes":
        return Answer("unknown")
    claimed = incident.status_claimed_at
    starts = [e.starts_at for e in timeline if e.kind == "detention_start"]
    release = next(
        (
            e.starts_at
            for e in sorted(timeline, key=lambda e: e.starts_at)
            if e.kind in DETENTION_ENDS and claimed is not None and e.starts_at >= claimed
        ),
        None,
    )
    held = (
        any(claimed is None or start >= claimed for start in starts)  # detained after it
        or (release is not None and any(start < claimed for start in starts))  # kept detained
        or incident.outcome not in RELEASED | {None, "unknown", "other"}
    )
    after = (
        f"released {(release - claimed).total_seconds() / 3600:,.1f} hours after the claim"
        if release
        else ""
    )
    if held:
        return Answer("yes", after or "held after the claim")
    if incident.outcome in RELEASED:
        return Answer("no", after or "released")
    return Answer("unknown", after)


def _agents_identified(agents) -> Answer:
    if not agents:
        return Answer("unknown", "no agents recorded")
    did_not = [a for a in agents if a.identified_self == "no"]
    if did_not:
        return Answer("no", f"{len(did_not)} of {len(agents)} agents did not")
    if all(a.identified_self == "yes" for a in agents):
        return Answer("yes")
    return Answer("unknown")


def _warrant(code: str) -> Answer:
    if code in ("judicial", "administrative"):
        return Answer("yes", WARRANT_SHOWN.label(code))
    return Answer("no") if code == "none" else Answer("unknown")


def _biometrics(incident) -> Answer:
    kinds = {
        "fingerprints_taken": "fingerprints",
        "photographs_taken": "photographs",
        "dna_taken": "DNA",
    }
    values = {name: getattr(incident, code) for code, name in kinds.items()}
    taken = [name for name, value in values.items() if value == "yes"]
    if taken:
        return Answer("yes", ", ".join(taken))
    if all(value == "no" for value in values.values()):
        return Answer("no")
    return Answer("unknown")
