"""Sign-in, sign-out and password change views (thin: form → service → response)."""

from __future__ import annotations

import re

import flask
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from incidents import sessions
from incidents.auth import bp, services
from incidents.auth.forms import ChangePasswordForm, LoginForm, LogoutForm
from incidents.authz import public, signed_in
from incidents.db import get_session

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
        if user is not None:
            token = services.open_session(
                session=get_session(), user=user, user_agent=request.user_agent.string
            )
            flask.session.clear()
            flask.session[sessions.COOKIE_KEY] = token
            login_user(user)
            if user.must_change_password:
                flash("Welcome. Please choose your own password before you continue.", "info")
                return redirect(url_for("auth.change_password"))
            return redirect(safe_next(request.args.get("next")))
        flash(services.GENERIC_LOGIN_ERROR, "error")
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    """Sign out (POST only, with CSRF token)."""
    if LogoutForm().validate_on_submit():
        services.sign_out(session=get_session(), user=current_user)
        logout_user()
        flask.session.clear()
        flash("You have signed out.", "info")
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
            flash("Your password was changed. Other sessions were signed out.", "success")
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
    )


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@signed_in
def end_session(session_id: int):
    """End one of the user's other sessions."""
    if LogoutForm().validate_on_submit():
        if services.end_session(session=get_session(), user=current_user, session_id=session_id):
            flash("That session was ended: its device must sign in again.", "success")
        else:
            flash("That session had already ended.", "info")
    return redirect(url_for("auth.my_sessions"))


@bp.route("/sessions/end-others", methods=["POST"])
@signed_in
def end_other_sessions():
    """End every session of the user but this one."""
    if LogoutForm().validate_on_submit():
        ended = services.end_other_sessions(session=get_session(), user=current_user)
        flash(f"{ended} other session{'s' if ended != 1 else ''} ended.", "success")
    return redirect(url_for("auth.my_sessions"))
