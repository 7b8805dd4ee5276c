"""A job's message in the reader's language, at display time. The consumer stores the message
in English (it runs outside any request, and the message is kept as written); a page shows it
translated when it is one of the fixed messages or one of the counted patterns the job kinds
write ("12 of 40 dossiers"), and as stored otherwise. Nothing new is stored.

A kind that writes a new message adds it here (fixed: `FIXED`; counted: `PATTERNS`); one not
found here is shown in English — tests/test_i18n_trail_jobs.py checks the known ones."""

from __future__ import annotations

import re
from collections.abc import Callable

from incidents.i18n import N_, current_language, gettext, ngettext, number

# written by the framework (services, runner, retention) and the release export
FIXED = (
    N_("Waiting for a worker"),
    N_("Started"),
    N_("Done"),
    N_("Interrupted: the worker running it stopped before it ended. Start it again."),
    N_("Not started: the job queue could not be reached."),
    N_("The result was deleted when its kept period ended."),
    N_("This job can no longer run: its kind or user is gone."),
    N_("Downloaded in full; the file was deleted (one copy per release)."),
)
COUNT = r"(\d[\d,]*)"


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _of(words: Callable[..., str]) -> Callable[[re.Match], str]:
    """ "12 of 40 …": `words(total, done=…, total=…)` says it (the total decides the plural)."""

    def say(match: re.Match) -> str:
        done, total = _int(match.group(1)), _int(match.group(2))
        return words(total, done=number(done), total=number(total))

    return say


def _bundle(match: re.Match) -> str:
    made = _int(match.group(1))
    text = ngettext(
        "%(count)s dossier in the bundle",
        "%(count)s dossiers in the bundle",
        made,
        count=number(made),
    )
    if match.group(2):
        left = _int(match.group(2))
        text += ngettext(
            "; %(count)s left out (archived or removed since)",
            "; %(count)s left out (archived or removed since)",
            left,
            count=number(left),
        )
    return text


def _verified(match: re.Match) -> str:
    checked, missing, altered = (_int(match.group(n)) for n in (1, 2, 3))
    return gettext(
        "%(checked)s files checked: %(missing)s missing, %(altered)s altered.",
        checked=number(checked),
        missing=number(missing),
        altered=number(altered),
    )


def _written(match: re.Match) -> str:
    total = _int(match.group(1))
    return ngettext(
        "%(count)s row written; yours to download once",
        "%(count)s rows written; yours to download once",
        total,
        count=number(total),
    )


def _rows(match: re.Match) -> str:
    done, total = _int(match.group(1)), _int(match.group(2))
    values = {"done": number(done), "total": number(total)}
    if match.group(3) == "checked":
        return ngettext(
            "%(done)s of %(total)s row checked",
            "%(done)s of %(total)s rows checked",
            total,
            **values,
        )
    return ngettext(
        "%(done)s of %(total)s row imported", "%(done)s of %(total)s rows imported", total, **values
    )


def _failed(match: re.Match) -> str:
    return gettext(
        "Failed: an unexpected error. An administrator finds job %(job)s in the server log.",
        job=match.group(1),
    )


def _nothing_imported(match: re.Match) -> str:
    problem = gettext(match.group(1))
    if problem == match.group(1):  # a problem this version has no words for: as stored
        return match.string
    return gettext("Nothing imported: %(problem)s", problem=problem)


def _checked(match: re.Match) -> str:
    rows = _int(match.group(1))
    if match.group(2) is None:
        return ngettext(
            "Checked: %(count)s row, all valid; nothing was written yet.",
            "Checked: %(count)s rows, all valid; nothing was written yet.",
            rows,
            count=number(rows),
        )
    return ngettext(
        "Checked: %(count)s row, all valid (%(updates)s would update a recorded incident); "
        "nothing was written yet.",
        "Checked: %(count)s rows, all valid (%(updates)s would update a recorded incident); "
        "nothing was written yet.",
        rows,
        count=number(rows),
        updates=number(_int(match.group(2))),
    )


