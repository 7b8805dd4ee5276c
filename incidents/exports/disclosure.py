"""The disclosure report in plain words: what a release keeps and hides, which rows it leaves out
and why, the re-identification risk (prosecutor model, as ARX reports it), the information lost,
and a warning with what to change when a release keeps almost no detail."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.exports.columns import SENSITIVE_LABELS
from incidents.exports.lattice import Release
from incidents.wording import plural

KEEPS = {
    ("period", "month"): "the month of each incident (the year, for a date recorded only to "
    "the year)",
    ("period", "quarter"): "the quarter of each incident (the year, for a date recorded only "
    "to the year)",
    ("period", "year"): "the year of each incident",
    ("age_band", "10-year bands"): "the client's age in 10-year bands",
    ("age_band", "20-year bands"): "the client's age in 20-year bands",
    ("region", "state"): "the state",
    ("region", "Census division"): "the Census division (nine groups of states)",
    ("region", "Census region"): "the Census region (Northeast, Midwest, South, West; the "
    "territories apart)",
    ("nationality_region", "world region"): "the world region of the client's nationality",
    ("agency_level", "agency level"): "the level of the agencies (federal, state, local…)",
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
    under 1 %)."""
    if 0 < share < 0.01:
        return f"{100 * share:.2g} %"
    return f"{100 * share:.1f} %".replace(".0 %", " %")


def explain(release: Release) -> Explanation:
    """The plain-language report of one release."""
    keeps, hides = [], []
    for h, level in release.kept():
        if release.levels[h.name] == len(h.levels) - 1:
            hides.append(h.topic)
        else:
            keeps.append(KEEPS[(h.name, level)])
    share = release.suppressed / release.eligible if release.eligible else 0
    diverse = (
        f", or it was in a group with fewer than {release.l_required} different values of "
        f"{SENSITIVE_LABELS.get(release.sensitive, release.sensitive).lower()}"
        if release.l_required
        else ""
    )
    rows = (
        f"{release.exported:,} of the {plural(release.eligible, 'eligible incident')} are in "
        f"the release. "
        + (
            f"{release.suppressed:,} ({percent(share)}) are left out (at least k, never one or "
            f"two): each shared its kept details "
            f"with fewer than {release.k - 1} other incidents{diverse}. At most 5 % may be left "
            "out; finer releases would leave out more, or lose more in all."
            if release.suppressed
            else "None is left out."
        )
    )
    risk = (
        f"Re-identification risk (prosecutor model, as ARX reports it): at most "
        f"{percent(release.highest_risk)} for a row of the smallest group "
        f"({release.k_achieved:,} incidents), {percent(release.average_risk)} on average over "
        "the rows — for someone who knows an incident's time, place, age, nationality and "
        "agency level at most. Most rows are unique on the other columns taken together: "
        "whoever knows those details of an incident could find its row."
    )
    loss = (
        f"Information lost: {percent(round(release.loss, 2))} — the normalised certainty "
        "penalty of every time, place, age, nationality and agency cell, weighted by your "
        "ranking; a left-out row loses everything."
    )
    warning = None
    if release.loss is not None and release.loss >= ALMOST_NOTHING:
        warning = (
            "This release keeps almost no detail"
            + (f": it hides {', '.join(hides)}" if hides else "")
            + ". To keep "
            + (f"{hides[0]} or another of them" if hides else "more of what your study needs")
            + ": rank it first or pin its level, "
            + ("use a smaller k or no l, " if release.k > 5 or release.l_required else "")
            + "or use the aggregate tables below. Finer releases become possible as more "
            "incidents are recorded or shared with researchers."
        )
    return Explanation(keeps, hides, rows, risk, loss, warning)
