"""The reasons the policy library generates (a suggestion's reason, why a provision is not
listed), in the reader's language on web pages only, at display time. The engine writes them in
English, and the dossier keeps them English (it says so). A reason is read sentence by sentence
from its start: each sentence the engine writes whole (`FIXED`), with dates only (`DATED`) or
naming FRT uses by number and system (`USE_FACTS`, `NOT_RECORDED_FOR`) is translated; from the
first other sentence on — one naming people, agencies or places, a policy's note, a statute
citation — the rest is shown as written, and marked as English on a page (`reason_html`).
English is shown as it is."""

from __future__ import annotations

import re
from datetime import date

from markupsafe import Markup, escape

from incidents.i18n import N_, NC_, current_language, day_month_year, shown_date, translate_label
from incidents.vocab import AGENCY_TYPE, FRT_SYSTEM, HUMAN_REVIEW

# sentences the rules write whole (incidents.policies.rules, stop_rules, left_out)
FIXED = frozenset(
    {
        N_("No facial recognition use is recorded."),
        N_("Every FRT use was recorded as not being the sole basis."),
        N_("Independent corroboration is recorded for every FRT use."),
        N_("Every FRT use was disclosed to the person."),
        N_("Whether a warrant or court order existed is not recorded."),
        N_("No automatic rule for this provision; assess it from the record."),
        N_("The client's citizenship is not recorded."),
        N_("No subject is recorded as a US citizen or national."),
        N_("No arrest or detention beyond the stop is recorded."),
        N_("Whether a warrant was shown is not recorded."),
        N_("No agents are recorded."),
        N_("Whether the agents identified themselves and stated the reason is not recorded."),
        N_("Arrested without a warrant shown."),
        N_("No agency is recorded for this incident."),
        N_("It binds none of the agencies involved."),
        N_(
            "The record does not say whether race, ethnicity, citizenship, place of origin or "
            "immigration status was a reason for the use; assess from the narrative and evidence."
        ),
        N_(
            "Whether a photo lineup followed the facial recognition search, and on what other "
            "evidence, is not recorded; assess it from the police reports."
        ),
        N_(
            "Whether a warrant affidavit relied on the match to establish probable cause is not "
            "recorded; obtain the affidavit."
        ),
    }
)
DAY = r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)"
# sentences that hold dates only (incidents.policies.left_out._dates): the words for an
# incident's day, and for an incident known only to the month or year ("en marzo de 2023")
DATED = (
    (
        re.compile(rf"^Not yet in force on {DAY}: in force from {DAY}\.(?: |$)"),
        N_("Not yet in force on %(day)s: in force from %(start)s."),
        N_("Not yet in force in %(day)s: in force from %(start)s."),
    ),
    (
        re.compile(rf"^No longer in force on {DAY}: it ended on {DAY}\.(?: |$)"),
        N_("No longer in force on %(day)s: it ended on %(start)s."),
        N_("No longer in force in %(day)s: it ended on %(start)s."),
    ),
)


def _day(text: str) -> str:
    """A day the engine wrote as ISO (2023-09-14, or only 2023-09 or 2023 when the incident's
    date is known no better) as the page writes its dates."""
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 3:
        return shown_date(date(*parts))
    if len(parts) == 2:
        return day_month_year(date(parts[0], parts[1], 1), "month")
    return text


def _use_pattern() -> str:
    labels = sorted((label for _code, label in FRT_SYSTEM), key=len, reverse=True)
    return r"FRT use (\d+) \((" + "|".join(re.escape(label) for label in labels) + r")\)"


USE = _use_pattern()
# a sentence the rules write about FRT uses, naming each by number and system (rules._by_field)
USE_FACTS = {
    "was recorded as the sole basis": N_("%(use)s was recorded as the sole basis"),
    "had no independent corroboration": N_("%(use)s had no independent corroboration"),
    "had no human review": N_("%(use)s had no human review"),
    "was not disclosed to the person": N_("%(use)s was not disclosed to the person"),
}
NOT_RECORDED_FOR = {
    "Whether the match was the sole basis is not recorded": N_(
        "Whether the match was the sole basis is not recorded for %(uses)s."
    ),
    "Independent corroboration is not recorded": N_(
        "Independent corroboration is not recorded for %(uses)s."
    ),
    "Human review is not recorded": N_("Human review is not recorded for %(uses)s."),
    "Disclosure is not recorded": N_("Disclosure is not recorded for %(uses)s."),
}
FACT = "(" + "|".join(re.escape(fact) for fact in USE_FACTS) + ")"
USES_WITH_FACTS = re.compile(rf"^{USE} {FACT}(?:; {USE} {FACT})*\.(?: |$)")
UNKNOWN = "(" + "|".join(re.escape(words) for words in NOT_RECORDED_FOR) + ")"
UNKNOWN_FOR_USES = re.compile(rf"^{UNKNOWN} for ({USE}(?:, {USE})*)\.(?: |$)")
REVIEWED = re.compile(r"^Human review is recorded for every FRT use: ([^.]+)\.(?: |$)")


