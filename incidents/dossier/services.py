"""Generating a dossier: content, PDF, audit record and custody entries, in one transaction."""

from __future__ import annotations

import hashlib

from sqlmodel import Session

from incidents import audit
from incidents.dossier.builder import build_pdf
from incidents.dossier.content import PROFILES, gather
from incidents.dossier.words import DEFAULT, LANGUAGES, in_language
from incidents.evidence import custody
from incidents.models import Evidence, Incident, User


def generate(
    *,
    session: Session,
    actor: User | None,
    incident: Incident,
    profile: str,
    hide_agents: bool = False,
    language: str = DEFAULT,
) -> bytes:
    """Build the dossier PDF; record who made it, with which profile and language and its
    SHA-256, and add 'included in dossier' to each exhibit's custody log. `hide_agents`: in the
    redacted profile, agents by number instead of name and badge. `language`: "en" (default)
    or "es" — the dossier's own words, labels, dates and figures; what people wrote and what
    policies say are printed as they are."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; use one of: {', '.join(PROFILES)}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of: {', '.join(LANGUAGES)}")
    with in_language(language):
        content = gather(
            session=session,
            incident=incident,
            actor=actor,
            profile=profile,
            hide_agents=hide_agents,
        )
        pdf = build_pdf(content)
    digest = hashlib.sha256(pdf).hexdigest()
    for exhibit in content.exhibits:
        custody.append(
            session=session,
            evidence=session.get(Evidence, exhibit.evidence_id),
            action="included_in_dossier",
            actor=actor,
            hash_source="none",
            detail=f"{exhibit.label}, {profile} profile, dossier {digest[:16]}",
        )
    audit.record(
        session=session,
        action="dossier_generated",
        actor=actor,
        organization_id=incident.organization_id,
        object_type="incident",
        object_id=incident.id,
        details={
            "profile": profile,
            "language": language,
            "sha256": digest,
            "exhibits": len(content.exhibits),
            **({"agents": "hidden"} if content.agents_hidden else {}),
        },
    )
    session.commit()
    return pdf
