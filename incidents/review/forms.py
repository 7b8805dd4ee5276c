"""Forms of the review workflow: a move with its comment, and the assignments."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from incidents.forms_common import FastSelectField, no_control_characters_in_text
from incidents.records.review import MOVES


class ReviewForm(FlaskForm):
    """Submit for review, verify, or return for changes (with what needs changing)."""

    action = StringField(validators=[DataRequired(), AnyOf(list(MOVES))])  # the button pressed
    comment = TextAreaField(
        "Comment",
        [Optional(), Length(max=4000), no_control_characters_in_text],
        description="Required when returning for changes: say what needs changing.",
    )


class AssignForm(FlaskForm):
    """Who works on the incident: a caseworker and a lawyer, each optional."""

    caseworker = FastSelectField("Caseworker", [Optional()], choices=[])
    lawyer = FastSelectField("Lawyer", [Optional()], choices=[])
