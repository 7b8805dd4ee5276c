"""The home page of each role, assembled: a caseworker's drafts, returned cases and deadlines;
a lawyer's review queue, suggestions to confirm, deadlines and overdue records requests; an
administrator's accounts, failed sign-ins, audit chain and evidence integrity; charts of the
organization's incidents for all three; for a researcher, charts of published counts only.
Every number is of the signed-in user's organization (a researcher's: of the consented
incidents the research export may hold), and each view is recorded in the audit trail."""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlmodel import Session

from incidents import audit
from incidents.dashboard import admin_panels, assessments, work
from incidents.dashboard.charts import chart_data
from incidents.dashboard.figures import ListUrl, staff_figures
from incidents.dashboard.research_figures import research_figures
from incidents.exports.charts import research_charts


def staff_home(
    session: Session, *, user, filters: dict, text: str | None, list_url: ListUrl, today: date
) -> dict:
    """The panels of a caseworker, lawyer or administrator, and the charts of the incidents
    the list shows for these filters and search text."""
    data = chart_data(
        session, organization_id=user.organization_id, filters=filters, text=text, user_id=user.id
    )
    context = {
        "chart_total": data.total,
        "figures": staff_figures(data, list_url) if data.total else [],
    }
    if user.role == "caseworker":
        drafts, returned = work.caseworker_lists(session, user)
        context.update(
            drafts=drafts,
            returned=returned,
            deadlines=work.deadlines(session, user, today=today, whole_organization=False),
        )
    elif user.role == "lawyer":
        mine, others = work.review_queue(session, user)
        context.update(
            review_mine=mine,
            review_others=others,
            confirmations=assessments.confirmations(session, user),
            deadlines=work.deadlines(session, user, today=today, whole_organization=True),
        )
    elif user.role == "admin":
        accounts, rows = admin_panels.accounts(session, user.organization_id)
        context.update(
            accounts=accounts,
            failures=admin_panels.failures(session, rows),
            chain=admin_panels.chain_status(
                session, key=audit.audit_key(), outside=current_app.config["AUDIT_HEAD_FILE"]
            ),
            integrity=admin_panels.integrity(session, user.organization_id),
        )
    return context


def researcher_home(session: Session, *, user) -> dict:
    """A researcher's charts: published counts of consented incidents, small cells hidden."""
    return {"figures": research_figures(research_charts(session, user.organization_id))}


def record_view(*, session: Session, actor, details: dict) -> None:
    """Audit a view of the home page (which filters, whether a search applied; no values)."""
    audit.record_read(session=session, action="dashboard_viewed", actor=actor, details=details)


def verify_audit_chain(*, session: Session, actor) -> bool:
    """Verify the audit trail's chain now and record the outcome; whether it held."""
    return admin_panels.verify_now(
        session,
        actor=actor,
        key=audit.audit_key(),
        outside=current_app.config["AUDIT_HEAD_FILE"],
    )
