"""Redaction review before release: what the engine hides in each free-text value and why,
lawyers' manual redactions and restorations, and sign-offs that later dossiers report.

Every decision and sign-off is audited with ids and kinds only (never the words)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from incidents import audit
from incidents.db import utcnow
from incidents.dossier.texts import (
    Text,
    active_decisions,
    fingerprint,
    free_texts,
    redactor_for,
)
from incidents.dossier.words import N_, _, in_language, moment, ngettext, tl
from incidents.evidence import queries as evidence_queries
from incidents.i18n import current_language, gettext
from incidents.models import Incident, RedactionDecision, RedactionReview, User
from incidents.policies.analysis import case_analysis
from incidents.problems import UserError
from incidents.records.bundle import load_bundle
from incidents.redaction.engine import Redactor, Span, find_digest, text_digest
from incidents.redaction.fold import fold

PLURAL = {
    "name": N_("names"),
    "a_number": N_("A-numbers"),
    "ssn": N_("Social Security numbers"),
    "receipt": N_("USCIS receipt numbers"),
    "passport": N_("passport numbers"),
    "phone": N_("phone numbers"),
    "email": N_("email addresses"),
    "address": N_("street addresses"),
    "birth_date": N_("dates of birth"),
    "zip": N_("ZIP codes"),
    "manual": N_("manual redactions"),
    "term": N_("badge numbers"),
}


@dataclass
class RedactionSummary:
    """What a redacted output's cover says about its redaction."""

    counts: Counter
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    current: bool = False  # the review signed off the text as it is now

    @property
    def counts_line(self) -> str:
        """'12 redactions: 5 names, 2 A-numbers, ...' or 'No redactions'."""
        total = sum(self.counts.values())
        if not total:
            return _("No redactions")
        parts = ", ".join(f"{n} {tl(PLURAL[k])}" for k, n in self.counts.most_common())
        return ngettext(
            "%(num)s redaction: %(parts)s", "%(num)s redactions: %(parts)s", total, parts=parts
        )

    @property
    def review_line(self) -> str:
        """Who reviewed the redaction when, or 'not reviewed'."""
        if self.reviewed_by is None:
            return _("Redaction not reviewed")
        when = f"{moment(self.reviewed_at)} UTC"
        if self.current:
            return _("Redaction reviewed by %(who)s, %(when)s", who=self.reviewed_by, when=when)
        return _(
            "Redaction not reviewed since the text changed (last review by %(who)s, %(when)s)",
            who=self.reviewed_by,
            when=when,
        )

    def review_line_shown(self) -> str:
        """`review_line` in the reader's language (the review page; the cover's is the
        dossier's)."""
        with in_language(current_language()):
            return self.review_line

    def counts_line_shown(self) -> str:
        """`counts_line` in the reader's language."""
        with in_language(current_language()):
            return self.counts_line


@dataclass
class FieldReview:
    """One free-text value with its finds."""

    text: Text
    finds: list[tuple[Span, bool]]  # (find, restored)
    digest: str  # of the value: a form posted against another version is refused

    @property
    def segments(self) -> list[tuple[str, Span | None, bool, int]]:
        """The value cut into (plain text, None, False, -1) and (found words, find, restored,
        index) pieces, in order, for the page to highlight."""
        pieces, position = [], 0
        for index, (span, restored) in enumerate(self.finds):
            if span.start > position:
                pieces.append((self.text.value[position : span.start], None, False, -1))
            pieces.append((span.text, span, restored, index))
            position = span.end
        if position < len(self.text.value):
            pieces.append((self.text.value[position:], None, False, -1))
        return pieces


@dataclass
class ReviewPage:
    """Everything the review page shows."""

    fields: list[FieldReview]
    decisions: list[RedactionDecision]
    summary: RedactionSummary
    fingerprint: str  # what a sign-off from this page signs
    names: dict[int, str] = field(default_factory=dict)  # user id → name
    lapsed: set[int] = field(default_factory=set)  # restorations whose text changed since


def _latest(session: Session, incident: Incident):
    return session.exec(
        select(RedactionReview, User.display_name)
        .join(User, User.id == RedactionReview.reviewed_by_id)
        .where(RedactionReview.incident_id == incident.id)
        .order_by(RedactionReview.id.desc())
        .limit(1)
    ).first()


def _summary(session, incident, texts, redactor, decisions, counts) -> RedactionSummary:
    summary = RedactionSummary(counts=counts)
    latest = _latest(session, incident)
    if latest:
        review, name = latest
        summary.reviewed_by, summary.reviewed_at = name, review.reviewed_at
        summary.current = review.fingerprint == fingerprint(texts, redactor, decisions)
    return summary


def redaction_summary(session, incident, bundle, items, analysis, redaction) -> RedactionSummary:
    """The cover's summary for a redacted dossier just gathered."""
    decisions = active_decisions(session, incident)
    texts = free_texts(bundle, items, analysis)
    counts = Counter(redaction.redactor.counts)
    # the review signs off the engine as the page builds it (agents named)
    return _summary(session, incident, texts, redactor_for(bundle, decisions), decisions, counts)


def _state(session: Session, incident: Incident):
    bundle = load_bundle(session, incident)
    items = list(reversed(evidence_queries.incident_items(session, incident.id)))
    texts = free_texts(bundle, items, case_analysis(session, bundle))
    decisions = active_decisions(session, incident)
    return texts, decisions, redactor_for(bundle, decisions)


def _finds(redactor: Redactor, texts: list[Text]) -> list[FieldReview]:
    return [FieldReview(t, redactor.review(t.key, t.value), text_digest(t.value)) for t in texts]


