"""The words the dossier borrows from the record kernel and the policy library, written in the
dossier's language: a field's value as a person reads it (`display.shown`, labels translated),
a provision's source line and its policy's status line. What a source says (citations,
pinpoints, a status note and its source) is printed as it is: legal content is evidence."""

from __future__ import annotations

import re

from incidents.dossier.phrases import SOURCE_LINES
from incidents.dossier.words import _, day, moment, number, short_date, tl
from incidents.records import display
from incidents.records.spec import Field
from incidents.vocab import POLICY_STATUS

KNOWN_KINDS = {kind for _quoted, kind in SOURCE_LINES if kind}
AGENTS_DID_NOT = re.compile(r"(\d+) of (\d+) agents did not")
RELEASED_AFTER = re.compile(r"released ([\d,.]+) hours after the claim")
CITIZENSHIP = "citizenship document: "


def shown(field: Field, value) -> str:
    """A stored value as the dossier prints it ('' for nothing): codes as their labels in the
    dossier's language, figures with its marks, dates and times as its other dates."""
    return display.shown(field, value, translate=tl, figure=number, day=day, moment=moment)


def source_line(provision) -> str:
    """'Quotation of an official summary: DHS, …, 16 Jan 2025' (policies.provenance), with the
    dossier's words translated and the citation and pinpoint as the library holds them."""
    kind = provision.source_kind if provision.source_kind in KNOWN_KINDS else ""
    line = _(SOURCE_LINES[(bool(provision.is_quotation), kind)])
    parts = [x for x in (provision.citation, provision.pinpoint) if x]
    if provision.source_date:
        parts.append(short_date(provision.source_date))
    line += ": " + ", ".join(parts) if parts else ""
    if provision.source_url:
        line += f" ({provision.source_url})"
    return line


def status_line(policy) -> str:
    """The policy's status in the dossier's language, its note and source as recorded."""
    line = tl(POLICY_STATUS.label(policy.status))
    if policy.status_note:
        line += f" — {policy.status_note}"
    if policy.status_source:
        line += " (" + _("source: %(source)s", source=policy.status_source) + ")"
    return line


def fact_detail(detail: str) -> str:
    """A key fact's explanation (incidents.records.keyfacts, English) in the dossier's
    language: a fixed phrase, a count of agents, hours after a claim, or a list of labels
    ("citizenship document: Birth certificate, US passport")."""
    if not detail:
        return detail
    found = AGENTS_DID_NOT.fullmatch(detail)
    if found:
        return _("%(n)s of %(total)s agents did not", n=found[1], total=found[2])
    found = RELEASED_AFTER.fullmatch(detail)
    if found:
        hours = number(float(found[1].replace(",", "")))
        return _("released %(hours)s hours after the claim", hours=hours)
    head = ""
    if detail.startswith(CITIZENSHIP):
        head, detail = _("citizenship document:") + " ", detail.removeprefix(CITIZENSHIP)
    whole = tl(detail)
    if whole != detail or ", " not in detail:
        return head + whole
    return head + ", ".join(tl(part) for part in detail.split(", "))


def person_label(label: str) -> str:
    """A person's label in the redacted profile ('Client', 'Witness 2') in the dossier's
    language; the redaction engine's marks in the text ('[Client]') stay as reviewed, and the
    cover says so."""
    base, _space, n = label.rpartition(" ")
    if base and n.isdigit():
        return f"{tl(base)} {n}"
    return tl(label)
