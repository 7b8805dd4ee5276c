"""The agents of an incident, as rows: officers are people of a different kind — never shown to
researchers, never matched against clients, and named in redacted dossiers (their acts are
public) unless the lawyer chooses otherwise."""

from __future__ import annotations

from incidents.i18n import N_
from incidents.records.spec.base import Entity, declare
from incidents.vocab import AGENT_ATTIRE, YES_NO_UNKNOWN

AGENT = Entity(
    "agent",
    N_("Agent"),
    declare("agency_id", N_("Agency"), "agency", "analytic"),
    declare(
        "name",
        N_("Name, if known"),
        "line",
        "direct",
        max_length=200,
        redact_as="name",
        help=N_("As the agent gave it or as it appears on paperwork"),
    ),
    declare(
        "badge",
        N_("Badge or ID number"),
        "line",
        "direct",
        max_length=60,
        redact_as="term",
    ),
    declare(
        "role",
        N_("Role"),
        "line",
        "free_text",
        max_length=200,
        help=N_("E.g. the agent who scanned, the driver, the supervisor"),
    ),
    declare(
        "attire",
        N_("Dress"),
        "code",
        "analytic",
        vocabulary=AGENT_ATTIRE,
        default="unknown",
    ),
    declare(
        "masked",
        N_("Face covered or masked"),
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
        export=("agents_masked",),
    ),
    declare(
        "identified_self",
        N_("Identified themselves as officers"),
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    declare(
        "stated_reason",
        N_("Stated the reason for the stop or arrest"),
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    declare(
        "description",
        N_("Description"),
        "prose",
        "free_text",
        max_length=2000,
        help=N_("What identifies an agent whose name is not known: clothing, vehicle, words"),
    ),
)
