"""Policy library pages and assessments (thin: form → service → response)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func
from sqlmodel import select

from incidents.authz import roles_required, signed_in
from incidents.db import get_session
from incidents.forms_common import select_choices
from incidents.i18n import gettext
from incidents.models import Assessment, Incident, Policy, Provision
from incidents.policies import bp, services
from incidents.policies.forms import PolicyForm, ProvisionForm

editors = roles_required("lawyer", "admin")


def visible_policy(session, policy_id: int) -> Policy:
    """A built-in policy or one of the user's organization, else 404."""
    policy = session.get(Policy, policy_id)
    if policy is None or policy.organization_id not in (None, current_user.organization_id):
        abort(404)
    return policy


@bp.route("/policies")
@signed_in
def library():
    """Browse and search the policy library."""
    session = get_session()
    query = (request.args.get("q") or "").strip()[:100]
    stmt = select(Policy).where(_visible())
    if query:
        like = f"%{query.lower()}%"
        stmt = stmt.where(
            func.lower(Policy.title).like(like)
            | func.lower(Policy.issuer).like(like)
            | func.lower(func.coalesce(Policy.citation, "")).like(like)
            | (Policy.state == query.upper())
        )
    policies = session.exec(
        stmt.order_by(Policy.jurisdiction_level, Policy.state, Policy.title)
    ).all()
    provisions: dict[int, list[Provision]] = {}
    if policies:
        for provision in session.exec(
            select(Provision)
            .where(Provision.policy_id.in_([p.id for p in policies]))
            .order_by(Provision.position, Provision.id)
        ):
            provisions.setdefault(provision.policy_id, []).append(provision)
    own_versions = {p.copied_from_id: p for p in policies if p.copied_from_id}
    return render_template(
        "policies/library.html",
        policies=policies,
        provisions=provisions,
        own_versions=own_versions,
        q=query,
    )


@bp.route("/policies/<int:policy_id>")
@signed_in
def show(policy_id: int):
    """A policy with its provisions, versions and assessments against it."""
    session = get_session()
    policy = visible_policy(session, policy_id)
    provisions = session.exec(
        select(Provision)
        .where(Provision.policy_id == policy.id)
        .order_by(Provision.position, Provision.id)
    ).all()
    counts = {}  # researchers see no small counts of case data (disclosure control)
    if current_user.role != "researcher":
        counts = dict(
            session.exec(
                select(Assessment.decision, func.count())
                .join(Provision, Provision.id == Assessment.provision_id)
                .where(
                    Provision.policy_id == policy.id,
                    Assessment.organization_id == current_user.organization_id,
                )
                .group_by(Assessment.decision)
            ).all()
        )
    assessed = []
    if current_user.role in ("admin", "caseworker", "lawyer"):
        assessed = session.exec(
            select(Incident, Assessment, Provision)
            .join(Assessment, Assessment.incident_id == Incident.id)
            .join(Provision, Provision.id == Assessment.provision_id)
            .where(
                Provision.policy_id == policy.id,
                Incident.organization_id == current_user.organization_id,
                Incident.archived_at.is_(None),
            )
            .order_by(Incident.occurred_on.desc())
        ).all()
    versions = _versions(session, policy)
    own = (
        services.own_version(session, current_user.organization_id, policy)
        if policy.organization_id is None
        else None
    )
    return render_template(
        "policies/show.html",
        own=own,
        policy=policy,
        provisions=provisions,
        counts=counts,
        assessed=assessed,
        versions=versions,
    )


def _visible():
    """Built-in policies and the user's organization's own: every listing filters by this."""
    return (Policy.organization_id.is_(None)) | (
        Policy.organization_id == current_user.organization_id
    )


def _versions(session, policy: Policy) -> list[Policy]:
    """The policy's versions the user may see (other organizations' never)."""
    own = current_user.organization_id
    chain, seen = [], set()
    earlier = session.exec(select(Policy).where(Policy.successor_id == policy.id, _visible())).all()
    chain.extend(earlier)
    current = policy
    while current and current.id not in seen:
        seen.add(current.id)
        chain.append(current)
        current = session.get(Policy, current.successor_id) if current.successor_id else None
        if current is not None and current.organization_id not in (None, own):
            current = None
    return chain if len(chain) > 1 else []


