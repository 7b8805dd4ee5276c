"""An audit event's details in words ("Sections changed: People, Timeline", "12 rows, 2
rejected"), never as JSON. Details hold codes, counts and ids, never personal data; ids become
references and names with links (see trail_refs), codes become their labels.

A phrase is a list of segments: text, or a `Ref` that the page shows as a link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from incidents.admin.trail_labels import action_of, menu_of
from incidents.admin.trail_refs import Ref, Refs, Wanted
from incidents.admin.trail_words import COUNTS, FLAGS, NAMED, REASONS, SCOPES
from incidents.auth.second_factor import RULES
from incidents.exports.releases import describe
from incidents.i18n import N_, current_language, gettext, ngettext, number, shown_date
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
ASSIGNMENT_KEYS = {"caseworker_id": N_("Caseworker"), "lawyer_id": N_("Lawyer")}
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
        return [ref] if ref else [gettext("an unknown %(key)s", key=key)]
    if key == "scope":
        return [gettext(SCOPES[value]) if value in SCOPES else str(value)]
    if key == "rows_of":
        return [words(value)]
    if key == "job_kind":
        return [gettext(label_of(str(value))).lower()]
    return [words(value) if value is not None else "—"]


def phrases(action: str, details: dict, refs: Refs, skip: set[str]) -> list[Phrase]:
    """The details not already in the sentence, as phrases."""
    found: list[Phrase] = []
    counts: list[str] = []
    if "from" in details or "to" in details:
        before, after = _status(details.get("from")), _status(details.get("to"))
        found.append([gettext("From %(before)s to %(after)s", before=before, after=after)])
    for key, value in details.items():
        if key in skip or key in ("from", "to") or value is None:
            continue
        if key in COUNTS and isinstance(value, int) and not isinstance(value, bool):
            if key != "sessions" or value:
                counts.append(COUNTS[key](value))
            continue
        if key in FLAGS:
            if value is True:
                found.append([gettext(FLAGS[key])])
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
        label = {
            "incident": N_("Case"),
            "incident_id": N_("Case"),
            "copied_from": N_("Copied from"),
        }
        name = gettext(label[key]) if key in label else words(key).capitalize()
        return [gettext("%(name)s: ", name=name), refs.get(ID_KEYS[key], value)]
    if key in ASSIGNMENT_KEYS and isinstance(value, dict):
        if value.get("from") == value.get("to"):
            return None
        before, after = (_person(value.get(side), refs) for side in ("from", "to"))
        return [gettext("%(name)s: ", name=gettext(ASSIGNMENT_KEYS[key])), before, " → ", after]
    if key in NAMED:
        return [gettext("%(name)s: %(value)s", name=gettext(NAMED[key]), value=value)]
    return [gettext("%(name)s: %(value)s", name=words(key).capitalize(), value=_plain(value))]


def _sections(action, value, details, refs) -> Phrase:
    names = ", ".join(gettext(SECTIONS[s]) if s in SECTIONS else words(s) for s in value)
    fields = details.get("fields") or []
    if not fields:
        return [gettext("Sections changed: %(names)s", names=names)]
    more = ngettext("%(count)s field", "%(count)s fields", len(fields), count=number(len(fields)))
    return [gettext("Sections changed: %(names)s (%(fields)s)", names=names, fields=more)]


# whose fields an action's "fields" names: each field by its label
FIELD_ENTITIES = (
    ("legal_action", spec.LEGAL_ACTION),
    ("deadline", spec.DEADLINE),
    ("records_request", spec.RECORDS_REQUEST),
    ("evidence", spec.EVIDENCE),
)


def _field_name(action: str, code: str) -> str:
    """A changed field by its label in the reader's language; in English as the trail always
    wrote it (its code in words: 'accrued on')."""
    if current_language() == "en":
        return words(code)
    for prefix, entity in FIELD_ENTITIES:
        if action.startswith(prefix):
            found = next((f for f in entity if f.code == code), None)
            return gettext(found.label) if found else words(code)
    return words(code)


def _fields(action, value, details, refs) -> Phrase | None:
    if "sections" in details or not value:
        return None
    names = ", ".join(_field_name(action, f) for f in value)
    return [gettext("Changed: %(fields)s", fields=names)]


def _filters(action, value, details, refs) -> Phrase:
    if isinstance(value, dict):
        if not value:
            return [gettext("No filters")]
        found: Phrase = [gettext("Filters: ")]
        for n, (key, item) in enumerate(sorted(value.items())):
            found.append("; " if n else "")
            found += _filter(key, item, refs)
        return found
    if not value:
        return [gettext("No filters")]
    return [gettext("Filters used: %(names)s", names=", ".join(words(f) for f in value))]


def _day(value) -> str:
    """A filter's day (stored as ISO) as the page writes its dates; anything else as stored."""
    try:
        return shown_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _filter(key: str, value, refs: Refs) -> Phrase:
    if key == "actor":
        return [gettext("by "), refs.user(value)]
    if key == "action":
        return [gettext("action “%(name)s”", name=menu_of(action_of(str(value))))]
    if key in ("from", "to", "date_from", "date_to"):
        day = _day(value)
        if "from" in key:
            return [gettext("from %(day)s", day=day)]
        return [gettext("to %(day)s", day=day)]
    return [f"{words(key)} {_plain(value)}"]


