"""Shared fixtures: app (SQLite file per test, or PostgreSQL when TEST_DATABASE_URL is set),
client, runner, and helpers to sign in and to post forms with their CSRF token."""

from __future__ import annotations

import os
import re
import secrets
import threading

import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel
from werkzeug.serving import make_server

import incidents.models  # noqa: F401  (registers tables)
from incidents import create_app
from incidents.db import make_engine


def _worker_database(url: str) -> str:
    """Under pytest-xdist, each worker's own PostgreSQL database (TEST_DATABASE_URL's name with
    the worker's id), created empty when the worker starts; the URL itself otherwise."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    import psycopg
    from sqlalchemy.engine import make_url

    from incidents.db import normalize_url

    server = make_url(normalize_url(url))
    name = f"{server.database}_{worker}"
    admin = server.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.set(database=name).render_as_string(hide_password=False)


PG_URL = _worker_database(os.environ.get("TEST_DATABASE_URL", ""))
IN_CI = os.environ.get("CI") == "true"
# Cheap argon2id parameters for speed in tests only; production uses config.py's defaults.
FAST_HASH = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
CSRF_RE = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"'
)


def require_or_skip(condition: bool, reason: str) -> None:
    """Skip when a facility is missing — but under CI=true a missing facility is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run, not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_engine():
    """PostgreSQL engine with a fresh schema, created once per run."""
    engine = make_engine(PG_URL)
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _reset_postgres(engine) -> None:
    """Empty every table and restart its ids, then put back what a new database holds.
    DELETE with triggers and foreign-key checks off for the transaction (a superuser's
    `session_replication_role`) takes ~40 ms where TRUNCATE of every table took ~0.7 s — a
    PostgreSQL pass of 1,600 tests spent most of its time there; TRUNCATE otherwise."""
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as conn:
        superuser = text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if conn.execute(superuser).scalar():
            sequences = conn.execute(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
            ).scalars()
            emptied = [f"DELETE FROM {table}" for table in tables]  # noqa: S608 (our names)
            restarted = [f'ALTER SEQUENCE "{name}" RESTART' for name in sequences]
            conn.exec_driver_sql(
                ";".join(["SET LOCAL session_replication_role = replica", *emptied, *restarted])
            )
        else:
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        disabled = conn.execute(  # a test of tampering switched an append-only guard off
            text("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE tgenabled = 'D'")
        ).scalars()
        for table in disabled:
            conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
        from incidents.models.agency import Agency, _seed_agencies

        _seed_agencies(Agency.__table__, conn)
        conn.execute(
            text("INSERT INTO audit_head (id, seq, last_hash, seal) VALUES (1, 0, :h, '')"),
            {"h": "0" * 64},
        )


@pytest.fixture(autouse=True)
def record_write_guard():
    """Every test: only the record kernel writes incidents, people and their rows."""
    from tests.write_guard import WriteGuard

    with WriteGuard() as guard:
        yield guard
    assert not guard.violations, f"written outside incidents.records: {guard.violations}"


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3-compatible server on a free local port, for the whole run; its endpoint URL.
    Under CI=true a server that cannot start fails the tests that need it."""
    from tests.evidence_stores import start_server

    try:
        server, endpoint = start_server()
    except Exception as error:  # any reason is reported
        require_or_skip(False, f"moto's S3 server could not start: {error!r}")
    yield endpoint
    server.stop()


@pytest.fixture
def s3_bucket(s3_server, monkeypatch):
    """Settings of the evidence store on a fresh bucket of the test S3 server (credentials in
    the standard AWS variables, as in production)."""
    from tests.evidence_stores import CREDENTIALS, bucket_settings

    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    return bucket_settings(s3_server)


@pytest.fixture
def app_config(tmp_path, request):
    """Configuration overrides for the test app (tests may change them before `app` is built).
    Parametrized indirectly with "s3" (tests/evidence_stores.BOTH_STORES), evidence is kept in
    a fresh bucket of the test S3 server."""
    url = PG_URL or f"sqlite:///{tmp_path / 'test.db'}"
    config = {
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_hex(32),
        "AUDIT_KEY": secrets.token_hex(32),
        "PASSWORD_HASH": FAST_HASH,
        "TESTING": True,
        "EVIDENCE_DIR": str(tmp_path / "evidence"),
    }
    if getattr(request, "param", "filesystem") == "s3":
        config.update(request.getfixturevalue("s3_bucket"))
    return config


@pytest.fixture
def app(app_config, tmp_path, monkeypatch, request):
    """A fresh application on an empty database."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app(app_config)
    engine = application.extensions["db_engine"]
    if PG_URL:
        request.getfixturevalue("pg_engine")
        _reset_postgres(engine)
    else:
        SQLModel.metadata.create_all(engine)
    yield application
    engine.dispose()


@pytest.fixture
def client(app):
    """A test client (cookies kept between requests)."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for `flask` commands."""
    return app.test_cli_runner()


