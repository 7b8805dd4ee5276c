"""Sign-in sessions live on the server: a copied cookie stops working when its session ends
(sign-out, deactivation, password change or reset, the user's own "end", an administrator's
"end all"); each user sees where they are signed in; the search text is not in the cookie."""

from __future__ import annotations

from sqlmodel import select

from incidents.models import AuditEvent, User, UserSession
from tests.conftest import fresh, login, logout, post_form

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari"
COOKIE = "incidents_session"


def copy_of(app, client):
    """Another browser holding a copy of this client's cookie."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return thief


def signed_out(client) -> bool:
    response = client.get("/home")
    return response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_copied_cookie_dies_with_sign_out(app, client, make_user):
    user, password = make_user("caseworker")
    login(client, user.email, password)
    thief = copy_of(app, client)
    assert thief.get("/home").status_code == 200
    logout(client)
    assert signed_out(thief)


def test_deactivation_ends_sessions_for_good(app, client, signed_in, make_user, session):
    target, password = make_user("caseworker")
    theirs = app.test_client()
    login(theirs, target.email, password)
    kept = copy_of(app, theirs)
    signed_in("admin")
    form = {"display_name": target.display_name, "role": "caseworker"}
    post_form(client, f"/admin/users/{target.id}", form)  # unticked "active"
    assert fresh(session).get(User, target.id).active is False
    post_form(client, f"/admin/users/{target.id}", {**form, "active": "y"})
    assert fresh(session).get(User, target.id).active is True
    assert signed_out(theirs) and signed_out(kept)  # reactivation revives no old cookie
    assert login(theirs, target.email, password).status_code == 302


def test_users_see_and_end_their_sessions(app, make_user, session):
    user, password = make_user("lawyer")
    laptop, phone = app.test_client(), app.test_client()
    laptop.environ_base["HTTP_USER_AGENT"] = FIREFOX_WINDOWS
    phone.environ_base["HTTP_USER_AGENT"] = CHROME_ANDROID
    login(laptop, user.email, password)
    login(phone, user.email, password)
    page = laptop.get("/auth/sessions").get_data(as_text=True)
    assert "Firefox on Windows" in page and "(this device)" in page
    assert "Chrome on Android" in page
    rows = fresh(session).exec(select(UserSession).where(UserSession.user_id == user.id)).all()
    other = next(row for row in rows if row.device == "Chrome on Android")
    ended = post_form(laptop, f"/auth/sessions/{other.id}/end", {}, token_from="/auth/sessions")
    assert ended.status_code == 302 and signed_out(phone)
    assert laptop.get("/home").status_code == 200
    assert fresh(session).get(UserSession, other.id).end_reason == "ended by the user"
    login(phone, user.email, password)
    post_form(laptop, "/auth/sessions/end-others", {}, token_from="/auth/sessions")
    assert signed_out(phone) and laptop.get("/home").status_code == 200
    stranger, stranger_password = make_user("lawyer")
    intruder = app.test_client()
    login(intruder, stranger.email, stranger_password)
    mine = next(row for row in rows if row.device == "Firefox on Windows")
    post_form(intruder, f"/auth/sessions/{mine.id}/end", {}, token_from="/auth/sessions")
    assert laptop.get("/home").status_code == 200  # nobody ends another user's session


def test_an_administrator_ends_every_session_of_an_account(app, client, signed_in, make_user):
    target, password = make_user("caseworker")
    theirs = app.test_client()
    login(theirs, target.email, password)
    signed_in("admin")
    page = client.get(f"/admin/users/{target.id}").get_data(as_text=True)
    assert "End all sessions" in page
    post_form(
        client, f"/admin/users/{target.id}/end-sessions", {}, token_from=f"/admin/users/{target.id}"
    )
    assert signed_out(theirs)
    assert client.get("/home").status_code == 200  # the administrator's own session stays


def test_password_reset_ends_sessions(app, client, signed_in, make_user, session):
    target, password = make_user("caseworker")
    theirs = app.test_client()
    login(theirs, target.email, password)
    signed_in("admin")
    post_form(
        client,
        f"/admin/users/{target.id}/reset-password",
        {},
        token_from=f"/admin/users/{target.id}",
    )
    assert signed_out(theirs)
    row = fresh(session).exec(select(UserSession).where(UserSession.user_id == target.id)).one()
    assert row.end_reason == "password reset by an administrator"


def test_the_search_text_is_kept_on_the_server_not_in_the_cookie(
    app, client, signed_in, make_incident, session
):
    user, _ = signed_in("caseworker")
    make_incident(user)
    term = "Quetzalcoatl"
    post_form(client, "/incidents/search", {"q": term}, token_from="/incidents")
    assert term in client.get("/incidents?search=1").get_data(as_text=True)  # the search box
    raw = client.get_cookie(COOKIE).value
    decoded = app.session_interface.get_signing_serializer(app).loads(raw)
    assert term not in raw and term not in str(decoded)
    row = fresh(session).exec(select(UserSession).where(UserSession.user_id == user.id)).one()
    assert row.search_text == term
    logout(client)
    assert fresh(session).get(UserSession, row.id).search_text is None  # forgotten
    events = fresh(session).exec(select(AuditEvent.details)).all()
    assert not any(term in (details or "") for details in events)
