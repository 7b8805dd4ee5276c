"""Login throttling kept in the database: per account and per client address."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from incidents.models import AuditEvent, LoginAttempt
from tests.conftest import fresh, login

GENERIC = "Incorrect email or password."


def fail_times(client, email, n):
    for _ in range(n):
        assert GENERIC in login(client, email, "wrong-password-123").get_data(as_text=True)


def test_account_is_locked_after_repeated_failures_with_the_generic_message(
    client, make_user, app, session
):
    user, password = make_user()
    fail_times(client, user.email, app.config["LOGIN_MAX_FAILURES_ACCOUNT"])
    response = login(client, user.email, password)  # the right password, but locked
    assert response.status_code == 200
    assert GENERIC in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302
    fresh(session)
    last = session.exec(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert last.action == "login_failure" and last.details == '{"reason":"throttled"}'
    # no email is stored with the attempts
    keys = session.exec(select(LoginAttempt.account_key)).all()
    assert all(user.email not in k and len(k) == 64 for k in keys)


def test_lock_lifts_after_the_cooling_off_period(client, make_user, app, session):
    user, password = make_user()
    fail_times(client, user.email, app.config["LOGIN_MAX_FAILURES_ACCOUNT"])
    assert GENERIC in login(client, user.email, password).get_data(as_text=True)
    # the cooling-off period passes: move every recorded attempt back in time
    past = timedelta(minutes=app.config["LOGIN_LOCKOUT_MINUTES"] + 1)
    for attempt in fresh(session).exec(select(LoginAttempt)).all():
        attempt.attempted_at -= past
    session.commit()
    assert login(client, user.email, password).status_code == 302


def test_lock_survives_a_new_app_process(app_config, make_user, app, monkeypatch, tmp_path):
    """The counter is in the database, so a restarted server still refuses."""
    from incidents import create_app

    user, password = make_user()
    fail_times(app.test_client(), user.email, app.config["LOGIN_MAX_FAILURES_ACCOUNT"])
    restarted = create_app(app_config)
    assert GENERIC in login(restarted.test_client(), user.email, password).get_data(as_text=True)
    restarted.extensions["db_engine"].dispose()


def test_client_address_is_throttled_across_accounts(app_config, make_user, monkeypatch, tmp_path):
    from incidents import create_app

    app_config.update(LOGIN_MAX_FAILURES_ADDRESS=4, LOGIN_MAX_FAILURES_ACCOUNT=100)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app(app_config)
    from sqlmodel import SQLModel

    SQLModel.metadata.create_all(application.extensions["db_engine"])
    client = application.test_client()
    for n in range(4):
        login(client, f"guess{n}@example.org", "wrong-password-123")
    with application.app_context():
        from incidents.db import get_session
        from tests.factories import create_user

        user, password = create_user(get_session())
    assert GENERIC in login(client, user.email, password).get_data(as_text=True)
    other = application.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert login(other, user.email, password).status_code == 302
    application.extensions["db_engine"].dispose()


def test_success_resets_the_account_counter(app, make_user):
    user, password = make_user()
    limit = app.config["LOGIN_MAX_FAILURES_ACCOUNT"]
    fail_times(app.test_client(), user.email, limit - 1)
    assert login(app.test_client(), user.email, password).status_code == 302
    fail_times(app.test_client(), user.email, limit - 1)
    assert login(app.test_client(), user.email, password).status_code == 302
