"""Second files keyed by reference (issue 15, point 11): a legal aid group's spreadsheet of
timeline events, agents or paperwork is added to recorded incidents — from the command line and
the import page — checked by the form's rules, all-or-nothing, never twice, audited; templates
and guide come from the specification."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlmodel import select

from incidents.imports.guide import markdown, template_csv
from incidents.models import Agent, AuditEvent, Incident, Paperwork, TimelineEvent
from incidents.records import operations
from incidents.records.bundle import load_bundle
from incidents.records.keyfacts import key_facts
from tests.conftest import fresh, post_form
from tests.import_files import ORG, write_csv


def run(runner, kind, path, *args):
    return runner.invoke(args=["import-rows", kind, str(path), "--org", ORG, *args])


@pytest.fixture
def two(make_user, make_incident):
    user, _ = make_user("caseworker")
    return make_incident(user), make_incident(user)


def events(session, incident) -> list[TimelineEvent]:
    return (
        fresh(session)
        .exec(
            select(TimelineEvent)
            .where(TimelineEvent.incident_id == incident.id)
            .order_by(TimelineEvent.starts_at)
        )
        .all()
    )


def test_a_timeline_spreadsheet_adds_events_and_the_custody_chain_follows(
    client, signed_in, runner, session, tmp_path, two
):
    first, second = two
    rows = [
        {
            "reference": first.reference.lower(),
            "kind": "Transfer",
            "starts_at": "9/12/2025 6:15 PM",
            "place_type": "county_jail",
            "facility": "Kankakee County Jail",
        },
        {
            "reference": first.reference,
            "kind": "questioning",
            "starts_at": "2025-09-12 09:00",
            "ends_at": "2025-09-12T10:30",
            "description": "Asked about her status for an hour and a half.",
        },
        {"reference": second.reference, "kind": "stop", "starts_at": "2025-09-12 07:40"},
    ]
    result = run(runner, "timeline", write_csv(tmp_path / "t.csv", rows))
    assert result.exit_code == 0, result.output
    assert "Added 3 timeline events to 2 incidents." in result.output
    kinds = [(e.kind, e.starts_at.strftime("%H:%M")) for e in events(session, first)]
    assert kinds == [
        ("detention_start", "08:00"),
        ("questioning", "09:00"),
        ("transfer", "18:15"),
        ("release", "02:30"),
    ]
    bundle = load_bundle(fresh(session), fresh(session).get(Incident, first.id))
    assert key_facts(bundle).hours_detained == pytest.approx(18.5)
    signed_in("caseworker")
    page = client.get(f"/incidents/{first.reference}").get_data(as_text=True)
    custody = page[page.index('id="custody-chain"') :]
    assert "Kankakee County Jail" in custody and "A county or city jail" in custody
    updated = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "incident_updated")).all()
    )
    assert len(updated) == 2 and all('"source":"import"' in e.details for e in updated)
    run_event = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "incident_rows_imported"))
        .one()
    )
    details = json.loads(run_event.details)
    assert (details["rows_of"], details["added"], details["incidents"]) == ("timeline", 3, 2)
    # the same file again adds nothing
    again = run(runner, "timeline", tmp_path / "t.csv")
    assert again.exit_code == 0 and "Added 0 timeline events to 0 incidents; 3 rows " in (
        again.output
    )
    assert len(events(session, first)) == 4


def test_every_problem_is_named_by_row_and_column_and_nothing_is_written(
    app, runner, session, tmp_path, two
):
    first, second = two
    with app.app_context():
        target = fresh(session).get(Incident, second.id)
        operations.archive(session, actor=None, incident=target, reason="duplicate")
        session.commit()
    rows = [
        {"reference": first.reference, "kind": "transfer", "starts_at": "2025-09-12 18:15"},
        {"reference": "XYZ-2025-0001", "kind": "stop", "starts_at": "2025-09-12 07:00"},
        {"reference": first.reference[:-1] + "9", "kind": "stop", "starts_at": "2025-09-12 7:00"},
        {"reference": second.reference, "kind": "stop", "starts_at": "2025-09-12 07:00"},
        {"reference": first.reference, "kind": "coffee", "starts_at": "12.9.2025"},
        {
            "reference": first.reference,
            "kind": "stop",
            "starts_at": "2025-09-12 10:00",
            "ends_at": "2025-09-12 09:00",
        },
        {"reference": first.reference, "kind": "stop", "starts_at": "2031-01-01 10:00"},
        {"reference": first.reference, "kind": "", "starts_at": ""},
    ]
    result = run(runner, "timeline", write_csv(tmp_path / "bad.csv", rows))
    assert result.exit_code != 0 and "Traceback" not in result.output
    for line in (
        "row 3, reference ('XYZ-2025-0001'): Use ",
        "row 4, reference",
        "No incident of your organization has this reference.",
        "row 5, reference",
        "This incident is archived; restore it first.",
        "row 6, kind ('coffee'):",
        "row 6, starts_at ('12.9.2025'): Use YYYY-MM-DD HH:MM (24-hour), or M/D/YYYY H:MM.",
        "row 7, ends_at: The end must be after the start.",
        "row 8, starts_at ('2031-01-01 10:00'): The date cannot be in the future.",
        "row 9, kind: Required.",
        "row 9, starts_at: Required.",
        "Nothing imported: 9 problems in 8 rows.",
    ):
        assert line in result.output, (line, result.output)
    assert len(events(session, first)) == 2
    missing = run(runner, "timeline", write_csv(tmp_path / "h.csv", [{"reference": "x"}]))
    assert "Missing required column(s): kind, starts_at." in missing.output
    assert missing.exit_code != 0


def test_agents_and_paperwork_through_the_import_page(client, signed_in, session, two):
    first, _ = two
    signed_in("caseworker")
    page = client.get("/import").get_data(as_text=True)
    assert 'id="rows-import"' in page and "/import/rows/agents/template.csv" in page
    template = client.get("/import/rows/agents/template.csv")
    header = next(csv.reader(io.StringIO(template.get_data(as_text=True))))
    assert header == [
        "reference",
        "agency",
        "name",
        "badge",
        "role",
        "attire",
        "masked",
        "identified_self",
        "stated_reason",
        "description",
    ]
    content = (
        "reference,agency,name,badge,masked,identified_self\r\n"
        f"{first.reference},ice_ero,Officer D. Kowalczyk,ERO-4471,y,no\r\n"
        f"{first.reference},County sheriff,,,yes,\r\n"
    ).encode()

    def confirm(html):
        token = html.split('name="rows_token" type="hidden" value="')[1].split('"')[0]
        return post_form(
            client, "/import/rows/confirm", {"rows_token": token}, token_from="/import"
        )

    def upload(kind, data):
        return post_form(
            client,
            "/import/rows",
            {"kind": kind, "rows_file": (io.BytesIO(data), "rows.csv")},
            token_from="/import",
            content_type="multipart/form-data",
        )

    checked = upload("agents", content)
    html = checked.get_data(as_text=True)
    assert checked.status_code == 200, html[:2000]
    assert "Checked: 2 rows, all valid — would add 2 agents to 1 incident." in html
    assert fresh(session).exec(select(Agent)).first() is None  # a check writes nothing
    done = confirm(html)
    assert "Added 2 agents to 1 incident." in done.get_data(as_text=True)
    agents = fresh(session).exec(select(Agent).order_by(Agent.position)).all()
    assert [(a.name, a.badge, a.masked, a.identified_self) for a in agents] == [
        ("Officer D. Kowalczyk", "ERO-4471", "yes", "no"),
        (None, None, "yes", "unknown"),
    ]
    updated = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "incident_updated")).one()
    )
    assert json.loads(updated.details)["fields"] == ["agents.added"]  # nothing else changed
    # confirming twice is refused: the check has been used
    again = confirm(html)
    assert again.status_code == 409
    bad = upload(
        "paperwork", f"reference,kind,issued_on\r\n{first.reference},i213,12/09/2025\r\n".encode()
    )
    assert bad.status_code == 422
    assert "Use YYYY-MM-DD." in bad.get_data(as_text=True)
    good = upload(
        "paperwork",
        f"reference,kind,issued_on,served\r\n{first.reference},i213,2025-09-12,n\r\n".encode(),
    )
    assert good.status_code == 200, good.get_data(as_text=True)[:3000]
    assert confirm(good.get_data(as_text=True)).status_code == 200
    paper = fresh(session).exec(select(Paperwork)).one()
    assert (paper.kind, paper.issued_on.isoformat(), paper.served) == ("i213", "2025-09-12", "no")


def test_templates_and_guide_come_from_the_specification(client, signed_in, tmp_path, runner):
    for kind in ("timeline", "agents", "paperwork"):
        assert f"## Second file: {kind}" in markdown()
        lines = template_csv(kind).splitlines()
        assert lines[0].startswith("reference,") and len(lines) == 2
    out = tmp_path / "timeline.csv"
    result = runner.invoke(args=["import-guide", "--template", str(out), "--rows", "timeline"])
    assert result.exit_code == 0 and out.read_text().startswith("reference,kind,starts_at,")
    signed_in("caseworker")
    guide = client.get("/import/guide").get_data(as_text=True)
    assert 'id="guide-rows-timeline"' in guide and "<code>place_type</code>" in guide


def test_empty_rows_files_and_a_file_of_another_kind_are_explained(runner, tmp_path, two):
    first, _ = two
    blank = run(runner, "agents", write_csv(tmp_path / "a.csv", [{"reference": first.reference}]))
    assert blank.exit_code != 0
    assert "row 2: The row holds nothing but the reference." in blank.output
    assert "Nothing imported: 1 problem in 1 row." in blank.output
    (tmp_path / "h.csv").write_text("reference,kind,issued_on\r\n", encoding="utf-8")
    empty = run(runner, "paperwork", tmp_path / "h.csv")
    assert empty.exit_code != 0 and "The file has no rows after the header." in empty.output
    agents = write_csv(tmp_path / "ag.csv", [{"reference": first.reference, "badge": "B-1"}])
    wrong = run(runner, "timeline", agents)
    assert "(The file was read as a file of timeline events: is it?)" in wrong.output
    papers = write_csv(
        tmp_path / "p.csv",
        [{"reference": first.reference, "kind": k} for k in ("i213", "i862")],
    )
    checked = run(runner, "paperwork", papers, "--dry-run")
    assert "would add 2 documents issued or served to 1 incident." in checked.output
    pm = write_csv(
        tmp_path / "pm.csv",
        [{"reference": first.reference, "kind": "stop", "starts_at": "9/12/2025 7:40:00 PM"}],
    )
    assert run(runner, "timeline", pm).exit_code == 0


def test_a_timeline_step_names_the_agent_who_acted(runner, session, tmp_path, two):
    first, _ = two
    agents = [
        {"reference": first.reference, "name": "Officer D. Kowalczyk", "badge": "ERO-4471"},
        {"reference": first.reference, "description": "Black balaclava"},
    ]
    assert run(runner, "agents", write_csv(tmp_path / "a.csv", agents)).exit_code == 0
    steps = [
        {
            "reference": first.reference,
            "kind": "stop",
            "starts_at": "2025-09-12 07:40",
            "agent": "ero-4471",
        },
        {
            "reference": first.reference,
            "kind": "face_scan",
            "starts_at": "2025-09-12 07:45",
            "agent": "Agent 2",
        },
        {
            "reference": first.reference,
            "kind": "questioning",
            "starts_at": "2025-09-12 09:00",
            "agent": "officer d. kowalczyk",
        },
    ]
    result = run(runner, "timeline", write_csv(tmp_path / "t.csv", steps))
    assert result.exit_code == 0, result.output
    session = fresh(session)
    ids = [a.id for a in session.exec(select(Agent).order_by(Agent.position)).all()]
    acted = {e.kind: e.agent_id for e in events(session, first)}
    assert (acted["stop"], acted["face_scan"], acted["questioning"]) == (ids[0], ids[1], ids[0])
    unknown = [
        {
            "reference": first.reference,
            "kind": "release",
            "starts_at": "2025-09-13 02:00",
            "agent": "Officer Smith",
        }
    ]
    refused = run(runner, "timeline", write_csv(tmp_path / "u.csv", unknown))
    assert refused.exit_code != 0
    assert "row 2, agent ('(hidden, 13 characters)'): No single agent of" in refused.output
    assert "Officer Smith" not in refused.output


def test_a_file_over_the_limit_is_refused_with_both_sizes(app, session, tmp_path, two):
    from incidents.imports.row_files import run_rows_import
    from incidents.models import Organization

    first, _ = two
    rows = [{"reference": first.reference, "kind": "stop", "starts_at": "2025-09-12 07:40"}]
    path = write_csv(tmp_path / "big.csv", rows * 40)
    with app.test_request_context():
        report = run_rows_import(
            session=session,
            organization=session.get(Organization, first.organization_id),
            actor=None,
            path=path,
            list_name="timeline",
            max_bytes=1024,
        )
    held = f"{path.stat().st_size / 1024:.1f} KB"
    assert report.file_problem.startswith(f"The file holds {held}; the limit is 1.0 KB.")
    assert not report.committed and len(events(session, first)) == 2
