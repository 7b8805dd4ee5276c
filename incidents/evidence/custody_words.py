"""A custody log's entries in the reader's language, where a page draws them. The log itself
keeps its English words (they are sealed into the chain's hashes): the action's name and the
detail the code wrote. A detail this module knows (`DETAILS`: the shapes the evidence, dossier
and download code write) is translated; names, references, hashes and codes in it stay as
written; an unknown detail is shown as stored."""

from __future__ import annotations

import re

from incidents.evidence.custody import ACTIONS
from incidents.i18n import N_, current_language, gettext, ngettext, number, translate_label

# what a pin's detail names ("timeline 12"): the kinds of row an item is pinned to
TARGETS = {
    "timeline": N_("timeline event"),
    "frt": N_("FRT use"),
    "document": N_("document presented"),
    "paperwork": N_("paperwork"),
    "legal_action": N_("legal action"),
    "records_request": N_("records request"),
}
PROFILES = {"full": N_("full"), "redacted": N_("redacted")}
TARGET = "(" + "|".join(TARGETS) + ")"
HASH = r"([0-9a-f]+)"


def _target(kind: str, row_id: str) -> str:
    return gettext("%(target)s %(id)s", target=translate_label(TARGETS[kind]), id=row_id)


def _copy_from(match) -> str:
    areas = int(match[3].replace(",", ""))
    return gettext(
        "from evidence %(id)s (sha256 %(hash)s); %(areas)s",
        id=match[1],
        hash=match[2],
        areas=ngettext("%(num)s area blacked out", "%(num)s areas blacked out", areas),
    )


DETAILS = (
    (
        re.compile(r"upload of (\d+) bytes"),
        lambda m: gettext("upload of %(size)s bytes", size=number(int(m[1]))),
    ),
    (re.compile(r"link"), lambda m: gettext("link")),
    (re.compile(r"fields: (.+)"), lambda m: gettext("fields: %(fields)s", fields=m[1])),
    (re.compile(rf"{TARGET} (\d+)"), lambda m: _target(m[1], m[2])),
    (re.compile(r"pin (\d+)"), lambda m: gettext("pin %(id)s", id=m[1])),
    (
        re.compile(rf"pin (\d+): {TARGET} (\d+) removed from the incident"),
        lambda m: gettext(
            "pin %(id)s: %(target)s removed from the incident",
            id=m[1],
            target=_target(m[2], m[3]),
        ),
    ),
    (
        re.compile(r"(\d+) of (\d+) bytes sent"),
        lambda m: gettext(
            "%(sent)s of %(size)s bytes sent", sent=number(int(m[1])), size=number(int(m[2]))
        ),
    ),
    (
        re.compile(rf"from evidence (\d+) \(sha256 {HASH}\); ([\d,]+) areas? blacked out"),
        _copy_from,
    ),
    (
        re.compile(rf"copy: evidence (\d+) \(sha256 {HASH}\)"),
        lambda m: gettext("copy: evidence %(id)s (sha256 %(hash)s)", id=m[1], hash=m[2]),
    ),
    (
        re.compile(rf"(.+), (full|redacted) profile, dossier {HASH}"),
        lambda m: gettext(
            "%(exhibit)s, %(profile)s profile, dossier %(digest)s",
            exhibit=m[1],
            profile=translate_label(PROFILES[m[2]]),
            digest=m[3],
        ),
    ),
)


def action_words(action: str) -> str:
    """A custody action's name in the reader's language (an unknown code as it is)."""
    return translate_label(ACTIONS.get(action, action))


def detail_words(detail: str | None) -> str:
    """A custody entry's detail in the reader's language, as far as its shape is known."""
    if not detail or current_language() == "en":
        return detail or ""
    for pattern, words in DETAILS:
        match = pattern.fullmatch(detail)
        if match:
            return words(match)
    return detail
