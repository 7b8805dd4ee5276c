"""Administration from the command line: organizations, accounts, the first administrator
and the audit trail's verification."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import select

from incidents import audit
from incidents.admin import services as admin_services
from incidents.clikit import CliError, command, org_by_name
from incidents.db import get_session
from incidents.models import Organization, User
from incidents.vocab import ROLE
from incidents.wording import plural

audit_group = AppGroup("audit", help="The audit trail.")


@command(audit_group, "verify")
def audit_verify():
    """Recompute the audit trail's hash chain; exit 1 naming the first broken row."""
    result = audit.verify_chain(
        session=get_session(),
        key=audit.audit_key(),
        outside=current_app.config["AUDIT_HEAD_FILE"],
    )
    if not result.ok:
        where = f"row id {result.bad_id}" if result.bad_id is not None else "chain tip"
        click.echo(
            f"Audit trail BROKEN at {where}: {result.problem} "
            f"({result.checked} rows verified before it).",
            err=True,
        )
        sys.exit(1)
    click.echo(f"Audit trail intact: {plural(result.checked, 'event')} verified.")


@command(None, "create-org")
@click.argument("name")
@click.option("--code", help="Reference prefix, 2-8 capitals (default: from the initials).")
def create_org(name, code):
    """Create an organization."""
    org = admin_services.create_organization(session=get_session(), name=name, code=code)
    click.echo(f"Organization {org.name!r} created; incident references start {org.code}-.")


@command(None, "create-user")
@click.argument("email")
@click.option("--role", required=True, help=f"One of: {', '.join(ROLE.codes)}.")
@click.option("--org", "org_name", required=True, help="Organization name.")
@click.option("--name", "display_name", help="Display name (default: the email's local part).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(email, role, org_name, display_name, password_stdin):
    """Create an account. Without --password-stdin a one-time password is printed."""
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise CliError(f"invalid email address: {error}") from None
    if role not in ROLE:
        raise CliError(f"unknown role {role!r}; use one of: {', '.join(ROLE.codes)}")
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CliError("no password on standard input")
    session = get_session()
    user, issued = admin_services.create_user(
        session=session,
        organization=org_by_name(session, org_name),
        email=email,
        display_name=display_name or email.split("@")[0],
        role=role,
        password=password,
    )
    click.echo(f"Account {user.email} created with role {user.role}.")
    if issued:
        click.echo(f"One-time password (shown once; must be changed at first sign-in): {issued}")


@command(None, "reset-password")
@click.argument("email")
def reset_password(email):
    """Issue a new one-time password for an account (for a locked-out administrator)."""
    session = get_session()
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise CliError("no account with that email address")
    issued = admin_services.reset_password(session=session, actor=None, user=user)
    click.echo(f"One-time password for {user.email} (shown once): {issued}")


@command(None, "bootstrap")
@click.option("--org", "org_name", help="Organization name for the first administrator.")
@click.option("--email", help="Email address of the first administrator.")
def bootstrap(org_name, email):
    """First run: create an organization and administrator if no administrator exists."""
    session = get_session()
    if session.exec(select(User).where(User.role == "admin")).first():
        click.echo("An administrator exists already; nothing to do.")
        return
    org_name = org_name or current_app.config["BOOTSTRAP_ORG"]
    email = email or current_app.config["BOOTSTRAP_ADMIN_EMAIL"]
    org = session.exec(select(Organization).where(Organization.name == org_name)).first()
    org = org or admin_services.create_organization(session=session, name=org_name)
    _, issued = admin_services.create_user(
        session=session,
        organization=org,
        email=email,
        display_name="Administrator",
        role="admin",
    )
    banner = "=" * 72
    click.echo(
        f"{banner}\nFirst administrator created for {org.name!r}.\n"
        f"  Email:              {email}\n  One-time password:  {issued}\n"
        "This password is shown only once and must be changed at first sign-in.\n"
        f"{banner}"
    )


COMMANDS = (audit_group, create_org, create_user, reset_password, bootstrap)
