"""Field rules hold on every way in: the import refuses what the form refuses (a value that
does not fit its column, control characters, an incident before 1990), and matches people only
within the importing organization."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from incidents.models import Incident, IncidentPerson, Organization, Person
from tests.conftest import fresh
from tests.import_files import count, minimal, run, write_csv

LONG_PHONE = "+1 (312) 555-0142 . . . . . . . . . . . . . ."  # 47 characters, 11 digits


def test_import_refuses_what_the_form_refuses(runner, session, tmp_path, make_user):
    make_user("caseworker")
    rows = [
        minimal(subject_name="A B", subject_phone=LONG_PHONE),
        minimal(city="Chi\x07cago"),
        minimal(occurred_on="1989-12-31"),
        minimal(occurred_on="1990-01-01"),
    ]
    result = run(runner, write_csv(tmp_path / "rules.csv", rows))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "row 2, subject_phone" in result.output and "longer than 30" in result.output
    assert "row 3, city" in result.output and "control characters" in result.output
    assert "row 4, occurred_on" in result.output and "1990 or later" in result.output
    assert "row 5" not in result.output and count(session, Incident) == 0


def test_import_matches_people_of_its_own_organization_only(
    runner, session, tmp_path, make_user, make_incident
):
    other, _ = make_user("caseworker", org="Other Org")
    theirs = make_incident(other)  # Rosa Delgado Ibarra, born 1996-04-02
    make_user("caseworker")
    row = minimal(subject_name="Rosa Delgado Ibarra", subject_dob="1996-04-02")
    assert run(runner, write_csv(tmp_path / "p.csv", [row])).exit_code == 0
    session = fresh(session)
    people = session.execute(select(Person.organization_id)).scalars().all()
    assert len(people) == 2 and len(set(people)) == 2
    mine = session.execute(select(Incident).where(Incident.id != theirs.id)).scalar_one()
    linked = session.execute(
        select(Person.organization_id)
        .join(IncidentPerson, IncidentPerson.person_id == Person.id)
        .where(IncidentPerson.incident_id == mine.id)
    ).scalar_one()
    assert linked == mine.organization_id


def test_withdrawn_consent_clears_its_date_on_update(
    runner, session, tmp_path, make_user, make_incident
):
    user, _ = make_user("caseworker")
    incident = make_incident(user)  # consent yes, given 2025-09-20
    row = minimal(reference=incident.reference, state="IL", research_consent="no")
    assert run(runner, write_csv(tmp_path / "c.csv", [row]), "--update").exit_code == 0
    stored = fresh(session).get(Incident, incident.id)
    assert (stored.research_consent, stored.research_consent_on) == ("no", None)


def test_a_reference_given_in_the_file_is_never_assigned_to_another_row(
    runner, session, tmp_path, make_user
):
    user, _ = make_user("caseworker")
    code = fresh(session).get(Organization, user.organization_id).code
    rows = [minimal(), minimal(reference=f"{code}-2025-1", state="NM")]
    result = run(runner, write_csv(tmp_path / "r.csv", rows))
    assert result.exit_code == 0, result.output
    stored = dict(fresh(session).execute(select(Incident.state, Incident.reference)).all())
    assert stored == {"NM": f"{code}-2025-0001", "TX": f"{code}-2025-0002"}


def test_control_characters_in_free_text_are_refused_everywhere(
    client, signed_in, runner, session, tmp_path
):
    from tests.case_forms import submit_new

    signed_in("caseworker")
    page = submit_new(client, narrative="before\x00after")
    assert page.status_code == 400 and "Remove the control characters" in page.get_data(True)
    row = minimal(narrative="line one\nline\ttwo\x1b[31m")
    result = run(runner, write_csv(tmp_path / "nul.csv", [row]), "--skip-invalid")
    assert "row 2, narrative" in result.output and "control characters" in result.output
    assert "Traceback" not in result.output and count(session, Incident) == 0
    fine = run(runner, write_csv(tmp_path / "ok.csv", [minimal(narrative="one\n\ttwo")]))
    assert fine.exit_code == 0 and count(session, Incident) == 1


def test_a_person_listed_twice_in_an_incident_is_linked_once(
    client, signed_in, session, make_incident
):
    from tests.case_forms import submit_new

    user, _ = signed_in("caseworker")
    known = make_incident(user)
    person_id = (
        fresh(session)
        .execute(select(IncidentPerson.person_id).where(IncidentPerson.incident_id == known.id))
        .scalar_one()
    )
    twice = {
        "people-0-person_id": str(person_id),
        "people-1-key": "n2",
        "people-1-role": "witness",
        "people-1-person_id": str(person_id),
        "people-1-full_name": "Rosa Delgado Ibarra",
        "occurred_on": "2025-10-01",
    }
    assert submit_new(client, **twice).status_code == 302
    new = fresh(session).execute(select(Incident).where(Incident.id != known.id)).scalar_one()
    links = fresh(session).execute(
        select(IncidentPerson.person_id).where(IncidentPerson.incident_id == new.id)
    )
    assert links.scalars().all() == [person_id]


def test_invisible_direction_and_line_marks_are_refused(client, signed_in, runner, tmp_path):
    from tests.case_forms import submit_new

    signed_in("caseworker")
    spoof = "Rosa \u202eaicraG"  # displays as "Rosa Garcia" reversed
    page = submit_new(client, **{"people-0-full_name": spoof})
    html = page.get_data(True)  # once at the field, once in the summary at the top
    assert page.status_code == 400 and html.count("Remove the control") == 2
    assert "There is a problem" in html
    rows = [minimal(subject_name=spoof), minimal(city="Chi\u2028cago")]
    result = run(runner, write_csv(tmp_path / "bidi.csv", rows))
    assert "row 2, subject_name" in result.output and "row 3, city" in result.output


@pytest.mark.parametrize(
    "address",
    [
        "a@b.com",
        "Person.One@Example.ORG",
        "x..y@example.org",
        ".x@example.org",
        "x.@example.org",
        "a@localhost",
        "a@example",
        "a@-b.com",
        "a b@c.com",
        '"quoted"@example.org',
        "josé@example.org",
        "a@x.invalid",
        "a@b.123",
        "a" * 65 + "@example.org",
        "a@" + "b" * 250 + ".com",
    ],
)
def test_email_rule_agrees_with_the_full_validator(address):
    from email_validator import EmailNotValidError, validate_email

    from incidents.records.validation import normalize_email_address

    try:
        expected = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    try:
        found = normalize_email_address(address)
    except ValueError:
        found = None
    assert found == expected


def test_an_overlong_value_gets_one_message(client, signed_in):
    from tests.case_forms import submit_new

    signed_in("caseworker")
    for name, limit in (("city", 100), ("people-0-full_name", 200)):
        page = submit_new(client, **{name: "x" * (limit + 1)}).get_data(True)
        # one message at the field (and its line in the summary at the top)
        assert page.count(f"cannot be longer than {limit} characters") == 2, name


def test_given_references_leave_room_and_have_a_real_year(runner, session, tmp_path, make_user):
    """A given number over 99999 would make the next assigned one 7 digits long (a reference
    no longer accepted anywhere); a year before 1990 or after this one is no incident's."""
    from datetime import date

    user, _ = make_user("caseworker")
    code = session.get(Organization, user.organization_id).code
    future = date.today().year + 1
    rows = [
        minimal(reference=f"{code}-2021-999999"),
        minimal(reference=f"{code}-1800-0001"),
        minimal(reference=f"{code}-{future}-0001"),
        minimal(reference=f"{code}-2021-99999"),
    ]
    result = run(runner, write_csv(tmp_path / "refs.csv", rows))
    assert "row 2, reference" in result.output and "from 1 to 99999" in result.output
    assert "row 3, reference" in result.output and "from 1990 to this year" in result.output
    assert "row 4, reference" in result.output and "row 5" not in result.output


