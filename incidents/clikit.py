"""Command-line support shared by every feature's commands (it imports no feature): one-line
errors, a command decorator that gives them, and the organization lookup. Each feature
exports its commands as `COMMANDS`; `create_app` registers them.

Bad input gives one line on stderr and a non-zero exit, never a traceback: a `UserError`
raised anywhere below a command becomes that line."""

from __future__ import annotations

import functools

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlmodel import select

from incidents.models import Organization
from incidents.problems import UserError


class CliError(click.ClickException):
    """A one-line error for the operator."""

    exit_code = 2


class OneLineCommand(click.Command):
    """A command whose usage errors are one line, not a usage block."""

    def parse_args(self, ctx, args):
        """Turn Click's multi-line usage errors into one line."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise CliError(f"{error.format_message()} (see --help)") from None


def friendly_errors(func):
    """Translate expected failures into one-line errors."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UserError as error:
            raise CliError(error.message) from None
        except (OperationalError, ProgrammingError) as error:
            raise CliError(
                f"database error ({type(error.orig).__name__}); is it reachable and migrated? "
                "Run `flask db upgrade`."
            ) from None
        except DBAPIError as error:  # the database refused the data: no traceback, no values
            raise CliError(
                f"the database refused the data ({type(error.orig).__name__}); nothing was written"
            ) from None

    return wrapper


def command(group, name, **kwargs):
    """Declare a command with one-line errors, on `group` (a click group) or, with None, as
    a top-level command for `COMMANDS`."""

    def decorate(func):
        wrapped = friendly_errors(func)
        if group is None:
            return click.command(name, cls=OneLineCommand, **kwargs)(with_appcontext(wrapped))
        return group.command(name, cls=OneLineCommand, **kwargs)(wrapped)

    return decorate


def org_by_name(session, name: str) -> Organization:
    """The organization with this name, or a one-line error."""
    org = session.exec(select(Organization).where(Organization.name == name.strip())).first()
    if org is None:
        raise CliError(f"no organization named {name!r} (create it with `flask create-org`)")
    return org
