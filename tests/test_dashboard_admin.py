"""The administrators' home page: accounts, failed sign-ins, the audit chain and the stored
evidence — all of their own organization."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text as sql
from sqlmodel import select

from incidents.dashboard import admin_panels
from incidents.models import AuditEvent, EvidenceFile, Organization
from tests.conftest import fresh, login, post_form
from tests.dashboard_helpers import heading_count, section, text


def _admin(client, make_user, **kwargs):
    admin, password = make_user("admin", **kwargs)
    assert login(client, admin.email, password).status_code == 302
    return admin


def test_accounts_per_role_and_who_has_something_to_do(client, session, make_user):
    admin = _admin(client, make_user)
    made = {"caseworker": 3, "lawyer": 2, "researcher": 1}
    lawyers = []
    for role, n in made.items():
        for _ in range(n):
            user, _ = make_user(role)
            lawyers += [user] if role == "lawyer" else []
    newcomer, _ = make_user("caseworker", must_change=True, display_name="Nina Newcomer")
    make_user("caseworker", active=False)
    make_user("lawyer", org="Other Legal Aid")
    fresh(session).get(Organization, admin.organization_id).second_factor = "admins_lawyers"
    session.get(type(admin), admin.id).totp_enabled_at = datetime.now(UTC)  # the admin has one
    session.commit()
    panel = text(section(client.get("/home").get_data(as_text=True), "accounts-heading"))

    assert f"Caseworker {made['caseworker'] + 1} 1" in panel  # the newcomer is active
    assert f"Lawyer {made['lawyer']} 0" in panel and "Administrator 1 0" in panel
    assert "Must change their password (1) Nina Newcomer" in panel
    missing = panel.split("Without the second factor")[1]
    assert f"({len(lawyers)})" in missing
    for lawyer in lawyers:
        assert lawyer.display_name in missing
    assert newcomer.display_name not in missing  # caseworkers need none under this rule


def test_failed_sign_ins_of_the_organizations_accounts_only(app, client, session, make_user):
    _admin(client, make_user)
    target, _ = make_user("caseworker", display_name="Tom Target")
    outsider, _ = make_user("caseworker", org="Other Legal Aid")
    other = app.test_client()
    for email in (target.email, target.email.upper(), outsider.email, "nobody@example.org"):
        assert login(other, email, "wrong-password-123").status_code == 200
    page = client.get("/home").get_data(as_text=True)
    panel = section(page, "failures-heading")
    assert heading_count(page, "failures-heading") == 2
    assert "Tom Target" in panel and ">2<" in panel
    assert outsider.display_name not in panel and "127.0.0.1" not in page


def test_a_short_audit_chain_is_verified_on_the_page_and_a_broken_one_says_so(
    client, session, make_user
):
    _admin(client, make_user)
    panel = text(section(client.get("/home").get_data(as_text=True), "chain-heading"))
    assert "Intact" in panel and "verified just now" in panel
    assert "Verify the chain now" not in panel
    first = fresh(session).exec(select(AuditEvent).order_by(AuditEvent.seq)).first()
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sql("DROP TRIGGER audit_events_no_update"))
    else:
        session.execute(sql("ALTER TABLE audit_events DISABLE TRIGGER USER"))
    session.execute(
        sql("UPDATE audit_events SET action = 'logout' WHERE id = :id"), {"id": first.id}
    )
    session.commit()
    panel = text(section(client.get("/home").get_data(as_text=True), "chain-heading"))
    assert "BROKEN" in panel and "Intact" not in panel


def test_a_long_chain_shows_the_last_verification_and_offers_a_button(
    client, session, make_user, monkeypatch
):
    monkeypatch.setattr(admin_panels, "VERIFY_INLINE", 0)
    _admin(client, make_user)
    panel = text(section(client.get("/home").get_data(as_text=True), "chain-heading"))
    assert "has not been verified yet" in panel and "Verify the chain now" in panel
    answer = post_form(client, "/home/verify-audit", token_from="/home", follow_redirects=True)
    page = answer.get_data(as_text=True)
    assert "chain holds" in page
    assert "Intact" in text(section(page, "chain-heading"))
    assert "when last verified" in text(section(page, "chain-heading"))
    verified = select(AuditEvent).where(AuditEvent.action == "audit_verified")
    assert fresh(session).exec(verified).one().details == '{"ok":true}'  # nothing more


def test_evidence_integrity_counts_and_the_oldest_verification(client, session, make_user):
    admin = _admin(client, make_user)
    outsider, _ = make_user("caseworker", org="Other Legal Aid")
    oldest = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    states = [("ok", oldest), ("ok", oldest + timedelta(days=3)), ("altered", None)]
    states += [("missing", oldest + timedelta(days=1))]
    for n, (state, verified) in enumerate(states):
        session.add(_file(admin.organization_id, n, state, verified))
    session.add(_file(outsider.organization_id, 99, "missing", oldest - timedelta(days=9)))
    session.commit()
    panel = text(section(client.get("/home").get_data(as_text=True), "integrity-heading"))
    assert "Intact 2 Altered 1 Missing 1 Never re-hashed 1" in panel
    assert "Oldest verification 2025-01-02 03:04:05 UTC" in panel


def _file(organization_id, n, state, verified):
    return EvidenceFile(
        organization_id=organization_id,
        sha256=f"{n:064x}",
        size_bytes=10,
        media_type="application/pdf",
        stored_name=f"x/{n}",
        integrity=state,
        last_verified_at=verified,
    )
