"""A busy database (another process holds SQLite's write lock): a short wait, then a clear
"try again" page for everyone, never a 500; the request guards release their transaction before
a body arrives; static files never wait for the database."""

from __future__ import annotations

from contextlib import contextmanager

from tests.conftest import sqlite_file


@contextmanager
def _database_locked(app):
    """Another process holds SQLite's write lock; the app waits 0.2 s for it, not 5."""
    import sqlite3

    from incidents.db import make_engine

    app.extensions["db_engine"].dispose()
    app.extensions["db_engine"] = make_engine(app.config["DATABASE_URL"], busy_seconds=0.2)
    blocker = sqlite3.connect(sqlite_file(app), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_a_busy_database_gives_a_try_again_page_not_a_500(app, client, make_user):
    """While another process holds SQLite's write lock past the wait, a request that must
    write answers 503 with a clear page; nothing half-done."""

    from tests.conftest import csrf_token

    sqlite_file(app)
    user, password = make_user("caseworker")
    token = csrf_token(client)
    with _database_locked(app):
        response = client.post(
            "/auth/login", data={"email": user.email, "password": password, "csrf_token": token}
        )
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "Try again in a minute" in page
    assert response.headers["Retry-After"] == "30" and "Traceback" not in page


def test_a_signed_in_user_gets_the_busy_page_and_bodies_arrive_without_the_lock(
    app, client, signed_in
):
    """The request guards read the session (on SQLite with the write lock) and then release
    it, so an upload's body is received while others work; a busy database gives signed-in
    users the 503 page too (it reads nothing from the database)."""
    import sqlite3

    database = sqlite_file(app)
    signed_in("caseworker")
    probes = []

    def another_writer():
        other = sqlite3.connect(database, timeout=0.2, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        other.close()
        probes.append(True)

    app.before_request_funcs.setdefault(None, []).append(another_writer)
    assert client.get("/home").status_code == 200 and probes == [True]
    app.before_request_funcs[None].remove(another_writer)

    with _database_locked(app):
        response = client.get("/incidents")
    assert response.status_code == 503 and "Try again" in response.get_data(as_text=True)


def test_static_files_are_served_while_the_database_is_busy(app, client, signed_in):
    """The busy page's stylesheet comes through: static files never wait for the database."""

    sqlite_file(app)
    signed_in("caseworker")
    with _database_locked(app):
        response = client.get("/static/css/app.css")
    assert response.status_code == 200


def test_the_busy_page_reads_in_the_reader_language(app, client, make_user):
    """The 503 page speaks the browser's language before sign-in (it reads nothing from the
    database to know it)."""
    from tests.conftest import csrf_token

    sqlite_file(app)
    user, password = make_user("caseworker")
    token = csrf_token(client)
    with _database_locked(app):
        response = client.post(
            "/auth/login",
            data={"email": user.email, "password": password, "csrf_token": token},
            headers={"Accept-Language": "es"},
        )
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and '<html lang="es">' in page
    assert "Try again" not in page and "Nothing was changed" not in page
