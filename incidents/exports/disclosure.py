"""The disclosure report in plain words: what a release keeps and hides, which rows it leaves out
and why, the re-identification risk (prosecutor model, as ARX reports it), the information lost,
and a warning with what to change when a release keeps almost no detail."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.exports.columns import SENSITIVE_LABELS
from incidents.exports.lattice import Release
from incidents.i18n import N_, current_language, gettext, ngettext, number
from incidents.i18n import translate_label as t

# The report is written in the reader's language (English outside a request).
KEEPS = {
    ("period", "month"): N_(
        "the month of each incident (the year, for a date recorded only to the year)"
    ),
    ("period", "quarter"): N_(
        "the quarter of each incident (the year, for a date recorded only to the year)"
    ),
    ("period", "year"): N_("the year of each incident"),
    ("age_band", "10-year bands"): N_("the client's age in 10-year bands"),
    ("age_band", "20-year bands"): N_("the client's age in 20-year bands"),
    ("region", "state"): N_("the state"),
    ("region", "Census division"): N_("the Census division (nine groups of states)"),
    ("region", "Census region"): N_(
        "the Census region (Northeast, Midwest, South, West; the territories apart)"
    ),
    ("nationality_region", "world region"): N_("the world region of the client's nationality"),
    ("agency_level", "agency level"): N_("the level of the agencies (federal, state, local…)"),
}
ALMOST_NOTHING = 0.5  # information loss from which a release "keeps almost no detail"


@dataclass(frozen=True)
class Explanation:
    """The sentences of the report."""

    keeps: list[str]
    hides: list[str]
    rows: str
    risk: str
    loss: str
    warning: str | None


def percent(share: float) -> str:
    """A share as a percentage that never rounds a small risk to 0 % (two significant digits
    under 1 %), with the language's decimal mark."""
    if 0 < share < 0.01:
        shown = f"{100 * share:.2g} %"
    else:
        shown = f"{100 * share:.1f} %".replace(".0 %", " %")
    return shown if current_language() == "en" else shown.replace(".", ",")


def explain(release: Release) -> Explanation:
    """The plain-language report of one release."""
    keeps, hides = [], []
    for h, level in release.kept():
        if release.levels[h.name] == len(h.levels) - 1:
            hides.append(h.topic_shown())
        else:
            keeps.append(t(KEEPS[(h.name, level)]))
    return Explanation(
        keeps, hides, _rows(release), _risk(release), _loss(release), _warning(release, hides)
    )


def _rows(release: Release) -> str:
    share = release.suppressed / release.eligible if release.eligible else 0
    rows = ngettext(
        "%(exported)s of the %(count)s eligible incident are in the release.",
        "%(exported)s of the %(count)s eligible incidents are in the release.",
        release.eligible,
        exported=number(release.exported),
        count=number(release.eligible),
    )
    if not release.suppressed:
        return rows + " " + gettext("None is left out.")
    diverse = ""
    if release.l_required:
        sensitive = t(SENSITIVE_LABELS.get(release.sensitive, release.sensitive)).lower()
        diverse = gettext(
            ", or it was in a group with fewer than %(l)s different values of %(column)s",
            l=release.l_required,
            column=sensitive,
        )
    left_out = gettext(
        "%(suppressed)s (%(share)s) are left out (at least k, never one or two): each shared "
        "its kept details with fewer than %(others)s other incidents%(diverse)s. At most "
        "%(most)s may be left out; finer releases would leave out more, or lose more in all.",
        suppressed=number(release.suppressed),
        share=percent(share),
        others=release.k - 1,
        diverse=diverse,
        most=percent(0.05),
    )
    return rows + " " + left_out


def _risk(release: Release) -> str:
    return gettext(
        "Re-identification risk (prosecutor model, as ARX reports it): at most %(highest)s for "
        "a row of the smallest group (%(smallest)s incidents), %(average)s on average over the "
        "rows — for someone who knows an incident's time, place, age, nationality and agency "
        "level at most. Most rows are unique on the other columns taken together: whoever "
        "knows those details of an incident could find its row.",
        highest=percent(release.highest_risk),
        smallest=number(release.k_achieved),
        average=percent(release.average_risk),
    )


def _loss(release: Release) -> str:
    return gettext(
        "Information lost: %(loss)s — the normalised certainty penalty of every time, place, "
        "age, nationality and agency cell, weighted by your ranking; a left-out row loses "
        "everything.",
        loss=percent(round(release.loss, 2)),
    )


def _warning(release: Release, hides: list[str]) -> str | None:
    if release.loss is None or release.loss < ALMOST_NOTHING:
        return None
    smaller = release.k > 5 or release.l_required
    if hides:
        how = (
            N_(
                "This release keeps almost no detail: it hides %(hidden)s. To keep %(first)s or "
                "another of them: rank it first or pin its level, use a smaller k or no l, or "
                "use the aggregate tables below."
            )
            if smaller
            else N_(
                "This release keeps almost no detail: it hides %(hidden)s. To keep %(first)s or "
                "another of them: rank it first or pin its level, or use the aggregate tables "
                "below."
            )
        )
        said = t(how) % {"hidden": ", ".join(hides), "first": hides[0]}
    else:
        how = (
            N_(
                "This release keeps almost no detail. To keep more of what your study needs: "
                "rank it first or pin its level, use a smaller k or no l, or use the aggregate "
                "tables below."
            )
            if smaller
            else N_(
                "This release keeps almost no detail. To keep more of what your study needs: "
                "rank it first or pin its level, or use the aggregate tables below."
            )
        )
        said = t(how)
    more = gettext(
        "Finer releases become possible as more incidents are recorded or shared with researchers."
    )
    return said + " " + more
