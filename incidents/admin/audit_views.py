"""The audit trail's pages (thin: form → query → response), for administrators and only of
their own organization."""

from __future__ import annotations

from datetime import date

from flask import Response, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user

from incidents.admin import bp, trail, trail_export, trail_page
from incidents.admin.trail_rows import rows_of
from incidents.authz import roles_required
from incidents.db import get_session
from incidents.pagination import parse_page

admin_only = roles_required("admin")


@bp.route("/audit", methods=["GET", "POST"])
@admin_only
def audit():
    """Browse the organization's audit trail in words, filtered. The filter form is posted and
    answered with a redirect to a query string of codes only."""
    session = get_session()
    org_id = current_user.organization_id
    users = trail.user_names(session, org_id)
    posted = request.method == "POST"
    form = trail_page.filter_form(users, None if posted else request.args, from_query=not posted)
    valid = form.validate_on_submit() if posted else form.validate()
    filters = trail_page.filters_of(session, org_id, form) if valid else trail.Filters()
    if posted and valid and not form.errors:
        return redirect(url_for("admin.audit", **filters.args()))
    if posted or form.errors:
        page = trail.Page(items=[], page=1, per_page=trail.PER_PAGE, total=0)
    else:
        page = trail.audit_page(
            session=session,
            organization_id=org_id,
            filters=filters,
            page=parse_page(request.args.get("page")),
        )
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        rows=rows_of(session, org_id, page.items, users),
        args=filters.args(),
        chain=trail_page.chain_status(session),
    ), 400 if form.errors else 200


@bp.route("/audit/export.csv")
@admin_only
def audit_export():
    """The filtered trail as a CSV file, generated while it is sent; the download is itself
    recorded in the trail."""
    session = get_session()
    org_id = current_user.organization_id
    form = trail_page.filter_form(trail.user_names(session, org_id), request.args, from_query=True)
    filters = trail_page.filters_of(session, org_id, form) if form.validate() else None
    if filters is None or form.errors:
        return redirect(url_for("admin.audit", **request.args.to_dict()))
    body = stream_with_context(
        trail_export.stream_csv(session=session, actor=current_user, filters=filters)
    )
    response = Response(body, mimetype="text/csv")
    name = f"audit-trail-{date.today().isoformat()}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
