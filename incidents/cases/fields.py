"""WTForms fields made from the field specification: label, help, length, choices and the
rules of `records.validation` come from the field's declaration, so the form cannot drift from
the import or the database."""

from __future__ import annotations

from flask_babel.speaklater import LazyString
from wtforms import (
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Optional,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from incidents.forms_common import (
    DateField,
    DateTimeField,
    DecimalField,
    FastSelectField,
    Length,
    TimeField,
    no_control_characters,
    select_choices,
)
from incidents.i18n import LazyLabel, _l, gettext, translate_label
from incidents.records import validation as rules
from incidents.records.spec import Field

NORMALISED = ("a_number", "phone", "email", "zip")


def parsed(field: Field):
    """A validator that replaces the input with the field's parsed value, or reports the
    rule's message at the field."""

    def _validate(_form, form_field):
        if form_field.data in (None, ""):
            form_field.data = None
            return
        if form_field.errors:  # one message a field (Length already said it)
            raise StopValidation
        try:
            form_field.data = rules.parse(field, form_field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    return _validate


def checked(field: Field):
    """A validator that applies the field's rules to a typed value (a date or a number)."""

    def _validate(_form, form_field):
        try:
            rules.check(field, form_field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    return _validate


def alone(field: Field):
    """A validator: of several codes, a 'none…' one goes alone."""

    def _validate(_form, form_field):
        try:
            rules.check_alone(field.vocabulary, form_field.data or ())
        except ValueError as error:
            raise ValidationError(str(error)) from None

    return _validate


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text_block(value):
    """Browsers send CRLF line ends; store LF, trim trailing space."""
    return value.replace("\r\n", "\n").rstrip() if isinstance(value, str) else value


def _or_preset(preset: str):
    return lambda value: value or preset


def _presence_message(label: str) -> str:
    """ "Enter the date of consent." in the page's language."""
    shown = translate_label(label)
    field = shown[0].lower() + shown[1:]
    return gettext("Enter the %(field)s.", field=field)


def _presence(field: Field):
    message = LazyString(_presence_message, field.label)
    return [DataRequired(message=message)] if field.required else [Optional()]


def field_for(field: Field, **kwargs):
    """The form field of a specified field (extra keyword arguments go to WTForms)."""
    kwargs.setdefault("description", LazyLabel(field.help) if field.help else field.help)
    kind, label = field.kind, LazyLabel(field.label)
    if kind == "line":
        return StringField(
            label,
            [*_presence(field), Length(max=field.max_length), parsed(field)],
            filters=[_strip],
            **kwargs,
        )
    if kind in NORMALISED:
        return StringField(
            label, [Optional(), no_control_characters, parsed(field)], filters=[_strip], **kwargs
        )
    if kind == "prose":
        return TextAreaField(
            label,
            [Optional(), Length(max=field.max_length), parsed(field)],
            filters=[_text_block],
            **kwargs,
        )
    if kind == "code":
        validators = [InputRequired(message=_l("Choose one."))] if field.required else [Optional()]
        return FastSelectField(
            label,
            choices=select_choices(field.vocabulary.choices(blank=field.blank)),
            validators=validators,
            default=field.default,
            # a field with a preset has no empty choice: nothing sent means the preset
            filters=[_or_preset(field.default)] if field.default is not None else [],
            **kwargs,
        )
    if kind in ("date", "birth_date"):
        return DateField(label, [Optional(), checked(field)], **kwargs)
    if kind == "time":
        return TimeField(label, [Optional()], **kwargs)
    if kind == "local_datetime":
        presence = [InputRequired(message=_l("Enter a start."))] if field.required else [Optional()]
        rules_ = [*presence, checked(field)]
        return DateTimeField(label, rules_, **kwargs)
    if kind == "number":
        return DecimalField(label, [Optional(), checked(field)], places=None, **kwargs)
    if kind == "partial_date":
        return PartialDateField(label, **kwargs)
    if kind == "codes":
        return SelectMultipleField(
            label,
            [alone(field)],
            choices=select_choices(field.vocabulary.choices()),
            coerce=str,
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            validate_choice=True,
            **kwargs,
        )
    if kind == "agencies":
        return SelectMultipleField(
            label,
            choices=[],
            coerce=str,
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            validate_choice=True,
            **kwargs,
        )
    if kind in ("agency", "person_ref", "agent_ref", "country"):
        return FastSelectField(label, [Optional()], choices=[], **kwargs)
    raise TypeError(f"no form field for {kind} fields")


class PartialDateField(StringField):
    """YYYY-MM-DD, YYYY-MM or YYYY; `parsed` holds (date, precision) after validation."""

    parsed = None

    def pre_validate(self, form):
        """Parse the date and its precision."""
        self.parsed = None
        if not (self.data or "").strip():
            raise ValidationError(gettext("Enter the date (YYYY-MM-DD, or YYYY-MM or YYYY)."))
        try:
            self.parsed = rules.parse_partial_date(self.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


def with_spec_fields(*entities):
    """A class decorator: the form gets a field (`field_for`) for every field of these entities
    that the class does not declare itself (a class declares one only to adjust it)."""

    def decorate(form_class):
        for entity in entities:
            for field in entity:
                if not hasattr(form_class, field.code):
                    setattr(form_class, field.code, field_for(field))
        return form_class

    return decorate