@pytest.fixture
def session(app):
    """A session for arranging and checking data. Its SQLite transactions are deferred so an
    idle read never blocks the app; call `fresh(db)` before reading what requests changed."""
    engine = app.extensions["db_engine"].execution_options(sqlite_begin="DEFERRED")
    with Session(engine, expire_on_commit=False) as session:
        yield session


def fresh(session):
    """End the test session's snapshot and forget cached rows, to see what requests committed."""
    session.rollback()
    session.expire_all()
    return session


def sqlite_file(app) -> str:
    """The test database's file; skips on PostgreSQL (a test of SQLite's single write lock:
    PostgreSQL locks rows, not the database)."""
    url = app.config["DATABASE_URL"]
    if not url.startswith("sqlite:///"):
        pytest.skip("SQLite's single writer lock: PostgreSQL locks rows, not the database")
    return url[len("sqlite:///") :]


def csrf_token(client, path: str = "/auth/login") -> str:
    """Fetch a page with a form and return its CSRF token."""
    html = client.get(path, follow_redirects=True).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def post_form(
    client, path: str, data: dict | None = None, *, token_from: str | None = None, **kwargs
):
    """POST a form with a valid CSRF token."""
    payload = dict(data or {})
    payload["csrf_token"] = csrf_token(client, token_from or path)
    return client.post(path, data=payload, **kwargs)


def login(client, email: str, password: str, **kwargs):
    """Sign in through the real form."""
    return post_form(client, "/auth/login", {"email": email, "password": password}, **kwargs)


def logout(client):
    """Sign out through the real form."""
    return post_form(client, "/auth/logout", token_from="/home")


@pytest.fixture
def make_user(app, session):
    """Factory: an account of a role in an organization, returned with its password."""
    from tests.factories import create_user

    def factory(role="caseworker", **kwargs):
        session.rollback()  # a write must not follow a stale read snapshot (SQLite)
        with app.app_context():
            return create_user(session, role=role, **kwargs)

    return factory


@pytest.fixture
def signed_in(client, make_user):
    """Factory: sign the test client in as a new user of a role; returns (user, password)."""

    def factory(role="caseworker", **kwargs):
        user, password = make_user(role, **kwargs)
        response = login(client, user.email, password)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user, password

    return factory


@pytest.fixture
def live_server(app):
    """Serve the app on a free local port in a background thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def make_incident(app, session):
    """Factory: an incident recorded by `actor` through the service layer."""
    from tests.factories import create_incident

    def factory(actor, **overrides):
        session.rollback()
        return create_incident(app, session, actor, **overrides)

    return factory


@pytest.fixture
def case(signed_in, make_incident):
    """An incident recorded by a caseworker who is signed in on `client`."""
    user, _ = signed_in("caseworker")
    return make_incident(user)


@pytest.fixture
def caseworker(signed_in):
    """A caseworker signed in on `client`."""
    user, _ = signed_in("caseworker")
    return user


@pytest.fixture
def library(app, session):
    """The built-in policy library, loaded; the session."""
    from incidents.policies.loader import load_library

    with app.app_context():
        load_library(session=session)
    return session


@pytest.fixture
def make_evidence(app, session):
    """Factory: an evidence item uploaded through the service layer."""
    from tests.factories import create_evidence

    def factory(actor, incident, **kwargs):
        session.rollback()
        return create_evidence(app, session, actor, incident, **kwargs)

    return factory


@pytest.fixture
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    import shutil

    from tests.browser_helpers import CHROMIUM, CHROMIUM_FLAGS

    require_or_skip(
        bool(shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)),
        f"Chromium not found at {CHROMIUM}",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_or_skip(False, "playwright is not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def pycanon_python():
    """A separate virtual environment with pyCANON (it pins versions that clash with the app's);
    created on first use under .venv-pycanon. Test workers that ask at once wait for the first
    (a lock), and an environment is used only once its install finished (a marker file)."""
    import fcntl
    import subprocess
    import sys
    from pathlib import Path

    venv = Path(__file__).resolve().parent.parent / ".venv-pycanon"
    python = venv / "bin" / "python"
    ready = venv / "installed-pycanon-1.3.6"
    with open(f"{venv}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            made = subprocess.run(
                [sys.executable, "-m", "venv", "--clear", str(venv)], capture_output=True
            )
            installed = (
                made.returncode == 0
                and subprocess.run(
                    [str(python), "-m", "pip", "install", "-q", "pycanon==1.3.6"],
                    capture_output=True,
                    timeout=900,
                ).returncode
                == 0
            )
            require_or_skip(installed, "could not install pycanon in .venv-pycanon")
            ready.touch()
    return str(python)


@pytest.fixture
def job_consumer(app):
    """A real huey consumer of the app's job queue, its worker running as a thread, for the
    test's duration; its queue is emptied afterwards."""
    from incidents.jobs.queue import queue, start_threads, stop_threads

    found = queue(app)
    consumer = start_threads(found.consumer(workers=1, periodic=False))
    yield consumer
    stop_threads(consumer)
    found.huey.flush()
