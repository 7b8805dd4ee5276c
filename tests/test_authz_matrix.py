"""Every registered route by (anonymous and each role) against an explicit table of who may do
what. A route missing from the table fails the test: new routes must be added here on purpose."""

from __future__ import annotations

import pytest

from incidents.authz import ALL_ROLES, PUBLIC, access_of
from tests.conftest import csrf_token, login

ADMIN = frozenset({"admin"})
SIGNED_IN = frozenset(ALL_ROLES)
CASE_STAFF = frozenset({"admin", "caseworker", "lawyer"})
LAWYERS = frozenset({"admin", "lawyer"})

ACCESS = {
    "static": PUBLIC,
    "main.index": PUBLIC,
    "main.healthz": PUBLIC,
    "auth.login": PUBLIC,
    "auth.choose_language": PUBLIC,
    "main.home": SIGNED_IN,
    "dashboard.verify_audit": ADMIN,
    "auth.logout": SIGNED_IN,
    "auth.ping": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "auth.my_sessions": SIGNED_IN,
    "auth.second_step": PUBLIC,
    "auth.two_factor": SIGNED_IN,
    "auth.end_session": SIGNED_IN,
    "auth.end_other_sessions": SIGNED_IN,
    "admin.users": ADMIN,
    "admin.new_user": ADMIN,
    "admin.edit_user": ADMIN,
    "admin.reset_password": ADMIN,
    "admin.end_user_sessions": ADMIN,
    "admin.reset_second_factor": ADMIN,
    "admin.withdraw_research_release": ADMIN,
    "admin.organization": ADMIN,
    "admin.audit": ADMIN,
    "admin.audit_export": ADMIN,
    "cases.list_incidents": CASE_STAFF,
    "cases.search_incidents": CASE_STAFF,
    "cases.clear_search": CASE_STAFF,
    "cases.new_incident": CASE_STAFF,
    "cases.show_incident": CASE_STAFF,
    "cases.edit_incident": CASE_STAFF,
    "cases.show_person": CASE_STAFF,
    "cases.archive_incident": ADMIN,
    "cases.archived_incidents": ADMIN,
    "cases.restore_incident": ADMIN,
    "claims.new_action": LAWYERS,
    "claims.edit_action": LAWYERS,
    "claims.archive_action": LAWYERS,
    "claims.new_deadline": LAWYERS,
    "claims.edit_deadline": LAWYERS,
    "claims.deadline_done": LAWYERS,
    "claims.remove_deadline": LAWYERS,
    "calendar.page": CASE_STAFF,
    "calendar.new_feed": CASE_STAFF,
    "calendar.revoke_feed": CASE_STAFF,
    "calendar.ics": PUBLIC,
    "cases.save_draft": CASE_STAFF,
    "cases.discard_draft": CASE_STAFF,
    "cases.review_move": CASE_STAFF,
    "cases.review_assign": CASE_STAFF,
    "cases.agencies": frozenset({"admin", "caseworker"}),
    "cases.edit_agency": frozenset({"admin", "caseworker"}),
    "evidence.upload": CASE_STAFF,
    "evidence.add_link": CASE_STAFF,
    "evidence.show": CASE_STAFF,
    "evidence.download": CASE_STAFF,
    "evidence.preview": CASE_STAFF,
    "evidence.thumbnail": CASE_STAFF,
    "evidence.edit": CASE_STAFF,
    "evidence.add_pin": CASE_STAFF,
    "evidence.remove_pin": CASE_STAFF,
    "evidence.redact": frozenset({"lawyer", "admin"}),
    "evidence.archive": ADMIN,
    "evidence.restore": ADMIN,
    "policies.library": SIGNED_IN,
    "policies.show": SIGNED_IN,
    "policies.new_policy": frozenset({"lawyer", "admin"}),
    "policies.edit_policy": frozenset({"lawyer", "admin"}),
    "policies.new_provision": frozenset({"lawyer", "admin"}),
    "policies.edit_provision": frozenset({"lawyer", "admin"}),
    "policies.copy_policy": frozenset({"lawyer", "admin"}),
    "cases.assess": frozenset({"lawyer", "admin"}),
    "dossier.download": CASE_STAFF,
    "dossier.generate_dossier": CASE_STAFF,
    "dossier.review_page": frozenset({"lawyer", "admin"}),
    "dossier.add_manual": frozenset({"lawyer", "admin"}),
    "dossier.restore": frozenset({"lawyer", "admin"}),
    "dossier.withdraw": frozenset({"lawyer", "admin"}),
    "dossier.sign_off": frozenset({"lawyer", "admin"}),
    "exports.page": frozenset({"researcher", "admin"}),
    "exports.download": frozenset({"researcher", "admin"}),
    "exports.start_job": frozenset({"researcher", "admin"}),
    "exports.dictionary": frozenset({"researcher", "admin"}),
    "imports.page": frozenset({"caseworker", "admin"}),
    "imports.upload": frozenset({"caseworker", "admin"}),
    "imports.confirm": frozenset({"caseworker", "admin"}),
    "imports.checked": frozenset({"caseworker", "admin"}),
    "imports.template": frozenset({"caseworker", "admin"}),
    "imports.column_guide": frozenset({"caseworker", "admin"}),
    "imports.upload_rows": frozenset({"caseworker", "admin"}),
    "imports.confirm_rows": frozenset({"caseworker", "admin"}),
    "imports.rows_template": frozenset({"caseworker", "admin"}),
    "records_requests.list_requests": CASE_STAFF,
    "records_requests.new_request": CASE_STAFF,
    "records_requests.show_request": CASE_STAFF,
    "records_requests.edit_request": CASE_STAFF,
    "records_requests.archive_request": ADMIN,
    "records_requests.restore_request": ADMIN,
    "records_requests.link_incident": CASE_STAFF,
    "records_requests.unlink_incident": CASE_STAFF,
    "records_requests.upload_records": CASE_STAFF,
    "records_requests.link_record": CASE_STAFF,
    "records_requests.unlink_record": CASE_STAFF,
    "jobs.list_jobs": CASE_STAFF | {"researcher"},  # a researcher: their research exports
    "jobs.show": CASE_STAFF | {"researcher"},
    "jobs.progress": CASE_STAFF | {"researcher"},
    "jobs.download": CASE_STAFF | {"researcher"},
    "dossier.start_bundle_job": CASE_STAFF,
    "evidence.start_verification_job": ADMIN,
}
PERSONAS = ["anonymous", *sorted(ALL_ROLES)]


