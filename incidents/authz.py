"""Authorization: deny by default.

Every view declares who may reach it with exactly one of `@public` or `@roles_required(...)`.
A before-request guard refuses any endpoint without a declaration, so a forgotten decorator
fails closed. Case data is read only through `org_scoped` / `get_in_org_or_404`, which limit
queries to the signed-in user's organization.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from sqlmodel import Session

from incidents.i18n import gettext
from incidents.vocab import ROLE

F = TypeVar("F", bound=Callable)
PUBLIC = "public"
ACCESS_ATTR = "_incidents_access"
ALL_ROLES = frozenset(ROLE.codes)


def public(view: F) -> F:
    """Anyone may reach this view, signed in or not."""
    setattr(view, ACCESS_ATTR, PUBLIC)
    return view


def roles_required(*roles: str) -> Callable[[F], F]:
    """Only signed-in users with one of these roles may reach the view."""
    unknown = set(roles) - ALL_ROLES
    if unknown or not roles:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorate(view: F) -> F:
        setattr(view, ACCESS_ATTR, frozenset(roles))
        return view

    return decorate


signed_in = roles_required(*ALL_ROLES)


def access_of(endpoint: str | None):
    """The access declaration of an endpoint: PUBLIC, a set of roles, or None (undeclared)."""
    if endpoint is None:
        return PUBLIC  # no route matched: let the 404/405 handlers answer
    if endpoint == "static" or endpoint.endswith(".static"):
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTR, None)


def enforce_access():
    """Before-request guard: refuse undeclared endpoints, send anonymous users to sign in."""
    access = access_of(request.endpoint)
    if access is None:
        current_app.logger.error("endpoint %s declares no access rule; refused", request.endpoint)
        abort(403)
    if access == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return to_sign_in()
    if current_user.role not in access:
        abort(403)
    return None


def to_sign_in(expired: bool = False):
    """The answer to a request that needs a signed-in user and has none (never signed in, or
    its session just ended — `expired`): a page goes to sign-in and comes back after it; a
    form saved after the session ended goes there too (303), to open again with what was
    typed; anything else (a script, a post-only action, an upload) is refused (401)."""
    if request.method == "GET":
        if expired:
            flash(gettext("Your session has expired. Please sign in again."), "info")
        return redirect(url_for("auth.login", next=request.path))
    if _is_page_form(request):
        flash(
            gettext(
                "Your session had ended, so that was not saved yet. Sign in: the form opens "
                "again with what you typed."
            ),
            "error",
        )
        return redirect(url_for("auth.login", next=request.path), code=303)
    abort(401)


def _is_page_form(req) -> bool:
    """A browser's post of a page's form whose address also opens the form (GET), as opposed
    to a script's request, a post-only action or an upload (its body is refused unread)."""
    rule = req.url_rule
    wants_page = req.accept_mimetypes.accept_html or not req.accept_mimetypes
    upload = req.mimetype == "multipart/form-data"
    return bool(rule and "GET" in rule.methods and wants_page and not upload)


def org_scoped(statement, model):
    """Limit a select() on an organization-owned model to the current user's organization."""
    return statement.where(model.organization_id == current_user.organization_id)


def get_in_org_or_404(session: Session, model, object_id: int):
    """Load one organization-owned row of the current user's organization, or answer 404."""
    obj = session.get(model, object_id)
    if obj is None or obj.organization_id != current_user.organization_id:
        abort(404)
    return obj
