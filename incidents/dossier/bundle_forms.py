"""The forms that ask for dossiers: a bundle under the incident list, one dossier on the case
page; each says which version and in which language (English by default)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SubmitField

from incidents.dossier.words import CHOICES, DEFAULT
from incidents.forms_common import select_choices
from incidents.i18n import _l

VERSIONS = {
    "full": ("full", False),
    "redacted": ("redacted", False),
    "redacted_unnamed": ("redacted", True),
}


def language_choices():
    """The dossier's languages (English first: the default, courts here work in English)."""
    return select_choices([(code, _l(name)) for code, name in CHOICES])


class BundleForm(FlaskForm):
    """Which incidents (the ticked ones, or all that match the list's filters) and which
    version of their dossiers. The ticked references come as repeated `reference` fields."""

    scope = RadioField(
        _l("Which incidents"),
        choices=select_choices(
            [("selected", _l("The incidents ticked above")), ("matching", _l("All that match"))]
        ),
        default="selected",
    )
    version = SelectField(
        _l("Version"),
        choices=select_choices(
            [
                ("full", _l("Full dossiers")),
                ("redacted", _l("Redacted dossiers")),
                ("redacted_unnamed", _l("Redacted, agents unnamed")),
            ]
        ),
        default="full",
    )
    language = SelectField(_l("Language"), choices=language_choices(), default=DEFAULT)


class DossierForm(FlaskForm):
    """One dossier from the case page: which version, in which language."""

    version = SelectField(
        _l("Version"),
        choices=select_choices(
            [
                ("full", _l("Full dossier")),
                ("redacted", _l("Redacted dossier")),
                ("redacted_unnamed", _l("Redacted, agents unnamed")),
            ]
        ),
        default="full",
        id="dossier-version",  # the case page holds other forms
    )
    language = SelectField(
        _l("Language of the dossier"),
        choices=language_choices(),
        default=DEFAULT,
        id="dossier-language",
    )
    submit = SubmitField(_l("Download the dossier (PDF)"), id="dossier-submit")
