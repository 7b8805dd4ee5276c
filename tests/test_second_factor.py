"""Second factor (TOTP app + recovery codes): set-up, the second step of signing in (throttled
with the password), recovery codes used once, the organization's rule, an administrator's
reset — and a password alone never signs in an account that has one."""

from __future__ import annotations

import re
import time

import pyotp
from sqlmodel import select

from incidents.models import AuditEvent, Organization, User
from tests.conftest import csrf_token, fresh, login, post_form


def enrol(client) -> tuple[str, list[str]]:
    """Set up the app through the page; returns the secret and the recovery codes."""
    page = client.get("/auth/two-factor").get_data(as_text=True)
    assert "<svg" in page  # the QR code, inline
    secret = re.search(r'id="totp-key">([A-Z2-7]+)<', page).group(1)
    done = post_form(client, "/auth/two-factor", {"code": pyotp.TOTP(secret).now()})
    html = done.get_data(as_text=True)
    assert done.status_code == 200 and "not shown again" in html
    codes = re.findall(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>", html)
    assert len(codes) == 10
    return secret, codes


def second_step(client, code):
    return post_form(client, "/auth/second-step", {"code": code})


def test_set_up_then_sign_in_with_the_app_or_a_recovery_code_once(app, client, make_user, session):
    user, password = make_user("lawyer")
    login(client, user.email, password)
    wrong = post_form(client, "/auth/two-factor", {"code": "000000"})
    assert wrong.status_code == 400 and "does not match" in wrong.get_data(as_text=True)
    secret, codes = enrol(client)
    assert fresh(session).get(User, user.id).totp_enabled_at is not None
    stored = fresh(session).get(User, user.id)
    assert all(code not in str(vars(stored)) for code in codes)  # stored hashed only
    assert secret not in stored.totp_secret  # sealed with a key that is not in the database

    other = app.test_client()
    first = login(other, user.email, password)
    assert first.headers["Location"].endswith("/auth/second-step")
    assert other.get("/home").status_code == 302  # the password alone signs nobody in
    assert second_step(other, "123456").status_code == 400
    code = pyotp.TOTP(secret).at(time.time() + 30)  # the next step's code (accepted early)
    done = second_step(other, code)
    assert done.status_code == 302 and other.get("/home").status_code == 200
    replay = app.test_client()
    login(replay, user.email, password)
    assert second_step(replay, code).status_code == 400  # a code signs in once

    third = app.test_client()
    login(third, user.email, password)
    assert second_step(third, codes[0]).status_code == 302
    again = app.test_client()
    login(again, user.email, password)
    assert second_step(again, codes[0]).status_code == 400  # each recovery code works once
    actions = [e.action for e in fresh(session).exec(select(AuditEvent)).all()]
    assert "second_factor_enabled" in actions and "login_password_accepted" in actions


def test_the_second_step_is_throttled_with_the_password(app, make_user):
    user, password = make_user("caseworker")
    client = app.test_client()
    login(client, user.email, password)
    secret, _ = enrol(client)
    attacker = app.test_client()
    limit = app.config["LOGIN_MAX_FAILURES_ACCOUNT"]
    for _ in range(limit):
        login(attacker, user.email, password)  # knows the password; guesses codes
        second_step(attacker, "000000")
    login(attacker, user.email, password)
    refused = second_step(attacker, pyotp.TOTP(secret).now())  # even the right code now
    assert refused.status_code == 400 and attacker.get("/home").status_code == 302


def test_the_organization_can_require_it_and_an_admin_can_reset_it(
    app, client, signed_in, make_user, session
):
    admin, _ = signed_in("admin")
    organization = fresh(session).get(Organization, admin.organization_id)
    form = {"name": organization.name, "code": organization.code, "second_factor": "everyone"}
    assert post_form(client, "/admin/organization", form).status_code == 302
    assert client.get("/incidents").headers["Location"].endswith("/auth/two-factor")
    user, password = make_user("caseworker")
    theirs = app.test_client()
    login(theirs, user.email, password)
    assert theirs.get("/incidents").headers["Location"].endswith("/auth/two-factor")
    enrol(theirs)
    assert theirs.get("/incidents").status_code == 200
    page = theirs.get("/auth/two-factor").get_data(as_text=True)
    assert "cannot be turned off" in page and "Turn off the second factor" not in page

    enrol(client)  # the administrator sets up theirs too
    post_form(
        client,
        f"/admin/users/{user.id}/reset-second-factor",
        {},
        token_from=f"/admin/users/{user.id}",
    )
    assert theirs.get("/home").status_code == 302  # signed out
    assert fresh(session).get(User, user.id).totp_enabled_at is None
    login(theirs, user.email, password)  # the password signs in; set-up comes first again
    assert theirs.get("/incidents").headers["Location"].endswith("/auth/two-factor")
    actions = [e.action for e in fresh(session).exec(select(AuditEvent)).all()]
    assert "user_second_factor_reset" in actions and "second_factor_rule_changed" in actions


def test_the_second_step_expires_and_needs_a_password_first(app, client, make_user):
    assert client.get("/auth/second-step").headers["Location"].endswith("/auth/login")
    token = csrf_token(client)
    refused = client.post("/auth/second-step", data={"code": "123456", "csrf_token": token})
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/auth/login")


def test_a_signed_in_session_cannot_guess_codes_to_turn_it_off(app, client, make_user, session):
    """Turning the second factor off or renewing recovery codes needs a current code; wrong
    codes count toward the lockout and are audited."""
    user, password = make_user("caseworker")
    login(client, user.email, password)
    secret, _ = enrol(client)
    for _ in range(app.config["LOGIN_MAX_FAILURES_ACCOUNT"]):
        wrong = post_form(client, "/auth/two-factor", {"code": "000000", "action": "disable"})
        assert wrong.status_code == 400
    right = pyotp.TOTP(secret).at(time.time() + 30)
    locked = post_form(client, "/auth/two-factor", {"code": right, "action": "disable"})
    assert locked.status_code == 400 and "Too many wrong codes" in locked.get_data(as_text=True)
    assert fresh(session).get(User, user.id).totp_enabled_at is not None
    actions = [e.action for e in fresh(session).exec(select(AuditEvent)).all()]
    assert actions.count("second_factor_code_refused") == app.config["LOGIN_MAX_FAILURES_ACCOUNT"]


def test_recovery_codes_are_keyed_hashes(app, client, make_user, session):
    """A copy of the database alone cannot test guesses: the hash is keyed."""
    import hashlib

    from incidents.models import RecoveryCode

    user, password = make_user("caseworker")
    login(client, user.email, password)
    _, codes = enrol(client)
    stored = {r.code_hash for r in fresh(session).exec(select(RecoveryCode)).all()}
    plain = {hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes}
    assert len(stored) == 10 and not stored & plain


def test_codes_in_other_scripts_and_two_requests_at_once(app, client, make_user, session):
    """Non-ASCII digits are a wrong code (not a 500); a code claimed by one request is refused
    to a second request that loaded the user before the claim."""
    from sqlmodel import Session

    from incidents.auth import second_factor

    user, password = make_user("caseworker")
    login(client, user.email, password)
    secret, _ = enrol(client)
    for odd in ("\u0661\u0662\u0663\u0664\u0665\u0666", "\u00b9\u00b2\u00b3\u2074\u2075\u2076"):
        page = post_form(client, "/auth/two-factor", {"code": odd})
        assert page.status_code == 400, odd
        other = app.test_client()
        login(other, user.email, password)
        assert second_step(other, odd).status_code == 400
    engine = app.extensions["db_engine"].execution_options(sqlite_begin="DEFERRED")
    code = pyotp.TOTP(secret).at(time.time() + 30)
    with (
        app.app_context(),
        Session(engine, expire_on_commit=False) as first,
        Session(engine, expire_on_commit=False) as second,
    ):
        one, two = first.get(User, user.id), second.get(User, user.id)  # both before the claim
        first.commit()
        second.commit()
        assert second_factor._code_ok(one.totp_secret, code, one)
        first.commit()
        assert not second_factor._code_ok(two.totp_secret, code, two)
        second.commit()
