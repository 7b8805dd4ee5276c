"""Administration views (thin: form → service → response)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from incidents import sessions
from incidents.admin import bp, services
from incidents.admin.forms import (
    ConfirmForm,
    OrganizationForm,
    UserCreateForm,
    UserEditForm,
)
from incidents.auth import second_factor
from incidents.authz import get_in_org_or_404, roles_required
from incidents.db import get_session
from incidents.exports import releases
from incidents.i18n import gettext, ngettext, number
from incidents.models import Organization, User
from incidents.problems import UserError

admin_only = roles_required("admin")


@bp.route("/users")
@admin_only
def users():
    """The organization's accounts."""
    accounts = services.org_users(get_session(), current_user.organization_id)
    return render_template("admin/users.html", users=accounts)


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def new_user():
    """Create an account and show its one-time password once."""
    form = UserCreateForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            user, issued = services.create_user(
                session=session,
                organization=session.get(Organization, current_user.organization_id),
                email=form.email.data,
                display_name=form.display_name.data,
                role=form.role.data,
                actor=current_user,
            )
        except services.AdminError as error:
            getattr(form, error.field or "email").errors.append(str(error))
        else:
            return render_template(
                "admin/password_issued.html", user=user, password=issued, created=True
            )
    return render_template("admin/user_new.html", form=form), 400 if form.errors else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_only
def edit_user(user_id: int):
    """Change an account's name, role or active flag."""
    session = get_session()
    user = get_in_org_or_404(session, User, user_id)
    form = UserEditForm(obj=user)
    if form.validate_on_submit():
        try:
            changed = services.update_user(
                session=session,
                actor=current_user,
                user=user,
                display_name=form.display_name.data,
                role=form.role.data,
                active=form.active.data,
            )
        except services.AdminError as error:  # at its field, or for the whole form
            field = getattr(form, error.field or "", None)
            (field.errors if field is not None else form.form_errors).append(str(error))
        else:
            flash(gettext("Saved.") if changed else gettext("Nothing changed."), "success")
            return redirect(url_for("admin.users"))
    return render_template(
        "admin/user_edit.html",
        form=form,
        user=user,
        reset_form=ConfirmForm(),
        live_sessions=sessions.active(session, user.id),
        research_releases=releases.taken(session, user.id),
        describe=releases.describe,
    ), 400 if form.errors else 200


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@admin_only
def reset_password(user_id: int):
    """Issue a new one-time password for an account."""
    session = get_session()
    user = get_in_org_or_404(session, User, user_id)
    if not ConfirmForm().validate_on_submit():
        flash(gettext("The form expired; please try again."), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    issued = services.reset_password(session=session, actor=current_user, user=user)
    return render_template("admin/password_issued.html", user=user, password=issued, created=False)


@bp.route("/users/<int:user_id>/end-sessions", methods=["POST"])
@admin_only
def end_user_sessions(user_id: int):
    """Sign an account out everywhere."""
    session = get_session()
    user = get_in_org_or_404(session, User, user_id)
    if ConfirmForm().validate_on_submit():
        ended = services.end_user_sessions(session=session, actor=current_user, user=user)
        flash(
            ngettext(
                "%(num)s session of %(name)s ended.",
                "%(num)s sessions of %(name)s ended.",
                ended,
                name=user.display_name,
            ),
            "success",
        )
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/reset-second-factor", methods=["POST"])
@admin_only
def reset_second_factor(user_id: int):
    """Remove an account's second factor (a lost phone); it signs in again with its password."""
    session = get_session()
    user = get_in_org_or_404(session, User, user_id)
    if ConfirmForm().validate_on_submit():
        second_factor.reset(session=session, actor=current_user, user=user)
        flash(
            gettext("The second factor of %(name)s was removed.", name=user.display_name),
            "success",
        )
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/research-release/withdraw", methods=["POST"])
@admin_only
def withdraw_research_release(user_id: int):
    """Withdraw a researcher's release of a data set: they may then take another (audited)."""
    session = get_session()
    user = get_in_org_or_404(session, User, user_id)
    if ConfirmForm().validate_on_submit():
        try:
            withdrawn = releases.withdraw(session, actor=current_user, user=user)
        except UserError as refusal:
            flash(refusal.message, "error")
        else:
            flash(
                ngettext(
                    "%(count)s research release of %(name)s withdrawn. The files they downloaded "
                    "stay with them.",
                    "%(count)s research releases of %(name)s withdrawn. The files they downloaded "
                    "stay with them.",
                    withdrawn,
                    count=number(withdrawn),
                    name=user.display_name,
                ),
                "success",
            )
    return redirect(url_for("admin.edit_user", user_id=user.id) + "#research-release")


@bp.route("/organization", methods=["GET", "POST"])
@admin_only
def organization():
    """The organization's settings."""
    session = get_session()
    org = session.get(Organization, current_user.organization_id)
    form = OrganizationForm(obj=org)
    if form.validate_on_submit():
        try:
            services.update_organization(
                session=session,
                actor=current_user,
                org=org,
                name=form.name.data,
                code=form.code.data,
                share_with_researchers=form.share_with_researchers.data,
            )
            second_factor.set_rule(
                session=session, actor=current_user, organization=org, rule=form.second_factor.data
            )
        except services.AdminError as error:
            getattr(form, error.field or "name").errors.append(str(error))
        else:
            flash(gettext("Saved."), "success")
            return redirect(url_for("admin.organization"))
    return render_template(
        "admin/organization.html", form=form, org=org
    ), 400 if form.errors else 200
