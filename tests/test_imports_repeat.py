"""Imports that cannot double a database by accident: a file imported before is refused unless
the user says so; rows that look like a recorded incident (same client, date and place), or
like an earlier row, are reported before anything is written; messages name the option that
changes the outcome, on the command line and on the page."""

from __future__ import annotations

from sqlmodel import select

from incidents.models import Incident, Organization, Person
from tests.conftest import fresh, post_form, sqlite_file
from tests.import_files import count, minimal, run, upload, write_csv

CLIENT = {"subject_name": "Ana Ruiz", "subject_dob": "1990-02-03", "city": "El Paso"}


def test_the_same_file_is_refused_unless_again(runner, session, tmp_path, make_user):
    make_user("caseworker")
    path = write_csv(tmp_path / "once.csv", [minimal(), minimal(state="NM")])
    assert run(runner, path).exit_code == 0 and count(session, Incident) == 2
    refused = run(runner, path)
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    assert "was imported on" in refused.output and "use --again" in refused.output
    assert count(session, Incident) == 2
    again = run(runner, path, "--again")
    assert again.exit_code == 0, again.output
    assert count(session, Incident) == 4


def test_rows_like_a_recorded_incident_are_reported_first(
    runner, session, tmp_path, make_user, make_incident
):
    user, _ = make_user("caseworker")
    recorded = make_incident(user)  # Rosa Delgado Ibarra, 2025-09-12, Chicago IL
    like = minimal(
        occurred_on="2025-09-12", state="IL", city="CHICAGO", subject_name="rosa delgado ibarra"
    )
    elsewhere = {**like, "city": "Joliet"}
    path = write_csv(tmp_path / "like.csv", [like, elsewhere])
    result = run(runner, path)
    assert result.exit_code != 0 and count(session, Incident) == 1
    assert f"row 2: Looks like {recorded.reference}" in result.output
    assert "use --update" in result.output and "use --allow-duplicates" in result.output
    assert "row 3" not in result.output  # another place: not a duplicate
    allowed = run(runner, path, "--allow-duplicates")
    assert allowed.exit_code == 0, allowed.output
    assert count(session, Incident) == 3


def test_repeated_rows_of_one_file_and_a_repeated_file_with_clients(
    runner, session, tmp_path, make_user
):
    make_user("caseworker")
    rows = [minimal(**CLIENT), minimal(**CLIENT), minimal(**CLIENT, occurred_on="2025-06-01")]
    path = write_csv(tmp_path / "twice.csv", rows)
    result = run(runner, path)
    assert "row 3: Looks like row 2 of this file" in result.output
    assert "use --skip-invalid" in result.output and count(session, Incident) == 0
    assert run(runner, path, "--skip-invalid").exit_code == 0
    assert count(session, Incident) == 2 and count(session, Person) == 1
    # the same file again, even with --again, finds every row recorded
    again = run(runner, path, "--again", "--skip-invalid")
    assert "Looks like" in again.output and count(session, Incident) == 2


def test_the_page_names_its_own_options(client, signed_in, session, tmp_path):
    signed_in("caseworker")
    path = write_csv(tmp_path / "page.csv", [minimal(), minimal(state="ZZ")])
    page = upload(client, path.read_bytes()).get_data(as_text=True)
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    refused = post_form(client, "/import/confirm", {"token": token}, token_from="/import")
    text = refused.get_data(as_text=True)
    assert "tick “Import the valid rows and skip the rows with problems”" in text
    assert "--skip-invalid" not in text
    post_form(
        client, "/import/confirm", {"token": token, "skip_invalid": "y"}, token_from="/import"
    )
    assert count(session, Incident) == 1
    again = upload(client, path.read_bytes()).get_data(as_text=True)
    assert "Import this file again (it was imported on" in again
    token = again.split('name="token" type="hidden" value="')[1].split('"')[0]
    form = {"token": token, "skip_invalid": "y"}
    refused = post_form(client, "/import/confirm", form, token_from="/import")
    assert refused.status_code == 422 and count(session, Incident) == 1
    assert "tick “Import this file again” before importing" in refused.get_data(as_text=True)
    done = post_form(client, "/import/confirm", {**form, "again": "y"}, token_from="/import")
    assert done.status_code == 200 and count(session, Incident) == 2


