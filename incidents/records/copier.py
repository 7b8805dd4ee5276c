"""Many rows written fast, for the bulk write path (`bulk`): ids reserved before the rows are
built, so that rows referring to others need no answer from the database; then PostgreSQL's
COPY, or one executemany on SQLite, with each value converted as SQLAlchemy binds it (SQLite's
dates as text, UTC timestamps), and a column left out of the rows given its default."""

from __future__ import annotations

from sqlalchemy import Table, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new ids of `table`, ascending, for rows written before the next reservation.
    SQLite: from the table's highest (its transactions hold the write lock from their start,
    decision 0002); PostgreSQL: from the table's sequence (safe beside other writers)."""
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "sqlite":
        start = session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar() + 1
        return list(range(start, start + count))
    sequence = session.execute(
        text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
    ).scalar()
    return sorted(
        session.execute(
            text("SELECT nextval(CAST(:s AS regclass)) FROM generate_series(1, :n)"),
            {"s": sequence, "n": count},
        ).scalars()
    )


def _columns(table: Table, names, dialect) -> list[tuple[str, object, object]]:
    """(name, default, bind processor) of each column written: those named, and those left
    out that have a plain default. A left-out column with a computed default is an error."""
    given = set(names)
    columns = []
    for column in table.columns:
        if column.name in given:
            default = None
        elif column.default is not None and column.default.is_scalar:
            default = column.default.arg
        elif column.default is not None:
            raise ValueError(f"{table.name}.{column.name}: give a value (computed default)")
        else:
            continue  # NULL or the server's default
        processor = column.type._cached_bind_processor(dialect)
        columns.append((column.name, default, processor))
    return columns


def write_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """Insert rows (dicts; a key missing from a row is its column's default) into `table`, in
    the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    columns = _columns(table, set().union(*rows), dialect)
    names = [name for name, _, _ in columns]
    defaults = [default for _, default, _ in columns]
    converted = [(n, processor) for n, (_, _, processor) in enumerate(columns) if processor]
    tuples = []
    for row in rows:
        values = [row.get(name, default) for name, default in zip(names, defaults, strict=True)]
        for n, processor in converted:
            if values[n] is not None:
                values[n] = processor(values[n])
        tuples.append(tuple(values))
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    if dialect.name == "postgresql":
        statement = f"COPY {table.name} ({quoted}) FROM STDIN"
        cursor = connection.connection.driver_connection.cursor()
        try:
            with cursor, cursor.copy(statement) as copy:
                for values in tuples:
                    copy.write_row(values)
        except dialect.loaded_dbapi.Error as error:  # as SQLAlchemy raises it (IntegrityError)
            raise DBAPIError.instance(statement, None, error, dialect.loaded_dbapi.Error) from None
        return
    marks = ", ".join("?" * len(names))
    statement = f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})"  # noqa: S608 (model names)
    connection.exec_driver_sql(statement, tuples)
