"""`flask evidence verify`: re-hash every stored evidence file."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from incidents.clikit import command, org_by_name
from incidents.db import get_session
from incidents.wording import plural

evidence_group = AppGroup("evidence", help="The evidence store.")


@command(evidence_group, "verify")
@click.option("--org", "org_name", help="Only this organization's files.")
def verify(org_name):
    """Re-hash every stored file; report missing or altered ones (exit 1 if any)."""
    from incidents.evidence.integrity import verify_files

    session = get_session()
    org_id = None
    if org_name:
        org = org_by_name(session, org_name)
        org_id = org.id

    def progress(stored, observed):
        if observed is None:
            click.echo(
                f"MISSING  file {stored.id} (organization {stored.organization_id}, "
                f"sha256 {stored.sha256})",
                err=True,
            )
        elif observed != stored.sha256:
            click.echo(
                f"ALTERED  file {stored.id} (organization {stored.organization_id}, "
                f"recorded {stored.sha256}, found {observed})",
                err=True,
            )

    report = verify_files(session=session, organization_id=org_id, progress=progress)
    click.echo(
        f"{plural(report.checked, 'file')} checked: "
        f"{report.missing} missing, {report.altered} altered."
    )
    if not report.ok:
        sys.exit(1)


COMMANDS = (evidence_group,)
