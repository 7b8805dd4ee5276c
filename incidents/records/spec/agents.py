"""The agents of an incident, as rows: officers are people of a different kind — never shown to
researchers, never matched against clients, and named in redacted dossiers (their acts are
public) unless the lawyer chooses otherwise."""

from __future__ import annotations

from incidents.records.spec.base import Entity, declare
from incidents.vocab import AGENT_ATTIRE, YES_NO_UNKNOWN

AGENT = Entity(
    "agent",
    "Agent",
    declare("agency_id", "Agency", "agency", "analytic"),
    declare(
        "name",
        "Name, if known",
        "line",
        "direct",
        max_length=200,
        redact_as="name",
        help="As the agent gave it or as it appears on paperwork",
    ),
    declare(
        "badge",
        "Badge or ID number",
        "line",
        "direct",
        max_length=60,
        redact_as="term",
    ),
    declare(
        "role",
        "Role",
        "line",
        "free_text",
        max_length=200,
        help="E.g. the agent who scanned, the driver, the supervisor",
    ),
    declare(
        "attire",
        "Dress",
        "code",
        "analytic",
        vocabulary=AGENT_ATTIRE,
        default="unknown",
    ),
    declare(
        "masked",
        "Face covered or masked",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
        export=("agents_masked",),
    ),
    declare(
        "identified_self",
        "Identified themselves as officers",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    declare(
        "stated_reason",
        "Stated the reason for the stop or arrest",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    declare(
        "description",
        "Description",
        "prose",
        "free_text",
        max_length=2000,
        help="What identifies an agent whose name is not known: clothing, vehicle, words",
    ),
)