def _kind(action, value, details, refs) -> Phrase:
    if action.startswith("redaction_"):
        return [_kind_is(gettext(KIND_LABELS[value]) if value in KIND_LABELS else words(value))]
    for prefix, vocabulary in KIND_VOCABULARIES:
        if action.startswith(prefix):
            return [_kind_is(gettext(vocabulary.label(value)))]
    return [_kind_is(words(value))]


def _kind_is(name: str) -> str:
    return gettext("Kind: %(name)s", name=name)


def _incidents(action, value, details, refs) -> Phrase:
    if isinstance(value, int):
        return [gettext("%(count)s cases", count=number(value))]
    found: Phrase = [gettext("Cases: ")]
    for n, incident_id in enumerate(value):
        found += [", " if n else "", refs.get("incident", incident_id)]
    return found


def _found(action, value, details, refs) -> Phrase:
    if isinstance(value, dict):
        parts = ", ".join(
            f"{n} {gettext(KIND_LABELS[k]) if k in KIND_LABELS else words(k)}"
            for k, n in sorted(value.items())
        )
        return [gettext("Found: %(parts)s", parts=parts) if parts else gettext("Nothing found")]
    return [ngettext("%(count)s face found", "%(count)s faces found", value, count=number(value))]


def _bytes(action, value, details, refs) -> Phrase:
    if "size" in details and isinstance(details["size"], int):
        sent, size = number(value), number(details["size"])
        return [gettext("%(sent)s of %(size)s bytes sent", sent=sent, size=size)]
    return [gettext("%(sent)s bytes sent", sent=number(value))]


