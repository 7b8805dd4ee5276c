"""Validators and fields shared by every feature's forms."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import DateField as _WtfDateField
from wtforms import DateTimeField as _WtfDateTimeField
from wtforms import DecimalField as _WtfDecimalField
from wtforms import PasswordField, SelectField, StringField
from wtforms import TimeField as _WtfTimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, ValidationError
from wtforms.validators import Length as _WtfLength
from wtforms.widgets import Select, TextInput

from incidents.i18n import N_, LazyLabel, _l, gettext, translate_label
from incidents.passwords import MAX_LENGTH


class Length(_WtfLength):
    """WTForms' length check whose "too long" message is the field rules' own, translated
    and with the figure grouped ("4.000 caracteres"), in a row of a form too (a row is a
    plain WTForms form, which WTForms' own catalog never reaches)."""

    def __init__(self, min=-1, max=-1, message=None):
        if message is None and min == -1 and max != -1:
            from incidents.records.validation import too_long

            message = too_long(max)
        super().__init__(min, max, message)


class ConfirmForm(FlaskForm):
    """A bare POST with its CSRF token: a button that confirms an action."""


def email_field(label: str = _l("Email address"), **kwargs) -> StringField:
    """An email field with format and length checks."""
    return StringField(
        label,
        validators=[
            DataRequired(),
            Length(max=254),
            Email(
                check_deliverability=False,
                message=_l("Invalid email address."),
            ),
        ],
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


class DecimalField(_WtfDecimalField):
    """WTForms' DecimalField, its refusal in our catalog: WTForms' own Spanish writes
    "numero" without its accent."""

    def process_formdata(self, valuelist):
        """Read the number; a value that is none says so in the page's language."""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(gettext("Not a valid decimal value.")) from None


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


class _Typed:
    """A date, time or date and time typed in a plain text box in one of `formats` (the first
    is the one shown), refused with a message that shows the format."""

    widget = TextInput()
    formats: tuple[str, ...] = ()
    placeholder = ""
    example = ""
    shape = ""  # a value of this shape is in the format, but may be no real date
    noun = ""

    def __init__(self, label=None, validators=None, **kwargs):
        # the format in the page's language ("AAAA-MM-DD"), drawn when the field is
        render_kw = {"placeholder": LazyLabel(self.placeholder), "autocomplete": "off"}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        kwargs.setdefault("format", list(self.formats))
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        """Read the text; a value in no accepted format says how to write it, a value in the
        format that is no real date or time (February 30, 25:00) says so."""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            text = " ".join(valuelist).strip()
            if re.fullmatch(self.shape, text):
                raise ValueError(
                    gettext(
                        "There is no such %(noun)s: check each number.",
                        noun=translate_label(self.noun),
                    )
                ) from None
            raise ValueError(
                gettext(
                    "Write it as %(format)s, for example %(example)s.",
                    format=translate_label(self.placeholder),
                    example=self.example,
                )
            ) from None


class DateField(_Typed, _WtfDateField):
    """A date typed as YYYY-MM-DD in a plain text box, like the incident's own date (which may
    also be YYYY-MM or YYYY): one way of entering a date on every form, the same on every
    browser and phone, no picker to fight for a date of birth decades back."""

    formats = ("%Y-%m-%d",)
    placeholder = N_("YYYY-MM-DD")
    example = "2025-09-12"
    shape = r"\d{4}-\d{2}-\d{2}"
    noun = N_("date")


class DateTimeField(_Typed, _WtfDateTimeField):
    """A local date and time typed as YYYY-MM-DD HH:MM (24-hour; the "T" of the ISO form is
    accepted too): the same style as the dates, on every browser."""

    formats = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")
    placeholder = N_("YYYY-MM-DD HH:MM")
    example = "2025-09-12 14:30"
    shape = r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}"
    noun = N_("date and time")


class TimeField(_Typed, _WtfTimeField):
    """A time of day typed as HH:MM (24-hour)."""

    formats = ("%H:%M",)
    placeholder = "HH:MM"
    example = "14:30"
    shape = r"\d{2}:\d{2}"
    noun = N_("time")
