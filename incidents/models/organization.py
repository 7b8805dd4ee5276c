"""Organization and User aggregate: who works in which legal aid group, with which role."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from incidents.db import UTCDateTime, utcnow
from incidents.models.base import Audited, Timestamped


class Organization(Timestamped, table=True):
    """A legal aid group; every case record belongs to exactly one."""

    __tablename__ = "organizations"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True, nullable=False)
    # Prefix of incident references (ABC in ABC-2025-0042): 2-8 capital letters, unique.
    code: str = Field(max_length=8, unique=True, nullable=False)
    # Whether consented cases may be exported (anonymized) to other organizations' researchers.
    share_with_researchers: bool = Field(default=False, nullable=False)
    # Who must sign in with a second factor: none, admins_lawyers or everyone.
    second_factor: str = Field(default="none", max_length=20, nullable=False)

    def requires_second_factor(self, role: str) -> bool:
        """Whether a user of this role must sign in with a second factor."""
        return second_factor_required(self.second_factor, role)


def second_factor_required(rule: str | None, role: str) -> bool:
    """Whether an organization's rule (none, admins_lawyers, everyone) requires a second
    factor of this role."""
    return rule == "everyone" or (rule == "admins_lawyers" and role in ("admin", "lawyer"))


def new_auth_stamp() -> str:
    """A random stamp; changing it ends every session of the user."""
    return secrets.token_hex(16)


class User(Audited, table=True):
    """A staff member. Implements Flask-Login's user protocol without UserMixin."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('admin', 'caseworker', 'lawyer', 'researcher')", name="role_valid"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organizations.id", index=True, nullable=False)
    email: str = Field(max_length=254, unique=True, nullable=False)
    display_name: str = Field(max_length=120, nullable=False)
    role: str = Field(max_length=20, nullable=False)
    password_hash: str = Field(max_length=255, nullable=False)
    active: bool = Field(default=True, nullable=False)
    must_change_password: bool = Field(default=False, nullable=False)
    auth_stamp: str = Field(default_factory=new_auth_stamp, max_length=32, nullable=False)
    password_changed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # TOTP second factor (an authenticator app): the shared secret, sealed (Fernet, key derived
    # from AUDIT_KEY); set up until totp_enabled_at is set
    totp_secret: str | None = Field(default=None, max_length=255)
    totp_enabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    totp_last_step: int = Field(default=0, nullable=False)  # a code's 30 s step is used once
    # the calendar feed's secret address: only its SHA-256 is kept; a new one revokes the old
    calendar_token_hash: str | None = Field(default=None, max_length=64, unique=True)
    calendar_token_created_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # the interface language the user chose ("en", "es"); none: the browser's Accept-Language
    language: str | None = Field(default=None, max_length=8)

    # Flask-Login protocol
    @property
    def is_active(self) -> bool:
        """Deactivated users cannot sign in and lose their open sessions."""
        return bool(self.active)

    @property
    def is_authenticated(self) -> bool:
        """A loaded user is authenticated."""
        return True

    @property
    def is_anonymous(self) -> bool:
        """A loaded user is not anonymous."""
        return False

    def get_id(self) -> str:
        """Session identifier: id plus auth stamp, so a rotated stamp ends old sessions."""
        return f"{self.id}:{self.auth_stamp}"


class RecoveryCode(SQLModel, table=True):
    """A one-time recovery code of a user's second factor, stored as an HMAC keyed with a key
    derived from AUDIT_KEY (not in the database), so a copy of the database gives no codes."""

    __tablename__ = "recovery_codes"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, nullable=False, ondelete="CASCADE")
    code_hash: str = Field(max_length=64, nullable=False)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginAttempt(SQLModel, table=True):
    """One sign-in attempt, for throttling. Holds a keyed hash of the email, never the email."""

    __tablename__ = "login_attempts"

    id: int | None = Field(default=None, primary_key=True)
    attempted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    account_key: str = Field(max_length=64, index=True, nullable=False)
    client_addr: str = Field(max_length=45, index=True, nullable=False)
    succeeded: bool = Field(default=False, nullable=False)
