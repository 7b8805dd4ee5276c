"""The field specification: every field of an incident, a person, an FRT use, a document
presented and a timeline event, declared once. The web form, the typed incident value, the
spreadsheet import (columns, template, guide), the research data dictionary and the redaction of
free text read it; `tests/test_spec.py` checks each of them against it.

Each field has a personal-data class:
- `direct`: identifies a person by itself (name, A-number, phone, email, street address);
- `quasi`: identifies in combination (dates, places, birth date, nationality, gender, ...);
- `analytic`: coded facts with no identifying power of their own;
- `free_text`: prose that may hold anything, identifiers included (narratives, notes).
"""

from __future__ import annotations

from incidents.i18n import N_
from incidents.records.spec.agents import AGENT
from incidents.records.spec.attached import ASSESSMENT, ATTACHED, EVIDENCE, REDACTION_DECISION
from incidents.records.spec.base import (
    CLASSES,
    KINDS,
    REDACT_AS,
    REF_KINDS,
    TEXT_KINDS,
    Entity,
    Field,
)
from incidents.records.spec.incident import INCIDENT
from incidents.records.spec.jobs import JOB, JOBS
from incidents.records.spec.paperwork import PAPERWORK_ROW
from incidents.records.spec.people import PERSON, PERSON_LINK
from incidents.records.spec.rows import DOCUMENT, FRT_USE, TIMELINE
from incidents.records.spec.workbench import (
    DEADLINE,
    FORM_DRAFT,
    LEGAL_ACTION,
    RECORDS_REQUEST,
    REVIEW_EVENT,
    WORKBENCH,
)

__all__ = [
    "AGENT",
    "ASSESSMENT",
    "ATTACHED",
    "CLASSES",
    "DEADLINE",
    "DOCUMENT",
    "ENTITIES",
    "EVIDENCE",
    "FORM_DRAFT",
    "FRT_USE",
    "INCIDENT",
    "JOB",
    "JOBS",
    "KINDS",
    "LEGAL_ACTION",
    "PAPERWORK_ROW",
    "PERSON",
    "PERSON_LINK",
    "RECORDS_REQUEST",
    "REDACTION_DECISION",
    "REDACT_AS",
    "REF_KINDS",
    "REVIEW_EVENT",
    "SECTIONS",
    "TEXT_KINDS",
    "TIMELINE",
    "WORKBENCH",
    "Entity",
    "Field",
    "all_fields",
]

ENTITIES = (INCIDENT, PERSON_LINK, PERSON, AGENT, FRT_USE, DOCUMENT, TIMELINE, PAPERWORK_ROW)

# Sections of the incident form, in order, with their labels (the edit history names them).
SECTIONS = {
    "when_where": N_("When and where"),
    "encounter_agencies": N_("Encounter and agencies"),
    "people": N_("People"),
    "agents": N_("Agents"),
    "frt_uses": N_("Facial recognition"),
    "documents": N_("Documents presented"),
    "timeline": N_("Timeline"),
    "paperwork": N_("Paperwork"),
    "basis": N_("Basis of the stop"),
    "claims": N_("Citizenship and status claims"),
    "biometrics": N_("Biometrics, data taken and recordings"),
    "harm": N_("Harm"),
    "outcome_consent": N_("Outcome and consent"),
    "narrative": N_("Narrative"),
}


def all_fields():
    """(entity, field) for every field of every entity."""
    return [(entity, field) for entity in ENTITIES for field in entity]
