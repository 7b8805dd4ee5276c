"""Validators and fields shared by every feature's forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import DateField as _WtfDateField
from wtforms import PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, ValidationError
from wtforms.widgets import Select, TextInput

from incidents.passwords import MAX_LENGTH


class ConfirmForm(FlaskForm):
    """A bare POST with its CSRF token: a button that confirms an action."""


def email_field(label: str = "Email address", **kwargs) -> StringField:
    """An email field with format and length checks."""
    return StringField(
        label,
        validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)],
        render_kw={"autocomplete": "email", "inputmode": "email", "spellcheck": "false"},
        **kwargs,
    )


def password_field(label: str, autocomplete: str, **kwargs) -> PasswordField:
    """A password field with an upper length bound (the policy is checked by the service)."""
    return PasswordField(
        label,
        validators=[DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": autocomplete},
        **kwargs,
    )


def no_control_characters_in_text(_form, field) -> None:
    """Refuse control characters in several lines of text (the rule of `check_prose`; the
    browser's CRLF line ends are fine)."""
    from incidents.records.validation import check_prose

    if field.data:
        try:
            check_prose(field.data.replace("\r\n", "\n"), len(field.data))
        except ValueError as error:
            raise ValidationError(str(error)) from None


def no_control_characters(_form, field) -> None:
    """Refuse control characters in single-line text (the rule of `check_line`)."""
    from incidents.records.validation import check_line

    if field.data:
        try:
            check_line(field.data, len(field.data))
        except ValueError as error:
            raise ValidationError(str(error)) from None


def normalize_email(value: str | None) -> str:
    """Lower-case and trim an email address."""
    return (value or "").strip().lower()


def select_choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class FastSelect(Select):
    """WTForms' Select, with options rendered by plain string formatting (a page of filters or
    a form with several country lists renders many hundreds of options)."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        """One <option>; same output as WTForms for plain choices."""
        if choice.render_kw or kwargs:
            return super().render_option(choice, **kwargs)
        selected = " selected" if choice.selected else ""
        value = escape(str(choice.value))
        label = escape(choice.label or value)
        return Markup(f'<option{selected} value="{value}">{label}</option>')  # noqa: S704 (escaped)


class FastSelectField(SelectField):
    """A SelectField rendered with FastSelect."""

    widget = FastSelect()


class DateField(_WtfDateField):
    """A date typed as YYYY-MM-DD in a plain text box, like the incident's own date (which may
    also be YYYY-MM or YYYY): one way of entering a date on every form, the same on every
    browser and phone, no picker to fight for a date of birth decades back."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"placeholder": "YYYY-MM-DD", "inputmode": "numeric", "autocomplete": "off"}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        super().__init__(label, validators, render_kw=render_kw, **kwargs)
