"""Imports that cannot double a database by accident: a file imported before is refused unless
the user says so; rows that look like a recorded incident (same client, date and place), or
like an earlier row, are reported before anything is written; messages name the option that
changes the outcome, on the command line and on the page."""

from __future__ import annotations

from incidents.models import Incident, Person
from tests.conftest import post_form
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