def test_every_route_is_in_the_table_and_nothing_else(app):
    registered = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert registered == set(ACCESS), (
        f"routes missing from the table: {sorted(registered - set(ACCESS))}; "
        f"stale table entries: {sorted(set(ACCESS) - registered)}"
    )


def test_declarations_match_the_table(app):
    with app.test_request_context():
        for endpoint, expected in ACCESS.items():
            assert access_of(endpoint) == expected, endpoint


def _claims(session, incident) -> tuple[list[int], list[int]]:
    """Two legal actions and two entered deadlines of the incident (one of each is removed)."""
    from datetime import date

    from incidents.models import Deadline, LegalAction

    actions = [
        LegalAction(organization_id=incident.organization_id, incident_id=incident.id, kind=k)
        for k in ("ftca_admin_claim", "section_1983")
    ]
    deadlines = [
        Deadline(
            organization_id=incident.organization_id,
            incident_id=incident.id,
            kind="filing",
            due_on=date(2030, 1, 1),
            rule="Court order",
        )
        for _ in range(2)
    ]
    session.add_all(actions + deadlines)
    session.commit()
    return [a.id for a in actions], [d.id for d in deadlines]


def _requests(app, targets):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            yield rule, "GET", "/static/css/app.css"
            continue
        values = {
            arg: targets[(rule.endpoint, arg)] if (rule.endpoint, arg) in targets else targets[arg]
            for arg in rule.arguments
        }
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method, url


