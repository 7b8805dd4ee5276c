"""Command-line tools: one-line errors, first run, demo accounts."""

from __future__ import annotations

import re

from sqlmodel import select

from incidents.models import Organization, User
from tests.conftest import fresh, login


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_create_org_and_user_with_password_from_stdin(runner, app, session):
    assert runner.invoke(args=["create-org", "River Legal Aid"]).exit_code == 0
    result = runner.invoke(
        args=[
            "create-user",
            "lee2@example.org",
            "--role",
            "lawyer",
            "--org",
            "River Legal Aid",
            "--password-stdin",
        ],
        input="copper kettle winter 1987\n",
    )
    assert result.exit_code == 0, result.output
    assert "copper" not in result.output
    response = login(app.test_client(), "lee2@example.org", "copper kettle winter 1987")
    assert response.headers["Location"].endswith("/home")  # no forced change


def test_create_user_without_password_prints_a_one_time_password(runner, app):
    runner.invoke(args=["create-org", "River Legal Aid"])
    result = runner.invoke(
        args=["create-user", "sam@example.org", "--role", "caseworker", "--org", "River Legal Aid"]
    )
    issued = re.search(r"One-time password .*: (\S+)", result.output).group(1)
    response = login(app.test_client(), "sam@example.org", issued)
    assert response.headers["Location"].endswith("/auth/password")


def test_bad_cli_input_is_one_line_and_non_zero(runner):
    runner.invoke(args=["create-org", "River Legal Aid"])
    cases = [
        ["create-user", "x@example.org", "--role", "boss", "--org", "River Legal Aid"],
        ["create-user", "not-an-email", "--role", "lawyer", "--org", "River Legal Aid"],
        ["create-user", "x@example.org", "--role", "lawyer", "--org", "Nowhere"],
        ["create-user"],
        ["create-org", "River Legal Aid"],
        ["reset-password", "ghost@example.org"],
    ]
    for args in cases:
        result = runner.invoke(args=args)
        assert result.exit_code != 0, args
        assert len(lines(result.output)) == 1, (args, result.output)
        assert result.output.startswith("Error: ")
        assert "Traceback" not in result.output


def test_weak_password_from_stdin_is_refused(runner):
    runner.invoke(args=["create-org", "River Legal Aid"])
    result = runner.invoke(
        args=[
            "create-user",
            "x@example.org",
            "--role",
            "lawyer",
            "--org",
            "River Legal Aid",
            "--password-stdin",
        ],
        input="password123\n",
    )
    assert result.exit_code != 0 and "at least 12 characters" in result.output


def test_bootstrap_creates_the_first_admin_once(runner, app, session):
    first = runner.invoke(args=["bootstrap"])
    assert first.exit_code == 0
    issued = re.search(r"One-time password:\s+(\S+)", first.output).group(1)
    second = runner.invoke(args=["bootstrap"])
    assert "nothing to do" in second.output and issued not in second.output
    admins = fresh(session).exec(select(User).where(User.role == "admin")).all()
    assert len(admins) == 1 and admins[0].must_change_password
    response = login(app.test_client(), app.config["BOOTSTRAP_ADMIN_EMAIL"], issued)
    assert response.headers["Location"].endswith("/auth/password")


def test_seed_demo_creates_one_account_per_role_and_prints_passwords(runner, app, session):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    rows = re.findall(r"^\s+(\w+)\s+(\S+@\S+)\s+(\S+)$", result.output, re.M)
    assert sorted(role for role, _, _ in rows) == ["admin", "caseworker", "lawyer", "researcher"]
    for _, email, password in rows:
        assert login(app.test_client(), email, password).headers["Location"].endswith("/home")
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0
    assert fresh(session).exec(select(Organization)).all().__len__() == 1


def test_reset_password_command(runner, app, make_user):
    user, old = make_user("admin")
    result = runner.invoke(args=["reset-password", user.email])
    issued = result.output.rsplit(" ", 1)[1].strip()
    assert login(app.test_client(), user.email, old).status_code == 200
    assert login(app.test_client(), user.email, issued).status_code == 302
