"""One write path: every test runs under the write guard (conftest), so a feature that writes
incidents, people or their rows without `records.operations` fails the tests that exercise it.
Here: the guard itself notices such a write."""

from __future__ import annotations

from sqlalchemy import text

from tests.write_guard import PACKAGE


def test_a_feature_writing_records_directly_is_caught(
    app, session, make_user, make_incident, record_write_guard
):
    user, _ = make_user("caseworker")
    make_incident(user)
    assert record_write_guard.violations == []  # the service went through the operations
    sneaky = str(PACKAGE / "cases" / "sneaky.py")
    statement = "session.execute(text('UPDATE incidents SET city = :c'), {'c': 'Elsewhere'})"
    exec(compile(statement, sneaky, "exec"), {"session": session, "text": text})  # noqa: S102
    assert record_write_guard.violations == [("incidents", sneaky)]
    record_write_guard.writes.clear()  # caught: the fixture's own check may pass
