"""Forms for user and organization administration and for filtering the audit trail."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import DataRequired, Optional, ValidationError

from incidents.admin.trail import object_code
from incidents.auth.second_factor import RULES as SECOND_FACTOR_RULES
from incidents.forms_common import (
    DateField,
    FastSelectField,
    Length,
    email_field,
    no_control_characters,
    normalize_email,
    select_choices,
)
from incidents.i18n import N_, LazyLabel, _l, gettext
from incidents.vocab import ROLE

ACTION_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class UserCreateForm(FlaskForm):
    """A new account: the system generates its one-time password."""

    email = email_field(filters=[normalize_email])
    display_name = StringField(
        _l("Display name"),
        validators=[DataRequired(), Length(max=120), no_control_characters],
        filters=[_strip],
    )
    role = FastSelectField(
        _l("Role"),
        choices=select_choices(ROLE.choices(blank=N_("Choose a role"))),
        validators=[DataRequired(message=_l("Choose a role."))],
    )
    submit = SubmitField(_l("Create account"))


class UserEditForm(FlaskForm):
    """Name, role and whether the account may sign in."""

    display_name = StringField(
        _l("Display name"),
        validators=[DataRequired(), Length(max=120), no_control_characters],
        filters=[_strip],
    )
    role = FastSelectField(
        _l("Role"), choices=select_choices(ROLE.choices()), validators=[DataRequired()]
    )
    active = BooleanField(_l("Account is active (may sign in)"))
    submit = SubmitField(_l("Save changes"))


class ConfirmForm(FlaskForm):
    """A bare POST with CSRF token, for one-click actions such as a password reset."""

    submit = SubmitField(_l("Confirm"))


class OrganizationForm(FlaskForm):
    """The organization's settings."""

    name = StringField(
        _l("Organization name"),
        validators=[DataRequired(), Length(max=200), no_control_characters],
        filters=[_strip],
    )
    code = StringField(
        _l("Reference prefix"),
        validators=[DataRequired(), Length(min=2, max=8)],
        filters=[lambda v: v.strip().upper() if isinstance(v, str) else v],
        description=_l(
            "2 to 8 capital letters or digits, e.g. HLA gives HLA-2025-0042. "
            "Existing references keep their prefix."
        ),
    )
    share_with_researchers = BooleanField(
        _l("Share consented cases, anonymized, with researchers of other organizations"),
        description=_l(
            "Off by default. Only incidents whose clients consented to research use, "
            "and only through the anonymized export."
        ),
    )
    second_factor = FastSelectField(
        _l("Second factor at sign-in (an authenticator app)"),
        choices=select_choices([(k, LazyLabel(v)) for k, v in SECOND_FACTOR_RULES.items()]),
        description=_l(
            "Where required, an account without one must set it up at its next sign-in."
        ),
    )
    submit = SubmitField(_l("Save"))


class AuditFilterForm(FlaskForm):
    """Filters for the audit trail. Sent by POST and turned into a query string of codes only
    (ids, action codes, dates, a case reference), so nothing typed by mistake (a client's
    name) reaches an address bar or a server log; read back from that query string."""

    actor = FastSelectField(_l("Who"), choices=[], validators=[Optional()], validate_choice=False)
    action = FastSelectField(
        _l("Kind of action"), choices=[], validators=[Optional()], validate_choice=False
    )
    date_from = DateField(_l("From (UTC date)"), validators=[Optional()])
    date_to = DateField(_l("To (UTC date)"), validators=[Optional()])
    object = StringField(
        _l("Case reference"),
        validators=[Optional(), Length(max=60)],
        description=_l(
            "Such as ABC-2025-0042: the case's events and those of its evidence, "
            "legal actions, deadlines, people and records requests."
        ),
    )
    submit = SubmitField(_l("Filter"))

    def validate_date_to(self, field):
        """The range must not be reversed."""
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(gettext("The end date is before the start date."))

    def validate_actor(self, field):
        """The actor filter is a user id."""
        if field.data and not (str(field.data).isdigit() and len(str(field.data)) < 19):
            raise ValidationError(gettext("Choose a person from the list."))

    def validate_action(self, field):
        """The action filter is an action code."""
        if field.data and not ACTION_CODE.match(str(field.data)):
            raise ValidationError(gettext("Choose a kind of action from the list."))

    def validate_object(self, field):
        """A case reference (or an object code from the trail's own links)."""
        if field.data and object_code(field.data) is None:
            raise ValidationError(gettext("Type a case reference such as ABC-2025-0042."))
