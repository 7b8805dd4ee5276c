"""All table models, imported here so that SQLModel.metadata knows every table."""

from incidents.models.audit import AuditEvent, AuditHead
from incidents.models.organization import LoginAttempt, Organization, User

__all__ = ["AuditEvent", "AuditHead", "LoginAttempt", "Organization", "User"]
