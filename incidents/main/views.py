"""Landing page views."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from incidents import clock
from incidents.authz import public, signed_in
from incidents.cases.services import search_text
from incidents.dashboard import services
from incidents.dashboard.filters import filter_form, list_url_for
from incidents.db import get_session
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
    """The signed-in user's home page: their role's work, and charts of their organization's
    incidents filtered as the incident list filters them (a researcher's: published counts)."""
    session = get_session()
    if current_user.role == "researcher":
        context = services.researcher_home(session, user=current_user)
        services.record_view(session=session, actor=current_user, details={"research": True})
        return render_template("dashboard/home.html", **context)
    form, filters, dropped, kept = filter_form(session, request.args)
    # the list's search counts here only when the address carries it (as the list's does)
    text = search_text(session) if request.args.get("search") == "1" else ""
    if text:
        kept = {**kept, "search": "1"}
    context = services.staff_home(
        session,
        user=current_user,
        filters=filters,
        text=text,
        list_url=list_url_for(kept),
        today=clock.today(),
    )
    services.record_view(
        session=session,
        actor=current_user,
        details={"filters": sorted(filters), "search": bool(text)},
    )
    return render_template(
        "dashboard/home.html",
        form=form,
        kept=kept,
        dropped=dropped,
        searching=bool(text),
        **context,
    )


@bp.route("/healthz")
@public
def healthz():
    """Liveness probe for process supervisors; reveals nothing."""
    return {"status": "ok"}
