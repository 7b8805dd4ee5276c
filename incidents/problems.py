"""The one base of the errors a person can act on. Its message is written for the person who
caused it and never holds personal data: the web error handler shows it on a page with its
status, the command line prints it as one line and exits non-zero."""

from __future__ import annotations

from incidents.i18n import N_, gettext


class UserError(Exception):
    """A failure with a message meant for the user."""

    status = 400  # the HTTP status a page answers with
    default: str | None = None  # the message when none is given (marked with N_, translated)

    def __init__(self, message: str | None = None):
        super().__init__(message or self.default_message())
        self.message = str(self.args[0])

    @classmethod
    def default_message(cls) -> str:
        """The message when none is given, in the request's language."""
        if cls.default:
            return gettext(cls.default)
        return (cls.__doc__ or "The request could not be completed.").strip().splitlines()[0]


class Conflict(UserError):
    """The request conflicts with the current state of the record."""

    default = N_("The request conflicts with the current state of the record.")
    status = 409
