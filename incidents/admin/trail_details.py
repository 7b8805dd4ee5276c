"""An audit event's details in words ("Sections changed: People, Timeline", "12 rows, 2
rejected"), never as JSON. Details hold codes, counts and ids, never personal data; ids become
references and names with links (see trail_refs), codes become their labels.

A phrase is a list of segments: text, or a `Ref` that the page shows as a link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from incidents.admin.trail_labels import action_of
from incidents.admin.trail_refs import Ref, Refs, Wanted
from incidents.admin.trail_words import COUNTS, FLAGS, NAMED, REASONS, SCOPES
from incidents.auth.second_factor import RULES
from incidents.exports.releases import describe
from incidents.jobs.kinds import label_of
from incidents.records import spec
from incidents.records.spec import SECTIONS
from incidents.redaction.engine import KIND_LABELS
from incidents.vocab import (
    ASSESSMENT,
    DEADLINE_KIND,
    DOCUMENTATION_STATUS,
    LEGAL_ACTION_KIND,
    RECORDS_REQUEST_KIND,
    RECORDS_REQUEST_STATUS,
    ROLE,
)
from incidents.wording import plural

Segment = str | Ref
Phrase = list[Segment]

# detail key → kind of object its id (or list of ids) names
ID_KEYS = {
    "incident": "incident",
    "incident_id": "incident",
    "provision": "provision",
    "policy": "policy",
    "copied_from": "policy",
    "original": "evidence",
    "actor": "user",
}
ASSIGNMENT_KEYS = {"caseworker_id": "Caseworker", "lawyer_id": "Lawyer"}
STATUS_WORDS = {**DOCUMENTATION_STATUS.labels, **ROLE.labels}
FIELD_LABELS = {f.code: f.label for f in spec.INCIDENT}


def want(wanted: Wanted, details: dict) -> None:
    """Add the objects these details name (cases, accounts, provisions...) to `wanted`."""
    for key, value in details.items():
        if key in ID_KEYS:
            wanted.add(ID_KEYS[key], value)
        elif key == "incidents" and isinstance(value, list):
            for number in value:
                wanted.add("incident", number)
        elif key in ASSIGNMENT_KEYS and isinstance(value, dict):
            for number in value.values():
                wanted.add("user", number)
        elif key == "filters" and isinstance(value, dict):
            want(wanted, value)


def inline(key: str, details: dict, refs: Refs) -> Phrase:
    """A detail inside the action's sentence ("the {profile} dossier")."""
    value = details.get(key)
    if key in ID_KEYS:
        ref = refs.get(ID_KEYS[key], value)
        return [ref] if ref else ["an unknown " + key]
    if key == "scope":
        return [SCOPES.get(value, str(value))]
    if key == "rows_of":
        return [words(value)]
    if key == "job_kind":
        return [label_of(str(value)).lower()]
    return [words(value) if value is not None else "—"]


def phrases(action: str, details: dict, refs: Refs, skip: set[str]) -> list[Phrase]:
    """The details not already in the sentence, as phrases."""
    found: list[Phrase] = []
    counts: list[str] = []
    if "from" in details or "to" in details:
        found.append(["From ", _status(details.get("from")), " to ", _status(details.get("to"))])
    for key, value in details.items():
        if key in skip or key in ("from", "to") or value is None:
            continue
        if key in COUNTS and isinstance(value, int) and not isinstance(value, bool):
            if key != "sessions" or value:
                noun, after = COUNTS[key]
                counts.append((plural(value, noun) if noun else f"{value:,} ") + after)
            continue
        if key in FLAGS:
            if value is True:
                found.append([FLAGS[key]])
            continue
        phrase = _phrase(action, key, value, details, refs)
        if phrase:
            found.append(phrase)
    if counts:
        found.append([", ".join(counts)])
    return [_capitalized(phrase) for phrase in found]


