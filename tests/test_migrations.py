"""Migrations: one head, upgrade an empty SQLite and PostgreSQL database, no drift between
models and migrations, downgrade to base, and a working app on the migrated schema."""

from __future__ import annotations

import secrets
import uuid
from contextlib import contextmanager

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from incidents import create_app, migrate
from incidents.db import make_engine, normalize_url
from tests.conftest import FAST_HASH, PG_URL, require_or_skip


def test_there_is_exactly_one_head():
    assert len(migrate.heads()) == 1


def check_migrations(url: str, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": secrets.token_hex(32),
            "AUDIT_KEY": secrets.token_hex(32),
            "PASSWORD_HASH": FAST_HASH,
        }
    )
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    engine = make_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": migrate.include_object}
        )
        assert compare_metadata(context, SQLModel.metadata) == []
    assert "up to date" in runner.invoke(args=["db", "current"]).output
    # the migrated schema works: first run, sign-in audit chain, verification
    assert runner.invoke(args=["bootstrap"]).exit_code == 0
    verified = runner.invoke(args=["audit", "verify"])
    assert verified.exit_code == 0 and "2 events verified" in verified.output, verified.output
    assert runner.invoke(args=["db", "downgrade", "base"]).exit_code == 0
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    engine.dispose()
    app.extensions["db_engine"].dispose()


def test_upgrade_an_empty_sqlite_database(tmp_path, monkeypatch):
    check_migrations(f"sqlite:///{tmp_path / 'migrated.db'}", tmp_path, monkeypatch)


def sqlite_only_indexes(url: str) -> dict[str, list[str]]:
    """SQLite's columns of the SQLite-only indexes, in order."""
    from incidents.models.incident import SQLITE_ONLY

    engine = make_engine(url)
    with engine.connect() as connection:
        found = {
            name: [row[2] for row in connection.exec_driver_sql(f"PRAGMA index_info({name})")]
            for name in SQLITE_ONLY
        }
    engine.dispose()
    return found


def test_sqlite_only_indexes_are_migrated_as_the_models_create_them(tmp_path, monkeypatch):
    from incidents.models.incident import MATCHES_COLUMNS, MATCHES_INDEX

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    migrated_url = f"sqlite:///{tmp_path / 'migrated.db'}"
    app = create_app({"DATABASE_URL": migrated_url, "SECRET_KEY": "k" * 64, "AUDIT_KEY": "a" * 64})
    assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    app.extensions["db_engine"].dispose()
    created_url = f"sqlite:///{tmp_path / 'created.db'}"
    engine = make_engine(created_url)
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    migrated = sqlite_only_indexes(migrated_url)
    assert migrated == sqlite_only_indexes(created_url)
    assert migrated[MATCHES_INDEX] == list(MATCHES_COLUMNS)


@contextmanager
def postgresql_database():
    """The URL of a new, empty PostgreSQL database, dropped afterwards."""
    require_or_skip(bool(PG_URL), "TEST_DATABASE_URL is not set")
    server = make_url(normalize_url(PG_URL))
    name = f"frt_migrations_{uuid.uuid4().hex[:10]}"
    admin_dsn = server.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def live_index_definitions(url: str) -> dict[str, str]:
    """PostgreSQL's definitions of the list indexes that autogenerate does not compare."""
    from incidents.models.incident import POSTGRES_ONLY

    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'incidents'"
        ).all()
    engine.dispose()
    return {name: definition for name, definition in rows if name in POSTGRES_ONLY}


@pytest.mark.postgres_only
def test_upgrade_an_empty_postgresql_database(tmp_path, monkeypatch):
    from incidents.models.incident import POSTGRES_ONLY

    with postgresql_database() as url:
        check_migrations(url, tmp_path, monkeypatch)
        migrated = live_index_definitions(url)
    with postgresql_database() as url:  # the models' own indexes, as the tests create them
        engine = make_engine(url)
        SQLModel.metadata.create_all(engine)
        engine.dispose()
        created = live_index_definitions(url)
    assert set(migrated) == POSTGRES_ONLY and migrated == created


def test_db_check_command_agrees(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'checked.db'}"
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": secrets.token_hex(32),
            "AUDIT_KEY": secrets.token_hex(32),
        }
    )
    runner = app.test_cli_runner()
    runner.invoke(args=["db", "upgrade"])
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0 and "agree" in result.output
    app.extensions["db_engine"].dispose()


def test_commands_on_an_unmigrated_database_explain_themselves(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}",
            "SECRET_KEY": secrets.token_hex(32),
            "AUDIT_KEY": secrets.token_hex(32),
        }
    )
    result = app.test_cli_runner().invoke(args=["bootstrap"])
    assert result.exit_code != 0
    assert "flask db upgrade" in result.output and "Traceback" not in result.output
    app.extensions["db_engine"].dispose()


