"""Headers, CSRF, error pages, configuration secrets, request limits."""

from __future__ import annotations

import stat

import pytest
from sqlmodel import select

from incidents.config import build_config
from incidents.models import User
from tests.conftest import fresh


def test_security_headers_on_every_response(client, signed_in):
    for path in ("/auth/login", "/does-not-exist"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
    signed_in("caseworker")
    assert client.get("/home").headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script_or_outside_requests(client, signed_in):
    signed_in("admin")
    for path in ("/home", "/admin/users", "/admin/audit", "/auth/password"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "onclick=" not in html
        assert "http://" not in html and "https://" not in html


def test_session_cookie_flags(client, make_user):
    from tests.conftest import login

    user, password = make_user()
    response = login(client, user.email, password)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_https_setting_makes_cookies_secure(tmp_path):
    config = build_config(tmp_path, {"HTTPS": True, "SECRET_KEY": "x" * 64, "AUDIT_KEY": "y" * 64})
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_NAME"].startswith("__Host-")


def test_secret_key_is_generated_once_owner_only_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("AUDIT_KEY", raising=False)
    first = build_config(tmp_path)
    second = build_config(tmp_path)
    assert first["SECRET_KEY"] == second["SECRET_KEY"] and len(first["SECRET_KEY"]) == 64
    assert first["AUDIT_KEY"] != first["SECRET_KEY"]
    for name in ("secret_key", "audit_key"):
        mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
        assert mode == 0o600


def test_environment_secret_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment-" + "z" * 40)
    assert build_config(tmp_path)["SECRET_KEY"].startswith("from-the-environment-")
    assert not (tmp_path / "secret_key").exists()


def test_missing_csrf_token_gives_400_and_changes_nothing(client, signed_in, make_user, session):
    signed_in("admin")
    target, _ = make_user("caseworker")
    response = client.post(
        f"/admin/users/{target.id}", data={"display_name": "Hacked", "role": "admin", "active": "y"}
    )
    assert response.status_code == 400
    assert "The form expired or was not sent from this site" in response.get_data(as_text=True)
    user = fresh(session).get(User, target.id)
    assert (user.display_name, user.role) != ("Hacked", "admin")


def test_not_found_page_is_friendly(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Not found" in response.get_data(as_text=True)


def test_unexpected_error_gives_500_page_without_traceback_or_data(
    app_config, make_user, app, caplog
):
    from incidents import create_app
    from incidents.authz import public

    application = create_app(app_config)

    @public
    def explode():
        raise ValueError("José Núñez A123456789 secret detail")

    application.add_url_rule("/explode", "explode", explode)
    response = application.test_client().get("/explode")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "Traceback" not in html and "José" not in html and "A123456789" not in html
    assert "José" not in caplog.text and "A123456789" not in caplog.text
    assert "ValueError" in caplog.text  # but the operator still learns what failed
    application.extensions["db_engine"].dispose()


def test_request_size_limit(client, app):
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = client.post("/auth/login", data={"email": big})
    assert response.status_code == 413
    assert "Too large" in response.get_data(as_text=True)


def test_anonymous_bodies_are_refused_before_they_are_read(app, client, signed_in, make_incident):
    """An anonymous post to an upload URL is answered 401 without writing anything under the
    evidence folder; before signing in only a few KB may be sent at all."""
    import io
    from pathlib import Path

    from incidents.requests import ANONYMOUS_MAX_BYTES

    user, _ = signed_in("caseworker")
    incident = make_incident(user)
    anonymous = app.test_client()
    body = {"files": [(io.BytesIO(b"x" * (4 * 1024 * 1024)), "big.jpg")], "kind": "photo"}
    response = anonymous.post(f"/incidents/{incident.reference}/evidence/new", data=body)
    assert response.status_code == 401
    evidence = Path(app.config["EVIDENCE_DIR"])
    assert not [p for p in evidence.rglob("*") if p.is_file()], "nothing written"
    too_big = anonymous.post("/auth/login", data={"email": "x" * (ANONYMOUS_MAX_BYTES + 1)})
    assert too_big.status_code == 413
    signed = anonymous.post("/auth/login", data={"email": "a@example.org", "password": "x"})
    assert signed.status_code == 400  # small enough to be read (and refused: no CSRF token)


def test_emails_are_stored_lower_case(client, signed_in, session):
    from tests.conftest import post_form

    signed_in("admin")
    post_form(
        client,
        "/admin/users/new",
        {"email": "Mixed.Case@Example.org", "display_name": "M", "role": "lawyer"},
    )
    assert fresh(session).exec(select(User).where(User.email == "mixed.case@example.org")).one()


def test_a_user_error_is_a_page_with_its_message_and_status(app_config, app, runner):
    from incidents import create_app
    from incidents.authz import public
    from incidents.records.operations import StaleEdit

    application = create_app(app_config)

    @public
    def stale():
        raise StaleEdit

    application.add_url_rule("/stale", "stale", stale)
    response = application.test_client().get("/stale")
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "Traceback" not in html
    assert "Someone else saved this incident after you opened it" in html
    application.extensions["db_engine"].dispose()
    # the command line turns the same kind of error into one line and a non-zero exit
    runner.invoke(args=["create-org", "Same Name"])
    again = runner.invoke(args=["create-org", "Same Name"])
    assert again.exit_code == 2 and again.output.count("\n") == 1
    assert "already exists" in again.output and "Traceback" not in again.output


def test_a_database_error_still_gets_the_friendly_page(app_config, make_user, app):
    from sqlalchemy import text

    from incidents import create_app
    from incidents.authz import signed_in
    from incidents.db import get_session
    from tests.conftest import login

    application = create_app(app_config)

    @signed_in
    def broken():
        session = get_session()
        session.expire_all()  # as after a commit: the page must reload the signed-in user
        session.execute(text("SELECT * FROM no_such_table"))  # PostgreSQL: transaction aborted

    application.add_url_rule("/broken", "broken", broken)
    user, password = make_user("caseworker")
    client = application.test_client()
    login(client, user.email, password)
    response = client.get("/broken")
    html = response.get_data(as_text=True)
    assert response.status_code == 500 and "Something went wrong" in html
    assert "Sign out" in html or "sign out" in html.lower()  # the page's navigation still works
    application.extensions["db_engine"].dispose()


def test_import_guide_to_a_missing_folder_is_one_line(runner, tmp_path):
    result = runner.invoke(args=["import-guide", "--template", str(tmp_path / "no" / "t.csv")])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "cannot write" in result.output and "Traceback" not in result.output


@pytest.fixture
def https_config(app_config):
    """The app as documented for production: HTTPS=1 (requested before `app` is built)."""
    app_config["HTTPS"] = True
    return app_config


def test_https_sign_in_needs_no_referer_and_cross_site_posts_are_refused(
    https_config, client, make_user
):
    """Over HTTPS, browsers send no Referer (our pages say no-referrer): a same-origin form post
    must work without one; a post from another site (Sec-Fetch-Site or Origin) is refused."""
    from tests.conftest import CSRF_RE

    user, password = make_user()
    base = "https://localhost"
    html = client.get("/auth/login", base_url=base).get_data(as_text=True)
    token = next(g for g in CSRF_RE.search(html).groups() if g)
    form = {"email": user.email, "password": password, "csrf_token": token}
    for headers in (
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost"},  # the same host without TLS is another origin
    ):
        refused = client.post("/auth/login", data=form, base_url=base, headers=headers)
        assert refused.status_code == 400, headers
        assert "was not sent from this site" in refused.get_data(as_text=True)
    signed = client.post(
        "/auth/login",
        data=form,
        base_url=base,
        headers={"Sec-Fetch-Site": "same-origin", "Origin": base},
    )
    assert signed.status_code == 302 and signed.headers["Location"].endswith("/home")
    assert "__Host-session=" in signed.headers["Set-Cookie"]
    home = client.get("/home", base_url=base)
    assert home.status_code == 200
