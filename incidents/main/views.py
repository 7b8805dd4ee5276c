"""Landing page views."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from incidents.authz import public, signed_in
from incidents.main import bp


@bp.route("/")
@public
def index():
    """Send visitors to sign in, signed-in users to their home page."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return redirect(url_for("auth.login"))


@bp.route("/home")
@signed_in
def home():
    """The signed-in user's home page: what their role can do here."""
    return render_template("main/home.html")


@bp.route("/healthz")
@public
def healthz():
    """Liveness probe for process supervisors; reveals nothing."""
    return {"status": "ok"}
