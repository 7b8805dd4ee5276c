"""Issue 20, reads that do not queue (decision 0002): on SQLite a GET view reads in a DEFERRED
transaction, so another request can write meanwhile, and the view's first write — its audit
row — ends that read and takes the write lock in a transaction of its own, instead of trying
to upgrade the read (which fails once another writer has committed)."""

from __future__ import annotations

import json
import sqlite3

from sqlmodel import func, select

from incidents import audit
from incidents.db import get_session, reading
from incidents.models import AuditEvent, User
from tests.conftest import fresh, sqlite_file


def test_a_views_reads_take_no_lock_and_its_first_write_takes_it(app, session):
    path = sqlite_file(app)
    other = sqlite3.connect(path, timeout=0.2, isolation_level=None)  # another request
    with app.test_request_context("/research", method="GET"):
        reading()  # as the request guards do for a GET
        view = get_session()
        assert view.exec(select(func.count()).select_from(User)).one() == 0  # the view reads
        other.execute("BEGIN IMMEDIATE")  # not blocked: the view holds no write lock
        other.execute("CREATE TABLE written_meanwhile (x)")
        other.execute("COMMIT")
        audit.record_read(
            session=view, action="research_page_viewed", actor=None, details={"k": 5}
        )  # a plain upgrade of the read would fail here: another writer committed since
    other.close()
    event = fresh(session).exec(select(AuditEvent)).one()
    assert event.action == "research_page_viewed" and json.loads(event.details) == {"k": 5}


def test_a_post_still_takes_the_lock_with_its_first_read(app, session):
    path = sqlite_file(app)
    other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    with app.test_request_context("/incidents/new", method="POST"):
        view = get_session()
        view.exec(select(func.count()).select_from(User)).one()  # read, then validate, write
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            assert "locked" in str(error)
        else:
            raise AssertionError("a POST's transaction must hold the write lock from its start")
        finally:
            view.rollback()
    other.close()
