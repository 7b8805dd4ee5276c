"""Administrators manage their organization's accounts; nobody else can."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from incidents.models import AuditEvent, User
from tests.conftest import fresh, login, post_form

PASSWORD_RE = re.compile(r'id="one-time-password">([^<]+)<')


def create_account(client, email, role, name="New Person"):
    return post_form(
        client, "/admin/users/new", {"email": email, "display_name": name, "role": role}
    )


@pytest.mark.parametrize("role", ["admin", "caseworker", "lawyer", "researcher"])
def test_admin_creates_an_account_of_each_role_which_can_then_sign_in(
    app, client, signed_in, role, session
):
    signed_in("admin")
    response = create_account(client, f"new.{role}@example.org", role)
    assert response.status_code == 200
    issued = PASSWORD_RE.search(response.get_data(as_text=True)).group(1)
    other = app.test_client()
    response = login(other, f"NEW.{role}@example.org", issued)
    assert response.headers["Location"].endswith("/auth/password")  # must change it first
    user = fresh(session).exec(select(User).where(User.email == f"new.{role}@example.org")).one()
    assert user.role == role and user.must_change_password
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "user_created")).one()
    assert event.object_id == str(user.id) and event.details == f'{{"role":"{role}"}}'


def test_duplicate_email_is_a_field_error(client, signed_in, make_user):
    signed_in("admin")
    existing, _ = make_user("lawyer")
    response = create_account(client, existing.email, "lawyer")
    assert response.status_code == 400
    assert "Your organization already has an account" in response.get_data(as_text=True)


def test_admins_cannot_probe_other_organizations(client, signed_in, make_user, runner):
    """Names, prefixes and email addresses are unique across the installation, but the messages
    never say that another organization holds one or has an account."""
    signed_in("admin")
    elsewhere, _ = make_user("lawyer", org="Riverside Defenders")
    taken = create_account(client, elsewhere.email, "lawyer").get_data(as_text=True)
    assert "cannot be used for a new account" in taken
    assert "Riverside" not in taken and "already" not in taken and "exists" not in taken
    runner.invoke(args=["create-org", "Hidden Clinic", "--code", "HIDN"])
    for form, word in (
        ({"name": "Hidden Clinic", "code": "ZZZ"}, "name"),
        ({"name": "Ours", "code": "HIDN"}, "prefix"),
    ):
        html = post_form(client, "/admin/organization", form).get_data(as_text=True)
        assert f"This {word} cannot be used; choose another." in html, word
        assert "Another organization" not in html and "already" not in html


def test_missing_role_and_bad_email_are_field_errors(client, signed_in):
    signed_in("admin")
    response = post_form(
        client, "/admin/users/new", {"email": "nope", "display_name": "", "role": ""}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="email-error"' in html and 'id="role-error"' in html
    assert 'id="display_name-error"' in html


def test_admin_changes_role_and_deactivates(client, signed_in, make_user, session):
    signed_in("admin")
    target, _ = make_user("caseworker")
    response = post_form(
        client, f"/admin/users/{target.id}", {"display_name": "Renamed", "role": "lawyer"}
    )  # active unchecked
    assert response.status_code == 302
    user = fresh(session).get(User, target.id)
    assert (user.role, user.active, user.display_name) == ("lawyer", False, "Renamed")
    actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.seq)).all()]
    assert {"user_role_changed", "user_deactivated", "user_updated"} <= set(actions)
    changed = session.exec(select(AuditEvent).where(AuditEvent.action == "user_role_changed")).one()
    assert changed.details == '{"from":"caseworker","to":"lawyer"}'
    assert "Renamed" not in "".join(e.details for e in session.exec(select(AuditEvent)).all())


def test_admin_cannot_lock_themselves_out(client, signed_in, session):
    admin, _ = signed_in("admin")
    response = post_form(
        client,
        f"/admin/users/{admin.id}",
        {"display_name": "Me", "role": "caseworker", "active": "y"},
    )
    assert response.status_code == 400  # said in the summary at the top of the form
    summary = response.get_data(as_text=True).split('id="error-summary"')[1].split("</div>")[0]
    assert "<li>You cannot remove your own administrator access" in summary
    assert fresh(session).get(User, admin.id).role == "admin"


def test_reset_password_issues_a_new_one_time_password(app, client, signed_in, make_user):
    signed_in("admin")
    target, old = make_user("lawyer")
    victim = app.test_client()
    login(victim, target.email, old)
    response = post_form(
        client, f"/admin/users/{target.id}/reset-password", token_from=f"/admin/users/{target.id}"
    )
    issued = PASSWORD_RE.search(response.get_data(as_text=True)).group(1)
    assert victim.get("/home").status_code == 302  # their open session ended
    assert login(app.test_client(), target.email, old).status_code == 200  # old one refused
    fresh_client = app.test_client()
    assert login(fresh_client, target.email, issued).headers["Location"].endswith("/auth/password")


def test_admin_cannot_see_or_edit_accounts_of_another_organization(client, signed_in, make_user):
    signed_in("admin", org="Org A")
    outsider, _ = make_user("caseworker", org="Org B", display_name="Outside Person")
    assert "Outside Person" not in client.get("/admin/users").get_data(as_text=True)
    assert client.get(f"/admin/users/{outsider.id}").status_code == 404
    response = post_form(
        client, f"/admin/users/{outsider.id}/reset-password", token_from="/admin/users"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["caseworker", "lawyer", "researcher"])
def test_other_roles_get_403_on_admin_pages(client, signed_in, role):
    signed_in(role)
    for path in ("/admin/users", "/admin/users/new", "/admin/audit", "/admin/organization"):
        response = client.get(path)
        assert response.status_code == 403
        assert "Not allowed" in response.get_data(as_text=True)


def test_admin_renames_the_organization(client, signed_in):
    signed_in("admin")
    response = post_form(
        client, "/admin/organization", {"name": "Harbor Legal Aid"}, follow_redirects=True
    )
    assert 'value="Harbor Legal Aid"' in response.get_data(as_text=True)
