"""Demo records requests: one in each status, federal FOIA answer dates computed (some
overdue, one due soon), other kinds with a date entered under a rule that says it is a demo
value, and a synthetic release filed as records received (a FOIA record in the evidence locker,
with its custody entries)."""

from __future__ import annotations

import io
from datetime import timedelta

from reportlab.pdfgen import canvas
from sqlmodel import Session, select

from incidents import clock
from incidents.evidence import services as evidence
from incidents.evidence import storage
from incidents.models import Agency, Incident, User
from incidents.records_requests import received
from incidents.records_requests.services import RequestDetails, create_request

DEMO_RULE = "Synthetic demo date: no real rule"
# kind, status, agency code, days since sent, days from sending to receipt, extension, entered due
PLAN = (
    ("foia", "sent", "ice_ero", 12, None, 0, None),
    ("foia", "acknowledged", "ice_ero", 45, 2, 0, None),
    ("foia_privacy_act", "partial", "cbp_ofo", 70, 3, 10, None),
    ("foia", "complete", "ice_ero", 120, 1, 0, None),
    ("foia", "denied", "border_patrol", 90, 2, 0, None),
    ("foia", "appealed", "ice_hsi", 150, 2, 0, None),
    ("state_public_records", "litigated", "local_police", 200, None, 0, 30),
    ("privacy_act", "acknowledged", "fbi", 20, 4, 0, 10),
    ("preservation_letter", "sent", "local_police", 5, None, 0, None),
)


def _release_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Synthetic FOIA release (demo data): no real records.")
    page.save()
    return buffer.getvalue()


def seed_requests(session: Session, lawyer: User, incidents: list[Incident]) -> int:
    """Record the demo requests about these incidents (one each, the first also about the
    second); returns how many were recorded."""
    if len(incidents) < len(PLAN) + 1:
        return 0
    agencies = {
        a.code: a.id
        for a in session.exec(select(Agency).where(Agency.organization_id.is_(None))).all()
    }
    today = clock.today()
    for n, (kind, status, agency, ago, receipt, extension, entered) in enumerate(PLAN):
        sent = today - timedelta(days=ago)
        details = RequestDetails(
            kind=kind,
            agency_id=agencies[agency],
            component="FOIA Office (demo)" if kind != "preservation_letter" else None,
            subject="Records of the stop, the face scan and the detention (demo request)",
            sent_on=sent,
            received_on=sent + timedelta(days=receipt) if receipt is not None else None,
            tracking_number=f"{sent.year}-FOIA-{n + 1:05d} (demo)"
            if kind != "preservation_letter"
            else None,
            extension_days=extension,
            due_on=sent + timedelta(days=entered) if entered else None,
            due_rule=DEMO_RULE if entered else None,
            status=status,
            status_on=None if status == "sent" else sent + timedelta(days=min(ago - 1, 30 + n)),
            fees=25.0 if status == "complete" else None,
            notes=None,
        )
        about = incidents[n : n + 2] if n == 0 else [incidents[n]]
        request = create_request(session=session, actor=lawyer, details=details, incidents=about)
        if status in ("complete", "partial"):
            _release(session, lawyer, request, incidents[n])
    return len(PLAN)


def _release(session, lawyer, request, incident) -> None:
    incoming = storage.incoming_file()
    incoming.write(_release_pdf())
    upload = evidence.Upload("demo-foia-release.pdf", incoming)
    if evidence.check_uploads([upload], 10 * 2**20):
        return
    received.receive_records(
        session=session,
        actor=lawyer,
        request=request,
        incident=incident,
        uploads=[upload],
        meta=evidence.EvidenceMeta(
            kind=received.RECORD_KIND,
            title="FOIA release (demo)",
            description=None,
            provenance="Synthetic demo file",
            captured_on=None,
        ),
    )
    session.commit()
