"""The form under the incident list that asks for a bundle of dossiers."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField

from incidents.forms_common import select_choices
from incidents.i18n import _l

VERSIONS = {
    "full": ("full", False),
    "redacted": ("redacted", False),
    "redacted_unnamed": ("redacted", True),
}


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
