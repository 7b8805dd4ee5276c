"""Forms for signing in and changing one's password."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo

from incidents.forms_common import (
    Length,
    email_field,
    normalize_email,
    password_field,
    select_choices,
)
from incidents.i18n import LANGUAGE_NAMES, _l, gettext


class LoginForm(FlaskForm):
    """Email and password."""

    email = email_field(filters=[normalize_email])
    password = password_field(_l("Password"), "current-password")
    submit = SubmitField(_l("Sign in"))


class ChangePasswordForm(FlaskForm):
    """Current password, new password twice."""

    current_password = password_field(_l("Current password"), "current-password")
    new_password = password_field(
        _l("New password"),
        "new-password",
        description=_l("At least 12 characters. A few unrelated words make a strong password."),
    )
    confirm = password_field(
        _l("Repeat the new password"),
        "new-password",
    )
    submit = SubmitField(_l("Change password"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirm.validators = [
            *self.confirm.validators,
            EqualTo("new_password", message=gettext("The two new passwords do not match.")),
        ]


class LogoutForm(FlaskForm):
    """An empty form: signing out is a POST with a CSRF token."""

    submit = SubmitField(_l("Sign out"))


class CodeForm(FlaskForm):
    """A code from the authenticator app (or a recovery code at sign-in)."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(message=_l("Enter the code.")), Length(max=20)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Continue"))


class LanguageForm(FlaskForm):
    """The interface language: on the account page (kept with the user) and on the sign-in
    page (kept in the session cookie until sign-in). Each language is named in itself."""

    language = SelectField(
        _l("Language"),
        choices=select_choices(LANGUAGE_NAMES.items()),
        validators=[DataRequired()],
    )
    next = HiddenField()
    submit = SubmitField(_l("Change language"))