def review_page(*, session: Session, actor: User, incident: Incident) -> ReviewPage:
    """The review page's content; the view is audited as a read of case data."""
    texts, decisions, redactor = _state(session, incident)
    fields = _finds(redactor, texts)
    counts = Counter(s.kind for f in fields for s, restored in f.finds if not restored)
    summary = _summary(session, incident, texts, redactor, decisions, counts)
    ids = {d.created_by_id for d in decisions}
    names = (
        dict(session.exec(select(User.id, User.display_name).where(User.id.in_(ids))).all())
        if ids
        else {}
    )
    used = {(key, kind, term, n) for key, kind, term, n, _ in redactor.used}
    lapsed = {
        d.id
        for d in decisions
        if d.action == "restore" and (d.field_key, d.kind, fold(d.term), d.occurrence) not in used
    }
    _audit(session, actor, incident, "redaction_review_viewed", {})
    session.commit()
    shown = fingerprint(texts, redactor, decisions)
    return ReviewPage(fields, decisions, summary, shown, names, lapsed)


def add_manual(
    *, session: Session, actor: User, incident: Incident, term: str, reason: str
) -> RedactionDecision:
    """Hide `term` everywhere in the incident's redacted outputs."""
    term, reason = (term or "").strip(), (reason or "").strip()
    if sum(ch.isalnum() for ch in fold(term)) < 2:
        raise UserError(gettext("Give the words to hide (two letters or digits or more)."))
    if len(term) > 500:
        raise UserError(gettext("Words to hide: 500 characters at most."))
    decision = _decide(session, actor, incident, "redact", term=term, reason=reason)
    _audit(session, actor, incident, "redaction_manual_added", {"decision": decision.id})
    session.commit()
    return decision


def restore(
    *,
    session: Session,
    actor: User,
    incident: Incident,
    field_key: str,
    index: int,
    digest: str,
    kind: str,
    term: str,
    reason: str,
) -> RedactionDecision:
    """Print one find as written: the `index`-th find of field `field_key`, as the reviewer saw
    it (`digest` of the value they saw, and the find's `kind` and words — a find that moved,
    because someone recorded a new identifier meanwhile, is refused)."""
    texts, _, redactor = _state(session, incident)
    shown = {t.key: t for t in texts}
    text = shown.get(field_key)
    if text is None or text_digest(text.value) != digest:
        raise UserError(gettext("That text changed since the page was opened; look at it again."))
    finds = [span for span, _ in redactor.review(text.key, text.value)]
    if not 0 <= index < len(finds):
        raise UserError(gettext("That redaction is no longer there; look at the text again."))
    span = finds[index]
    if span.kind != kind or fold(span.text) != fold(term or ""):
        raise UserError(
            gettext("The redactions in that text changed since the page was opened; look again.")
        )
    occurrence = sum(
        1 for s in finds[: index + 1] if s.kind == span.kind and fold(s.text) == fold(span.text)
    )
    decision = _decide(
        session,
        actor,
        incident,
        "restore",
        term=span.text,
        reason=reason,
        field_key=field_key,
        kind=span.kind,
        occurrence=occurrence,
        text_digest=find_digest(span, text.value),
    )
    details = {"decision": decision.id, "field": field_key, "kind": span.kind}
    _audit(session, actor, incident, "redaction_restored", details)
    session.commit()
    return decision


def withdraw(*, session: Session, actor: User, incident: Incident, decision_id: int) -> None:
    """Take back a decision (kept, marked withdrawn)."""
    decision = session.get(RedactionDecision, decision_id)
    if decision is None or decision.incident_id != incident.id or decision.withdrawn_at:
        raise UserError(gettext("That decision is not in force."))
    decision.withdrawn_at, decision.withdrawn_by_id = utcnow(), actor.id
    session.add(decision)
    _audit(session, actor, incident, "redaction_decision_withdrawn", {"decision": decision.id})
    session.commit()


def sign_off(*, session: Session, actor: User, incident: Incident, seen: str) -> RedactionReview:
    """Record that `actor` reviewed the redaction of the incident's text as the page showed it
    (`seen`: the page's fingerprint); refused when anything changed since."""
    texts, decisions, redactor = _state(session, incident)
    now = fingerprint(texts, redactor, decisions)
    if seen != now:
        raise UserError(
            gettext(
                "The text, the people's identifiers or the decisions changed since this page was "
                "opened: look at it again before recording the review."
            )
        )
    counts = Counter(
        s.kind for f in _finds(redactor, texts) for s, restored in f.finds if not restored
    )
    review = RedactionReview(
        organization_id=incident.organization_id,
        incident_id=incident.id,
        fingerprint=now,
        counts=json.dumps(dict(counts), sort_keys=True),
        reviewed_by_id=actor.id,
    )
    session.add(review)
    session.flush()
    _audit(session, actor, incident, "redaction_reviewed", {"review": review.id, "found": counts})
    session.commit()
    return review


def _decide(session, actor, incident, action, *, term, reason, **where) -> RedactionDecision:
    reason = (reason or "").strip()
    if not reason:
        raise UserError(gettext("Say why, for the record."))
    if len(reason) > 2000:
        raise UserError(gettext("Reason: 2,000 characters at most."))
    decision = RedactionDecision(
        organization_id=incident.organization_id,
        incident_id=incident.id,
        action=action,
        term=term,
        reason=reason,
        created_by_id=actor.id,
        **where,
    )
    session.add(decision)
    session.flush()
    return decision


def _audit(session, actor, incident, action, details) -> None:
    audit.record(
        session=session,
        action=action,
        actor=actor,
        organization_id=incident.organization_id,
        object_type="incident",
        object_id=incident.id,
        details=details,
    )
