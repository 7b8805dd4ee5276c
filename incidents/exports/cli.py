"""`flask export-research -o FILE.csv [--k 5] [--l 2 --l-column outcome] [--org NAME]
[--keep period,region] [--pin period=quarter]`: the release that loses least by the ranking
(or pins) given, and its disclosure report as JSON."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import click

from incidents.clikit import CliError, command, org_by_name
from incidents.db import get_session
from incidents.exports.columns import SENSITIVE_CHOICES
from incidents.exports.hierarchy import BY_NAME, HIERARCHIES
from incidents.exports.lattice import Priorities


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
@click.option(
    "--keep",
    "ranking",
    default="",
    help="What to keep most, in order: comma-separated among "
    + ", ".join(h.name for h in HIERARCHIES)
    + ".",
)
@click.option(
    "--pin",
    "pins",
    multiple=True,
    help="NAME=LEVEL: keep at least this level (e.g. period=quarter); repeatable.",
)
def export_research(output, k, l_div, l_column, org_name, ranking, pins):
    """Write an anonymized CSV of consented incidents and its data dictionary."""
    from incidents.exports.services import Refused, dictionary_rows, open_stream, prepare

    session = get_session()
    org_id = None
    if org_name:
        org = org_by_name(session, org_name)
        org_id = org.id
    target = Path(output)
    if not target.parent.is_dir():
        raise CliError(f"folder {target.parent} does not exist")
    priorities = _priorities(ranking, pins)
    try:
        export = prepare(
            session=session,
            organization_id=org_id,
            k=k,
            l_div=l_div,
            sensitive=l_column if l_div else None,
            priorities=priorities,
        )
        stream = open_stream(session=session, export=export)
    except Refused as refusal:
        raise CliError(f"export refused: {refusal}") from None
    partial = target.with_name(target.name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as handle:
        for chunk in stream.lines(organization_id=org_id):  # in that organization's trail
            handle.write(chunk)
    os.replace(partial, target)
    dictionary = target.with_name(target.stem + ".dictionary.csv")
    with open(dictionary, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(dictionary_rows())
    click.echo(json.dumps(stream.release.report(), indent=2))
    click.echo(f"Wrote {target} and {dictionary}.")


def _priorities(ranking: str, pins) -> Priorities:
    """--keep and --pin as the search's priorities (a one-line error for a name or level that
    does not exist)."""
    names = [name.strip() for name in ranking.split(",") if name.strip()]
    for name in names:
        if name not in BY_NAME:
            raise CliError(f"--keep: unknown {name!r}; use {', '.join(BY_NAME)}")
    if len(set(names)) != len(names):
        raise CliError("--keep: name each one once")
    pinned = {}
    for pin in pins:
        name, _, level = pin.partition("=")
        h = BY_NAME.get(name.strip())
        if h is None or level.strip() not in h.levels[:-1]:
            allowed = "; ".join(f"{h.name}={'|'.join(h.levels[:-1])}" for h in HIERARCHIES)
            raise CliError(f"--pin {pin!r}: use one of {allowed}")
        pinned[h.name] = h.levels.index(level.strip())
    return Priorities(tuple(names), pinned)


COMMANDS = (export_research,)
