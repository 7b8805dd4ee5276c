"""The calendar page (overdue, this week, next 30 days; mine or the organization's) and the
iCalendar feed behind a revocable secret address."""

from __future__ import annotations

from datetime import timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from incidents import audit, clock
from incidents.authz import public
from incidents.calendar import bp, feed
from incidents.calendar.entries import entries
from incidents.db import get_session
from incidents.forms_common import ConfirmForm
from incidents.i18n import N_, gettext
from incidents.records.access import case_staff


def _scope() -> str:
    return "all" if request.args.get("scope") == "all" else "mine"


@bp.route("/calendar")
@case_staff
def page():
    """Deadlines and due dates: overdue, this week, the next 30 days."""
    session, today, scope = get_session(), clock.today(), _scope()
    found = entries(
        session,
        current_user.organization_id,
        until=today + timedelta(days=30),
        user=current_user if scope == "mine" else None,
    )
    groups = {  # English titles, translated where the page shows them
        N_("Overdue"): [e for e in found if e.due_on < today],
        N_("This week"): [e for e in found if today <= e.due_on < today + timedelta(days=7)],
        N_("Next 30 days"): [e for e in found if e.due_on >= today + timedelta(days=7)],
    }
    audit.record_read(
        session=session, action="calendar_viewed", actor=current_user, details={"scope": scope}
    )
    token = feed.token_of(current_user)
    urls = {
        scope: url_for("calendar.ics", token=token, scope=scope, _external=True)
        for scope in ("mine", "all")
        if token
    }
    return render_template(
        "calendar/page.html",
        groups=groups,
        scope=scope,
        today=today,
        form=ConfirmForm(),
        urls=urls if token else None,
    )


@bp.route("/calendar/feed", methods=["POST"])
@case_staff
def new_feed():
    """Make a new secret feed address (the old one stops working); the calendar page shows it."""
    if ConfirmForm().validate_on_submit():
        feed.new_token(session=get_session(), actor=current_user)
        flash(
            gettext("Your new feed address is below; the previous one no longer works."), "success"
        )
    else:
        flash(gettext("The form expired; please try again."), "error")
    return redirect(url_for("calendar.page") + "#feed")


@bp.route("/calendar/feed/revoke", methods=["POST"])
@case_staff
def revoke_feed():
    """Stop the feed address."""
    if ConfirmForm().validate_on_submit():
        feed.revoke(session=get_session(), actor=current_user)
        flash(gettext("Your calendar feed address no longer works."), "success")
    return redirect(url_for("calendar.page"))


@bp.route("/calendar/<token>.ics")
@public
def ics(token: str):
    """The feed: references and deadline kinds only. Read by calendar apps without a session;
    the secret address is the key. Each read is audited."""
    session = get_session()
    user = feed.user_of(session, token)
    if user is None:
        abort(404)
    scope, today = _scope(), clock.today()
    found = entries(
        session,
        user.organization_id,
        until=feed.feed_window(today),
        user=user if scope == "mine" else None,
    )
    audit.record_read(
        session=session, action="calendar_feed_read", actor=user, details={"scope": scope}
    )

    def case_url(reference):
        return url_for("cases.show_incident", reference=reference, _external=True)

    body = feed.document(found, scope=scope, case_url=case_url)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"},
    )
