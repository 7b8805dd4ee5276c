"""`flask export-research -o FILE.csv [--k 5] [--l 2 --l-column outcome] [--org NAME]`."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import click

from incidents.clikit import CliError, command, org_by_name
from incidents.db import get_session
from incidents.exports.columns import SENSITIVE_CHOICES


@command(None, "export-research")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The CSV to write; the data dictionary goes beside it.",
)
@click.option(
    "--k",
    "k",
    type=int,
    default=5,
    show_default=True,
    help="Minimum class size (never below 5).",
)
@click.option("--l", "l_div", type=int, default=None, help="Distinct l-diversity.")
@click.option(
    "--l-column",
    type=click.Choice(SENSITIVE_CHOICES),
    default="outcome",
    show_default=True,
    help="Sensitive column for --l.",
)
@click.option(
    "--org",
    "org_name",
    help="The researchers' organization (its consented "
    "cases are included; other organizations only if they share).",
)
def export_research(output, k, l_div, l_column, org_name):
    """Write an anonymized CSV of consented incidents and its data dictionary."""
    from incidents.exports.services import Refused, dictionary_rows, prepare, stream_rows

    session = get_session()
    org_id = None
    if org_name:
        org = org_by_name(session, org_name)
        org_id = org.id
    target = Path(output)
    if not target.parent.is_dir():
        raise CliError(f"folder {target.parent} does not exist")
    try:
        export = prepare(
            session=session,
            organization_id=org_id,
            k=k,
            l_div=l_div,
            sensitive=l_column if l_div else None,
        )
    except Refused as refusal:
        raise CliError(f"export refused: {refusal}") from None
    partial = target.with_name(target.name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as handle:
        for chunk in stream_rows(session=session, export=export):
            handle.write(chunk)
    os.replace(partial, target)
    dictionary = target.with_name(target.stem + ".dictionary.csv")
    with open(dictionary, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(dictionary_rows())
    click.echo(json.dumps(export.plan.report(), indent=2))
    click.echo(f"Wrote {target} and {dictionary}.")


COMMANDS = (export_research,)
