"""The interface language: chosen on the sign-in page (kept in the session cookie) or on the
user's account page (kept with the user). No language or personal data goes in a URL."""

from __future__ import annotations

import flask
from flask import redirect, url_for
from flask_login import current_user

from incidents import i18n
from incidents.auth import bp, services
from incidents.auth.forms import LanguageForm
from incidents.authz import public
from incidents.db import get_session


@bp.route("/language", methods=["POST"])
@public
def choose_language():
    """Change the interface language, then go back to the page the form was on."""
    form = LanguageForm()
    signed_in = current_user.is_authenticated
    if form.validate_on_submit():
        if signed_in:
            services.set_language(
                session=get_session(), user=current_user, language=form.language.data
            )
        flask.session[i18n.SESSION_KEY] = form.language.data
        i18n.forget_choice()
    back = url_for("auth.my_sessions") if signed_in else url_for("auth.login")
    target = form.next.data or ""
    return redirect(target if target in _known_pages() else back, code=303)


def _known_pages() -> set[str]:
    """Where the language form may send the browser back to (never a free-form address)."""
    return {url_for("auth.login"), url_for("auth.my_sessions"), url_for("main.home")}
