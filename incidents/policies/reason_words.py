"""The reasons the policy library generates (a suggestion's reason, why a provision is not
listed), in the reader's language on web pages only, at display time. The engine writes them in
English, and the dossier keeps them English (it says so). A reason is read sentence by sentence
from its start: each sentence the engine writes whole (`FIXED`) or with dates only (`DATED`) is
translated; from the first other sentence on — one naming people, agencies or places, a policy's
note, a statute citation — the rest is shown as written. English is shown as it is."""

from __future__ import annotations

import re
from datetime import date

from incidents.i18n import N_, current_language, day_month_year, shown_date, translate_label

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
    return None


def reason_words(reason: str | None) -> str | None:
    """A generated reason in the reader's language, as far as its sentences are the engine's
    own; English, and whatever follows an unknown sentence, as written."""
    if not reason or current_language() == "en":
        return reason
    said, rest = [], reason
    while rest:
        found = _head(rest)
        if found is None:
            said.append(rest)
            break
        words, rest = found
        said.append(words)
    return " ".join(said)
