"""`flask import-incidents FILE.csv --org NAME [--dry-run] [--skip-invalid] [--update] [--again]
[--allow-duplicates]`, `flask import-rows {timeline,agents,paperwork} FILE.csv --org NAME
[--dry-run]` and `flask import-guide [--template FILE [--rows KIND]]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from incidents.clikit import CliError, command, org_by_name
from incidents.db import get_session


@command(None, "import-incidents")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--org", "org_name", required=True, help="The organization importing.")
@click.option("--dry-run", is_flag=True, help="Check every row; write nothing.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid rows and report the others.")
@click.option(
    "--update",
    is_flag=True,
    help="A row whose reference is recorded updates that incident (filled cells only).",
)
@click.option("--again", is_flag=True, help="Import a file that was imported before.")
@click.option(
    "--allow-duplicates",
    is_flag=True,
    help="Record rows that look like recorded incidents (same client, date and place) as new.",
)
def import_incidents(file, org_name, dry_run, skip_invalid, update, again, allow_duplicates):
    """Import incidents from a UTF-8 CSV (see `flask import-guide`)."""
    from flask import current_app

    from incidents.imports.reader import count_rows
    from incidents.imports.services import run_import

    session, org, path = _session_org_file(org_name, file)
    limit = current_app.config["IMPORT_MAX_BYTES"]
    with click.progressbar(length=count_rows(path), label="Rows", file=sys.stderr) as bar:
        report = run_import(
            session=session,
            organization=org,
            actor=None,
            path=path,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            update=update,
            again=again,
            allow_duplicates=allow_duplicates,
            max_bytes=limit,
            progress=bar.update,
        )
    failed = report.file_problem or (report.problem_count and not report.committed)
    for line in report_lines(report)[: -1 if failed else None]:
        click.echo(line)
    if failed:
        raise CliError(report.verdict())


@command(None, "import-rows")
@click.argument("kind", type=click.Choice(["timeline", "agents", "paperwork"]))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--org", "org_name", required=True, help="The organization importing.")
@click.option("--dry-run", is_flag=True, help="Check every row; write nothing.")
def import_rows(kind, file, org_name, dry_run):
    """Add timeline events, agents or paperwork to recorded incidents from a UTF-8 CSV keyed by
    reference (see `flask import-guide`)."""
    from flask import current_app

    from incidents.imports.row_files import run_rows_import

    session, org, path = _session_org_file(org_name, file)
    report = run_rows_import(
        session=session,
        organization=org,
        actor=None,
        path=path,
        list_name=kind,
        dry_run=dry_run,
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
    )
    failed = bool(report.file_problem or report.problem_count)
    for line in report_lines(report)[: -1 if failed else None]:
        click.echo(line)
    if failed:
        raise CliError(report.verdict())


def _session_org_file(org_name: str, file: str):
    """The session, the organization named and the file to import (a one-line error if not)."""
    session = get_session()
    org = org_by_name(session, org_name)
    path = Path(file)
    if not path.is_file():
        raise CliError(f"no file {file}")
    return session, org, path


def report_lines(report) -> list[str]:
    """The report as lines of text: each problem, then the counts."""
    warning = getattr(report, "warning", lambda: None)()
    lines = [f"warning: {warning}"] if warning else []
    for problem in report.problems:
        where = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
        value = f" ({problem.value!r})" if problem.value else ""
        lines.append(f"{where}{value}: {problem.reason}")
    if report.problem_count > len(report.problems):
        lines.append(f"… and {report.problem_count - len(report.problems)} more problems.")
    lines.append(report.verdict())
    return lines


@command(None, "import-guide")
@click.option(
    "--template", "template", type=click.Path(dir_okay=False), help="Write the template CSV."
)
@click.option(
    "--rows",
    type=click.Choice(["timeline", "agents", "paperwork"]),
    help="With --template: the template of a file of rows of this kind.",
)
def import_guide(template, rows):
    """Print the import column guide, or write the template CSV."""
    from incidents.imports.guide import markdown, template_csv

    if rows and not template:
        raise CliError("--rows goes with --template FILE")
    if template:
        try:
            Path(template).write_text(template_csv(rows), encoding="utf-8", newline="")
        except OSError as error:
            raise CliError(f"cannot write {template}: {error.strerror}") from None
        click.echo(f"Wrote {template}.")
    else:
        click.echo(markdown(), nl=False)


COMMANDS = (
    import_incidents,
    import_rows,
    import_guide,
)