def _size(action, value, details, refs) -> Phrase | None:
    if isinstance(value, int) and "bytes_sent" not in details:
        return [gettext("%(size)s bytes", size=number(value))]
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
    "reason": lambda a, v, d, r: [_why(gettext(REASONS[v]) if v in REASONS else words(v))],
    "role": lambda a, v, d, r: [gettext("Role: %(role)s", role=gettext(ROLE.label(v)))],
    "rule": lambda a, v, d, r: [
        gettext("Rule now: %(rule)s", rule=gettext(RULES[v]) if v in RULES else words(v))
    ],
    "status": lambda a, v, d, r: [
        gettext("Status: %(status)s", status=gettext(RECORDS_REQUEST_STATUS.label(v)))
    ],
    "decision": lambda a, v, d, r: (
        [gettext("Decision no. %(number)s", number=v)]
        if isinstance(v, int)
        else [gettext("Decision: %(decision)s", decision=gettext(ASSESSMENT.label(v)))]
    ),
    "suggested": lambda a, v, d, r: [
        gettext("Suggested: %(decision)s", decision=gettext(ASSESSMENT.label(v)))
    ],
    "review": lambda a, v, d, r: [gettext("Sign-off no. %(number)s", number=v)],
    "ok": lambda a, v, d, r: [gettext("The chain held") if v else gettext("The chain was BROKEN")],
    "sha256": lambda a, v, d, r: [gettext("SHA-256 begins %(start)s", start=str(v)[:16])],
    "reference": lambda a, v, d, r: None,  # the event's object says it
    "content_sha256": lambda a, v, d, r: None,
    "due_computed": lambda a, v, d, r: [
        gettext("Answer date computed by the FOIA rule")
        if v
        else gettext("Answer date entered by hand")
    ],
    "agents": lambda a, v, d, r: [gettext("Agents' names hidden")] if v == "hidden" else None,
    "by": lambda a, v, d, r: [
        gettext("By the demonstration seeding")
        if v == "seed-demo"
        else gettext("By %(who)s", who=v)
    ],
    "source": lambda a, v, d, r: [
        gettext("Through an import")
        if v == "import"
        else gettext("Through %(source)s", source=words(v))
    ],
    "stopped_at_row": lambda a, v, d, r: [gettext("Stopped at row %(row)s", row=v)],
    "target": lambda a, v, d, r: [
        gettext("Pinned to: %(target)s no. %(number)s", target=words(v), number=d["target_id"])
        if d.get("target_id")
        else gettext("Pinned to: %(target)s", target=words(v))
    ],
    "target_id": lambda a, v, d, r: None,
    "page": lambda a, v, d, r: [gettext("Page %(page)s", page=v)],
    "complete": lambda a, v, d, r: [
        gettext("Complete") if v else gettext("Cut off before the end")
    ],
    "media_type": lambda a, v, d, r: [gettext("Type %(type)s", type=v)],
    "field": lambda a, v, d, r: [
        gettext(
            "Field: %(field)s", field=gettext(FIELD_LABELS[v]) if v in FIELD_LABELS else words(v)
        )
    ],
    "device": lambda a, v, d, r: [gettext("Device: %(device)s", device=v)],
    "l_sensitive_column": lambda a, v, d, r: [
        gettext("Sensitive column: %(column)s", column=words(v))
    ],
    "refused_because": lambda a, v, d, r: [_why(v)],
    "release": lambda a, v, d, r: [_release(v)] if v else None,
    "codes": lambda a, v, d, r: [_release(c) for c in v] or None,
    "job_kind": lambda a, v, d, r: [_kind_is(gettext(label_of(str(v))))],
    "jobs": lambda a, v, d, r: [_jobs(v)] if v else None,
}
KIND_VOCABULARIES = (
    ("legal_action", LEGAL_ACTION_KIND),
    ("deadline", DEADLINE_KIND),
    ("records_request", RECORDS_REQUEST_KIND),
)


def _why(reason: str) -> str:
    return gettext("Why: %(reason)s", reason=reason)


def _release(code) -> str:
    return gettext("The release that keeps %(what)s", what=describe(code))


def _jobs(numbers) -> str:
    listed = ", ".join(gettext("no. %(number)s", number=n) for n in numbers)
    return gettext("Jobs: %(jobs)s", jobs=listed)


def _status(code) -> str:
    if code is None:
        return gettext("nothing")
    return gettext(STATUS_WORDS[code]) if code in STATUS_WORDS else words(code)


def _person(user_id, refs: Refs) -> Segment:
    return gettext("nobody") if user_id is None else refs.user(user_id)


def _plain(value) -> str:
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value) or gettext("none")
    if isinstance(value, dict):
        pairs = (f"{words(k)} {_plain(v)}" for k, v in sorted(value.items()))
        return ", ".join(pairs) or gettext("none")
    return words(value) if isinstance(value, str) else str(value)


def words(code) -> str:
    """A code as words: 'frt_uses.system' → 'frt uses system'."""
    return str(code).replace("_", " ").replace(".", " ")


def text_of(phrase: Phrase) -> str:
    """A phrase as plain text (the export): links become their words."""
    return "".join(str(part) for part in phrase)
