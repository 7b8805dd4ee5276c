"""The search of the generalization lattice (decision 0017): every combination of levels of the
five quasi-identifiers is a node; a node passes when the rows of its classes smaller than k (or
with fewer than l sensitive values) are at most the suppression budget. Among the nodes that
pass, the releases that lose least information win — the loss being the weighted normalised
certainty penalty (NCP) of every cell, a suppressed row losing everything.

The search runs top-down, from the most general node to the finest, so that a node that fails
rules out every finer node at once (monotonicity: merging classes never makes a class smaller,
so a node fails when a more general node failed). A node is checked only if it could lose less
than the releases already found: its loss is at least the penalty of its generalization alone,
which each quasi-identifier's counts give without a query."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from incidents.exports.hierarchy import HIERARCHIES, Hierarchy
from incidents.i18n import gettext, number
from incidents.problems import UserError

QI = tuple(h.name for h in HIERARCHIES)
TIE = 1e-9  # losses closer than this are equal (sums of floats); the code breaks the tie


class Refused(UserError, ValueError):
    """No safe export exists for these data and settings; the message says why."""


@dataclass(frozen=True)
class Check:
    """What one node gives: rows in classes too small (or not diverse enough), the smallest
    kept class, the least diverse kept class and the number of classes kept."""

    suppressed: int
    k_achieved: int | None
    l_achieved: int | None
    classes: int = 0


@dataclass(frozen=True)
class Priorities:
    """What the researcher wants kept: the quasi-identifiers ranked (most wanted first; each
    rank halves the weight, so the first counts 16 times the last) and levels pinned ("at least
    this detail": the coarsest level a release may use). Nothing ranked: equal weights."""

    ranking: tuple[str, ...] = ()
    pins: dict[str, int] = field(default_factory=dict)

    def weights(self) -> dict[str, float]:
        """The weight of each quasi-identifier in the loss: 16, 8, 4, 2 for the first four
        ranked, 1 for the last and for the unranked."""
        return {
            name: float(2 ** (len(QI) - 1 - self.ranking.index(name)))
            if name in self.ranking
            else 1.0
            for name in QI
        }

    def allows(self, levels: tuple[int, ...]) -> bool:
        """True when a node keeps at least the pinned detail."""
        return all(levels[i] <= self.pins.get(name, levels[i]) for i, name in enumerate(QI))


def code_of(levels: dict[str, int]) -> str:
    """Levels as a release's short code ("1-0-2-0-0", in the order of QI)."""
    return "-".join(str(levels[name]) for name in QI)


@dataclass
class Release:
    """One candidate release: its levels and what it costs."""

    levels: dict[str, int]
    eligible: int
    suppressed: int
    k_achieved: int
    l_achieved: int | None
    classes: int
    loss: float | None  # weighted NCP, 0 (everything kept) to 1 (nothing); None: not computed
    k: int
    l_required: int | None = None
    sensitive: str | None = None

    @property
    def exported(self) -> int:
        """Rows in the release."""
        return self.eligible - self.suppressed

    @property
    def highest_risk(self) -> float:
        """Highest prosecutor risk: one over the smallest class (as ARX reports it)."""
        return 1 / self.k_achieved if self.k_achieved else 0.0

    @property
    def average_risk(self) -> float:
        """Average prosecutor risk: classes over rows kept (the mean of one over the class size
        of each row)."""
        return self.classes / self.exported if self.exported else 0.0

    @property
    def code(self) -> str:
        """The levels as a short code for links ("1-0-2-0-0", in the order of QI)."""
        return code_of(self.levels)

    def kept(self) -> list[tuple[Hierarchy, str]]:
        """(hierarchy, level name) of what the release keeps; hidden ones say "none"."""
        return [(h, h.levels[self.levels[h.name]]) for h in HIERARCHIES]

    def report(self) -> dict:
        """The disclosure report's figures (also audited with the export)."""
        return {
            "incidents_eligible": self.eligible,
            "rows_exported": self.exported,
            "rows_suppressed": self.suppressed,
            "generalization": {h.name: level for h, level in self.kept()},
            "k_required": self.k,
            "k_achieved": self.k_achieved,
            "l_required": self.l_required,
            "l_achieved": self.l_achieved,
            "l_sensitive_column": self.sensitive,
            "information_loss": None if self.loss is None else round(self.loss, 4),
            "highest_prosecutor_risk": round(self.highest_risk, 4),
            "average_prosecutor_risk": round(self.average_risk, 4),
        }


@dataclass
class Inputs:
    """What the search reads: the counts of each quasi-identifier's level-0 values, the size of
    each hierarchy's domain, and two database callbacks — the check of one node and the small
    classes of a node that passes (generalized values, rows)."""

    marginals: dict[str, dict[str, int]]
    domains: dict[str, int]
    check: Callable[[dict[str, int]], Check]
    small_classes: Callable[[dict[str, int]], Iterable[tuple[tuple[str, ...], int]]]


def penalties(inputs: Inputs, weights: dict[str, float], levels: tuple[int, ...]) -> float:
    """The weighted penalty of every row at these levels, none suppressed (the lower bound)."""
    total = 0.0
    for i, h in enumerate(HIERARCHIES):
        domain = inputs.domains[h.name]
        total += weights[h.name] * sum(
            n * h.penalty(h.value(value, levels[i]), levels[i], domain)
            for value, n in inputs.marginals[h.name].items()
        )
    return total


def search(
    inputs: Inputs,
    *,
    eligible: int,
    k: int,
    budget: int,
    priorities: Priorities = Priorities(),
    l_div: int | None = None,
    sensitive: str | None = None,
    want: int = 3,
) -> list[Release]:
    """The `want` releases that lose least (least first), or Refused when no node passes within
    the budget."""
    weights = priorities.weights()
    scale = eligible * sum(weights.values())
    settings = {"eligible": eligible, "k": k, "l_div": l_div, "sensitive": sensitive}
    nodes = [
        levels
        for levels in itertools.product(*(range(len(h.levels)) for h in HIERARCHIES))
        if priorities.allows(levels)
    ]
    bound = {levels: penalties(inputs, weights, levels) for levels in nodes}
    failed: list[tuple[int, ...]] = []
    found: list[Release] = []
    least, too_few = None, False
    for levels in sorted(nodes, key=lambda lv: (-sum(lv), bound[lv], lv)):
        if len(found) >= want and bound[levels] / scale > found[want - 1].loss + TIE:
            continue  # it cannot lose less than the releases found
        if any(all(f >= n for f, n in zip(fail, levels, strict=True)) for fail in failed):
            continue  # a more general node failed
        named = dict(zip(QI, levels, strict=True))
        result = inputs.check(named)
        if result.suppressed > budget or not result.k_achieved:
            failed.append(levels)
            least = result.suppressed if least is None else min(least, result.suppressed)
            continue
        if not left_out_allowed(result.suppressed, k):
            too_few = True
            continue  # not offered; a finer node may leave out enough more (no pruning)
        found.append(_release(inputs, named, result, bound[levels], scale, weights, settings))
        found.sort(key=lambda release: (round(release.loss / TIE), release.code))
    if not found:
        pinned = gettext(" with the levels you pinned") if priorities.pins else ""
        needs = _needs(k, l_div)
        if least is None and too_few:
            raise Refused(
                gettext(
                    "Every generalization%(pinned)s that reaches %(needs)s within the budget "
                    "would leave out fewer than %(k)s rows, which the aggregate tables would "
                    "single out.",
                    pinned=pinned,
                    needs=needs,
                    k=k,
                )
            )
        raise Refused(
            gettext(
                "No generalization%(pinned)s reaches %(needs)s without suppressing more than "
                "%(budget)s of the %(eligible)s eligible rows (the best would suppress "
                "%(least)s).",
                pinned=pinned,
                needs=needs,
                budget=number(budget),
                eligible=number(eligible),
                least=number(least),
            )
        )
    return found[:want]


def validate(levels: dict[str, int], priorities: Priorities = Priorities()) -> None:
    """Refused unless `levels` is a node of the lattice that keeps what was pinned."""
    if set(levels) != set(QI) or any(not 0 <= levels[h.name] < len(h.levels) for h in HIERARCHIES):
        raise Refused(
            gettext("That release is not one this page offers; choose one of its releases.")
        )
    if not priorities.allows(tuple(levels[name] for name in QI)):
        raise Refused(
            gettext("That release does not keep what you pinned; choose one of those offered.")
        )


def left_out_allowed(suppressed: int, k: int) -> bool:
    """The rows a release leaves out are none, or at least k: the aggregate tables count every
    eligible incident, so the tables less the release describe the rows left out — which must
    be a group of at least k, like a class, never one or two incidents (decision 0017)."""
    return suppressed == 0 or suppressed >= k


def passes(suppressed: int, k_achieved: int | None, k: int, budget: int) -> bool:
    """A node may be released: within the suppression budget, some class kept, and the rows
    left out none or at least k."""
    return bool(k_achieved) and suppressed <= budget and left_out_allowed(suppressed, k)


def no_longer_passes(k: int, l_div: int | None, suppressed: int, budget: int) -> Refused:
    """The refusal of a chosen release that does not pass (any more)."""
    if suppressed <= budget and not left_out_allowed(suppressed, k):
        return Refused(
            gettext(
                "That release would leave out fewer than k=%(k)s rows, which the tables beside "
                "it would single out (if the page offered it, the data changed since). Choose "
                "again.",
                k=k,
            )
        )
    return Refused(
        gettext(
            "That release does not reach %(needs)s within the suppression budget: "
            "%(suppressed)s rows would be left out, at most %(budget)s may be (if the page "
            "offered it, the data changed since). Choose again.",
            needs=_needs(k, l_div),
            suppressed=number(suppressed),
            budget=number(budget),
        )
    )


def _needs(k: int, l_div: int | None) -> str:
    """'k=5' or 'k=5 and l=2'."""
    if l_div:
        return gettext("k=%(k)s and l=%(l)s", k=k, l=l_div)
    return f"k={k}"


def evaluate(
    inputs: Inputs,
    levels: dict[str, int],
    *,
    eligible: int,
    k: int,
    budget: int,
    priorities: Priorities = Priorities(),
    l_div: int | None = None,
    sensitive: str | None = None,
) -> Release:
    """The release at these levels, checked again, with its loss (Refused if it does not pass,
    or if the levels are not a node of the lattice that keeps the pins)."""
    validate(levels, priorities)
    result = inputs.check(levels)
    if not passes(result.suppressed, result.k_achieved, k, budget):
        raise no_longer_passes(k, l_div, result.suppressed, budget)
    weights = priorities.weights()
    key = tuple(levels[name] for name in QI)
    settings = {"eligible": eligible, "k": k, "l_div": l_div, "sensitive": sensitive}
    return _release(
        inputs,
        levels,
        result,
        penalties(inputs, weights, key),
        eligible * sum(weights.values()),
        weights,
        settings,
    )


def _release(inputs, named, result, bound, scale, weights, settings) -> Release:
    """The release of a node that passes, with its loss (the small classes are read)."""
    levels = tuple(named[name] for name in QI)
    lost = bound + sum(
        n * _suppressed_gain(values, levels, weights, inputs)
        for values, n in inputs.small_classes(named)
    )
    return Release(
        levels=named,
        eligible=settings["eligible"],
        suppressed=result.suppressed,
        k_achieved=result.k_achieved,
        l_achieved=result.l_achieved,
        classes=result.classes,
        loss=lost / scale,
        k=settings["k"],
        l_required=settings["l_div"],
        sensitive=settings["sensitive"] if settings["l_div"] else None,
    )


def _suppressed_gain(values, levels, weights, inputs) -> float:
    """What suppressing one row of a class adds to its generalization's penalty: each cell
    loses everything (1) instead of its penalty."""
    return sum(
        weights[h.name] * (1 - h.penalty(value, level, inputs.domains[h.name]))
        for h, value, level in zip(HIERARCHIES, values, levels, strict=True)
    )
