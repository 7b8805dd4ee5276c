"""Derived facts of a case: detention hours from the timeline and the key-facts panel.

The panel's words are English as written; a page passes `translate` (the user's language) and
each marked phrase and label goes through it — the dossier and the policy rules keep English."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incidents.i18n import N_, number
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


def _same(text: str) -> str:
    return text


def _hours(value: float, translate) -> str:
    """Hours with one decimal: as Python writes them in English, else in the language."""
    return f"{value:,.1f}" if translate is _same else number(value, 1)


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


def key_facts(bundle: CaseBundle, translate=_same) -> KeyFacts:
    """Answer the questions a lawyer asks first (the words through `translate`)."""
    t = translate
    uses = bundle.frt_uses
    systems = [t(FRT_SYSTEM.label(u.system)) for u in uses]
    definitive = tri_state([u.treated_as for u in uses], yes=lambda v: v == "definitive_id")
    sole = tri_state([u.sole_basis for u in uses], yes=lambda v: v == "yes")
    review_values = [u.human_review for u in uses]
    if any(v == "none" for v in review_values):
        review = Answer("no", t(N_("no human review recorded for at least one match")))
    elif review_values and all(v in ("field_visual", "trained_examiner") for v in review_values):
        kinds = {"field_visual": N_("a field check"), "trained_examiner": N_("a trained examiner")}
        review = Answer("yes", ", ".join(sorted({t(kinds[v]) for v in review_values})))
    else:
        review = Answer("unknown")
    disregarded = [d for d in bundle.documents if d.agent_response in DISREGARDED_RESPONSES]
    if not bundle.documents:
        docs = Answer("none", t(N_("no documents recorded")))
    elif disregarded:
        names = ", ".join(t(ID_DOCUMENT.label(d.document_type)) for d in disregarded)
        citizenship = any(d.document_type in CITIZENSHIP_DOCUMENTS for d in disregarded)
        docs = Answer(
            "yes",
            t(N_("citizenship document: %(names)s")) % {"names": names} if citizenship else names,
        )
    elif any(d.agent_response == "unknown" for d in bundle.documents):
        docs = Answer("unknown")
    else:
        docs = Answer("no")
    computed = detention_hours_from_timeline(bundle.timeline)
    entered = bundle.incident.detention_hours_entered
    if computed is not None:
        hours, source = computed, t(N_("computed from the timeline"))
    elif entered is not None:
        hours, source = float(entered), t(N_("as entered"))
    else:
        hours, source = None, t(N_("not known"))
    incident = bundle.incident
    return KeyFacts(
        claim_ignored=claim_ignored(bundle.incident, bundle.timeline, t),
        agents_identified=_agents_identified(bundle.agents, t),
        warrant_shown=_warrant(incident.warrant_shown, t),
        biometrics_taken=_biometrics(incident, t),
        systems=systems,
        definitive_id=Answer(definitive),
        sole_basis=Answer(sole),
        human_review=review,
        documents_disregarded=docs,
        hours_detained=hours,
        hours_source=source,
        outcome=t(OUTCOME.label(incident.outcome)) if incident.outcome else t(N_("Not known")),
    )


RELEASED = {"released_at_scene", "released_after_verification"}


def claim_ignored(incident, timeline, translate=_same) -> Answer:
    """Said they were a citizen or lawful resident, and were held anyway? With how long after
    the claim they were released, when the timeline says. `incident` needs status_claimed,
    status_claimed_at and outcome; each timeline event kind and starts_at (the case page and
    the research facts both ask this way); the words through `translate`."""
    t = translate
    if incident.status_claimed == "no":
        return Answer("no", t(N_("they did not say they were a citizen or lawful resident")))
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
        t(N_("released %(hours)s hours after the claim"))
        % {"hours": _hours((release - claimed).total_seconds() / 3600, t)}
        if release
        else ""
    )
    if held:
        return Answer("yes", after or t(N_("held after the claim")))
    if incident.outcome in RELEASED:
        return Answer("no", after or t(N_("released")))
    return Answer("unknown", after)


def _agents_identified(agents, t=_same) -> Answer:
    if not agents:
        return Answer("unknown", t(N_("no agents recorded")))
    did_not = [a for a in agents if a.identified_self == "no"]
    if did_not:
        return Answer(
            "no",
            t(N_("%(count)s of %(total)s agents did not"))
            % {"count": len(did_not), "total": len(agents)},
        )
    if all(a.identified_self == "yes" for a in agents):
        return Answer("yes")
    return Answer("unknown")


def _warrant(code: str, t=_same) -> Answer:
    if code in ("judicial", "administrative"):
        return Answer("yes", t(WARRANT_SHOWN.label(code)))
    return Answer("no") if code == "none" else Answer("unknown")


def _biometrics(incident, t=_same) -> Answer:
    kinds = {
        "fingerprints_taken": N_("fingerprints"),
        "photographs_taken": N_("photographs"),
        "dna_taken": N_("DNA"),
    }
    values = {name: getattr(incident, code) for code, name in kinds.items()}
    taken = [name for name, value in values.items() if value == "yes"]
    if taken:
        return Answer("yes", ", ".join(t(name) for name in taken))
    if all(value == "no" for value in values.values()):
        return Answer("no")
    return Answer("unknown")
