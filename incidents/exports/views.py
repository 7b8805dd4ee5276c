"""Research data page and downloads (thin: form → service → response). The settings are codes
and numbers, so they may travel in the URL."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user

from incidents import audit
from incidents.authz import roles_required
from incidents.db import get_session
from incidents.exports import bp, disclosure, release_jobs, releases, services
from incidents.exports.aggregate_words import shown_tables
from incidents.exports.aggregates import aggregate_tables
from incidents.exports.columns import SENSITIVE_LABELS
from incidents.exports.forms import ExportForm
from incidents.exports.hierarchy import HIERARCHIES
from incidents.forms_common import ConfirmForm
from incidents.problems import UserError

researchers = roles_required("researcher", "admin")


def _prepare(form, *, offer=True):
    return services.prepare(
        session=get_session(),
        organization_id=current_user.organization_id,
        k=form.k.data or 5,
        l_div=form.l_div.data,
        sensitive=form.l_column.data if form.l_div.data else None,
        priorities=form.priorities(),
        levels=form.levels(),
        offer=offer,
    )


@bp.route("")
@researchers
def page():
    """Choose the settings, see the disclosure report, download the CSV and dictionary."""
    form = ExportForm(request.args)
    export, refusal = None, None
    if request.args and form.validate():
        try:
            export = _prepare(form)
        except services.Refused as error:
            refusal = str(error)
    session = get_session()
    aggregates = _aggregates()
    audit.record_read(
        session=session,
        action="research_page_viewed",
        actor=current_user,
        details={
            "k": form.k.data,
            "l": form.l_div.data,
            "prepared": export is not None,
            "release": export.plan.code if export else None,
        },
    )
    return _page(form, export, refusal, aggregates, 400 if form.errors else 200)


def _offered(form):
    """The releases the page offers for these settings (None if there is none)."""
    form.release.data = None
    try:
        return _prepare(form)
    except services.Refused:
        return None


def _aggregates():
    return shown_tables(aggregate_tables(get_session(), current_user.organization_id))


def _page(form, export, refusal, aggregates=None, status=200):
    session = get_session()
    mine = releases.current(session, current_user.id) if export else None
    return render_template(
        "exports/page.html",
        form=form,
        export=export,
        mine=mine,
        describe=releases.describe,
        explained=disclosure.explain(export.plan) if export else None,
        refusal=refusal,
        args={k: v for k, v in request.args.items() if k != "release"},
        aggregates=aggregates,
        hierarchies=HIERARCHIES,
        sensitive_labels=SENSITIVE_LABELS,
        job_form=ConfirmForm(formdata=None),
    ), status


@bp.route("/export.csv")
@researchers
def download():
    """The CSV, generated while it is sent. Not to HEAD: that would take the release and read
    nothing, leaving no audit record."""
    if request.method == "HEAD":
        abort(405, valid_methods=["GET"])
    form = ExportForm(request.args)
    if not form.validate():
        return _page(form, None, None, status=400)
    try:
        export = _prepare(form, offer=False)
        stream = releases.download(get_session(), current_user, export)
    except services.Refused as error:  # the page again, with its releases and why not
        audit.record_read(
            session=get_session(),
            action="research_export_refused",
            actor=current_user,
            details={"release": form.release.data or None, "refused_because": str(error)},
        )
        return _page(form, _offered(form), str(error), _aggregates(), status=409)
    body = stream_with_context(stream.lines(current_user))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="frt-research-export.csv"'
    return response


@bp.route("/export-job", methods=["POST"])
@researchers
def start_job():
    """Write the chosen release to a file in the background (the settings in the URL, as for
    the download); the researcher follows the job and downloads the file there, once."""
    form = ExportForm(request.args)
    if not ConfirmForm().validate_on_submit() or not form.validate() or not form.release.data:
        return _page(form, None, "Choose one of the releases offered, then try again.", None, 400)
    session = get_session()
    try:
        export = _prepare(form, offer=False)
        job = release_jobs.start(
            session=session, actor=current_user, settings=_settings(form), export=export
        )
    except services.Refused as error:
        audit.record_read(
            session=session,
            action="research_export_refused",
            actor=current_user,
            details={"release": form.release.data, "refused_because": str(error)},
        )
        return _page(form, _offered(form), str(error), _aggregates(), status=409)
    except UserError as error:  # the job queue cannot be reached: nothing was taken
        return _page(form, _offered(form), error.message, _aggregates(), status=error.status)
    return redirect(url_for("jobs.show", job_id=job.id))


def _settings(form) -> dict:
    """The form's settings as the job keeps them (codes and numbers)."""
    priorities = form.priorities()
    return {
        "k": form.k.data or 5,
        "l": form.l_div.data,
        "sensitive": form.l_column.data if form.l_div.data else None,
        "ranking": list(priorities.ranking),
        "pins": dict(priorities.pins),
        "levels": form.levels(),
        "code": form.release.data,
    }


@bp.route("/dictionary.csv")
@researchers
def dictionary():
    """The data dictionary."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(services.dictionary_rows())
    audit.record_read(
        session=get_session(), action="research_dictionary_downloaded", actor=current_user
    )
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        'attachment; filename="frt-research-export.dictionary.csv"'
    )
    return response
