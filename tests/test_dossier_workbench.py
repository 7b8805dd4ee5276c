"""The dossier and the team's legal work: who verified the case on the cover (both profiles),
and the claims, deadlines and records requests section in the full profile only."""

from __future__ import annotations

from datetime import UTC, date, datetime

from incidents.models import RecordsRequest, RecordsRequestIncident
from tests.conftest import post_form
from tests.policy_helpers import pdf_text
from tests.workbench_helpers import review_moves


def test_the_dossier_shows_the_review_and_the_legal_work(
    app, session, client, signed_in, make_incident, make_evidence
):
    lawyer, _ = signed_in("lawyer", display_name="Lena Lawyer")
    incident = make_incident(lawyer)
    ref = incident.reference
    full, redacted = (f"/incidents/{ref}/dossier.pdf?profile={p}" for p in ("full", "redacted"))
    assert "Documentation status: Draft — not yet verified" in pdf_text(client, full)
    item = make_evidence(lawyer, incident, name="sf95.jpg", kind="document")
    post_form(
        client,
        f"/incidents/{ref}/legal-actions/new",
        {
            "kind": "ftca_admin_claim",
            "status": "filed",
            "against": "United States (ICE)",
            "accrued_on": "2025-03-10",
            "filed_on": "2025-06-01",
            "evidence": [str(item.id)],
        },
    )
    post_form(
        client,
        f"/incidents/{ref}/deadlines/new",
        {"kind": "hearing", "due_on": "2027-01-15", "rule": "Scheduling order of the court"},
    )
    request = RecordsRequest(
        organization_id=incident.organization_id,
        kind="foia",
        component="ICE FOIA Office",
        sent_on=date(2025, 6, 2),
        tracking_number="2025-ICFO-12345",
        due_on=date(2025, 7, 1),
        due_rule="foia",
        status="acknowledged",
    )
    session.add(request)
    session.flush()
    session.add(RecordsRequestIncident(records_request_id=request.id, incident_id=incident.id))
    session.commit()
    review_moves(app, session, incident, lawyer, "submitted", "verified")
    text = pdf_text(client, full)
    verified_on = datetime.now(UTC).date()  # the verification time is kept in UTC
    assert f"Documentation status: Verified by Lena Lawyer on {verified_on:%Y-%m-%d}" in text
    section = text.split("Claims, deadlines and records requests")[1]
    assert "FTCA administrative claim (SF-95) — Filed" in section
    assert "FTCA claim must be presented 2027-03-10 met 2025-06-01" in section
    assert "28 U.S.C. §2401(b)" in section and "28 U.S.C. §2675(a)" in section
    assert section.split("Documents")[1].startswith(f" {ref}-EX-001")  # the SF-95, an exhibit
    assert "Hearing 2027-01-15 open Entered: Scheduling order of the court" in section
    assert "FOIA request (federal) — Acknowledged" in section and "2025-ICFO-12345" in section
    assert "20 working days after the day sent" in section
    assert "Counted from the day sent" in section
    shared = pdf_text(client, redacted)
    assert "Verified by Lena Lawyer" in shared
    assert "Claims, deadlines and records requests" not in shared and "ICFO" not in shared


def test_the_dossier_says_late_and_overdue(app, session, client, signed_in, make_incident):
    from datetime import timedelta

    from incidents import clock

    lawyer, _ = signed_in("lawyer")
    incident = make_incident(lawyer)
    ref = incident.reference
    post_form(
        client,
        f"/incidents/{ref}/legal-actions/new",
        {
            "kind": "ftca_admin_claim",
            "status": "filed",
            "accrued_on": "2020-01-01",
            "filed_on": "2023-01-01",
        },
    )
    overdue = (clock.today() - timedelta(days=6)).isoformat()
    post_form(
        client,
        f"/incidents/{ref}/deadlines/new",
        {"kind": "filing", "due_on": overdue, "rule": "Court order"},
    )
    text = pdf_text(client, f"/incidents/{ref}/dossier.pdf?profile=full")
    assert "done late, 2023-01-01 (365 days after): the claim may be out of time" in text
    assert f"{overdue} overdue (6 days)" in text