def test_repeats_far_apart_in_a_file_are_named_as_such_and_never_overwrite(
    runner, session, tmp_path, make_user, monkeypatch
):
    """Rows are written in batches; a repeat in a later batch finds the earlier row's incident
    in the database (same transaction). It must be named a repeat of the file — with
    --update it must not overwrite that row's incident — and nothing is recorded."""
    import incidents.imports.services as import_services

    monkeypatch.setattr(import_services, "BATCH", 2)
    user, _ = make_user("caseworker")
    given = f"{session.get(Organization, user.organization_id).code}-2019-7778"
    rows = [
        minimal(reference=given, city="First City"),
        minimal(state="NM"),
        minimal(state="AZ"),
        minimal(reference=given, city="Second City"),
        minimal(**CLIENT),
        minimal(state="TX"),
        minimal(**CLIENT),
    ]
    path = write_csv(tmp_path / "far.csv", rows)
    for extra in ((), ("--update",)):
        result = run(runner, path, *extra)
        assert result.exit_code != 0, result.output
        assert "row 5, reference (" in result.output
        assert "This reference is on an earlier row of this file" in result.output
        assert "row 8: Looks like row 6 of this file" in result.output
        assert "already recorded" not in result.output and "updated" not in result.output
        assert count(session, Incident) == 0
    skipped = run(runner, path, "--update", "--skip-invalid")
    assert skipped.exit_code == 0, skipped.output
    kept = fresh(session).exec(select(Incident).where(Incident.reference == given)).one()
    assert kept.city == "First City"  # the earlier row's incident is not overwritten


def test_the_same_rows_saved_again_by_a_spreadsheet_are_refused_unless_again(
    runner, session, tmp_path, make_user
):
    """Excel's "CSV UTF-8" adds a byte-order mark and CRLF line ends: other bytes, the same
    rows. Rows without a client name get no likely-duplicate check, so only this catches it."""
    make_user("caseworker")
    rows = [minimal(), minimal(state="NM", city="Las Cruces")]
    first = write_csv(tmp_path / "first.csv", rows)
    assert run(runner, first).exit_code == 0 and count(session, Incident) == 2
    header = ["city", "state", "encounter_type", "occurred_on"]  # columns moved, too
    saved = write_csv(
        tmp_path / "saved.csv", rows, encoding="utf-8-sig", newline="\r\n", header=header
    )
    assert saved.read_bytes() != first.read_bytes()
    refused = run(runner, saved)
    assert refused.exit_code != 0 and "was imported on" in refused.output
    assert count(session, Incident) == 2
    changed = write_csv(tmp_path / "changed.csv", [*rows, minimal(state="AZ")])
    assert run(runner, changed).exit_code == 0  # other rows: not refused


def test_a_check_holds_no_write_lock_and_writes_nothing(
    app, session, tmp_path, make_user, monkeypatch
):
    """Checking a large file took SQLite's write lock for a minute; a check only reads now:
    another writer gets in while it runs."""
    import sqlite3

    import incidents.imports.services as import_services
    from incidents.imports.services import run_import

    database = sqlite_file(app)
    monkeypatch.setattr(import_services, "BATCH", 2)
    user, _ = make_user("caseworker")
    path = write_csv(
        tmp_path / "big.csv", [minimal(state=s) for s in ("TX", "NM", "AZ", "CA", "NV")]
    )
    others_wrote = []

    def another_writer(_rows):
        other = sqlite3.connect(database, timeout=0.2, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # fails with "database is locked" if the check holds it
        other.execute("ROLLBACK")
        other.close()
        others_wrote.append(True)

    with app.app_context():
        organization = session.get(Organization, user.organization_id)
        report = run_import(
            session=session,
            organization=organization,
            actor=None,
            path=path,
            dry_run=True,
            progress=another_writer,
        )
    assert report.valid == 5 and not report.committed and len(others_wrote) >= 2
    assert count(session, Incident) == 0


def test_an_import_commits_batch_by_batch_and_says_where_it_stopped(
    app, runner, session, tmp_path, make_user, make_incident, monkeypatch
):
    """Others can write between two batches of a large import; if a batch meets a problem
    that appeared after the check, the batches before it stay and the report says so."""
    import sqlite3

    import incidents.imports.services as import_services
    from incidents.records.references import Allocator

    monkeypatch.setattr(import_services, "BATCH", 2)
    user, _ = make_user("caseworker")
    existing = make_incident(user)
    rows = [minimal(state=s) for s in ("TX", "NM", "AZ", "CA")]
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        between = []

        def another_writer(_rows):
            other = sqlite3.connect(url[len("sqlite:///") :], timeout=0.2, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")  # "database is locked" if the import holds it
            other.execute("ROLLBACK")
            other.close()
            between.append(True)

        with app.app_context():
            from incidents.imports.services import run_import

            report = run_import(
                session=session,
                organization=session.get(Organization, user.organization_id),
                actor=None,
                path=write_csv(tmp_path / "batches.csv", rows),
                progress=another_writer,
            )
        assert report.committed and report.imported == 4 and len(between) >= 4
    # someone records an incident with the number the second batch was given
    real_next, calls = Allocator.next, []

    def next_number(self, year):
        calls.append(year)
        if len(calls) > 2:
            return existing.reference, existing.ref_year, existing.ref_number
        return real_next(self, year)

    monkeypatch.setattr(Allocator, "next", next_number)
    before = count(session, Incident)
    result = run(runner, write_csv(tmp_path / "race.csv", [minimal(city=c) for c in "ABCD"]))
    assert result.exit_code != 0 and "Stopped at row 4" in result.output
    assert "the rows before it were imported (2 incidents" in result.output
    assert count(session, Incident) == before + 2
