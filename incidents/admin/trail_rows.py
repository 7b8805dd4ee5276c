"""Audit events as an administrator reads them: who (a name with a link, or the command line),
what happened in words with its object as a reference or a name with a link, and the details
as phrases, in the reader's language (the CSV export asks for English). The objects of a whole
page (or export batch) are looked up together."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from incidents.admin.trail_details import Phrase, inline, phrases, text_of, want
from incidents.admin.trail_labels import action_of, sentence_of
from incidents.admin.trail_refs import Ref, Wanted, resolve
from incidents.i18n import N_, gettext

PLACEHOLDER = re.compile(r"\{(\w+)\}")
COMMAND_LINE = N_("command line / import")
NOT_SIGNED_IN = N_("someone not signed in")


@dataclass
class Row:
    """One event, in words and raw."""

    seq: int
    at: datetime
    who: Ref | str
    what: Phrase
    details: list[Phrase]
    address: str | None
    actor_id: int | None
    action: str
    object: str  # "incident:12", "" when none
    raw_details: str

    @property
    def sentence(self) -> str:
        """The whole event as one plain sentence: "Lena Lawyer verified DEMO-2025-0042"."""
        who = self.who if isinstance(self.who, str) else self.who.text
        return f"{who[:1].upper()}{who[1:]} {text_of(self.what)}"

    @property
    def details_text(self) -> str:
        """The details as plain sentences."""
        return " ".join(f"{text_of(p)}." for p in self.details)


def _load(text: str | None) -> dict:
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def rows_of(session: Session, organization_id: int, events, users: dict[int, str]) -> list[Row]:
    """The events in words; one query per kind of object they refer to."""
    parsed = [(event, _load(event.details)) for event in events]
    wanted = Wanted()
    for event, details in parsed:
        wanted.add(event.object_type, event.object_id)
        want(wanted, details)
    refs = resolve(session, organization_id, wanted, users)
    return [_row(event, details, refs) for event, details in parsed]


def _row(event, details: dict, refs) -> Row:
    action = action_of(event.action)
    thing = refs.get(event.object_type, event.object_id)
    what: Phrase = []
    used: set[str] = set()
    position = 0
    sentence = sentence_of(action)
    for match in PLACEHOLDER.finditer(sentence):
        what.append(sentence[position : match.start()])
        key = match.group(1)
        if key == "object":
            what.append(thing if thing is not None else "—")
        else:
            what += inline(key, details, refs)
            used.add(key)
        position = match.end()
    what.append(sentence[position:])
    if not action.known and thing is not None:
        what += [" — ", thing]
    if event.actor_id is not None:
        who: Ref | str = refs.user(event.actor_id)
    else:
        who = gettext(NOT_SIGNED_IN if event.client_addr else COMMAND_LINE)
    return Row(
        seq=event.seq,
        at=event.occurred_at,
        who=who,
        what=[part for part in what if part != ""],
        details=phrases(event.action, details, refs, used),
        address=event.client_addr,
        actor_id=event.actor_id,
        action=event.action,
        object=f"{event.object_type}:{event.object_id}" if event.object_type else "",
        raw_details=event.details or "{}",
    )
