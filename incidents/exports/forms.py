"""The research page's settings (GET; they change nothing): k, l and its column, what the
researcher wants kept most (a rank per quasi-identifier) and levels pinned ("at least the
quarter"), and the release chosen among those offered. They are codes and numbers, so they may
travel in the URL."""

from __future__ import annotations

from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import NumberRange, Optional, Regexp

from incidents.exports.columns import SENSITIVE_CHOICES, SENSITIVE_LABELS
from incidents.exports.hierarchy import HIERARCHIES, topic_words
from incidents.exports.lattice import QI, Priorities
from incidents.forms_common import FastSelectField, select_choices
from incidents.i18n import LazyLabel, _l, gettext

RANKS = [
    ("", _l("Not ranked")),
    ("1", _l("1st")),
    ("2", _l("2nd")),
    ("3", _l("3rd")),
    ("4", _l("4th")),
    ("5", _l("5th")),
]


def _rank_field(h):
    return FastSelectField(
        _l("Rank of %(topic)s", topic=LazyString(topic_words, h.name)),
        [Optional()],
        choices=select_choices(RANKS),
        default="",
    )


def _pin_field(h):
    levels = [
        (str(i), _l("at least the %(level)s", level=LazyLabel(name)))
        for i, name in enumerate(h.levels[:-1])
    ]
    return FastSelectField(
        _l("Pin %(topic)s", topic=LazyString(topic_words, h.name)),
        [Optional()],
        choices=select_choices([("", _l("No pin")), *levels]),
        default="",
    )


class ExportForm(FlaskForm):
    """Disclosure settings and priorities."""

    class Meta:
        csrf = False

    k = IntegerField(
        _l("k (smallest group size)"),
        [NumberRange(min=5, max=1000, message=_l("k must be between 5 and 1000."))],
        default=5,
    )
    l_div = IntegerField(
        _l("l (distinct sensitive values per group; optional)"),
        [Optional(), NumberRange(min=2, max=20)],
    )
    l_column = FastSelectField(
        _l("Sensitive column for l"),
        choices=select_choices([(c, LazyLabel(SENSITIVE_LABELS[c])) for c in SENSITIVE_CHOICES]),
        default="outcome",
    )
    release = StringField(
        _l("Release"),
        [Optional(), Regexp(r"^\d(-\d){4}$", message=_l("Choose one of the releases offered."))],
    )

    def validate(self, extra_validators=None) -> bool:
        """The fields, then: no two quasi-identifiers share a rank."""
        if not super().validate(extra_validators):
            return False
        ranks = [self[f"rank_{name}"].data for name in QI if self[f"rank_{name}"].data]
        if len(ranks) != len(set(ranks)):
            self.form_errors.append(gettext("Give each rank to one thing at most."))
            return False
        return True

    def priorities(self) -> Priorities:
        """The ranking and pins chosen."""
        ranked = sorted(
            (int(self[f"rank_{name}"].data), name) for name in QI if self[f"rank_{name}"].data
        )
        pins = {name: int(self[f"pin_{name}"].data) for name in QI if self[f"pin_{name}"].data}
        return Priorities(tuple(name for _, name in ranked), pins)

    def levels(self) -> dict[str, int] | None:
        """The release chosen, as levels (None: the best one)."""
        if not self.release.data:
            return None
        return dict(zip(QI, (int(part) for part in self.release.data.split("-")), strict=True))


for _h in HIERARCHIES:
    setattr(ExportForm, f"rank_{_h.name}", _rank_field(_h))
    setattr(ExportForm, f"pin_{_h.name}", _pin_field(_h))
