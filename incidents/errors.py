"""Error pages: a friendly page for every error, never a traceback or request data."""

from __future__ import annotations

import traceback

from flask import render_template, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from incidents.i18n import LANGUAGES, N_, SESSION_KEY, gettext, translate_label
from incidents.problems import UserError
from incidents.requests import IMPORT_ENDPOINTS, UPLOAD_ENDPOINTS

MESSAGES = {
    503: (N_("Busy — try again"), N_("The service is busy. Try again in a minute.")),
    400: (N_("Bad request"), N_("The request could not be understood.")),
    401: (N_("Sign-in required"), N_("Please sign in to do this.")),
    403: (N_("Not allowed"), N_("Your account does not have access to this page.")),
    404: (N_("Not found"), N_("There is nothing here, or you do not have access to it.")),
    405: (N_("Not allowed"), N_("This page cannot be used that way.")),
    409: (N_("Not delivered"), N_("The request conflicts with the current state of the record.")),
    410: (N_("Missing"), N_("What you asked for is no longer there.")),
    413: (
        N_("Too large"),
        N_(
            "What you sent is larger than this server accepts. Evidence files may be up to the "
            "size stated on the upload page."
        ),
    ),
    429: (N_("Too many requests"), N_("Please wait a moment and try again.")),
    500: (N_("Something went wrong"), N_("The error was logged. Nothing you entered was saved.")),
}


def render_error(code: int, message: str | None = None):
    """Render the error page for an HTTP status code."""
    title, default = MESSAGES.get(code, (None, N_("The request could not be completed.")))
    title = translate_label(title) if title else gettext("Error %(code)s", code=code)
    # a service's message is translated where it is raised; a marked constant is translated here
    message = translate_label(message or default)
    return render_template("errors/error.html", code=code, title=title, message=message), code


def _too_large(config, endpoint: str | None) -> str | None:
    """The size limit of the upload that was refused, in words (None: the generic message)."""
    if endpoint in UPLOAD_ENDPOINTS:
        return gettext(
            "One upload may hold up to %(mb)s MB of files in all. Nothing was stored; upload the "
            "files in smaller groups.",
            mb=config["EVIDENCE_MAX_BYTES"] // 2**20,
        )
    if endpoint in IMPORT_ENDPOINTS:
        return gettext(
            "An import file may hold up to %(mb)s MB. Nothing was written; split the "
            "spreadsheet into several files.",
            mb=config["IMPORT_MAX_BYTES"] // 2**20,
        )
    return None


def init_app(app) -> None:
    """Register error handlers."""

    @app.errorhandler(CSRFError)
    def _csrf(_error):
        return render_error(
            400,
            N_("The form expired or was not sent from this site. Reload the page and try again."),
        )

    @app.errorhandler(UserError)
    def _user_error(error: UserError):
        return render_error(error.status, error.message)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code and error.code >= 500:
            return render_error(500)
        if error.code == 413:
            return render_error(413, _too_large(app.config, _endpoint()))
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return _http(error)
        if isinstance(error, UserError):
            return _user_error(error)
        _rollback()
        if is_busy(error):  # a page that reads nothing from the busy database
            app.logger.warning("database busy at endpoint %s", _endpoint())
            html = _busy_page()
            return html, 503, {"Retry-After": "30"}
        app.logger.error(
            "unhandled %s at endpoint %s; stack (message withheld, it may hold personal data):\n%s",
            type(error).__name__,
            _endpoint(),
            "\n".join(
                f"  {frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(error.__traceback__)
            ),
        )
        return render_error(500)

    @app.errorhandler(InternalServerError)
    def _internal(_error):
        return render_error(500)


BUSY = N_(
    "The database is busy with another task (for example a large import) and could not take "
    "your request in time. Nothing was changed. Try again in a minute."
)


def _busy_page() -> str:
    """The 503 page, in the reader's language, reading nothing from the busy database: the
    language this request already chose or its user's, once loaded; else the sign-in page's
    choice or the browser's. No context processors: they would load the user again."""
    import flask
    from flask import current_app, g, request
    from flask_babel import force_locale

    language = g.get("_language")
    user = g.get("_login_user")  # Flask-Login's, when this request loaded the user already
    if language is None:
        language = getattr(user, "language", None) or flask.session.get(SESSION_KEY)
    if language not in LANGUAGES:
        language = request.accept_languages.best_match(LANGUAGES, default="en")
    g._language, g._label_cache = language, None
    page = current_app.jinja_env.get_template("errors/busy.html")
    with force_locale(language):
        return page.render(message=translate_label(BUSY), url_for=url_for, language=language)


def is_busy(error: Exception) -> bool:
    """SQLite's 'database is locked' once the busy wait is over."""
    return isinstance(error, OperationalError) and "database is locked" in str(error.orig)


def _rollback() -> None:
    """End a failed transaction, so that the error page itself can read the database."""
    from flask import g

    session = g.get("db_session")
    if session is not None:
        session.rollback()


def _endpoint() -> str:
    from flask import request

    return request.endpoint or "?"
