"""Anonymized research export: allow-list, k-anonymity (checked independently with pyCANON),
consent and sharing, no identifier in the output, refusals, streaming and audit."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
from collections import Counter

import pytest
from sqlalchemy import update
from sqlmodel import select

from incidents.exports.columns import COLUMNS, NAMES, QUASI_IDENTIFIERS
from incidents.models import AuditEvent, Incident, Organization, Person
from tests.conftest import fresh

CANARIES = [
    "Zebulon Quetzalcoatl Vandersnoot",
    "A012345678",
    "A-012-345-678",
    "012345678",
    "+1 415 555 0199",
    "canary.person@example.org",
    "1234 Canary Lane",
    "deadbeefcafebabe0123456789abcdef0123456789abcdef0123456789abcdef",
]
QI_PATTERNS = {"period": r"\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4]|\d{4}|all"}


def seed(runner, session, org="Export Org", code="EXP", count=400, seed=5, share=False):
    runner.invoke(args=["create-org", org, "--code", code])
    result = runner.invoke(
        args=["seed-demo", "--incidents", str(count), "--seed", str(seed), "--org", org]
    )
    assert result.exit_code == 0, result.output
    organization = fresh(session).exec(select(Organization).where(Organization.name == org)).one()
    if share:
        organization.share_with_researchers = True
        session.commit()
    return organization


def plant_canaries(session, organization):
    """Put every canary in every personal field and in narratives."""
    text = " ".join(CANARIES)
    session.execute(
        update(Person)
        .where(Person.organization_id == organization.id)
        .values(
            full_name=CANARIES[0],
            aliases=text,
            phone=CANARIES[4],
            email=CANARIES[5],
            street_address=CANARIES[6],
            a_number="A012345678",
            city=CANARIES[0],
        )
    )
    session.execute(
        update(Incident)
        .where(Incident.organization_id == organization.id)
        .values(
            narrative=text,
            street_address=CANARIES[6],
            city=CANARIES[0],
            county=CANARIES[0],
            zip="94110",
        )
    )
    session.commit()


def export(runner, tmp_path, *args, name="out.csv"):
    target = tmp_path / name
    result = runner.invoke(args=["export-research", "-o", str(target), *args])
    return result, target


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_export_is_k_anonymous_has_only_allowed_values_and_no_identifier(runner, session, tmp_path):
    organization = seed(runner, session)
    plant_canaries(session, organization)
    result, target = export(runner, tmp_path, "--org", "Export Org")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.split("\nWrote")[0])
    raw = target.read_bytes() + (tmp_path / "out.dictionary.csv").read_bytes()
    for canary in CANARIES:
        assert canary.encode() not in raw and canary.lower().encode() not in raw.lower(), canary
    # (the row ids are random hexadecimal: "94110" may turn up in one by chance)
    assert b"Canary" not in raw and b"94110" not in re.sub(rb"(?m)^[0-9a-f]{32},", b"", raw)
    rows = rows_of(target)
    with open(target, newline="") as handle:
        assert next(csv.reader(handle)) == list(NAMES)
    classes = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
    assert min(classes.values()) >= 5 and report["k_achieved"] >= 5
    assert (
        len(rows) == report["rows_exported"]
        and report["rows_suppressed"] <= 0.05 * report["incidents_eligible"]
    )
    domains = {c.name: c for c in COLUMNS}
    for row in rows:
        assert re.fullmatch(r"[0-9a-f]{32}", row["row_id"])
        assert re.fullmatch(QI_PATTERNS["period"], row["period"])
        for name, value in row.items():
            assert not value.startswith(("=", "+", "-", "@")), (name, value)
            column = domains[name]
            if column.values is None:
                continue
            parts = value.split(";") if column.multi and value else [value] if value else []
            for part in parts:
                assert part in (*column.values, "other"), (name, value)


def test_pycanon_confirms_k_and_l(runner, session, tmp_path, pycanon_python):
    seed(runner, session, count=600)
    result, target = export(
        runner, tmp_path, "--org", "Export Org", "--l", "2", "--l-column", "outcome"
    )
    assert result.exit_code == 0, result.output
    check = subprocess.run(
        [pycanon_python, "tests/pycanon_check.py", str(target), "outcome"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr
    measured = json.loads(check.stdout)
    assert measured["k"] >= 5 and measured["l"] >= 2


def test_consent_and_sharing_are_respected(runner, session, tmp_path):
    mine = seed(runner, session)
    seed(runner, session, org="Closed Org", code="CLO", seed=6)
    fresh(session)
    consented = session.exec(
        select(Incident).where(
            Incident.organization_id == mine.id, Incident.research_consent == "yes"
        )
    ).all()
    result, _ = export(runner, tmp_path, "--org", "Export Org")
    report = json.loads(result.output.split("\nWrote")[0])
    assert report["incidents_eligible"] == len(consented)  # not the other org's, not unconsented
    seed(runner, session, org="Open Org", code="OPN", seed=7, share=True)
    open_consented = (
        fresh(session)
        .exec(
            select(Incident)
            .join(Organization)
            .where(Organization.name == "Open Org", Incident.research_consent == "yes")
        )
        .all()
    )
    result, _ = export(runner, tmp_path, "--org", "Export Org")
    report = json.loads(result.output.split("\nWrote")[0])
    assert report["incidents_eligible"] == len(consented) + len(open_consented)


def test_a_class_that_shrinks_after_the_plan_is_left_out_of_the_download(app, runner, session):
    """The classes are counted again in the statement that reads the rows: incidents archived
    between the plan and the download cannot leave an exported class below k."""
    from incidents.exports import facts
    from incidents.exports.anonymize import generalized
    from incidents.exports.services import prepare, stream_rows
    from incidents.models import ResearchFacts

    organization = seed(runner, session)
    planned = prepare(session=session, organization_id=organization.id, k=5)
    levels = planned.plan.levels
    general = [
        generalized(name, getattr(ResearchFacts, name), levels[name]) for name in QUASI_IDENTIFIERS
    ]
    members: dict[tuple, list[int]] = {}
    query = facts.eligible([organization.id], ResearchFacts.incident_id, *general)
    for incident_id, *key in session.execute(query):
        members.setdefault(tuple(key), []).append(incident_id)
    key, ids = min(((k, v) for k, v in members.items() if len(v) >= 5), key=lambda kv: len(kv[1]))
    session.execute(
        update(Incident).where(Incident.id.in_(ids[: len(ids) - 4])).values(research_consent="no")
    )
    session.commit()
    with app.app_context():
        text = "".join(stream_rows(session=session, export=planned))
    rows = list(csv.DictReader(io.StringIO(text)))
    sizes = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
    assert tuple(key) not in sizes and min(sizes.values()) >= 5
    assert len(rows) < planned.plan.eligible - planned.plan.suppressed


def test_two_exports_share_no_row_ids_and_are_audited(runner, session, tmp_path):
    seed(runner, session)
    first = export(runner, tmp_path, "--org", "Export Org", name="a.csv")[1]
    second = export(runner, tmp_path, "--org", "Export Org", name="b.csv")[1]
    ids_a = {r["row_id"] for r in rows_of(first)}
    ids_b = {r["row_id"] for r in rows_of(second)}
    assert ids_a and not ids_a & ids_b
    events = (
        fresh(session)
        .exec(
            select(AuditEvent)
            .where(AuditEvent.action == "research_export")
            .order_by(AuditEvent.seq)
        )
        .all()
    )
    assert len(events) == 2
    assert json.loads(events[0].details)["sha256"] == hashlib.sha256(first.read_bytes()).hexdigest()


def test_refusals_are_one_line_and_write_nothing(runner, session, tmp_path):
    seed(runner, session, count=30)
    for args, reason in (
        (["--k", "3"], "k must be at least 5"),
        (["--org", "Nowhere"], "no organization"),
        (["--org", "Export Org"], "need at least 50"),
        (["--org", "Export Org", "--l", "1"], "l must be at least 2"),
    ):
        result, target = export(runner, tmp_path, *args)
        assert result.exit_code != 0 and reason in result.output, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1
        assert not target.exists() and not list(tmp_path.glob("*.partial"))


def test_an_impossible_export_is_refused(runner, session, tmp_path):
    seed(runner, session, count=120)
    result, target = export(runner, tmp_path, "--org", "Export Org", "--k", "1000")
    assert result.exit_code != 0 and "No generalization reaches k=1000" in result.output
    assert not target.exists()


def test_researcher_page_and_streamed_download(app, client, signed_in, runner, session):
    organization = seed(runner, session)
    researcher, _ = signed_in("researcher", org="Export Org")
    assert researcher.organization_id == organization.id
    page = client.get("/research?k=5").get_data(as_text=True)
    assert "Disclosure report" in page and "Download CSV" in page
    response = client.get("/research/export.csv?k=5")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith(b"row_id,period,")
    event = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "research_export")).one()
    )
    assert json.loads(event.details)["sha256"] == hashlib.sha256(body).hexdigest()
    assert event.actor_id == researcher.id
    dictionary = client.get("/research/dictionary.csv").get_data(as_text=True)
    assert all(name in dictionary for name in NAMES)
    bad = client.get("/research?k=2")
    assert bad.status_code == 400 and "k must be between 5 and 1000." in bad.get_data(as_text=True)
    incident = session.exec(select(Incident)).first()
    assert client.get(f"/incidents/{incident.reference}").status_code == 403


def test_small_data_sets_get_no_row_level_export(client, signed_in):
    signed_in("researcher")
    html = client.get("/research?k=5").get_data(as_text=True)
    assert "Export refused" in html and "need at least 50" in html
    assert client.get("/research/export.csv?k=5").status_code == 409


@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)"])
def test_formula_cells_are_neutralised(value):
    import io

    from incidents.records.research import export_cell

    assert next(csv.reader(io.StringIO(export_cell(value))))[0] == "'" + value


def test_cells_are_written_as_csv_writer_writes_them_and_guarded():
    import io

    from incidents.records.research import export_cell

    values = ["plain", "", "a,b", 'say "x"', "two\nlines", "=1+1", "-2", "@A1", "\tx"]
    line = ",".join(export_cell(value) for value in values) + "\n"
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerow(
        [("'" + v if v[:1] in ("=", "+", "-", "@", "\t") and v else v) for v in values]
    )
    assert line == expected.getvalue()
    assert next(csv.reader(io.StringIO(line)))[5:9] == ["'=1+1", "'-2", "'@A1", "'\tx"]


def test_every_allowed_value_of_a_column_means_one_thing():
    for column in COLUMNS:
        if column.values:
            assert len(set(column.values)) == len(column.values), column.name


def test_codes_joined_by_the_database_are_plain():
    """The class and rare-grouped columns are joined without quoting: every value they may hold
    is written verbatim by csv.writer, and anything else is stored as 'unknown'."""
    import io

    from incidents.exports.columns import QUASI_IDENTIFIERS, RARE_GROUPED
    from incidents.records.research import plain

    for column in COLUMNS:
        if column.name in (*QUASI_IDENTIFIERS, *RARE_GROUPED):
            examples = column.values or ("1990-Q1", "2026-Q4", "2026", "all")  # period
            for value in (*examples, "other", "unknown"):
                assert plain(value) == value, (column.name, value)
                written = io.StringIO()
                csv.writer(written, lineterminator="\n").writerow([value])
                assert written.getvalue() == value + "\n"
    for odd in ("a,b", '"x"', "=1", "-1", "two\nlines", ""):
        assert plain(odd) == "unknown"


def test_aggregate_tables_hide_small_cells_and_totals(client, signed_in, runner, session):
    seed(runner, session, count=150)
    signed_in("researcher", org="Export Org")
    html = client.get("/research").get_data(as_text=True)
    assert "Incidents by FRT system and outcome" in html and "suppressed" in html
    assert "Total" not in html.split("Aggregate tables")[1]
    cells = re.findall(r"<td[^>]*>([^<]+)</td>", html.split("Aggregate tables")[1])
    shown = [c for c in cells if c != "suppressed"]
    assert shown and all(c == "0" or int(c.replace(",", "")) >= 11 for c in shown)
    assert "Median hours detained" in html


def test_no_row_or_column_of_an_aggregate_table_holds_a_single_hidden_count():
    """Complementary suppression: with a row's total known (the eligible count, or the same
    margin in another table), one hidden cell would be the total minus the others."""
    from collections import Counter

    from incidents.exports.aggregates import hidden_cells

    counts = Counter(
        {("a", "x"): 53, ("a", "y"): 1, ("b", "x"): 40, ("b", "y"): 300, ("c", "x"): 0}
    )
    counts[("c", "y")] = 25
    rows, columns = ["a", "b", "c"], ["x", "y"]
    hidden = hidden_cells(counts, rows, columns)
    assert ("a", "y") in hidden  # the small count
    for line in [[(r, c) for c in columns] for r in rows] + [
        [(r, c) for r in rows] for c in columns
    ]:
        assert sum(key in hidden for key in line) != 1, line
    # the partners: a's 53 (its row), then b's 40 and c's 25 (the columns), then b's 300 and
    # c's 0 (their rows): in a table this small, everything
    assert hidden == set(counts)
    wide = Counter({("a", "x"): 5, ("a", "y"): 20, ("a", "z"): 30, ("b", "x"): 7})
    wide.update({("b", "y"): 40, ("b", "z"): 50})
    # x's two small counts cover each other in their column; each row needs its own partner
    assert hidden_cells(wide, ["a", "b"], ["x", "y", "z"]) == {
        ("a", "x"),
        ("b", "x"),
        ("a", "y"),
        ("b", "y"),
    }
    # a table with nothing small hides nothing
    assert hidden_cells(Counter({("a", "x"): 11, ("a", "y"): 12}), ["a"], ["x", "y"]) == set()
    # two hidden counts adding up to 2 would each be 1 to anyone who knows the row's total (the
    # home page charts it): the row's smallest other count is hidden with them
    row = Counter({("r", "a"): 1, ("r", "b"): 1, ("r", "c"): 33, ("r", "d"): 50})
    assert hidden_cells(row, ["r"], ["a", "b", "c", "d"]) == {("r", "a"), ("r", "b"), ("r", "c")}


def test_the_aggregate_page_hides_a_partner_for_every_small_count(
    client, signed_in, runner, session
):
    seed(runner, session, count=150)
    signed_in("researcher", org="Export Org")
    html = client.get("/research").get_data(as_text=True).split("Aggregate tables")[1]
    for table in html.split("<table")[1:]:
        body = [re.findall(r"<td[^>]*>([^<]+)</td>", row) for row in table.split("<tr")[2:]]
        body = [row for row in body if row]
        if not body or len(body[0]) < 2:
            continue  # a single column: no total known
        for row in body:
            assert row.count("suppressed") != 1, row
        for column in zip(*body, strict=True):
            assert list(column).count("suppressed") != 1 or len(column) == 1, column
