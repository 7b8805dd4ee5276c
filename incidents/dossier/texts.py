"""An incident's free text, field by field, and the redaction engine built for it.

`free_texts` lists every value the specification classes as `free_text` (incident, FRT uses,
documents, timeline, evidence, assessments) plus the policy suggestions' generated reasons, each
under a stable key ("narrative", "timeline.3.place", "evidence.12.title"). The redacted dossier
prints only these through `Redaction.text`; the review page shows the same list."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlmodel import Session, select

from incidents.i18n import N_, gettext, translate_label
from incidents.models import Incident, RedactionDecision
from incidents.records import spec
from incidents.redaction.engine import Identified, Redactor, Restoration, person_labels
from incidents.vocab import FRT_SYSTEM, US_STATE

ROWS = (("agent", N_("Agent"), spec.AGENT), ("frt", N_("FRT use"), spec.FRT_USE))
ROWS += (("document", N_("Document"), spec.DOCUMENT),)
ROWS += (("timeline", N_("Timeline event"), spec.TIMELINE),)
ROWS += (("paperwork", N_("Paperwork"), spec.PAPERWORK_ROW),)


@dataclass(frozen=True)
class Text:
    """One free-text value: where it is, what it is called (in the reader's language), what it
    says; `english`: words the policy engine wrote, printed in English."""

    key: str
    label: str
    value: str
    english: bool = False


# free text no output prints: why an item was archived (archived items are left out), and the
# suggestion's reason as it stood when the lawyer decided (the live suggestion is printed)
NEVER_PRINTED = {("evidence", "archive_reason"), ("assessment", "suggested_reason")}


def _free(entity) -> list:
    return [
        f for f in entity if f.privacy == "free_text" and (entity.name, f.code) not in NEVER_PRINTED
    ]


def free_texts(bundle, items, analysis) -> list[Text]:
    """Every free-text value of the incident, in the order a dossier prints them."""
    texts = [
        Text(f.code, translate_label(f.label), getattr(bundle.incident, f.code) or "")
        for f in _free(spec.INCIDENT)
    ]
    rows = {
        "agent": bundle.agents,
        "frt": bundle.frt_uses,
        "document": bundle.documents,
        "timeline": bundle.timeline,
        "paperwork": bundle.paperwork,
    }
    for prefix, label, entity in ROWS:
        for n, row in enumerate(rows[prefix], 1):
            texts += [
                Text(f"{prefix}.{n}.{f.code}", _row_label(label, n, f), getattr(row, f.code))
                for f in _free(entity)
            ]
    for item, _stored in items:
        texts += [
            Text(
                f"evidence.{item.id}.{f.code}",
                _row_label(N_("Evidence"), item.id, f),
                getattr(item, f.code) or "",
            )
            for f in _free(spec.EVIDENCE)
        ]
    for row in analysis:
        where = f"{row.policy.title} {row.provision.section or ''}".strip()
        said = gettext("%(where)s: suggestion", where=where)
        texts.append(
            Text(f"suggestion.{row.provision.id}", said, row.suggestion.reason, english=True)
        )
        if row.assessment:
            texts += [
                Text(
                    f"assessment.{row.provision.id}.{f.code}",
                    f"{where}: {translate_label(f.label)}",
                    getattr(row.assessment, f.code) or "",
                )
                for f in _free(spec.ASSESSMENT)
            ]
    return [t for t in texts if t.value]  # None and "" alike: nothing to review


def _row_label(label: str, number: int, field) -> str:
    """'FRT use 2: Notes', in the reader's language."""
    return gettext(
        "%(row)s %(number)s: %(field)s",
        row=translate_label(label),
        number=number,
        field=translate_label(field.label),
    )


def active_decisions(session: Session, incident: Incident) -> list[RedactionDecision]:
    """The incident's redaction decisions in force, oldest first."""
    return list(
        session.exec(
            select(RedactionDecision)
            .where(
                RedactionDecision.incident_id == incident.id,
                RedactionDecision.withdrawn_at.is_(None),
            )
            .order_by(RedactionDecision.id)
        ).all()
    )


def redactor_for(
    bundle, decisions: list[RedactionDecision], *, hide_agents: bool = False
) -> Redactor:
    """The engine for one incident: every linked person's identifiers as the specification marks
    them (`redact_as`), the incident's own, the decisions in force, and the words that must
    survive (agencies, FRT systems, the incident's city and state). Agents' names and badges
    too when the lawyer hides them ("[Agent 1]")."""
    labels = person_labels([link.role for link, _ in bundle.people])
    people = [
        _identified(label, spec.PERSON, person)
        for (_, person), label in zip(bundle.people, labels, strict=True)
    ]
    if hide_agents:
        people += [
            _identified(f"Agent {n}", spec.AGENT, agent) for n, agent in enumerate(bundle.agents, 1)
        ]
    people.append(_identified("Place", spec.INCIDENT, bundle.incident))
    keep = [a.name for a in bundle.agencies] + [a.code for a in bundle.agencies]
    keep += [FRT_SYSTEM.label(u.system) for u in bundle.frt_uses if u.system]
    keep += [bundle.incident.city or "", US_STATE.label(bundle.incident.state) or ""]
    if not hide_agents:  # named officers stay named, even when they share a client's surname
        keep += [phrase for agent in bundle.agents for phrase in _officer_phrases(agent.name)]
    return Redactor(
        people,
        manual=tuple(d.term for d in decisions if d.action == "redact"),
        restorations=tuple(
            Restoration(d.field_key, d.kind, d.term, d.occurrence, d.text_digest or "")
            for d in decisions
            if d.action == "restore"
        ),
        keep=tuple(k for k in keep if k),
    )


OFFICER_TITLES = (
    "Officer",
    "Deputy",
    "Agent",
    "Trooper",
    "Detective",
    "Sergeant",
    "Sgt.",
    "Lieutenant",
    "Lt.",
    "Captain",
)


def _officer_phrases(name: str | None) -> list[str]:
    """An agent's recorded name, and its surname after an officer's title ("Deputy Pérez")."""
    if not name or not name.split():
        return []
    surname = name.split()[-1]
    return [name, *(f"{title} {surname}" for title in OFFICER_TITLES)]


def _identified(label: str, entity, record) -> Identified:
    """A record's identifiers, read through the specification's `redact_as`."""
    identified = Identified(label)
    for f in entity:
        if f.redact_as:
            identified.add(f.redact_as, getattr(record, f.code))
    return identified


def fingerprint(texts: list[Text], redactor: Redactor, decisions) -> str:
    """What a review signed off: the texts, the identifiers looked for, the words kept, the
    decisions."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(json.dumps([text.key, text.value]).encode())
    for rule in redactor.rules:
        digest.update(rule.pattern.pattern.encode())
    if redactor.keep is not None:  # the words that must survive (agencies, systems, places)
        digest.update(redactor.keep.pattern.encode())
    digest.update(json.dumps([d.id for d in decisions]).encode())
    return digest.hexdigest()


@dataclass
class Redaction:
    """The redaction of one output: `text(key, value)` gives what may be printed."""

    redactor: Redactor | None  # None: the full profile, nothing is redacted
    printed: set[str] = field(default_factory=set)

    def text(self, key: str, value: str | None) -> str:
        """The value as the output may print it."""
        self.printed.add(key)
        if self.redactor is None:
            return value or ""
        return self.redactor.redact(key, value)
