"""Reading an import file: UTF-8 (with or without BOM), a header naming known columns, then rows
as dictionaries — streamed, never loaded whole."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from incidents.i18n import N_, gettext, number
from incidents.imports.columns import BY_NAME, REQUIRED
from incidents.problems import UserError

csv.field_size_limit(1_000_000)


class FileRefused(UserError, ValueError):
    """The file as a whole cannot be read (encoding, header); the message says what to fix.
    `unknown_columns`: the header names columns this kind of file does not have."""

    unknown_columns = False


NOT_UTF8 = N_(
    "The file is not UTF-8 text%(where)s. In Excel choose Save As → 'CSV UTF-8 (Comma "
    "delimited)'; in LibreOffice choose the character set 'Unicode (UTF-8)'."
)


def check_encoding(path: Path) -> None:
    """Refuse a file that is not UTF-8 before reading any row (decoded in 1 MB blocks)."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            try:
                utf8.decode(block)
            except UnicodeDecodeError as error:
                raise FileRefused(
                    gettext(
                        NOT_UTF8,
                        where=gettext(" (byte %(byte)s is not)", byte=offset + error.start + 1),
                    )
                ) from None
            offset += len(block)
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            raise FileRefused(
                gettext(NOT_UTF8, where=gettext(" (it ends inside a character)"))
            ) from None
    if offset == 0:
        raise FileRefused(gettext("The file is empty."))


def check_size(path: Path, max_bytes: int | None) -> None:
    """Refuse a file over the size limit, saying both sizes."""
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise FileRefused(
            gettext(
                "The file holds %(size)s; the limit is %(limit)s. Split it into several files.",
                size=_size(size),
                limit=_size(max_bytes),
            )
        )


def _size(count: int) -> str:
    """A size as people read it, with the language's decimal mark: 1.9 KB, 16.0 MB (never two
    different sizes written alike; Spanish 1,9 KB)."""
    return f"{number(count / 2**20, 1)} MB" if count >= 2**20 else f"{number(count / 1024, 1)} KB"


def header(names: list[str], known=BY_NAME, required=REQUIRED) -> list[str]:
    """The column names of a header row, checked: known, not repeated, required ones present."""
    cleaned = [name.strip().lower() for name in names]
    unknown = [n for n in cleaned if n and n not in known]
    if unknown:
        refused = FileRefused(
            gettext(
                "Unknown column(s): %(columns)s. Use the column names of the template.",
                columns=", ".join(repr(n[:40]) for n in unknown[:10]),
            )
        )
        refused.unknown_columns = True
        raise refused
    if "" in cleaned:
        raise FileRefused(
            gettext("Column %(number)s of the header has no name.", number=cleaned.index("") + 1)
        )
    repeated = sorted({n for n in cleaned if cleaned.count(n) > 1})
    if repeated:
        raise FileRefused(gettext("Repeated column(s): %(columns)s.", columns=", ".join(repeated)))
    missing = [n for n in required if n not in cleaned]
    if missing:
        raise FileRefused(
            gettext("Missing required column(s): %(columns)s.", columns=", ".join(missing))
        )
    return cleaned


NOT_CSV = N_("This row cannot be read as CSV: %(error)s.")
TOO_MANY_CELLS = N_("This row has %(cells)s cells; the header has %(columns)s.")


class RowReason(str):
    """Why a row cannot be read: it reads as English (the content fingerprint and the files
    written by a job read it so, whatever the reader's language); `shown` is the reason in
    the reader's language, for the report."""

    shown: str

    @classmethod
    def of(cls, message: str, **values) -> RowReason:
        """The reason `message` with its `values` filled in."""
        made = cls(message % values)
        made.shown = gettext(message, **values)
        return made


def shown_reason(cells: str) -> str:
    """A row's reason as the report shows it (see `RowReason`)."""
    return getattr(cells, "shown", cells)


def rows(
    path: Path, known=BY_NAME, required=REQUIRED
) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(spreadsheet row number, cells by column) for each non-empty row — or (row number, reason)
    for a row that cannot be split into the header's columns. Raises FileRefused. `known` and
    `required` name the columns (the incident file's by default)."""
    check_encoding(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            names = header(next(reader, []), known, required)
        except csv.Error as error:
            raise FileRefused(
                gettext("The header row cannot be read: %(error)s.", error=error)
            ) from None
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield number, RowReason.of(NOT_CSV, error=str(error))
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(names):
                yield number, RowReason.of(TOO_MANY_CELLS, cells=len(cells), columns=len(names))
                continue
            yield number, dict(zip(names, cells + [""] * (len(names) - len(cells)), strict=True))


def count_rows(path: Path) -> int:
    """About how many rows follow the header (line ends counted; for a progress bar)."""
    lines = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return max(lines - 1, 0)