# sentences naming agency levels and kinds (incidents.policies.left_out._scope): the levels
# as adjectives of "agencies", joined by "and"; the kinds by their labels, joined by "; "
LEVEL_WORDS = {
    "federal": NC_("agencies", "federal"),
    "state": NC_("agencies", "state"),
    "local": NC_("agencies", "local"),
    "private": NC_("agencies", "private"),
}
LEVELS = "(?:" + "|".join(LEVEL_WORDS) + ")"
BINDS_LEVELS = re.compile(
    rf"^It binds ({LEVELS}(?: and {LEVELS})*) agencies; the agencies here are "
    rf"({LEVELS}(?: and {LEVELS})*)( \(and none under 287\(g\)\))?\.(?: |$)"
)
KINDS = "(?:" + "|".join(re.escape(label) for _code, label in AGENCY_TYPE) + ")"
BINDS_KINDS = re.compile(rf"^It binds only these kinds of agency: ({KINDS}(?:; {KINDS})*)\.(?: |$)")


def _levels(words: str) -> str:
    and_ = translate_label(NC_("list", " and "))
    return and_.join(translate_label(LEVEL_WORDS[word]) for word in words.split(" and "))


def _agencies_sentence(text: str) -> tuple[str, str] | None:
    """A sentence on the levels or kinds of agency a provision binds, translated; None if the
    sentence is not one (one naming agencies or places stays as written)."""
    found = BINDS_LEVELS.match(text)
    if found:
        words = (
            N_(
                "It binds %(binds)s agencies; the agencies here are %(kinds)s "
                "(and none under 287(g))."
            )
            if found.group(3)
            else N_("It binds %(binds)s agencies; the agencies here are %(kinds)s.")
        )
        said = translate_label(words) % {
            "binds": _levels(found.group(1)),
            "kinds": _levels(found.group(2)),
        }
        return said, text[found.end() :]
    found = BINDS_KINDS.match(text)
    if found:
        labels = {label: label for _code, label in AGENCY_TYPE}
        names = "; ".join(translate_label(labels[name]) for name in found.group(1).split("; "))
        said = translate_label(N_("It binds only these kinds of agency: %(names)s.")) % {
            "names": names
        }
        return said, text[found.end() :]
    return None


def _use(number: str, label: str) -> str:
    return translate_label(N_("FRT use %(n)s (%(system)s)")) % {
        "n": number,
        "system": translate_label(label),
    }


def _uses_sentence(text: str) -> tuple[str, str] | None:
    """A sentence naming FRT uses by number and system, translated; None if it is not one."""
    found = USES_WITH_FACTS.match(text)
    if found:
        facts = re.finditer(rf"{USE} {FACT}", found.group(0))
        said = [translate_label(USE_FACTS[m[3]]) % {"use": _use(m[1], m[2])} for m in facts]
        return "; ".join(said) + ".", text[found.end() :]
    found = UNKNOWN_FOR_USES.match(text)
    if found:
        uses = ", ".join(_use(m[1], m[2]) for m in re.finditer(USE, found.group(2)))
        said = translate_label(NOT_RECORDED_FOR[found.group(1)]) % {"uses": uses}
        return said, text[found.end() :]
    found = REVIEWED.match(text)
    if found:
        labels = {label.lower(): label for _code, label in HUMAN_REVIEW}
        kinds = found.group(1).split(", ")
        if all(kind in labels for kind in kinds):
            shown = ", ".join(translate_label(labels[kind]).lower() for kind in kinds)
            said = translate_label(N_("Human review is recorded for every FRT use: %(kinds)s."))
            return said % {"kinds": shown}, text[found.end() :]
    return None


def _head(text: str) -> tuple[str, str] | None:
    """The translation of the sentence `text` starts with, and the rest; None if unknown."""
    for sentence in FIXED:
        if text == sentence or text.startswith(sentence + " "):
            return translate_label(sentence), text[len(sentence) + 1 :]
    for pattern, on_day, in_period in DATED:
        match = pattern.match(text)
        if match:
            words = on_day if len(match.group(1)) == len("2023-09-14") else in_period
            days = {"day": _day(match.group(1)), "start": _day(match.group(2))}
            said = translate_label(words) % days
            return said, text[match.end() :]
    return _uses_sentence(text) or _agencies_sentence(text)


def _split(reason: str) -> tuple[list[str], str]:
    """The reason's sentences the engine writes, translated, and the rest as written."""
    said, rest = [], reason
    while rest:
        found = _head(rest)
        if found is None:
            break
        words, rest = found
        said.append(words)
    return said, rest


def reason_words(reason: str | None) -> str | None:
    """A generated reason in the reader's language, as far as its sentences are the engine's
    own; English, and whatever follows an unknown sentence, as written."""
    if not reason or current_language() == "en":
        return reason
    said, rest = _split(reason)
    return " ".join([*said, rest] if rest else said)


def reason_html(reason: str | None) -> Markup | str | None:
    """`reason_words` for a page: what stays as written is marked as English (`lang="en"`),
    so that a screen reader reads it as English."""
    if not reason or current_language() == "en":
        return reason
    said, rest = _split(reason)
    if not rest:
        return escape(" ".join(said))
    space = " " if said else ""
    return Markup('{}{}<span lang="en">{}</span>').format(" ".join(said), space, rest)
