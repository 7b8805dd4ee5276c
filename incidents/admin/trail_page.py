"""What the audit-trail page needs besides its rows: the filter form with its menus (people of
the organization, kinds of action in words), the filters it stands for, and whether the
chain holds (as the administrators' home page knows it)."""

from __future__ import annotations

from flask import current_app
from sqlmodel import Session
from wtforms.fields.choices import SelectChoice

from incidents import audit
from incidents.admin import trail
from incidents.admin.forms import AuditFilterForm
from incidents.admin.trail_labels import menu_groups
from incidents.dashboard import admin_panels
from incidents.i18n import gettext


def filter_form(users: dict[int, str], formdata=None, *, from_query: bool) -> AuditFilterForm:
    """The filter form with its menus; read from the query string (no CSRF token: it changes
    nothing) or from a POST."""
    meta = {"csrf": False} if from_query else {}
    form = AuditFilterForm(formdata, meta=meta) if from_query else AuditFilterForm(meta=meta)
    people = sorted(users.items(), key=lambda item: (item[1].casefold(), item[0]))
    form.actor.choices = [SelectChoice("", gettext("Anyone"))] + [
        SelectChoice(str(number), name) for number, name in people
    ]
    form.action.choices = [SelectChoice("", gettext("Any action"))] + [
        SelectChoice(code, label, optgroup=group)
        for group, options in menu_groups().items()
        for code, label in options
    ]
    return form


def filters_of(session: Session, organization_id: int, form: AuditFilterForm) -> trail.Filters:
    """The filters of a valid form; a case reference must be one of the organization's cases
    (the form then says so, and the filters match nothing rather than everything)."""
    code = trail.object_code(form.object.data) if form.object.data else None
    is_case = code is not None and not trail.OBJECT_CODE.match(code)
    if is_case and trail.find_case(session, organization_id, code) is None:
        form.object.errors = [*form.object.errors, gettext("No case of your organization has it.")]
    return trail.Filters(
        actor=int(form.actor.data) if form.actor.data else None,
        action=form.action.data or None,
        date_from=form.date_from.data,
        date_to=form.date_to.data,
        object=code,
    )


def chain_status(session: Session) -> admin_panels.ChainStatus:
    """Whether the chain holds, as on the administrators' home page: verified now while it is
    short, else the last verification recorded (the page never reads a long chain)."""
    return admin_panels.chain_status(
        session, key=audit.audit_key(), outside=current_app.config["AUDIT_HEAD_FILE"]
    )
