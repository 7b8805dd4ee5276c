"""Alembic wiring: migrations/ is found in the checkout or inside the installed package."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from incidents import resource_dir


def alembic_config(database_url: str | None = None) -> Config:
    """An Alembic Config pointing at this project's migrations and the app's database."""
    config = Config()
    config.set_main_option("script_location", resource_dir("migrations"))
    url = database_url or current_app.config["DATABASE_URL"]
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(revision: str = "head", database_url: str | None = None) -> None:
    """Apply migrations up to a revision."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(revision: str = "-1", database_url: str | None = None) -> None:
    """Revert migrations down to a revision."""
    command.downgrade(alembic_config(database_url), revision)


def heads() -> tuple[str, ...]:
    """The head revisions of the migration scripts (one, in a healthy tree)."""
    return tuple(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def current_revisions(engine) -> tuple[str, ...]:
    """The revisions the database is at."""
    with engine.connect() as connection:
        return tuple(MigrationContext.configure(connection).get_current_heads())


def is_up_to_date(engine) -> bool:
    """Whether the database is at the scripts' head."""
    return set(current_revisions(engine)) == set(heads())


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Autogenerate ignores the search index objects that the models cannot describe, and the
    indexes of one database only (the other's comparison would miss them; tests/
    test_migrations.py compares their migrated and created definitions)."""
    from incidents.models.incident import POSTGRES_ONLY, SEARCH_OBJECTS, SQLITE_ONLY

    return not (
        name in SEARCH_OBJECTS
        or name in POSTGRES_ONLY
        or name in SQLITE_ONLY
        or (name or "").startswith("incident_fts")
    )
