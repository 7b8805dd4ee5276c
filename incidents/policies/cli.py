"""`flask policies load`: load or refresh the built-in policy library."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from incidents.clikit import CliError, command
from incidents.db import get_session

policies_group = AppGroup("policies", help="The policy library.")


@command(policies_group, "load")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False),
    help="Another library file (default: the one shipped with the application).",
)
def load(path):
    """Insert or refresh the built-in policies; entries users created or edited are kept."""
    from incidents.policies.loader import LibraryError, load_library, read_library

    try:
        text = Path(path).read_text(encoding="utf-8") if path else None
        entries = read_library(text)
    except OSError as error:
        raise CliError(f"cannot read {path}: {error.strerror}") from None
    except LibraryError as error:
        raise CliError(f"library not loaded, nothing changed: {error}") from None
    report = load_library(session=get_session(), entries=entries)
    click.echo(
        f"Policy library: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.kept_user_edits)} kept as "
        "users edited them."
    )


COMMANDS = (policies_group,)
