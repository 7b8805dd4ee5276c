"""Forms of the review workflow: a move with its comment, and the assignments."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField, ValidationError
from wtforms.validators import AnyOf, DataRequired, Optional

from incidents.forms_common import FastSelectField, Length, no_control_characters_in_text
from incidents.i18n import _l, gettext
from incidents.records.review import MOVES


class ReviewForm(FlaskForm):
    """Submit for review, verify, or return for changes (with what needs changing)."""

    action = StringField(validators=[DataRequired(), AnyOf(list(MOVES))])  # the button pressed
    comment = TextAreaField(
        _l("Comment"),
        [Length(max=4000), no_control_characters_in_text],  # no Optional(): it would skip
        description=_l("Required when returning for changes: say what needs changing."),
    )

    def validate_comment(self, field) -> None:  # (the check below on an empty comment)
        """A return for changes says what needs changing."""
        if self.action.data == "returned" and not (field.data or "").strip():
            raise ValidationError(gettext("Say what needs changing: the comment is required."))


class AssignForm(FlaskForm):
    """Who works on the incident: a caseworker and a lawyer, each optional."""

    caseworker = FastSelectField(_l("Caseworker"), [Optional()], choices=[])
    lawyer = FastSelectField(_l("Lawyer"), [Optional()], choices=[])
