"""`flask dossier REFERENCE -o FILE.pdf [--profile full|redacted] [--agents-unnamed]
[--language en|es]`."""

from __future__ import annotations

from pathlib import Path

import click
from sqlmodel import select

from incidents.clikit import CliError, command
from incidents.db import get_session
from incidents.dossier.content import PROFILES
from incidents.dossier.words import DEFAULT, LANGUAGES
from incidents.models import Incident


@command(None, "dossier")
@click.argument("reference")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write the PDF.",
)
@click.option("--profile", type=click.Choice(PROFILES), default="full", show_default=True)
@click.option(
    "--agents-unnamed",
    is_flag=True,
    help="Redacted profile only: agents by number, their names and badges hidden too.",
)
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    default=DEFAULT,
    show_default=True,
    help="The dossier's own words, labels and dates; what people wrote is printed as written.",
)
def dossier(reference, output, profile, agents_unnamed, language):
    """Write an incident's case dossier as a PDF."""
    from incidents.dossier.services import generate

    session = get_session()
    incident = session.exec(
        select(Incident).where(
            Incident.reference == reference.strip().upper(), Incident.archived_at.is_(None)
        )
    ).first()
    if incident is None:
        raise CliError(f"no incident with reference {reference!r}")
    if agents_unnamed and profile != "redacted":
        raise CliError("--agents-unnamed goes with --profile redacted")
    target = Path(output)
    if not target.parent.exists():
        raise CliError(f"folder {target.parent} does not exist")
    pdf = generate(
        session=session,
        actor=None,
        incident=incident,
        profile=profile,
        hide_agents=agents_unnamed,
        language=language,
    )
    target.write_bytes(pdf)
    shown = f"{profile}, agents unnamed" if agents_unnamed else profile
    shown += "" if language == DEFAULT else f", in {language}"
    click.echo(f"Dossier {incident.reference} ({shown}) written to {target} ({len(pdf):,} bytes).")


COMMANDS = (dossier,)