def test_stepping_back_over_the_newest_migrations_keeps_the_incident_triggers(
    tmp_path, monkeypatch
):
    # a batch copy of `incidents` on SQLite would drop the research eligibility trigger
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    url = f"sqlite:///{tmp_path / 'steps.db'}"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "s" * 64, "AUDIT_KEY": "a" * 64})
    runner = app.test_cli_runner()
    engine = make_engine(url)

    def triggers():
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
            return {name for (name,) in rows}

    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert "research_facts_eligible" in triggers()
    for _ in range(3):
        assert runner.invoke(args=["db", "downgrade"]).exit_code == 0
        assert "research_facts_eligible" in triggers()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert "research_facts_eligible" in triggers()
    engine.dispose()
    app.extensions["db_engine"].dispose()


def migrating_app(url: str):
    """An app on this database with fixed keys and a fast password hash, and its CLI runner
    (the caller has set INSTANCE_PATH)."""
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "s" * 64,
            "AUDIT_KEY": "a" * 64,
            "PASSWORD_HASH": FAST_HASH,
        }
    )
    return app, app.test_cli_runner()


def check_research_facts_refilled(url: str, tmp_path, monkeypatch) -> None:
    """Migration 0018 empties the research facts both ways; the next export fills them in with
    the litigation columns."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    app, runner = migrating_app(url)
    engine = make_engine(url)

    def facts():
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT count(*) FROM research_facts").scalar()

    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["create-org", "Mig Org", "--code", "MIG"]).exit_code == 0
    seeded = runner.invoke(args=["seed-demo", "--incidents", "120", "--org", "Mig Org"])
    assert seeded.exit_code == 0, seeded.output
    assert facts() == 120
    assert runner.invoke(args=["db", "downgrade", "0017"]).exit_code == 0
    columns = {c["name"] for c in inspect(engine).get_columns("research_facts")}
    assert facts() == 0 and "claim_ignored" not in columns
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert facts() == 0
    target = tmp_path / "after.csv"
    result = runner.invoke(args=["export-research", "-o", str(target), "--org", "Mig Org"])
    assert result.exit_code == 0, result.output
    assert facts() == 120
    header = target.read_text().splitlines()[0].split(",")
    assert header[-7:] == [
        "stop_basis",
        "agents_masked",
        "claim_ignored",
        "scan_consent",
        "biometrics_taken",
        "facility_types",
        "under_287g",
    ]
    engine.dispose()
    app.extensions["db_engine"].dispose()


def test_research_facts_are_refilled_after_0018_on_sqlite(tmp_path, monkeypatch):
    check_research_facts_refilled(f"sqlite:///{tmp_path / 'facts.db'}", tmp_path, monkeypatch)


@pytest.mark.postgres_only
def test_research_facts_are_refilled_after_0018_on_postgresql(tmp_path, monkeypatch):
    with postgresql_database() as url:
        check_research_facts_refilled(url, tmp_path, monkeypatch)


def test_0021_finds_existing_own_versions_from_their_audit_events(tmp_path, monkeypatch):
    """Copies made before 0021 stand in for their built-in policy once migrated."""
    from sqlmodel import Session, select

    from incidents.models import Policy, User
    from incidents.policies import services

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    url = f"sqlite:///{tmp_path / 'copies.db'}"
    app, runner = migrating_app(url)
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["create-org", "Copy Org", "--code", "CPY"]).exit_code == 0
    made = runner.invoke(
        args=["create-user", "l@example.org", "--role", "lawyer", "--org", "Copy Org"]
    )
    assert made.exit_code == 0, made.output
    assert runner.invoke(args=["policies", "load"]).exit_code == 0
    engine = make_engine(url)
    with app.app_context(), Session(engine) as session:
        lawyer = session.exec(select(User)).one()
        builtin = session.exec(select(Policy).where(Policy.key == "dhs-026-11")).one()
        copy_id = services.copy_policy(session=session, actor=lawyer, policy=builtin).id
    assert runner.invoke(args=["db", "downgrade", "0020"]).exit_code == 0
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    with engine.connect() as connection:
        copied = connection.exec_driver_sql(
            "SELECT copied_from_id FROM policies WHERE id = ?", (copy_id,)
        ).scalar()
        source = connection.exec_driver_sql(
            "SELECT id FROM policies WHERE key = 'dhs-026-11'"
        ).scalar()
    assert copied == source
    engine.dispose()
    app.extensions["db_engine"].dispose()


def test_0023_puts_systems_agencies_and_outcomes_into_the_search_text(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    url = f"sqlite:///{tmp_path / 'search.db'}"
    app, runner = migrating_app(url)
    engine = make_engine(url)

    def with_word(word):
        with engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH ?", (f'"{word}"*',)
            ).scalar()

    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["create-org", "Search Org", "--code", "SRCH"]).exit_code == 0
    seeded = runner.invoke(args=["seed-demo", "--incidents", "60", "--org", "Search Org"])
    assert seeded.exit_code == 0, seeded.output
    found = with_word("fortify")
    assert found > 0
    assert runner.invoke(args=["db", "downgrade", "0022"]).exit_code == 0
    assert with_word("fortify") == 0  # names, references and narratives only, as before
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert with_word("fortify") == found
    engine.dispose()
    app.extensions["db_engine"].dispose()