def _capitalized(phrase: Phrase) -> Phrase:
    head = phrase[0]
    return [head[:1].upper() + head[1:], *phrase[1:]] if isinstance(head, str) else phrase


def _phrase(action: str, key: str, value: Any, details: dict, refs: Refs) -> Phrase | None:
    special = SPECIAL.get(key)
    if special is not None:
        return special(action, value, details, refs)
    if key in ID_KEYS:
        label = {"incident": "Case", "incident_id": "Case", "copied_from": "Copied from"}
        return [label.get(key, words(key).capitalize()) + ": ", refs.get(ID_KEYS[key], value)]
    if key in ASSIGNMENT_KEYS and isinstance(value, dict):
        if value.get("from") == value.get("to"):
            return None
        before, after = (_person(value.get(side), refs) for side in ("from", "to"))
        return [ASSIGNMENT_KEYS[key] + ": ", before, " → ", after]
    if key in NAMED:
        return [f"{NAMED[key]}: {value}"]
    return [f"{words(key).capitalize()}: {_plain(value)}"]


def _sections(action, value, details, refs) -> Phrase:
    names = ", ".join(SECTIONS.get(s, words(s)) for s in value)
    fields = details.get("fields") or []
    more = f" ({len(fields)} field{'s' if len(fields) != 1 else ''})" if fields else ""
    return [f"Sections changed: {names}{more}"]


def _fields(action, value, details, refs) -> Phrase | None:
    if "sections" in details or not value:
        return None
    return ["Changed: " + ", ".join(words(f) for f in value)]


def _filters(action, value, details, refs) -> Phrase:
    if isinstance(value, dict):
        if not value:
            return ["No filters"]
        found: Phrase = ["Filters: "]
        for n, (key, item) in enumerate(sorted(value.items())):
            found.append("; " if n else "")
            found += _filter(key, item, refs)
        return found
    return ["Filters used: " + ", ".join(words(f) for f in value)] if value else ["No filters"]


def _filter(key: str, value, refs: Refs) -> Phrase:
    if key == "actor":
        return ["by ", refs.user(value)]
    if key == "action":
        return [f"action “{action_of(str(value)).menu}”"]
    if key in ("from", "to", "date_from", "date_to"):
        return [f"{'from' if 'from' in key else 'to'} {value}"]
    return [f"{words(key)} {_plain(value)}"]


def _kind(action, value, details, refs) -> Phrase:
    if action.startswith("redaction_"):
        return [f"Kind: {KIND_LABELS.get(value, words(value))}"]
    for prefix, vocabulary in KIND_VOCABULARIES:
        if action.startswith(prefix):
            return [f"Kind: {vocabulary.label(value)}"]
    return [f"Kind: {words(value)}"]


def _incidents(action, value, details, refs) -> Phrase:
    if isinstance(value, int):
        return [f"{value:,} cases"]
    found: Phrase = ["Cases: "]
    for n, number in enumerate(value):
        found += [", " if n else "", refs.get("incident", number)]
    return found


def _found(action, value, details, refs) -> Phrase:
    if isinstance(value, dict):
        parts = ", ".join(f"{n} {KIND_LABELS.get(k, words(k))}" for k, n in sorted(value.items()))
        return [f"Found: {parts}" if parts else "Nothing found"]
    return [plural(value, "face") + " found"]


def _bytes(action, value, details, refs) -> Phrase:
    if "size" in details and isinstance(details["size"], int):
        return [f"{value:,} of {details['size']:,} bytes sent"]
    return [f"{value:,} bytes sent"]


def _size(action, value, details, refs) -> Phrase | None:
    if isinstance(value, int) and "bytes_sent" not in details:
        return [f"{value:,} bytes"]
    return None


