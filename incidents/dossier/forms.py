"""Forms of the redaction review page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, NumberRange

from incidents.forms_common import Length, no_control_characters, no_control_characters_in_text
from incidents.i18n import _l


def _reason():
    return [DataRequired(_l("Say why, for the record.")), Length(max=2000)]


class ManualRedactionForm(FlaskForm):
    """Words to hide everywhere in the incident's redacted outputs."""

    term = StringField(
        _l("Words to hide"),
        validators=[
            DataRequired(_l("Give the words to hide.")),
            Length(max=500),
            no_control_characters,
        ],
        description=_l(
            "A name nobody recorded, a nickname, a workplace: hidden wherever written, "
            "in any case and with or without accents."
        ),
    )
    reason = TextAreaField(
        _l("Why hide them"), validators=[*_reason(), no_control_characters_in_text]
    )
    submit = SubmitField(_l("Hide everywhere"))


class RestoreForm(FlaskForm):
    """Print one find as written (a false positive)."""

    field_key = HiddenField(validators=[DataRequired(), Length(max=60)])
    index = IntegerField(validators=[NumberRange(min=0, max=100000)])
    digest = HiddenField(validators=[DataRequired(), Length(max=16)])
    kind = HiddenField(validators=[DataRequired(), Length(max=20)])
    term = HiddenField(validators=[DataRequired(), Length(max=5000)])
    reason = StringField(
        _l("Why it is not an identifier"),
        validators=[*_reason(), no_control_characters],
    )
    submit = SubmitField(_l("Restore"))


class ConfirmForm(FlaskForm):
    """A button with its CSRF token (withdraw a decision)."""

    submit = SubmitField(_l("Confirm"))


class SignOffForm(FlaskForm):
    """Record the review of what the page showed (its fingerprint)."""

    seen = HiddenField(validators=[DataRequired(), Length(max=64)])
    submit = SubmitField(_l("I reviewed this redaction"))