def _checked_problems(match: re.Match) -> str:
    rejected, rows, problems = (_int(match.group(n)) for n in (1, 2, 3))
    return ngettext(
        "Checked: %(rejected)s of %(count)s row have problems (%(problems)s in all); nothing "
        "was written yet.",
        "Checked: %(rejected)s of %(count)s rows have problems (%(problems)s in all); nothing "
        "was written yet.",
        rows,
        rejected=number(rejected),
        count=number(rows),
        problems=number(problems),
    )


def _imported(match: re.Match) -> str:
    imported = _int(match.group(1))
    text = ngettext(
        "Imported %(count)s incident",
        "Imported %(count)s incidents",
        imported,
        count=number(imported),
    )
    if match.group(2):
        updated = _int(match.group(2))
        text += ngettext(
            "; updated %(count)s incident",
            "; updated %(count)s incidents",
            updated,
            count=number(updated),
        )
    if match.group(3):
        skipped = _int(match.group(3))
        text += ngettext(
            "; %(count)s row with problems skipped",
            "; %(count)s rows with problems skipped",
            skipped,
            count=number(skipped),
        )
    return text + "."


# (pattern of the stored English, its words in the reader's language)
PATTERNS: tuple[tuple[re.Pattern, Callable[[re.Match], str]], ...] = (
    (
        re.compile(rf"^{COUNT} of {COUNT} dossiers$"),
        _of(
            lambda n, **v: ngettext(
                "%(done)s of %(total)s dossier", "%(done)s of %(total)s dossiers", n, **v
            )
        ),
    ),
    (
        re.compile(
            rf"^{COUNT} dossiers in the bundle"
            rf"(?:; {COUNT} left out \(archived or removed since\))?$"
        ),
        _bundle,
    ),
    (
        re.compile(rf"^{COUNT} of {COUNT} files checked$"),
        _of(
            lambda n, **v: ngettext(
                "%(done)s of %(total)s file checked", "%(done)s of %(total)s files checked", n, **v
            )
        ),
    ),
    (re.compile(rf"^{COUNT} files checked: {COUNT} missing, {COUNT} altered\.$"), _verified),
    (
        re.compile(rf"^{COUNT} of {COUNT} rows written$"),
        _of(
            lambda n, **v: ngettext(
                "%(done)s of %(total)s row written", "%(done)s of %(total)s rows written", n, **v
            )
        ),
    ),
    (re.compile(rf"^{COUNT} rows written; yours to download once$"), _written),
    (re.compile(rf"^{COUNT} of {COUNT} rows (checked|imported)$"), _rows),
    (
        re.compile(
            r"^Failed: an unexpected error\. An administrator finds job (\d+) in the server log\.$"
        ),
        _failed,
    ),
    (re.compile(r"^Nothing imported: (.+)$"), _nothing_imported),
    # the import of a large file (incidents.imports.services.Report.verdict)
    (
        re.compile(
            rf"^Checked: {COUNT} rows?, all valid(?: \({COUNT} would update a recorded "
            r"incident\))?; nothing was written yet\.$"
        ),
        _checked,
    ),
    (
        re.compile(
            rf"^Checked: {COUNT} of {COUNT} rows have problems \({COUNT} in all\); nothing was "
            r"written yet\.$"
        ),
        _checked_problems,
    ),
    (
        re.compile(
            rf"^Imported {COUNT} incidents?(?:; updated {COUNT} incidents?)?"
            rf"(?:; {COUNT} rows? with problems skipped)?\.$"
        ),
        _imported,
    ),
)


def shown(message: str | None) -> str | None:
    """A job's stored message in the reader's language; English, an empty message and a
    message this version does not know are shown as stored."""
    if not message or current_language() == "en":
        return message
    for pattern, say in PATTERNS:
        match = pattern.match(message)
        if match:
            return say(match)
    return gettext(message)  # a fixed message, or a refusal the code marked; else as stored
