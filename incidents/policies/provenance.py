"""Where a provision's words come from and what footing its policy stands on: the source kind,
citation, pinpoint and date beside every quotation or paraphrase, and the policy's status with
its note and source beside every suggestion (the case page, the dossier, the library)."""

from __future__ import annotations

from datetime import date, timedelta

from markupsafe import Markup, escape

from incidents.i18n import N_, current_language, shown_date, translate_label
from incidents.i18n import day_month_year as day_in_language
from incidents.models import Policy, Provision
from incidents.vocab import AGENCY_LEVEL, AGENCY_TYPE, POLICY_STATUS, US_STATE

KIND_PHRASE = {
    "primary_text": N_("the primary text"),
    "official_summary": N_("an official summary"),
    "press_release": N_("a press release"),
    "secondary_report": N_("a secondary report"),
}
SOURCE_LINE = {  # (quotation?, with citation?) → the line; its parts come from the library
    (True, False): N_("Quotation of %(kind)s"),
    (False, False): N_("Paraphrase of %(kind)s"),
    (True, True): N_("Quotation of %(kind)s: %(parts)s"),
    (False, True): N_("Paraphrase of %(kind)s: %(parts)s"),
}


def _same(text: str) -> str:
    return text


def day_month_year(day: date) -> str:
    """16 Jan 2025."""
    return f"{day.day} {day.strftime('%b')} {day.year}"


def source_line(provision: Provision, translate=_same) -> str:
    """'Quotation of an official summary: DHS, … , 16 Jan 2025' or 'Paraphrase of the primary
    text: 8 C.F.R. §287.8, (c)(2)(ii)' — what a reader needs to weigh the words (the words
    through `translate`; citations stay as the library has them)."""
    kind = KIND_PHRASE.get(provision.source_kind or "", N_("a source of unrecorded kind"))
    parts = [p for p in (provision.citation, provision.pinpoint) if p]
    if provision.source_date:
        day = provision.source_date
        parts.append(day_month_year(day) if translate is _same else day_in_language(day, "day"))
    line = translate(SOURCE_LINE[bool(provision.is_quotation), bool(parts)])
    return line % {"kind": translate(kind), "parts": ", ".join(parts)}


def status_words(policy: Policy, translate=_same) -> str:
    """'Disputed — 2025 reporting says … (source: …)': the status label through `translate`,
    the library's note and source as written."""
    line = translate(POLICY_STATUS.label(policy.status))
    if policy.status_note:
        line += f" — {policy.status_note}"
    if policy.status_source:
        line += translate(N_(" (source: %(source)s)")) % {"source": policy.status_source}
    return line


def status_line(policy: Policy, translate=_same) -> str:
    """'Status: Disputed — 2025 reporting says … (source: …)'; in force is said plainly."""
    return translate(N_("Status: %(status)s")) % {"status": status_words(policy, translate)}


def page_source_line(provision: Provision) -> str:
    """The template filter: `source_line` in the page's language."""
    return source_line(provision, translate_label)


def library_words(policy: Policy, line: str, words: str | None):
    """`line` for a page, with the library's own `words` in it (a note, kept in English: legal
    content is not translated) marked `lang="en"` on a page in another language. An
    organization's own policy is as its users typed it: not marked."""
    if not words or policy.organization_id is not None or current_language() == "en":
        return line
    note = str(escape(words))
    return Markup(str(escape(line)).replace(note, f'<span lang="en">{note}</span>', 1))  # noqa: S704


def page_status_line(policy: Policy) -> str:
    """The template filter: `status_line` in the page's language (the library's note marked
    as English)."""
    return library_words(policy, status_line(policy, translate_label), policy.status_note)


def page_since_words(policy: Policy) -> str:
    """The template filter: `since_words` in the page's language (its dates too)."""
    return since_words(policy, translate_label, shown_date)


def page_status_words(policy: Policy) -> str:
    """The template filter: `status_words` in the page's language (the library's note marked
    as English)."""
    return library_words(policy, status_words(policy, translate_label), policy.status_note)


def library_note(policy: Policy, words: str | None):
    """The template filter: a note of the policy (its dates note) as written, marked as
    English on another language's page when it is the library's."""
    return library_words(policy, words or "", words)


def start_known(policy: Policy, day: date) -> bool:
    """Whether the library knows the policy was in force on `day`'s side of its start: its
    entry into force is recorded, or a dated source shows it in force by then."""
    if policy.effective_from is not None:
        return True
    return policy.in_force_by is not None and day >= policy.in_force_by


def unknown_start_note(policy: Policy, day: date) -> str:
    """Why a suggestion cannot be more than unclear when the entry into force is not known."""
    note = "The library does not record when this policy took effect"
    if policy.in_force_by is not None:
        note += f" (a dated source shows it in force by {policy.in_force_by.isoformat()})"
    return f"{note}: check that it was in force on {day.isoformat()} before relying on it."


