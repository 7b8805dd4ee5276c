"""Database plumbing: engine, naming convention, SQLite pragmas, one session per request.

SQLite transactions start with BEGIN IMMEDIATE — a deferred SQLite transaction that read
before another writer committed cannot be upgraded (SQLITE_BUSY_SNAPSHOT) — except those of a
GET request: they begin DEFERRED, so readers queue neither behind each other nor behind
writers. The first statement that writes in such a transaction
(the audit row of a page view, a restored draft) ends the read and begins IMMEDIATE in its
place before it runs: the write lock is held from the first write to the commit, never for the
whole request, and no upgrade can fail. See docs/decisions/0002-sqlite-immediate-transactions.md.
"""

from __future__ import annotations

import random
import re
import sqlite3
import time
from datetime import UTC, datetime

from flask import current_app, g, has_app_context, has_request_context, request
from sqlalchemy import DateTime, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Refuse naive datetimes; normalise aware ones to UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store UTC-aware datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        """Attach UTC to values read back naive (SQLite)."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def normalize_url(url: str) -> str:
    """Accept postgres:// and postgresql:// URLs and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


VIEW_READ = "view read"  # connection.info["begin"] of a GET request's transaction (DEFERRED)
READING = "incidents.reading"  # request.environ key: the view's transactions begin DEFERRED
WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# Every SQLite connection's settings beside WAL and the busy timeout (the raw baseline of
# bench/throughput.py uses them too).
SQLITE_PRAGMAS = (
    "foreign_keys=ON",
    "cache_size=-32768",  # 32 MiB of page cache per connection
)


def _sqlite_table_hint(_compiler, _table, hint: str) -> str:
    return hint


# SQLite's table hint is `INDEXED BY <index>`; SQLAlchemy's SQLite compiler drops table hints,
# so that `select(...).with_hint(Table, "INDEXED BY ix", "sqlite")` would print nothing.
SQLiteCompiler.get_from_hint_text = _sqlite_table_hint


def make_engine(url: str, busy_seconds: float = 5) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL, a busy timeout (how long a request
    waits for another writer before the 'try again' page) and real transactions."""
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": busy_seconds},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
        if parsed.database and parsed.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin")
        view_read = mode is None and _view_reads()
        mode = "DEFERRED" if view_read else mode or "IMMEDIATE"
        connection.info["begin"] = VIEW_READ if view_read else mode
        if mode == "IMMEDIATE":
            take_write_lock(connection.connection.dbapi_connection, busy_seconds)
        else:
            connection.exec_driver_sql(f"BEGIN {mode}")

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _sqlite_end(connection):
        connection.info.pop("begin", None)

    @event.listens_for(engine, "before_cursor_execute")
    def _a_write_takes_the_lock(connection, cursor, statement, *_args):
        if connection.info.get("begin") == VIEW_READ and WRITE.match(statement):
            cursor.connection.execute("COMMIT")  # the view's read ends (it wrote nothing)
            take_write_lock(cursor.connection, busy_seconds)  # waits for other writers
            connection.info["begin"] = "IMMEDIATE"

    return engine


def take_write_lock(dbapi_connection, busy_seconds: float) -> None:
    """BEGIN IMMEDIATE, waiting for another writer in steps of a millisecond or so, up to the
    busy timeout. SQLite's own busy handler sleeps 1, 2, 5, 10, 15, 20, 25 … ms between tries,
    so under load a writer kept sleeping long after the lock was free (bench/throughput.py);
    writers hold the lock for a millisecond or two. Every other statement keeps the handler."""
    deadline = time.monotonic() + busy_seconds
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() >= deadline:
                    # as SQLAlchemy would have raised it: the busy page recognises it
                    raise OperationalError("BEGIN IMMEDIATE", None, error) from error
                time.sleep(random.uniform(0.0002, 0.0015))  # noqa: S311 (jitter, not a secret)
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")


def _view_reads() -> bool:
    """Whether a transaction nobody asked a mode for is a GET view's read (set by the request
    guards) or a background job's (`reading_in_background`): DEFERRED; otherwise IMMEDIATE."""
    if has_request_context():
        return bool(request.environ.get(READING))
    return has_app_context() and bool(g.get(READING))


def reading_in_background() -> None:
    """In this app context (a background job's), transactions begin DEFERRED like a GET view's:
    long reads (a dossier being built) never hold SQLite's write lock; each write takes it for
    itself alone, up to its commit (see `make_engine`)."""
    setattr(g, READING, True)


def reading() -> None:
    """From now on in this request, transactions begin DEFERRED (SQLite): the view reads
    without the write lock, which its first write, if any, takes (see `make_engine`)."""
    request.environ[READING] = True


def init_app(app) -> None:
    """Attach an engine to the app and close the request's session at teardown."""
    app.extensions["db_engine"] = make_engine(
        app.config["DATABASE_URL"], busy_seconds=app.config["DB_BUSY_SECONDS"]
    )

    @app.teardown_appcontext
    def _close_session(_exc):
        session = g.get("db_session")
        if session is not None and not session.info.get(STREAMING):
            g.pop("db_session").close()


STREAMING = "streaming"  # Session.info key: a streamed response still reads through it


def streaming(session: Session, on: bool) -> None:
    """Mark the request's session as read by a streamed response (`on`): the end of the view
    does not close it; the stream's own end does (Flask pops the contexts again then)."""
    session.info[STREAMING] = on


def get_engine() -> Engine:
    """The current app's engine."""
    return current_app.extensions["db_engine"]


def get_session() -> Session:
    """The session of the current request (or app context), created on first use."""
    if "db_session" not in g:
        g.db_session = Session(get_engine(), expire_on_commit=False)
    return g.db_session


def is_sqlite(engine: Engine | None = None) -> bool:
    """Whether the (current) engine is SQLite."""
    return (engine or get_engine()).dialect.name == "sqlite"
