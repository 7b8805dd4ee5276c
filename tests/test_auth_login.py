"""Signing in and out: generic errors, audit records, one-time passwords, session endings."""

from __future__ import annotations

import pytest
from sqlmodel import select

from incidents.models import AuditEvent, User
from tests.conftest import fresh, login, logout, post_form


def actions(session) -> list[str]:
    fresh(session)
    return [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.seq)).all()]


def test_login_page_has_labelled_fields(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert '<label for="email">Email address</label>' in html
    assert '<label for="password">Password</label>' in html
    assert 'autocomplete="current-password"' in html


def test_successful_login_lands_on_home_and_is_audited(client, make_user, session):
    user, password = make_user("lawyer", display_name="Lena Lawyer")
    response = login(client, user.email.upper(), password)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/home")
    page = client.get("/home").get_data(as_text=True)
    assert "Welcome, Lena Lawyer" in page and "Lawyer" in page
    assert actions(session) == ["login_success", "dashboard_viewed"]  # home reads case data


def test_wrong_password_and_unknown_email_get_the_same_generic_message(client, make_user, session):
    user, _ = make_user()
    wrong = login(client, user.email, "not-the-password-at-all").get_data(as_text=True)
    unknown = login(client, "nobody@example.org", "not-the-password-at-all").get_data(as_text=True)
    assert "Incorrect email or password." in wrong
    assert "Incorrect email or password." in unknown
    assert client.get("/home").status_code == 302  # still signed out
    fresh(session)
    events = session.exec(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert [e.action for e in events] == ["login_failure", "login_failure"]
    assert [e.details for e in events] == [
        '{"reason":"bad_password"}',
        '{"reason":"unknown_account"}',
    ]
    assert all("nobody" not in e.details and e.object_id in (str(user.id), None) for e in events)


def test_login_form_errors_are_shown_next_to_fields(client):
    response = post_form(client, "/auth/login", {"email": "not an email", "password": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="email-error"' in html and "Invalid email address" in html
    assert 'id="password-error"' in html


def test_overlong_input_is_a_form_error(client):
    response = post_form(
        client, "/auth/login", {"email": "a" * 300 + "@example.org", "password": "x" * 300}
    )
    assert response.status_code == 400
    assert "Field cannot be longer than" in response.get_data(as_text=True)


def test_logout_is_post_only_and_audited(client, signed_in, session):
    signed_in("caseworker")
    assert client.get("/auth/logout").status_code == 405
    response = logout(client)
    assert response.status_code == 302
    assert client.get("/home").status_code == 302
    assert actions(session)[-1] == "logout"


@pytest.mark.parametrize(
    ("raw_next", "expected"),
    [
        ("https://evil.example/x", "/home"),
        ("//evil.example", "/home"),
        ("/%09/evil.example", "/home"),  # browsers drop the tab: //evil.example
        ("/%0A/evil.example", "/home"),  # was a 500 (newline in a header)
        ("/%0D%0ASet-Cookie:%20x=1", "/home"),
        ("/%5Cevil.example", "/home"),  # a backslash reads as a slash
        ("/%20/evil.example", "/home"),
        ("/%E2%80%8B/x", "/home"),  # not ASCII
        ("javascript:alert(1)", "/home"),
        ("/incidents%3Fq%3Dx%26page%3D2", "/incidents?q=x&page=2"),
    ],
)
def test_next_parameter_only_follows_same_site_paths(client, make_user, raw_next, expected):
    user, password = make_user()
    response = post_form(
        client,
        f"/auth/login?next={raw_next}",
        {"email": user.email, "password": password},
        token_from="/auth/login",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_one_time_password_must_be_changed_before_anything_else(client, make_user, session):
    user, password = make_user("admin", must_change=True)
    response = login(client, user.email, password)
    assert response.headers["Location"].endswith("/auth/password")
    assert client.get("/admin/users").headers["Location"].endswith("/auth/password")
    new = "violet tractor harbour 42"
    response = post_form(
        client,
        "/auth/password",
        {"current_password": password, "new_password": new, "confirm": new},
    )
    assert response.status_code == 302
    assert client.get("/admin/users").status_code == 200
    fresh(session)
    assert session.get(User, user.id).must_change_password is False
    assert "password_changed" in actions(session)


def test_deactivated_users_open_session_ends_at_next_request(client, signed_in, session):
    user, _ = signed_in("caseworker")
    assert client.get("/home").status_code == 200
    db_user = session.get(User, user.id)
    db_user.active = False
    session.commit()
    response = client.get("/home")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_deactivated_user_cannot_sign_in(client, make_user):
    user, password = make_user(active=False)
    html = login(client, user.email, password).get_data(as_text=True)
    assert "Incorrect email or password." in html


def _age_session(session, user, **delta):
    """Move the server-side session's clock back (the cookie holds no times any more)."""
    from datetime import timedelta

    from incidents.models import UserSession

    row = fresh(session).exec(select(UserSession).where(UserSession.user_id == user.id)).one()
    row.created_at -= timedelta(**delta.get("created", {}))
    row.last_seen_at -= timedelta(**delta.get("seen", {}))
    session.commit()


def test_idle_session_expires(client, signed_in, app, session):
    user, _ = signed_in("lawyer")
    _age_session(session, user, seen={"minutes": app.config["SESSION_IDLE_MINUTES"] + 1})
    response = client.get("/home", follow_redirects=True)
    assert "Your session has expired" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302


def test_absolute_session_limit(client, signed_in, app, session):
    user, _ = signed_in("lawyer")
    _age_session(session, user, created={"hours": app.config["SESSION_MAX_HOURS"], "seconds": 5})
    assert client.get("/home").status_code == 302


def test_password_change_signs_out_other_sessions(app, make_user):
    user, password = make_user("caseworker")
    first, second = app.test_client(), app.test_client()
    login(first, user.email, password)
    login(second, user.email, password)
    new = "granite lantern mosaic 77"
    post_form(
        first, "/auth/password", {"current_password": password, "new_password": new, "confirm": new}
    )
    assert first.get("/home").status_code == 200
    assert second.get("/home").status_code == 302
