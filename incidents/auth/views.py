"""Sign-in, sign-out and password change views (thin: form → service → response)."""

from __future__ import annotations

import re
import time

import flask
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from incidents import i18n, sessions
from incidents.auth import bp, second_factor, services
from incidents.auth.forms import (
    ChangePasswordForm,
    CodeForm,
    LanguageForm,
    LoginForm,
    LogoutForm,
)
from incidents.authz import public, signed_in
from incidents.db import get_session
from incidents.i18n import gettext, ngettext
from incidents.models import Organization, User

SECOND_STEP = "second_step"  # {user id, when the password was accepted, where to go next}
SECOND_STEP_SECONDS = 300
SAME_SITE_PATH = re.compile(r"/(?![/\\])[!-\[\]-~]*")  # no "//", space, "\\", control


def safe_next(target: str | None) -> str:
    """Only a same-site path is followed after sign-in: one slash, then printable ASCII with no
    space or backslash (browsers drop tabs and newlines and read a backslash as a slash, which
    would turn `/<tab>/host` into `//host`); anything else goes home."""
    if target and SAME_SITE_PATH.fullmatch(target):
        return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Show the sign-in form; sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.sign_in(
            session=get_session(), email=form.email.data, password=form.password.data
        )
        if user is not None and user.totp_enabled_at is not None:
            chosen = flask.session.get(i18n.SESSION_KEY)
            flask.session.clear()
            if chosen:
                flask.session[i18n.SESSION_KEY] = chosen
            flask.session[SECOND_STEP] = {
                "user": user.id,
                "at": int(time.time()),
                "next": safe_next(request.args.get("next")),
            }
            return redirect(url_for("auth.second_step"))
        if user is not None:
            _start(user)
            if user.must_change_password:
                flash(
                    gettext("Welcome. Please choose your own password before you continue."), "info"
                )
                return redirect(url_for("auth.change_password"))
            return redirect(safe_next(request.args.get("next")))
        flash(gettext(services.GENERIC_LOGIN_ERROR), "error")
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


def _start(user) -> None:
    """Open the server-side session and sign the browser in."""
    token = services.open_session(
        session=get_session(), user=user, user_agent=request.user_agent.string
    )
    chosen = flask.session.get(i18n.SESSION_KEY)  # the sign-in page's language switch
    flask.session.clear()
    flask.session[sessions.COOKIE_KEY] = token
    if chosen:
        flask.session[i18n.SESSION_KEY] = chosen
    login_user(user)


@bp.route("/second-step", methods=["GET", "POST"])
@public
def second_step():
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    pending = flask.session.get(SECOND_STEP)
    if not pending or time.time() - pending.get("at", 0) > SECOND_STEP_SECONDS:
        flask.session.pop(SECOND_STEP, None)
        flash(gettext("Please sign in again."), "info")
        return redirect(url_for("auth.login"))
    session = get_session()
    user = session.get(User, pending["user"])
    if user is None or not user.active or user.totp_enabled_at is None:
        flask.session.pop(SECOND_STEP, None)
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        addr = request.remote_addr or "unknown"
        if second_factor.second_step(session=session, user=user, code=form.code.data, addr=addr):
            _start(user)
            if user.must_change_password:
                return redirect(url_for("auth.change_password"))
            return redirect(pending.get("next") or url_for("main.home"))
        form.code.errors.append(gettext("That code does not match, or it was used already."))
    status = 400 if form.errors else 200
    return render_template("auth/second_step.html", form=form), status


@bp.route("/two-factor", methods=["GET", "POST"])
@signed_in
def two_factor():
    """Set up, renew or turn off the second factor (an authenticator app)."""
    session = get_session()
    user = current_user._get_current_object()
    organization = session.get(Organization, user.organization_id)
    form = CodeForm()
    codes = None
    if form.validate_on_submit():
        action = request.form.get("action") or (
            "enable" if user.totp_enabled_at is None else "renew"
        )
        try:
            if action == "renew":
                codes = second_factor.renew_recovery_codes(
                    session=session, user=user, code=form.code.data
                )
            elif action == "disable":
                second_factor.disable(
                    session=session, user=user, organization=organization, code=form.code.data
                )
                flash(gettext("The second factor is off."), "success")
                return redirect(url_for("auth.two_factor"))
            else:
                codes = second_factor.enable(session=session, user=user, code=form.code.data)
        except second_factor.CodeRefused as refused:
            form.code.errors.append(refused.message)
    enrolling = user.totp_enabled_at is None
    secret = second_factor.start_enrolment(session=session, user=user) if enrolling else None
    return render_template(
        "auth/two_factor.html",
        form=CodeForm(formdata=None),
        errors=form.code.errors,
        codes=codes,
        secret=secret,
        qr=second_factor.qr_svg(user, secret) if secret else None,
        required=second_factor.required(organization, user),
        left=second_factor.unused_recovery_codes(session, user),
    ), 400 if form.code.errors else 200


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    """Sign out (POST only, with CSRF token)."""
    if LogoutForm().validate_on_submit():
        services.sign_out(session=get_session(), user=current_user)
        logout_user()
        flask.session.clear()
        flash(gettext("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@signed_in
def change_password():
    """Let a user change their own password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                session=get_session(),
                user=current_user,
                current=form.current_password.data,
                new=form.new_password.data,
            )
        except services.PasswordRejected as rejected:
            getattr(form, rejected.field).errors.extend(rejected.messages)
        else:
            login_user(current_user._get_current_object())
            flash(gettext("Your password was changed. Other sessions were signed out."), "success")
            return redirect(url_for("main.home"))
    status = 400 if form.errors else 200
    return render_template("auth/change_password.html", form=form), status


@bp.route("/sessions")
@signed_in
def my_sessions():
    """The user's live sessions (device, started, last seen), each of which they may end."""
    session = get_session()
    rows = sessions.active(session, current_user.id)
    this = sessions.current(session)
    return render_template(
        "auth/sessions.html",
        rows=rows,
        current_id=this.id if this else None,
        form=LogoutForm(),
        language_form=LanguageForm(
            language=current_user.language or i18n.current_language(),
            next=url_for("auth.my_sessions"),
        ),
    )


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@signed_in
def end_session(session_id: int):
    """End one of the user's other sessions."""
    if LogoutForm().validate_on_submit():
        if services.end_session(session=get_session(), user=current_user, session_id=session_id):
            flash(gettext("That session was ended: its device must sign in again."), "success")
        else:
            flash(gettext("That session had already ended."), "info")
    return redirect(url_for("auth.my_sessions"))


@bp.route("/sessions/end-others", methods=["POST"])
@signed_in
def end_other_sessions():
    """End every session of the user but this one."""
    if LogoutForm().validate_on_submit():
        ended = services.end_other_sessions(session=get_session(), user=current_user)
        flash(
            ngettext("%(num)s other session ended.", "%(num)s other sessions ended.", ended),
            "success",
        )
    return redirect(url_for("auth.my_sessions"))


@bp.route("/ping")
@signed_in
def ping():
    """Keep the session alive ("stay signed in" before the idle limit): a request is enough."""
    return "", 204
