"""The edit history of an incident, read from the audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from incidents.i18n import N_, translate_label
from incidents.models import AuditEvent, Incident, User
from incidents.records.spec import SECTIONS as SECTION_LABELS

# audit action → what the history says was done (English; translated where the page shows it)
HISTORY_ACTIONS = {
    "incident_created": N_("%(who)s created"),
    "incident_updated": N_("%(who)s updated"),
    "incident_archived": N_("%(who)s archived"),
    "incident_restored": N_("%(who)s restored"),
    "incident_submitted": N_("%(who)s submitted it for review"),
    "incident_verified": N_("%(who)s verified it"),
    "incident_returned": N_("%(who)s returned it for changes"),
    "incident_reopened": N_("%(who)s changed it after verification: back to review"),
    "incident_assigned": N_("%(who)s changed the assignments"),
}
NOBODY = N_("import or command line")  # no user: an import or a `flask` command


@dataclass
class HistoryEntry:
    """Who did what to which sections, when."""

    at: datetime
    who: str | None  # None: an import or a command
    action: str  # a HISTORY_ACTIONS sentence
    sections: list[str]  # the sections' English labels
    fields: list[str]  # field codes

    def said(self) -> str:
        """'Ana Ruiz updated', in the reader's language."""
        return translate_label(self.action) % {"who": self.who or translate_label(NOBODY)}

    def shown_sections(self) -> list[str]:
        """The sections changed, in the reader's language."""
        return [translate_label(section) for section in self.sections]


def edit_history(session: Session, incident: Incident) -> list[HistoryEntry]:
    """Creations, edits and archiving of an incident, newest first (one query, plain rows)."""
    rows = session.connection().execute(
        select(AuditEvent.occurred_at, AuditEvent.action, AuditEvent.details, User.display_name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(
            AuditEvent.object_type == "incident",
            AuditEvent.object_id == str(incident.id),
            AuditEvent.organization_id == incident.organization_id,
            AuditEvent.action.in_(list(HISTORY_ACTIONS)),
        )
        .order_by(AuditEvent.seq.desc())
    )
    entries = []
    for occurred_at, action, details_text, name in rows:
        details = json.loads(details_text or "{}")
        entries.append(
            HistoryEntry(
                at=occurred_at,
                who=name,
                action=HISTORY_ACTIONS[action],
                sections=[SECTION_LABELS.get(s, s) for s in details.get("sections", [])],
                fields=details.get("fields", []),
            )
        )
    return entries
