"""Alembic environment: SQLModel metadata, batch mode for SQLite, the app's engine settings."""

from alembic import context
from sqlmodel import SQLModel

import incidents.models  # noqa: F401  (registers every table)
from incidents.db import make_engine, normalize_url
from incidents.migrate import include_object

config = context.config
target_metadata = SQLModel.metadata


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
        **kwargs,
    )


def run_offline() -> None:
    """Emit SQL without a database connection (`--sql`)."""
    _configure(url=normalize_url(config.get_main_option("sqlalchemy.url")), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run migrations on a live connection; SQLite's foreign keys are off during batch copies
    and checked afterwards."""
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        # PRAGMAs go straight to the driver: inside a transaction SQLite ignores them.
        raw = connection.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        if raw is not None:
            connection.commit()
            problems = raw.execute("PRAGMA foreign_key_check").fetchall()
            raw.execute("PRAGMA foreign_keys=ON")
            if problems:
                raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