@bp.route("/policies/new", methods=["GET", "POST"])
@editors
def new_policy():
    """Add a policy to the organization's library."""
    return _policy_form(None)


@bp.route("/policies/<int:policy_id>/edit", methods=["GET", "POST"])
@editors
def edit_policy(policy_id: int):
    """Edit one of the organization's policies (built-in ones are read-only)."""
    return _policy_form(services.ensure_editable(visible_policy(get_session(), policy_id)))


@bp.route("/policies/<int:policy_id>/copy", methods=["POST"])
@editors
def copy_policy(policy_id: int):
    """Make the organization's own version of a policy, then edit it."""
    session = get_session()  # CSRF and origin are checked for every POST
    policy = visible_policy(session, policy_id)
    before = policy.organization_id is None and services.own_version(
        session, current_user.organization_id, policy
    )
    copy = services.copy_policy(session=session, actor=current_user, policy=policy)
    flash(
        gettext("Your organization already has its own version: here it is.")
        if before
        else gettext(
            "Your organization's own version was made; it replaces the built-in one in your "
            "analyses. Change its wording here."
        ),
        "success",
    )
    return redirect(url_for("policies.show", policy_id=copy.id))


def _policy_form(policy):
    session = get_session()
    form = PolicyForm(obj=policy)
    others = session.exec(select(Policy).where(_visible()).order_by(Policy.title)).all()
    form.successor_id.choices = select_choices(
        [("", "—")] + [(str(p.id), p.title) for p in others if not policy or p.id != policy.id]
    )
    if request.method == "GET" and policy and policy.successor_id:
        form.successor_id.data = str(policy.successor_id)
    if form.validate_on_submit():
        values = {name: form[name].data or None for name in services.POLICY_EDIT_FIELDS}
        values["successor_id"] = int(form.successor_id.data) if form.successor_id.data else None
        saved = services.save_policy(
            session=session, actor=current_user, values=values, policy=policy
        )
        flash(gettext("Policy saved."), "success")
        return redirect(url_for("policies.show", policy_id=saved.id))
    return render_template(
        "policies/policy_form.html", form=form, policy=policy
    ), 400 if form.errors else 200


@bp.route("/policies/<int:policy_id>/provisions/new", methods=["GET", "POST"])
@editors
def new_provision(policy_id: int):
    """Add a provision to one of the organization's policies."""
    policy = services.ensure_editable(visible_policy(get_session(), policy_id))
    return _provision_form(policy, None)


@bp.route("/provisions/<int:provision_id>/edit", methods=["GET", "POST"])
@editors
def edit_provision(provision_id: int):
    """Edit a provision."""
    session = get_session()
    provision = session.get(Provision, provision_id) or abort(404)
    policy = services.ensure_editable(visible_policy(session, provision.policy_id))
    return _provision_form(policy, provision)


def _provision_form(policy, provision):
    session = get_session()
    form = ProvisionForm(obj=provision)
    form.policy = policy
    if request.method == "GET" and provision:
        form.scope_levels.data = provision.scope_levels.split(",")
        form.scope_agencies.data = [a for a in (provision.scope_agencies or "").split(",") if a]
    if form.validate_on_submit():
        values = {name: form[name].data or None for name in services.PROVISION_EDIT_FIELDS}
        values["is_quotation"] = bool(form.is_quotation.data)
        values["scope_levels"] = ",".join(form.scope_levels.data)
        values["scope_agencies"] = ",".join(form.scope_agencies.data) or None
        values["contexts"] = form.contexts.data or "any"
        services.save_provision(
            session=session, actor=current_user, policy=policy, values=values, provision=provision
        )
        flash(gettext("Provision saved."), "success")
        return redirect(url_for("policies.show", policy_id=policy.id))
    return render_template(
        "policies/provision_form.html", form=form, policy=policy, provision=provision
    ), 400 if form.errors else 200