SPECIAL: dict[str, Callable[..., Phrase | None]] = {
    "sections": _sections,
    "fields": _fields,
    "filters": _filters,
    "kind": _kind,
    "incidents": _incidents,
    "found": _found,
    "bytes_sent": _bytes,
    "size": _size,
    "reason": lambda a, v, d, r: [f"Why: {REASONS.get(v, words(v))}"],
    "role": lambda a, v, d, r: [f"Role: {ROLE.label(v)}"],
    "rule": lambda a, v, d, r: [f"Rule now: {RULES.get(v, words(v))}"],
    "status": lambda a, v, d, r: [f"Status: {RECORDS_REQUEST_STATUS.label(v)}"],
    "decision": lambda a, v, d, r: (
        [f"Decision no. {v}"] if isinstance(v, int) else [f"Decision: {ASSESSMENT.label(v)}"]
    ),
    "suggested": lambda a, v, d, r: [f"Suggested: {ASSESSMENT.label(v)}"],
    "review": lambda a, v, d, r: [f"Sign-off no. {v}"],
    "ok": lambda a, v, d, r: ["The chain held" if v else "The chain was BROKEN"],
    "sha256": lambda a, v, d, r: [f"SHA-256 begins {str(v)[:16]}"],
    "reference": lambda a, v, d, r: None,  # the event's object says it
    "content_sha256": lambda a, v, d, r: None,
    "due_computed": lambda a, v, d, r: [
        "Answer date computed by the FOIA rule" if v else "Answer date entered by hand"
    ],
    "agents": lambda a, v, d, r: ["Agents' names hidden"] if v == "hidden" else None,
    "by": lambda a, v, d, r: ["By the demonstration seeding" if v == "seed-demo" else f"By {v}"],
    "source": lambda a, v, d, r: [f"Through {'an import' if v == 'import' else words(v)}"],
    "stopped_at_row": lambda a, v, d, r: [f"Stopped at row {v}"],
    "target": lambda a, v, d, r: [
        f"Pinned to: {words(v)}" + (f" no. {d['target_id']}" if d.get("target_id") else "")
    ],
    "target_id": lambda a, v, d, r: None,
    "page": lambda a, v, d, r: [f"Page {v}"],
    "complete": lambda a, v, d, r: ["Complete" if v else "Cut off before the end"],
    "media_type": lambda a, v, d, r: [f"Type {v}"],
    "field": lambda a, v, d, r: [f"Field: {FIELD_LABELS.get(v, words(v))}"],
    "device": lambda a, v, d, r: [f"Device: {v}"],
    "l_sensitive_column": lambda a, v, d, r: [f"Sensitive column: {words(v)}"],
    "refused_because": lambda a, v, d, r: [f"Why: {v}"],
    "release": lambda a, v, d, r: [f"The release that keeps {describe(v)}"] if v else None,
    "codes": lambda a, v, d, r: [f"The release that keeps {describe(c)}" for c in v] or None,
    "job_kind": lambda a, v, d, r: [f"Kind: {label_of(str(v))}"],
    "jobs": lambda a, v, d, r: ["Jobs: " + ", ".join(f"no. {n}" for n in v)] if v else None,
}
KIND_VOCABULARIES = (
    ("legal_action", LEGAL_ACTION_KIND),
    ("deadline", DEADLINE_KIND),
    ("records_request", RECORDS_REQUEST_KIND),
)


def _status(code) -> str:
    if code is None:
        return "nothing"
    return STATUS_WORDS.get(code, words(code))


def _person(number, refs: Refs) -> Segment:
    return "nobody" if number is None else refs.user(number)


def _plain(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{words(k)} {_plain(v)}" for k, v in sorted(value.items())) or "none"
    return words(value) if isinstance(value, str) else str(value)


def words(code) -> str:
    """A code as words: 'frt_uses.system' → 'frt uses system'."""
    return str(code).replace("_", " ").replace(".", " ")


def text_of(phrase: Phrase) -> str:
    """A phrase as plain text (the export): links become their words."""
    return "".join(str(part) for part in phrase)
