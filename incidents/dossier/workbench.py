"""The dossier's review status (cover, both profiles) and its "Claims, deadlines and records
requests" section (full profile only: the redacted profile leaves the team's legal work out).
Computed deadlines print their rule, source and arithmetic; entered ones the rule relied on."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether
from sqlmodel import Session, select

from incidents import clock
from incidents.claims import rules
from incidents.claims.services import actions_of
from incidents.dossier.layout import heading, p, pairs, table
from incidents.dossier.words import _, number, pgettext, tl
from incidents.models import (
    Agency,
    EvidencePin,
    Incident,
    RecordsRequest,
    RecordsRequestIncident,
    User,
)
from incidents.records_requests import due as foia
from incidents.vocab import (
    DEADLINE_KIND,
    DOCUMENTATION_STATUS,
    LEGAL_ACTION_KIND,
    LEGAL_ACTION_STATUS,
    RECORDS_REQUEST_KIND,
    RECORDS_REQUEST_STATUS,
)


@dataclass
class Workbench:
    """The legal work on the case, as the full dossier prints it."""

    actions: list[dict] = field(default_factory=list)
    deadlines: list[list[str]] = field(default_factory=list)  # entered without an action
    requests: list[dict] = field(default_factory=list)


def review_line(session: Session, incident: Incident) -> str:
    """The documentation status for the cover: who verified the case, and when."""
    status = incident.documentation_status
    if status != "verified":
        return _(
            "Documentation status: %(status)s — not yet verified",
            status=tl(DOCUMENTATION_STATUS.label(status)),
        )
    verifier = session.get(User, incident.verified_by_id) if incident.verified_by_id else None
    if verifier is None:
        return _("Documentation status: Verified (who verified it was not recorded)")
    return _(
        "Documentation status: Verified by %(who)s on %(day)s",
        who=verifier.display_name,
        day=f"{incident.verified_at:%Y-%m-%d}",
    )


def _deadline_row(deadline) -> list[str]:
    if deadline.computed:
        rule = rules.RULES[deadline.kind]
        basis = _(  # the rule's words (a paraphrase of its source) as the claims module wrote them
            "Computed: %(statement)s (%(source)s; paraphrase). Date: %(arithmetic)s.",
            statement=tl(rule.statement),
            source=rule.source,
            arithmetic=tl(rule.arithmetic),
        )
    else:
        basis = _("Entered: %(rule)s", rule=deadline.rule) + (
            f" ({deadline.source})" if deadline.source else ""
        )
    return [tl(DEADLINE_KIND.label(deadline.kind)), str(deadline.due_on), _state(deadline), basis]


def _state(deadline) -> str:
    """Met, met late, overdue or open, as of the day the dossier is made."""
    done, due, today = deadline.done_on, deadline.due_on, clock.today()
    if deadline.kind in rules.MILESTONES:
        return _("reached (a date from which the client may act)") if due <= today else _("ahead")
    if done and done > due:
        late = _("done late, %(done)s (%(days)s days after)", done=done, days=(done - due).days)
        if deadline.kind == "ftca_presentment":
            late += _(": the claim may be out of time")
        return late
    if done:
        return _("met %(done)s", done=done)
    if due < today:
        return _("overdue (%(days)s days)", days=(today - due).days)
    return _("open")


def gather(session: Session, incident: Incident, exhibit_labels: dict[int, str]) -> Workbench:
    """Legal actions with deadlines and documents (as exhibit labels), other deadlines, and the
    records requests about the incident with the records they produced."""
    rows, loose = actions_of(session, incident)
    found = Workbench(deadlines=[_deadline_row(d) for d in loose])
    for row in rows:
        a = row.action
        kind, status = tl(LEGAL_ACTION_KIND.label(a.kind)), tl(LEGAL_ACTION_STATUS.label(a.status))
        found.actions.append(
            {
                "title": f"{kind} — {status}",
                "pairs": [
                    (_("Against"), a.against),
                    (_("Claim accrued on"), a.accrued_on and str(a.accrued_on)),
                    (_("Filed, presented or sent on"), a.filed_on and str(a.filed_on)),
                    (_("Final denial mailed on"), a.denial_mailed_on and str(a.denial_mailed_on)),
                    (_("Outcome"), a.outcome),
                    (_("Notes"), a.notes),
                    (_("Documents"), _exhibits(row.evidence, exhibit_labels)),
                ],
                "deadlines": [_deadline_row(d) for d in row.deadlines],
            }
        )
    found.requests = _requests(session, incident, exhibit_labels)
    return found


def _exhibits(items, exhibit_labels) -> str | None:
    shown = [exhibit_labels.get(item.id, item.title) for item in items]
    return ", ".join(shown) or None


def _requests(session, incident, exhibit_labels) -> list[dict]:
    requests = session.exec(
        select(RecordsRequest)
        .join(
            RecordsRequestIncident, RecordsRequestIncident.records_request_id == RecordsRequest.id
        )
        .where(
            RecordsRequestIncident.incident_id == incident.id,
            RecordsRequest.archived_at.is_(None),
        )
        .order_by(RecordsRequest.sent_on, RecordsRequest.id)
    ).all()
    found = []
    for request in requests:
        agency = session.get(Agency, request.agency_id) if request.agency_id else None
        received = session.exec(
            select(EvidencePin.evidence_id).where(EvidencePin.records_request_id == request.id)
        ).all()
        due = _due_line(request)
        found.append(
            {
                "title": f"{tl(RECORDS_REQUEST_KIND.label(request.kind))} — "
                f"{tl(RECORDS_REQUEST_STATUS.label(request.status))}",
                "pairs": [
                    (
                        _("Agency"),
                        " — ".join(x for x in (agency and agency.name, request.component) if x),
                    ),
                    (_("Records asked for"), request.subject),
                    (_("Sent on"), request.sent_on and str(request.sent_on)),
                    (
                        _("Received by the agency on"),
                        request.received_on and str(request.received_on),
                    ),
                    (_("Tracking number"), request.tracking_number),
                    (_("Extension (working days)"), str(request.extension_days or 0)),
                    (_("Answer due"), due),
                    (_("Status since"), request.status_on and str(request.status_on)),
                    (
                        _("Fees"),
                        f"${number(request.fees, 2)}" if request.fees is not None else None,
                    ),
                    (
                        _("Records received"),
                        ", ".join(exhibit_labels.get(i) or _("an item") for i in received) or None,
                    ),
                    (_("Notes"), request.notes),
                ],
            }
        )
    return found


def _due_line(request) -> str | None:
    """The answer date with how it was set: computed (counted from what, with the rule and the
    extension) or entered with the rule relied on."""
    if not request.due_on:
        return None
    if request.due_rule != foia.FOIA_RULE:
        return _("%(on)s (entered: %(rule)s)", on=request.due_on, rule=request.due_rule)
    days = foia.RESPONSE_WORKING_DAYS
    text = (
        _("%(on)s (computed: %(days)s working days after receipt", on=request.due_on, days=days)
        if request.received_on
        else _(
            "%(on)s (computed: %(days)s working days after the day sent",
            on=request.due_on,
            days=days,
        )
    )
    if request.extension_days:
        text += _(", plus an extension of %(days)s working days", days=request.extension_days)
    text += f"). {foia.RULE_TEXT}"  # the statute's words, quoted: never translated
    if request.extension_days:
        text += f" {foia.EXTENSION_TEXT}"
    if not request.received_on:
        text += f" {foia.FROM_SENT_CAVEAT}"
    return f"{text} {foia.HOLIDAYS_NOTE}"


DEADLINE_WIDTHS = [1.7 * inch, 0.85 * inch, 0.85 * inch, 3.6 * inch]


def _deadline_table(rows, s):
    return table(
        [[_("Deadline"), _("Date"), pgettext("deadline", "State"), _("Rule")], *rows],
        DEADLINE_WIDTHS,
        s,
    )


def section(w: Workbench, s) -> list:
    """The section's flowables: its heading kept with its first block (never alone at the
    foot of a page), each action or request kept together."""
    title = heading(_("Claims, deadlines and records requests"), s["h1"], 0)
    if not (w.actions or w.deadlines or w.requests):
        return [title, p(_("No legal action, deadline or records request recorded."), s["body"])]
    blocks = []
    for action in w.actions:
        parts = [heading(action["title"], s["h2"], 1), pairs(action["pairs"], s)]
        if action["deadlines"]:
            parts.append(_deadline_table(action["deadlines"], s))
        blocks.append(parts)
    if w.deadlines:
        blocks.append([heading(_("Other deadlines"), s["h2"], 1), _deadline_table(w.deadlines, s)])
    for request in w.requests:
        blocks.append([heading(request["title"], s["h2"], 1), pairs(request["pairs"], s)])
    blocks[0].insert(0, title)
    return [KeepTogether(parts) for parts in blocks]