@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(app, make_user, make_incident, make_evidence, session, persona):
    from sqlmodel import select

    from incidents.models import Agency, IncidentPerson, Policy, Provision
    from incidents.policies.loader import load_library
    from incidents.policies.services import copy_policy
    from incidents.records import operations

    target, _ = make_user("caseworker", display_name="Target Person")
    with app.app_context():
        load_library(session=session)
    ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one()
    mine = Agency(
        organization_id=target.organization_id, code="own_pd", name="Own PD", level="local"
    )
    session.add(mine)
    session.commit()
    own_agency_id = mine.id
    incident = make_incident(target, agency_ids=[ice.id])
    provision = session.exec(
        select(Provision).where(Provision.key == "dhs-026-11:sole-basis")
    ).one()
    archived = make_incident(target)
    with app.test_request_context():
        operations.archive(session, actor=target, incident=archived, reason="Test")
        # the organization's own version: built-in entries are read-only for every role
        builtin = session.get(Policy, provision.policy_id)
        own = copy_policy(session=session, actor=target, policy=builtin)
    session.commit()
    provision = session.exec(select(Provision).where(Provision.policy_id == own.id)).first()
    person_id = session.exec(select(IncidentPerson.person_id)).first()
    item = make_evidence(target, incident)
    pins = [make_pin(session, item) for _ in range(len(PERSONAS) + 1)]
    actions, deadlines = _claims(session, incident)
    with app.test_request_context():
        from incidents.calendar import feed

        # the secret is the key (not the target user: the admin sweep ends its sessions)
        feed_token = feed.new_token(session=session, actor=make_user("lawyer")[0])
    records_request = make_records_request(app, session, target, incident)
    targets = {
        "user_id": target.id,
        "reference": incident.reference,
        "person_id": person_id,
        ("cases.restore_incident", "reference"): archived.reference,
        "evidence_id": item.id,
        "policy_id": provision.policy_id,
        "provision_id": provision.id,
        "pin_id": pins[PERSONAS.index(persona)],
        "session_id": 999_999,  # none: the persona's own session must survive the sweep
        "decision_id": 999_999,  # none: refused with a message
        "kind": "timeline",
        "agency_id": own_agency_id,
        "action_id": actions[0],
        ("claims.archive_action", "action_id"): actions[1],
        "deadline_id": deadlines[0],
        "token": feed_token,
        "key": "incident-new",
        ("claims.remove_deadline", "deadline_id"): deadlines[1],
        "request_id": records_request.id,
    }
    client = app.test_client()
    if persona != "anonymous":
        user, password = make_user(persona)
        assert login(client, user.email, password).status_code == 302
    # a job of the persona's own (an unfinished one: its result answers 410, not 404)
    targets["job_id"] = make_job(session, target if persona == "anonymous" else user)
    for rule, method, url in _requests(app, targets):
        expected = ACCESS[rule.endpoint]
        data = {"csrf_token": csrf_token(client)} if method == "POST" else None
        response = client.open(url, method=method, data=data)
        status = response.status_code
        where = f"{persona} {method} {url} -> {status}"
        if expected == PUBLIC or (persona != "anonymous" and persona in expected):
            assert status not in (401, 403, 404, 500), where
            assert "/auth/login?next" not in response.headers.get("Location", ""), where
        elif persona == "anonymous":
            if method == "GET":
                assert status == 302 and "/auth/login" in response.headers["Location"], where
            elif "GET" in rule.methods:  # a page's form: sign in, then the form again
                assert status in (303, 401), where
                assert status == 401 or "/auth/login" in response.headers["Location"], where
            else:
                assert status == 401, where
        else:
            assert status == 403, where
        if rule.endpoint == "auth.logout" and status == 302 and persona != "anonymous":
            assert login(client, user.email, password).status_code == 302


def make_pin(session, item):
    from sqlmodel import select

    from incidents.models import EvidencePin, FrtUse

    frt_use = session.exec(select(FrtUse).where(FrtUse.incident_id == item.incident_id)).first()
    pin = EvidencePin(evidence_id=item.id, frt_use_id=frt_use.id)
    session.add(pin)
    session.commit()
    return pin.id


def make_job(session, user):
    from incidents.models import Job

    kind = "research_export" if user.role == "researcher" else "dossier_bundle"
    job = Job(organization_id=user.organization_id, started_by_id=user.id, kind=kind)
    session.add(job)
    session.commit()
    return job.id


def make_records_request(app, session, actor, incident):
    from datetime import date

    from incidents.records_requests.services import RequestDetails, create_request

    details = RequestDetails(
        kind="foia",
        agency_id=None,
        component=None,
        subject=None,
        sent_on=date(2026, 1, 5),
        received_on=None,
        tracking_number=None,
        extension_days=0,
        due_on=None,
        due_rule=None,
        status="sent",
        status_on=None,
        fees=None,
        notes=None,
    )
    with app.test_request_context():
        return create_request(session=session, actor=actor, details=details, incidents=[incident])


def test_an_undeclared_route_is_refused_even_to_admins(
    app_config, make_user, monkeypatch, tmp_path, app
):
    from incidents import create_app

    application = create_app(app_config)
    application.add_url_rule("/forgotten", "forgotten", lambda: "secret data")
    admin, password = make_user("admin")
    client = application.test_client()
    login(client, admin.email, password)
    response = client.get("/forgotten")
    assert response.status_code == 403
    assert "secret data" not in response.get_data(as_text=True)
    assert application.test_client().get("/forgotten").status_code == 403
    application.extensions["db_engine"].dispose()
