"""The audit trail as an administrator reads it: sentences instead of codes, references and
names with links, details in words, filters, chain status; only their own organization's."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event, text
from sqlmodel import select

from incidents.cases import services as case_services
from incidents.models import AuditEvent, IncidentPerson, Person
from incidents.review import services as review_services
from tests.conftest import fresh, login, post_form
from tests.factories import jpeg_bytes


def rows_of(html: str) -> str:
    """The table body of the trail page."""
    return html.split("<tbody>")[1].split("</tbody>")[0]


def top_of(html: str) -> str:
    """What the trail page says above its filters."""
    return html.split("<h1>Audit trail</h1>")[1].split('class="filters"')[0]


@pytest.fixture
def team(app, make_user, make_incident, make_evidence, session):
    """An organization's staff and two cases: one verified by the lawyer, one archived; the
    caseworker viewed the case, its person and its evidence; the lawyer downloaded the full
    dossier. Returns a namespace; the admin is not signed in anywhere yet."""
    from types import SimpleNamespace

    admin, admin_password = make_user("admin", display_name="Ada Admin")
    lawyer, lawyer_password = make_user("lawyer", display_name="Lena Lawyer")
    caseworker, password = make_user("caseworker", display_name="Carl Caseworker")
    case = make_incident(caseworker)
    archived = make_incident(caseworker)
    item = make_evidence(caseworker, case)
    person_id = session.exec(
        select(IncidentPerson.person_id).where(IncidentPerson.incident_id == case.id)
    ).first()
    browser = app.test_client()
    login(browser, caseworker.email, password)
    browser.get(f"/incidents/{case.reference}")
    browser.get(f"/people/{person_id}")
    browser.get(f"/evidence/{item.id}")
    fresh(session)  # a write must not follow a stale read snapshot (SQLite)
    with app.test_request_context():
        for actor, move in ((caseworker, "submitted"), (lawyer, "verified")):
            review_services.move_incident(
                session=session, actor=actor, incident=case, action=move, comment=None
            )
        case_services.archive_incident(
            session=session, actor=admin, incident=archived, reason="Entered twice"
        )
    lawyer_browser = app.test_client()
    login(lawyer_browser, lawyer.email, lawyer_password)
    assert lawyer_browser.get(f"/incidents/{case.reference}/dossier.pdf").status_code == 200
    return SimpleNamespace(
        admin=admin,
        admin_password=admin_password,
        lawyer=lawyer,
        caseworker=caseworker,
        case=case,
        archived=archived,
        item=item,
        person_id=person_id,
    )


def test_events_read_as_sentences_with_references_and_links(client, team, session):
    login(client, team.admin.email, team.admin_password)
    html = client.get("/admin/audit").get_data(as_text=True)
    rows = rows_of(html)
    lena = f'<a href="/admin/users/{team.lawyer.id}">Lena Lawyer</a>'
    case = f'<a href="/incidents/{team.case.reference}">{team.case.reference}</a>'
    assert lena in rows and f"verified {case}" in rows
    assert f"submitted {case} for review" in rows
    assert f"downloaded the full dossier of {case}" in rows
    assert "signed in" in rows
    # archived cases say so; evidence and people are short labels with links, never names
    assert f'archived <a href="/incidents/archived">{team.archived.reference}</a>' in rows
    assert "(archived)" in rows
    assert f'<a href="/evidence/{team.item.id}">Photo no. {team.item.id} of' in rows
    assert f'<a href="/people/{team.person_id}">person record no. {team.person_id}</a>' in rows
    client_name = fresh(session).get(Person, team.person_id).full_name
    assert client_name not in html
    # no codes, no JSON, no bare ids
    assert "incident_verified" not in rows.replace('data-action="incident_verified"', "")
    assert "{" not in rows and "incident 1" not in rows
    # details as sentences
    assert "From Submitted for review to Verified." in rows
    assert "1 exhibit." in rows


def test_details_say_what_changed_and_the_command_line_is_named(app, client, team, session, runner):
    with app.test_request_context():
        fresh(session)
        case_services.restore_incident(session=session, actor=team.admin, incident=team.archived)
    browser = app.test_client()
    login(browser, team.admin.email, team.admin_password)
    browser.get("/incidents?status=draft")
    assert runner.invoke(args=["reset-password", team.lawyer.email]).exit_code == 0
    login(client, team.admin.email, team.admin_password)
    rows = rows_of(client.get("/admin/audit").get_data(as_text=True))
    assert "restored" in rows and "from the archive" in rows
    assert "Filters used: status" in rows and "Page 1." in rows
    assert "command line / import" in rows
    assert f'issued a new one-time password to <a href="/admin/users/{team.lawyer.id}">' in rows


def _filtered(client, **args) -> str:
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return rows_of(client.get(f"/admin/audit?{query}").get_data(as_text=True))


def test_filters_narrow_the_rows(client, team, make_incident, session):
    other_case = make_incident(team.caseworker)
    login(client, team.admin.email, team.admin_password)
    everything = _filtered(client)
    assert "Lena Lawyer" in everything and "Carl Caseworker" in everything
    by_lena = _filtered(client, actor=team.lawyer.id)
    assert "Lena Lawyer" in by_lena and "Carl Caseworker" not in by_lena.split("</td>", 3)[2]
    assert 'data-action="incident_viewed"' not in by_lena
    verified = _filtered(client, action="incident_verified")
    assert verified.count("<tr ") == 1 and "verified" in verified
    case = _filtered(client, object=team.case.reference.lower())
    assert f'verified <a href="/incidents/{team.case.reference}">' in case
    assert f"Photo no. {team.item.id}" in case  # the case's evidence
    assert "person record no." in case  # its people
    assert other_case.reference not in case and team.archived.reference not in case
    assert 'data-action="login_success"' not in case
    events = fresh(session).exec(select(AuditEvent).order_by(AuditEvent.seq)).all()
    day = events[0].occurred_at.date()
    assert _filtered(client, date_from=day, date_to=day).count("<tr ") == len(
        [e for e in events if e.organization_id == team.admin.organization_id]
    )
    later = day.replace(year=day.year + 1)
    assert "No events match." in _filtered(client, date_from=later)
    page = client.get(f"/admin/audit?object={team.case.reference}").get_data(as_text=True)
    assert f'href="/admin/audit/export.csv?object={team.case.reference}"' in page


def test_the_filter_form_puts_only_codes_in_the_address(client, team):
    login(client, team.admin.email, team.admin_password)
    sent = post_form(
        client,
        "/admin/audit",
        {
            "actor": str(team.lawyer.id),
            "action": "incident_verified",
            "date_from": "2020-01-01",
            "object": f" {team.case.reference.lower()} ",
        },
    )
    assert sent.status_code == 302
    query = parse_qs(urlsplit(sent.headers["Location"]).query)
    assert query == {
        "actor": [str(team.lawyer.id)],
        "action": ["incident_verified"],
        "date_from": ["2020-01-01"],
        "object": [team.case.reference],
    }
    # a name typed where a reference goes is refused without ever reaching an address
    refused = post_form(client, "/admin/audit", {"object": "Maria Lopez"})
    assert refused.status_code == 400 and "Location" not in refused.headers
    assert "Type a case reference" in refused.get_data(as_text=True)
    unknown = post_form(client, "/admin/audit", {"object": "ZZZ-2025-0999"})
    assert unknown.status_code == 400 and "No case of your organization" in unknown.get_data(
        as_text=True
    )
    # the menus offer kinds of action in words and the organization's people
    html = client.get("/admin/audit").get_data(as_text=True)
    assert '<option value="incident_verified">Verified a case</option>' in html
    assert '<optgroup label="Cases">' in html
    assert f'<option value="{team.lawyer.id}">Lena Lawyer</option>' in html


def test_another_organizations_events_never_show(app, client, team, make_user, make_incident):
    outsider, password = make_user("admin", org="Other Legal Aid", display_name="Otto Outsider")
    their_case = make_incident(outsider)
    login(app.test_client(), outsider.email, password)
    login(client, team.admin.email, team.admin_password)
    html = client.get("/admin/audit").get_data(as_text=True)
    csv_text = client.get("/admin/audit/export.csv").get_data(as_text=True)
    for seen in (html, csv_text):
        assert "Otto Outsider" not in seen and their_case.reference not in seen
    assert "No case of your organization" in client.get(
        f"/admin/audit?object={their_case.reference}"
    ).get_data(as_text=True)
    assert "No events match." in _filtered(client, object=f"incident:{their_case.id}")
    assert "No events match." in _filtered(client, actor=outsider.id)


@pytest.mark.parametrize("role", ["caseworker", "lawyer", "researcher"])
def test_other_roles_are_refused(client, signed_in, role):
    signed_in(role)
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit/export.csv").status_code == 403
    assert post_form(client, "/admin/audit", {}, token_from="/home").status_code == 403


def test_the_chain_status_is_at_the_top(client, team, session):
    login(client, team.admin.email, team.admin_password)
    top = top_of(client.get("/admin/audit").get_data(as_text=True))
    assert "Intact" in top and "verified just now" in top
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DROP TRIGGER audit_events_no_update"))
    else:
        session.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
    session.execute(text("UPDATE audit_events SET action = 'logout' WHERE seq = 2"))
    session.commit()
    broken = top_of(client.get("/admin/audit").get_data(as_text=True))
    assert "BROKEN" in broken and "flask audit verify" in broken


def test_a_long_chain_shows_the_last_verification_without_reading_it(
    client, team, monkeypatch, session
):
    from incidents.dashboard import admin_panels

    monkeypatch.setattr(admin_panels, "VERIFY_INLINE", 1)
    login(client, team.admin.email, team.admin_password)
    top = top_of(client.get("/admin/audit").get_data(as_text=True))
    assert "not been verified yet" in top
    post_form(client, "/home/verify-audit", token_from="/home")
    top = top_of(client.get("/admin/audit").get_data(as_text=True))
    assert "Intact" in top and "when last verified" in top


def test_one_query_per_page_and_per_kind_of_object(app, client, team, make_evidence):
    """More rows of the same kinds cost no more queries."""
    login(client, team.admin.email, team.admin_password)
    engine = app.extensions["db_engine"]

    def queries_for(url: str) -> int:
        seen = []

        def count(conn, cursor, statement, *args):
            seen.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    few = queries_for(f"/admin/audit?object={team.case.reference}")
    for n in range(6):
        make_evidence(team.caseworker, team.case, data=jpeg_bytes(size=(70 + n, 48)))
    many = queries_for(f"/admin/audit?object={team.case.reference}")
    assert many == few