# every combination of the levels a provision binds, as one phrase (in Spanish the adjectives
# agree with "agencias": each combination is translated whole, never assembled)
LEVEL_PHRASES = {
    frozenset(("federal",)): N_("federal agencies"),
    frozenset(("state",)): N_("state agencies"),
    frozenset(("local",)): N_("local agencies"),
    frozenset(("private",)): N_("private agencies"),
    frozenset(("federal", "state")): N_("federal and state agencies"),
    frozenset(("federal", "local")): N_("federal and local agencies"),
    frozenset(("federal", "private")): N_("federal and private agencies"),
    frozenset(("state", "local")): N_("state and local agencies"),
    frozenset(("state", "private")): N_("state and private agencies"),
    frozenset(("local", "private")): N_("local and private agencies"),
    frozenset(("federal", "state", "local")): N_("federal and state and local agencies"),
    frozenset(("federal", "state", "private")): N_("federal and state and private agencies"),
    frozenset(("federal", "local", "private")): N_("federal and local and private agencies"),
    frozenset(("state", "local", "private")): N_("state and local and private agencies"),
    frozenset(("federal", "state", "local", "private")): N_(
        "federal and state and local and private agencies"
    ),
}


def scope_words(provision: Provision) -> str:
    """'State and local agencies in Colorado' / 'federal agencies: ICE Enforcement and Removal
    Operations, …' — what a provision binds, in words, in the reader's language (English reads
    exactly as the levels are stored; another language through whole phrases)."""
    levels = provision.scope_levels.split(",")
    if current_language() != "en" and frozenset(levels) in LEVEL_PHRASES:
        return _scope_translated(provision, LEVEL_PHRASES[frozenset(levels)])
    words = " and ".join(AGENCY_LEVEL.label(level).lower() for level in levels) + " agencies"
    if provision.scope_state:
        words += f" in {US_STATE.label(provision.scope_state)}"
    if provision.scope_city:
        words += f", city of {provision.scope_city}"
    if provision.scope_county:
        words += f", {provision.scope_county} County"
    types = [code for code in (provision.scope_agencies or "").split(",") if code]
    if types:
        words += ": " + ", ".join(AGENCY_TYPE.label(code) for code in types)
    return words[0].upper() + words[1:]


def _scope_translated(provision: Provision, levels: str) -> str:
    words = translate_label(levels)
    if provision.scope_state:
        state = translate_label(US_STATE.label(provision.scope_state))
        words += translate_label(N_(" in %(state)s")) % {"state": state}
    if provision.scope_city:
        words += translate_label(N_(", city of %(city)s")) % {"city": provision.scope_city}
    if provision.scope_county:
        words += translate_label(N_(", %(county)s County")) % {"county": provision.scope_county}
    types = [code for code in (provision.scope_agencies or "").split(",") if code]
    if types:
        words += ": " + ", ".join(translate_label(AGENCY_TYPE.label(code)) for code in types)
    return words[0].upper() + words[1:]


def since_words(policy: Policy, translate=_same, day=date.isoformat) -> str:
    """'since 2020-03-13', 'in force by 2011-06-30 (entry into force not verified)' or 'entry
    into force not recorded', with the end when there is one (the words through `translate`,
    the dates written by `day`)."""
    if policy.effective_from:
        words = translate(N_("since %(day)s")) % {"day": day(policy.effective_from)}
    elif policy.in_force_by:
        words = translate(N_("in force by %(day)s (entry into force not verified)")) % {
            "day": day(policy.in_force_by)
        }
    else:
        words = translate(N_("entry into force not recorded"))
    if policy.effective_to:
        words += translate(N_(", until %(day)s")) % {"day": day(policy.effective_to)}
    return words


def period(incident) -> tuple[date, date]:
    """The first and last day the incident may have happened on, from its date's precision
    (a month-only date is any day of that month)."""
    first = incident.occurred_on
    precision = getattr(incident, "date_precision", "day")
    if precision == "year":
        return first, date(first.year, 12, 31)
    if precision == "month":
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return first, first


def when(incident) -> str:
    """The incident's date as known: 2023-09-14, 2023-09 or 2023."""
    precision = getattr(incident, "date_precision", "day")
    text = incident.occurred_on.isoformat()
    return text[:4] if precision == "year" else text[:7] if precision == "month" else text


def date_notes(policy: Policy, incident) -> list[str]:
    """What a lawyer must check when the incident's date, known only to the month or year,
    straddles the policy's start or end (the suggestion is then no more than unclear)."""
    first, last = period(incident)
    notes = []
    start, end = policy.effective_from, policy.effective_to
    if start and first < start <= last:
        notes.append(
            f"The incident's date is known only as {when(incident)} and the policy took effect "
            f"on {start.isoformat()}: it applies only if the incident was on or after that day."
        )
    if end and first < end <= last:
        notes.append(
            f"The incident's date is known only as {when(incident)} and the policy ended on "
            f"{end.isoformat()}: it applies only if the incident was before that day."
        )
    return notes


ENDED = {"rescinded", "superseded", "expired"}


def status_notes(policy: Policy, incident) -> tuple[list[str], bool]:
    """The status to say with a suggestion, and whether it caps the suggestion at unclear (a
    policy rescinded, superseded or expired with no end date recorded may not have been in
    force on the incident's date). A status reached after the incident is said as today's."""
    if policy.status == "in_force":
        return [], False
    line = status_line(policy).rstrip(".")
    if policy.status in ENDED and policy.effective_to is None:
        day = when(incident)
        return [f"{line}. When it ended is not recorded: check it was in force on {day}."], True
    _, last = period(incident)
    if policy.effective_to and last < policy.effective_to:
        today = line.replace("Status: ", "Status today: ", 1)
        return [f"{today}; it was in force on the incident's date."], False
    return [f"{line}."], False
