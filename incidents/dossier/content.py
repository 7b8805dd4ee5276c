"""Everything a dossier shows, gathered once and already redacted for the chosen profile.

Profiles: `full` for counsel; `redacted` for partners or press — names become initials (also in
the narrative and evidence descriptions), and dates of birth, A-numbers, phones, emails, street
addresses and photo exhibits are left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from incidents.db import utcnow
from incidents.evidence import queries as evidence_queries
from incidents.evidence import storage
from incidents.evidence.sniff import IMAGE_TYPES
from incidents.models import CustodyEvent, Incident, Organization, User
from incidents.policies.analysis import case_analysis
from incidents.records.bundle import load_bundle
from incidents.records.keyfacts import KeyFacts, detention_hours_from_timeline, key_facts
from incidents.records.validation import format_a_number
from incidents.vocab import BY_NAME, ENCOUNTER_TYPE, US_STATE

PROFILES = ("full", "redacted")


def initials(name: str) -> str:
    """'Rosa Delgado Ibarra' → 'R. D. I.'"""
    return " ".join(f"{part[0].upper()}." for part in name.split() if part) or "—"


def label(vocabulary: str, code) -> str:
    """A code's label, '—' for nothing."""
    return BY_NAME[vocabulary].label(code)


@dataclass
class Exhibit:
    """One evidence item as listed in the exhibit index."""

    label: str
    title: str
    kind: str
    captured: str
    provenance: str
    sha256: str
    received: str
    verified: str
    evidence_id: int
    preview_path: str | None = None


@dataclass
class DossierContent:
    """The dossier, ready to lay out."""

    reference: str
    title: str
    organization: str
    generated_by: str
    generated_at: datetime
    profile: str
    facts: KeyFacts
    people: list[dict] = field(default_factory=list)
    frt_uses: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    total_hours: float | None = None
    hours_source: str = ""
    analysis: list[dict] = field(default_factory=list)
    narrative: str = ""
    exhibits: list[Exhibit] = field(default_factory=list)


class Redactor:
    """Replaces people's names with initials in free text."""

    def __init__(self, names: list[str]):
        pairs = []
        for name in names:
            parts = [p for p in re.split(r"[\s;]+", name or "") if len(p) >= 3]
            if name and name.strip():
                pairs.append((name.strip(), initials(name)))
            pairs += [(p, f"{p[0].upper()}.") for p in parts]
        pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
        self.pattern = (
            re.compile("|".join(re.escape(p) for p, _ in pairs), re.IGNORECASE) if pairs else None
        )
        self.replacement = {p.casefold(): r for p, r in pairs}

    def __call__(self, text: str | None) -> str:
        if not text or self.pattern is None:
            return text or ""
        return self.pattern.sub(lambda m: self.replacement[m.group(0).casefold()], text)