@pytest.mark.parametrize("character", ["\x85", "\x9b", "\x07", "\x00", "\x1c"])
def test_c1_controls_are_refused_too(client, signed_in, runner, tmp_path, character):
    """U+009B is a terminal's escape (CSI), U+0085 a line break: refused like ESC and NUL."""
    from tests.case_forms import submit_new

    signed_in("caseworker")
    page = submit_new(client, narrative=f"before{character}after")
    assert page.status_code == 400 and "Remove the control" in page.get_data(True)
    result = run(runner, write_csv(tmp_path / "c1.csv", [minimal(narrative=f"a{character}b")]))
    assert "row 2, narrative" in result.output and "control characters" in result.output


def test_control_characters_are_refused_in_every_free_text_form(
    client, signed_in, make_incident, session
):
    """Not only the incident's fields: evidence description and provenance, the archive
    reason, the search text (U+009B shown; the rule is the one of the incident's fields)."""
    import io

    from tests.conftest import csrf_token, post_form

    user, _ = signed_in("admin")
    incident = make_incident(user)
    bad = "Abc\u009bdef"
    path = f"/incidents/{incident.reference}/evidence/new"
    trailing = "Abc\u0085"  # at the end: U+0085 counts as white space, still refused
    for field, value in (("description", bad), ("provenance", bad), ("description", trailing)):
        data = {
            "kind": "document",
            "provenance": "From the client",
            field: value,
            "csrf_token": csrf_token(client, path),
            "files": [(io.BytesIO(b"%PDF-1.7\nx\n%%EOF\n"), "a.pdf")],
        }
        page = client.post(path, data=data, content_type="multipart/form-data")
        assert page.status_code == 400 and "Remove the control" in page.get_data(True), field
    case_page = f"/incidents/{incident.reference}"
    page = post_form(
        client, f"{case_page}/archive", {"reason": bad}, token_from=case_page, follow_redirects=True
    )
    assert "Remove the control" in page.get_data(True)
    assert fresh(session).get(Incident, incident.id).archived_at is None
    search = post_form(
        client, "/incidents/search", {"q": bad}, token_from="/incidents", follow_redirects=True
    )
    assert "Remove the control" in search.get_data(True)
    assert 'value="Abc' not in search.get_data(True)  # not kept as the search text


def test_a_refused_email_address_says_why_in_the_reader_language(app):
    """English keeps the email-validator library's detail; Spanish says it in its own words
    (the library writes English only)."""

    from incidents.records.validation import normalize_email_address

    for language, expected in (("en", "must have an @-sign"), ("es", "nombre@ejemplo.org")):
        with app.test_request_context(headers={"Accept-Language": language}):
            with pytest.raises(ValueError) as refused:
                normalize_email_address("rosa.example.org")
            assert expected in str(refused.value.args[0]), language
