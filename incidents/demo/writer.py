"""Writing the demo generator's batches: on PostgreSQL a thread with its own session writes
(COPY) and commits one batch while the generator builds the next, so that the database's work
and Python's overlap; on SQLite, whose writer holds the lock, in the generator's session. After
many rows, PostgreSQL's tables are vacuumed and analysed at once — as autovacuum would some time
later — so that the list's index-only scans do not visit every row's page in the meantime."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text
from sqlmodel import Session

from incidents.models import ReviewEvent
from incidents.records import bulk
from incidents.records.copier import write_rows

VACUUM_FROM = 10_000  # incidents written by a run, from which PostgreSQL's tables are vacuumed


class Writer:
    """Writes and commits batches: on PostgreSQL in a thread with its own session, one batch
    at a time while the caller builds the next (its errors are raised to the caller); on
    SQLite in the caller's session and transaction, as it goes."""

    def __init__(self, session: Session):
        self.session, self.pending = session, None
        self.threaded = session.get_bind().dialect.name == "postgresql"
        self.pool = ThreadPoolExecutor(max_workers=1) if self.threaded else None
        self.own = Session(bind=session.get_bind()) if self.threaded else session
        self.unchecked = self.threaded and _superuser(session)
        self.tables: set[str] = set()
        self.incidents = 0

    def write(self, batch, events: list[dict]) -> None:
        """Write (or hand over) a batch with its review event rows."""
        self.tables.update(model.__tablename__ for model in batch.tables)
        self.tables.add(ReviewEvent.__tablename__)
        self.incidents += len(batch.created)
        if not self.threaded:
            self._write(batch, events)
            return
        self.wait()
        self.pending = self.pool.submit(self._write, batch, events)

    def wait(self) -> None:
        """Wait for the batch handed over last (raising its error)."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def _write(self, batch, events) -> None:
        session = self.own
        try:
            if self.threaded:  # a crash may lose the last batches written, never corrupt them
                session.execute(text("SET LOCAL synchronous_commit = off"))
                if self.unchecked:
                    session.execute(text("SET LOCAL session_replication_role = replica"))
            bulk.write_batch(session, batch)
            write_rows(session, ReviewEvent.__table__, events)
            session.commit()
        except BaseException:
            session.rollback()
            raise

    def __enter__(self):
        return self

    def __exit__(self, kind, *_):
        try:
            if kind is None:
                self.wait()
        finally:
            if self.threaded:
                self.pool.shutdown(wait=True)
                self.own.close()

    def vacuum(self) -> None:
        """On PostgreSQL after VACUUM_FROM incidents or more, commit the caller's session and
        VACUUM (ANALYZE) the tables written (outside a transaction, as it must run; an open
        transaction that wrote would keep the new rows from being marked visible to all)."""
        if not self.threaded or self.incidents < VACUUM_FROM:
            return
        self.session.commit()
        engine = self.session.get_bind()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            names = ", ".join(f'"{name}"' for name in sorted(self.tables))
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {names}")


def _superuser(session: Session) -> bool:
    """Whether the PostgreSQL role may skip foreign-key checks for its own transaction."""
    return bool(
        session.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    )