def gather(
    *, session: Session, incident: Incident, actor: User | None, profile: str
) -> DossierContent:
    """Collect the dossier's content for a profile."""
    redacted = profile == "redacted"
    bundle = load_bundle(session, incident)
    names = [n for _, p in bundle.people for n in (p.full_name, p.aliases or "")]
    scrub = Redactor(names) if redacted else (lambda text: text or "")
    org = session.get(Organization, incident.organization_id)
    place = ", ".join(x for x in (incident.city, US_STATE.label(incident.state)) if x)
    content = DossierContent(
        reference=incident.reference,
        title=f"{ENCOUNTER_TYPE.label(incident.encounter_type)} — {place} — "
        f"{_date(incident.occurred_on, incident.date_precision)}",
        organization=org.name,
        generated_by=actor.display_name if actor else "command line",
        generated_at=utcnow(),
        profile=profile,
        facts=key_facts(bundle),
        narrative=scrub(incident.narrative),
    )
    person_names = {}
    for link, person in bundle.people:
        shown = initials(person.full_name) if redacted else person.full_name
        person_names[person.id] = shown
        details = {
            "name": shown,
            "role": label("person_role", link.role),
            "legal_status": label("legal_status", person.legal_status),
            "nationality": person.nationality,
            "language": person.language,
            "gender": label("gender", person.gender),
        }
        if not redacted:  # the redacted profile leaves these out entirely
            address = (person.street_address, person.city, person.state, person.zip)
            details.update(
                aliases=person.aliases,
                date_of_birth=person.date_of_birth.isoformat() if person.date_of_birth else None,
                a_number=format_a_number(person.a_number) or None,
                phone=person.phone,
                email=person.email,
                address=", ".join(x for x in address if x) or None,
            )
        content.people.append(details)
    agencies = bundle.agency_by_id
    for n, use in enumerate(bundle.frt_uses, 1):
        content.frt_uses.append(
            {
                "n": n,
                "system": label("frt_system", use.system),
                "operator": agencies[use.operator_agency_id].name
                if use.operator_agency_id in agencies
                else "—",
                "mode": label("frt_mode", use.mode),
                "result": label("frt_result", use.result),
                "treated_as": label("frt_treated_as", use.treated_as),
                "sole_basis": label("yes_no_unknown", use.sole_basis),
                "human_review": label("human_review", use.human_review),
                "corroboration": label("yes_no_unknown", use.independent_corroboration),
                "misidentified": label("yes_no_unknown", use.misidentified),
                "score": use.score,
                "notes": scrub(use.notes),
            }
        )
    for document in bundle.documents:
        content.documents.append(
            {
                "type": label("id_document", document.document_type),
                "by": person_names.get(document.presented_by_id, "—"),
                "response": label("agent_response", document.agent_response),
                "notes": scrub(document.notes),
            }
        )
    for event in bundle.timeline:
        hours = (event.ends_at - event.starts_at).total_seconds() / 3600 if event.ends_at else None
        content.timeline.append(
            {
                "start": event.starts_at.strftime("%Y-%m-%d %H:%M"),
                "end": event.ends_at.strftime("%Y-%m-%d %H:%M") if event.ends_at else "",
                "hours": hours,
                "kind": label("timeline_kind", event.kind),
                "place": scrub(event.place),
                "description": scrub(event.description),
            }
        )
    content.total_hours = content.facts.hours_detained
    content.hours_source = content.facts.hours_source
    if detention_hours_from_timeline(bundle.timeline) is None and content.total_hours is None:
        content.hours_source = "not known"
    exhibits = _exhibits(session, incident, redacted, scrub)
    by_id = {e.evidence_id: e.label for e in exhibits}
    for row in case_analysis(session, bundle):
        assessment = row.assessment
        cited = [
            by_id.get(int(i), "archived evidence")
            for i in (
                assessment.evidence_ids.split(",") if assessment and assessment.evidence_ids else []
            )
        ]
        content.analysis.append(
            {
                "policy": row.policy.title,
                "section": row.provision.section,
                "text": row.provision.text,
                "quotation": row.provision.is_quotation,
                "requirement": label("policy_requirement", row.provision.requirement_type),
                "suggested": label("assessment", row.suggestion.value),
                "suggested_reason": scrub(row.suggestion.reason),
                "decision": label("assessment", assessment.decision) if assessment else None,
                "reasoning": scrub(assessment.reasoning) if assessment else None,
                "decided_by": row.decided_by if assessment else None,
                "cited": cited,
            }
        )
    content.exhibits = exhibits
    return content


def _exhibits(session, incident, redacted, scrub) -> list[Exhibit]:
    from incidents.evidence.services import derived_paths

    items = list(reversed(evidence_queries.incident_items(session, incident.id)))
    ids = [item.id for item, _ in items]
    events = (
        session.exec(
            select(CustodyEvent)
            .where(CustodyEvent.evidence_id.in_(ids))
            .order_by(CustodyEvent.evidence_id, CustodyEvent.seq)
        ).all()
        if ids
        else []
    )
    actors = {e.actor_id for e in events if e.actor_id}
    names = (
        dict(session.exec(select(User.id, User.display_name).where(User.id.in_(actors))).all())
        if actors
        else {}
    )
    by_item: dict[int, list] = {}
    for event in events:
        by_item.setdefault(event.evidence_id, []).append(event)
    exhibits = []
    for n, (item, stored) in enumerate(items, 1):
        own = by_item.get(item.id, [])
        received = next((e for e in own if e.action == "received"), None)
        checks = [
            e for e in own if e.action in ("verified", "altered_detected", "missing_detected")
        ]
        verified = "never verified"
        if stored and not storage.stored_path(stored.stored_name).is_file():
            verified = "MISSING from the evidence store"
        elif checks:
            last = checks[-1]
            outcome = {
                "verified": "intact",
                "altered_detected": "ALTERED",
                "missing_detected": "MISSING",
            }[last.action]
            verified = f"{last.occurred_at:%Y-%m-%d %H:%M} UTC: {outcome}"
        preview = None
        # redacted profile: only redacted copies (made and reviewed by counsel), never originals
        shown = item.redacted_from_id is not None if redacted else True
        if stored and stored.media_type in IMAGE_TYPES and stored.has_preview and shown:
            candidate = derived_paths(stored)[0]
            preview = str(candidate) if candidate.is_file() else None
        exhibits.append(
            Exhibit(
                label=f"{incident.reference}-EX-{n:03d}",
                title=scrub(item.title),
                kind=label("evidence_kind", item.kind),
                captured=item.captured_on.isoformat() if item.captured_on else "—",
                provenance=scrub(item.provenance) or "—",
                sha256=stored.sha256 if stored else f"link: {item.url}",
                received=(
                    f"{names.get(received.actor_id, 'system')}, "
                    f"{received.occurred_at:%Y-%m-%d %H:%M} UTC"
                )
                if received
                else "—",
                verified=verified,
                evidence_id=item.id,
                preview_path=preview,
            )
        )
    return exhibits


def _date(value, precision) -> str:
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return value.strftime("%B %Y")
    return value.strftime("%-d %B %Y")
