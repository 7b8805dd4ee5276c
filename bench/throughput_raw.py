"""The raw baseline server of bench/throughput.py (`gunicorn throughput_raw:application`, run
by the bench with the same gunicorn settings as the application).

A bare WSGI callable, no Flask dispatch: no sign-in check, no server-side session, no audit
record, no CSRF or security hooks; the user is fixed (THROUGHPUT_USER_ID, read once at start)
and the search text too (THROUGHPUT_SEARCH, used when the address says search=1).
- The incident list (/incidents with page, state, frt_system, sole_basis, search=1): the
  list's queries written by hand (bench/list_search.py's `raw_page`, plus the agency choices) on
  a plain sqlite3 connection per thread with the application's pragmas, reading in autocommit
  (no BEGIN IMMEDIATE), rendered with the same template and form objects as the view.
- The case page (/incidents/<reference>): the page's own loaders (the same statements) on a
  session whose SQLite transactions begin DEFERRED, rendered by the same function and template,
  with the view's audit record left out. A hand-written copy of its two dozen queries would be a
  second case page to maintain; so on this page the ratio measures what the application adds
  around its queries (sign-in, session, audit, immediate transactions), not the ORM.
SQLite only: on PostgreSQL the bench measures the application alone (its budget is a p99).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import traceback

from flask import g, render_template, request
from list_search import raw_page
from sqlalchemy.engine import make_url
from sqlmodel import Session

from incidents import create_app
from incidents.cases import services as case_services
from incidents.cases import views as case_views
from incidents.cases.filter_cache import filters_html
from incidents.cases.list_forms import FilterForm, SearchForm
from incidents.cases.paging import PLACE_ARGS
from incidents.cases.queries import is_descending
from incidents.db import SQLITE_PRAGMAS, get_session
from incidents.forms_common import select_choices
from incidents.models import User
from incidents.pagination import parse_page
from incidents.records.access import incident_or_404
from incidents.serving import settle_server_process

app = create_app()
_url = make_url(app.config["DATABASE_URL"])
if _url.get_backend_name() != "sqlite":
    raise SystemExit("throughput_raw serves SQLite only")
DATABASE = _url.database
SEARCH = os.environ.get("THROUGHPUT_SEARCH", "")
with app.app_context():
    USER = get_session().get(User, int(os.environ["THROUGHPUT_USER_ID"]))
    get_session().expunge(USER)
ORG_ID = USER.organization_id
case_services.record_view = lambda **_: None  # this process only: the baseline audits nothing
_local = threading.local()


def connection() -> sqlite3.Connection:
    """This thread's sqlite3 connection, with the pragmas of incidents/db.py."""
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(DATABASE, isolation_level=None, check_same_thread=False)
        for pragma in (*SQLITE_PRAGMAS, "busy_timeout=5000"):
            conn.execute(f"PRAGMA {pragma}")
        _local.conn = conn
    return conn


def list_page() -> str:
    """The incident list: the view's form handling, the hand-written queries, its template."""
    conn = connection()
    form = FilterForm(request.args)
    agencies = conn.execute(
        "SELECT id, name FROM agencies WHERE organization_id IS NULL OR organization_id = ? "
        "ORDER BY organization_id IS NULL DESC, name",
        (ORG_ID,),
    ).fetchall()
    choices = [(str(i), n) for i, n in agencies]
    form.agency.choices = select_choices([("", "Any"), *choices])
    filters, dropped = form.valid_filters()
    args = {k: v for k, v in request.args.items() if k not in PLACE_ARGS}
    text = SEARCH if request.args.get("search") == "1" else ""
    place = {"page": parse_page(request.args.get("page")), "after": request.args.get("after")}
    page, extras = raw_page(conn, ORG_ID, {**filters, **place}, text or None)
    return render_template(
        "cases/list.html",
        filters_html=filters_html(form, choices, args),  # as the view: the same filter form
        page=page,
        extras=extras,
        args=args,
        search_form=SearchForm(q=text),
        searching=bool(text),
        dropped=dropped,
        problems=[f"{f.label.text}: {e}" for f in form if f.errors for e in f.errors],
        sort=filters.get("sort") or "occurred",
        descending=is_descending(filters.get("sort"), filters.get("order")),
        archived=False,
    )


def case_page(reference: str) -> str:
    """The case page through its own function, on a session reading DEFERRED."""
    session = g.db_session = Session(app.extensions["db_engine"], expire_on_commit=False)
    session.connection(execution_options={"sqlite_begin": "DEFERRED"})
    return case_views.render_case_page(session, incident_or_404(session, reference))[0]


def application(environ, start_response):
    """WSGI: /ready, /incidents, /incidents/<reference>; anything else 404."""
    path, status, body = environ.get("PATH_INFO", ""), "200 OK", "ready"
    try:
        with app.request_context(environ):
            g._login_user = USER  # flask_login's current_user, without loading anything
            if path == "/incidents":
                body = list_page()
            elif path.startswith("/incidents/") and path.count("/") == 2:
                body = case_page(path.rsplit("/", 1)[1])
            elif path != "/ready":
                status, body = "404 Not Found", "not found"
    except Exception:
        traceback.print_exc(file=sys.stderr)
        status, body = "500 Internal Server Error", "error"
    data = body.encode("utf-8")
    start_response(
        status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(data)))]
    )
    return [data]


settle_server_process()  # as wsgi.py: the same process model as the application
