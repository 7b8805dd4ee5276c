"""The edit history of an incident, read from the audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from incidents.models import AuditEvent, Incident, User
from incidents.records.spec import SECTIONS as SECTION_LABELS

# audit action → what the history says was done
HISTORY_ACTIONS = {
    "incident_created": "created",
    "incident_updated": "updated",
    "incident_archived": "archived",
    "incident_restored": "restored",
    "incident_submitted": "submitted it for review",
    "incident_verified": "verified it",
    "incident_returned": "returned it for changes",
    "incident_reopened": "changed it after verification: back to review",
    "incident_assigned": "changed the assignments",
}


@dataclass
class HistoryEntry:
    """Who did what to which sections, when."""

    at: datetime
    who: str
    action: str
    sections: list[str]
    fields: list[str]


def edit_history(session: Session, incident: Incident) -> list[HistoryEntry]:
    """Creations, edits and archiving of an incident, newest first (one query)."""
    rows = session.exec(
        select(AuditEvent, User.display_name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(
            AuditEvent.object_type == "incident",
            AuditEvent.object_id == str(incident.id),
            AuditEvent.organization_id == incident.organization_id,
            AuditEvent.action.in_(list(HISTORY_ACTIONS)),
        )
        .order_by(AuditEvent.seq.desc())
    ).all()
    entries = []
    for event, name in rows:
        details = json.loads(event.details or "{}")
        entries.append(
            HistoryEntry(
                at=event.occurred_at,
                who=name or "import or command line",
                action=HISTORY_ACTIONS[event.action],
                sections=[SECTION_LABELS.get(s, s) for s in details.get("sections", [])],
                fields=details.get("fields", []),
            )
        )
    return entries
