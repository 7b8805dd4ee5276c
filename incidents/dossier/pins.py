"""Evidence pins as the dossier prints them: on each timeline event, FRT use, document presented
and paperwork row, the exhibits pinned to it (with the locator: "p. 3", "00:01:42"); in the
exhibit index, what each exhibit is pinned to, named as the case page names it.

The redacted profile leaves out pins to the team's legal work (legal actions, records requests:
its workbench section is left out too) and prints a locator only when it is a page, paragraph,
line or time reference (a locator is typed freely and is not among the texts a reviewer sees)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from incidents.dossier.words import _, moment, tl
from incidents.evidence import queries as evidence_queries
from incidents.models import LegalAction
from incidents.vocab import FRT_SYSTEM, ID_DOCUMENT, LEGAL_ACTION_KIND, PAPERWORK, TIMELINE_KIND

# "p. 3", "pp. 2-4", "page 12", "para. 7", "¶ 4", "§ 2", "line 30", "00:01:42", "at 1:02", "3"
PLAIN_LOCATOR = re.compile(
    r"\s*((pp?|pages?|paras?|paragraphs?|lines?|at|tab|fol|folio|§|¶)\.?\s*)?"
    r"[0-9][0-9:.,\-\u2013\s]*(\s*(pp?|lines?)\.?\s*[0-9][0-9:.,\-\u2013\s]*)?\s*",
    re.IGNORECASE,
)


@dataclass
class Pins:
    """What the dossier prints about pins."""

    on: dict[str, list[str]] = field(default_factory=dict)  # "timeline:12" → exhibit labels
    of: dict[int, list[str]] = field(default_factory=dict)  # evidence id → what it is pinned to

    def exhibits(self, key: str) -> str | None:
        """The exhibits pinned to one row ("timeline:12"), or None."""
        return ", ".join(self.on.get(key, ())) or None


def locator(pin, redacted: bool) -> str:
    """The locator as printed: " (p. 3)", or "" when there is none or it may not be printed."""
    text = (pin.locator or "").strip()
    if not text or (redacted and not PLAIN_LOCATOR.fullmatch(text)):
        return ""
    return f" ({text})"


def gather(session, bundle, items, pins, exhibit_labels, redacted: bool) -> Pins:
    """The pins of the incident's items (`pins` as `pins_by_item` gives them), by row and by
    exhibit. `exhibit_labels`: evidence id → exhibit label, for the items listed."""
    targets = pin_targets(bundle)
    if not redacted:
        targets |= _action_labels(session, pins) | _filing_labels(pins)
    found = Pins()
    on, of = defaultdict(list), defaultdict(list)
    for item, _stored in items:
        exhibit = exhibit_labels.get(item.id)
        for pin in pins.get(item.id, ()):
            key = evidence_queries.pin_key(pin)
            if exhibit is None or key not in targets:
                continue
            where = locator(pin, redacted)
            on[key].append(exhibit + where)
            of[item.id].append(targets[key] + where)
    found.on, found.of = dict(on), dict(of)
    return found


def _action_labels(session, pins) -> dict[str, str]:
    """Labels of the legal actions the items are filed with ("Legal action: FTCA claim")."""
    ids = {pin.legal_action_id for rows in pins.values() for pin in rows if pin.legal_action_id}
    labels = {}
    for action_id in sorted(ids):
        action = session.get(LegalAction, action_id)
        if action is not None and action.archived_at is None:
            labels[f"legal_action:{action_id}"] = _(
                "Legal action: %(kind)s", kind=tl(LEGAL_ACTION_KIND.label(action.kind))
            )
    return labels


def pin_targets(bundle) -> dict[str, str]:
    """What an exhibit can be pinned to, named as the case page names it
    (`evidence.queries.pin_targets`), in the dossier's language."""
    targets = {}
    for n, event in enumerate(bundle.timeline, start=1):
        kind, when = tl(TIMELINE_KIND.label(event.kind)), moment(event.starts_at)
        targets[f"timeline:{event.id}"] = _(
            "Timeline %(n)s: %(kind)s, %(when)s", n=n, kind=kind, when=when
        )
    for n, use in enumerate(bundle.frt_uses, start=1):
        system = tl(FRT_SYSTEM.label(use.system))
        targets[f"frt:{use.id}"] = _("FRT use %(n)s: %(system)s", n=n, system=system)
    for n, document in enumerate(bundle.documents, start=1):
        kind = tl(ID_DOCUMENT.label(document.document_type))
        targets[f"document:{document.id}"] = _("Document %(n)s: %(kind)s", n=n, kind=kind)
    for n, paper in enumerate(bundle.paperwork, start=1):
        kind = tl(PAPERWORK.label(paper.kind))
        targets[f"paperwork:{paper.id}"] = _("Paperwork %(n)s: %(kind)s", n=n, kind=kind)
    return targets


def _filing_labels(pins) -> dict[str, str]:
    """Items filed with a records request as records received (`evidence.queries`)."""
    english = evidence_queries.filing_labels(pins)
    return {
        key: _("Records received for records request #%(id)s", id=key.partition(":")[2])
        for key in english
    }
