"""All table models, imported here so that SQLModel.metadata knows every table."""

from incidents.models.agency import Agency, IncidentAgency
from incidents.models.audit import AuditEvent, AuditHead
from incidents.models.evidence import CustodyEvent, Evidence, EvidenceFile, EvidencePin
from incidents.models.incident import (
    Agent,
    DocumentPresented,
    FrtUse,
    Incident,
    IncidentSearch,
    Paperwork,
    TimelineEvent,
)
from incidents.models.job import Job
from incidents.models.organization import LoginAttempt, Organization, RecoveryCode, User
from incidents.models.person import IncidentPerson, Person
from incidents.models.policy import Assessment, Policy, Provision
from incidents.models.redaction import RedactionDecision, RedactionReview
from incidents.models.research import ResearchFacts, ResearchRelease
from incidents.models.session import FormDraft, UserSession
from incidents.models.workbench import (
    Deadline,
    LegalAction,
    RecordsRequest,
    RecordsRequestIncident,
    ReviewEvent,
)

__all__ = [
    "Agency",
    "Agent",
    "Assessment",
    "AuditEvent",
    "AuditHead",
    "CustodyEvent",
    "Deadline",
    "DocumentPresented",
    "Evidence",
    "EvidenceFile",
    "EvidencePin",
    "FormDraft",
    "FrtUse",
    "Incident",
    "IncidentAgency",
    "IncidentPerson",
    "IncidentSearch",
    "Job",
    "LegalAction",
    "LoginAttempt",
    "Organization",
    "Paperwork",
    "Person",
    "Policy",
    "Provision",
    "RecordsRequest",
    "RecordsRequestIncident",
    "RecoveryCode",
    "RedactionDecision",
    "RedactionReview",
    "ResearchFacts",
    "ResearchRelease",
    "ReviewEvent",
    "TimelineEvent",
    "User",
    "UserSession",
]
