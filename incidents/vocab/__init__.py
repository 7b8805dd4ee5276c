"""Controlled vocabularies: stable codes (stored, imported, exported) with human labels.

Codes never change once released; labels may. Forms, import, export and the data dictionary all
read these objects, so they cannot drift apart. One module per subject: the case record
(`case`), agencies (`agencies`), the policy library (`policy`), places (`places`).
"""

from __future__ import annotations

from incidents.i18n import N_
from incidents.vocab.agencies import (  # noqa: F401
    AGENCY_LEVEL,
    AGENCY_TYPE,
    AGENCY_TYPE_LEVEL,
    SEEDED_AGENCIES,
)
from incidents.vocab.base import Vocabulary
from incidents.vocab.case import (  # noqa: F401
    AGENT_ATTIRE,
    AGENT_RESPONSE,
    CITIZENSHIP_DOCUMENTS,
    DATE_PRECISION,
    DETENTION_PLACE,
    DISREGARDED_RESPONSES,
    DOCUMENTATION_STATUS,
    ENCOUNTER_TYPE,
    EVIDENCE_KIND,
    FORCE,
    FRT_CAPTURE_SOURCE,
    FRT_MODE,
    FRT_RESULT,
    FRT_RETURNED,
    FRT_SYSTEM,
    FRT_TREATED_AS,
    GENDER,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    IDENTITY_DIFFERED,
    LEGAL_STATUS,
    MISSED_OBLIGATION,
    OUTCOME,
    PAPERWORK,
    PERSON_ROLE,
    PROPERTY_RETURNED,
    RECORDING,
    SCAN_CONDITION,
    SCAN_CONSENT,
    STATUS_PROOF,
    STOP_BASIS,
    TIMELINE_KIND,
    US_CITIZEN_STATUSES,
    WARRANT_SHOWN,
    YES_NO,
    YES_NO_UNKNOWN,
)
from incidents.vocab.places import (
    US_STATE,
)
from incidents.vocab.policy import (
    ASSESSMENT,
    ENFORCEMENT_CONTEXT,
    JURISDICTION_LEVEL,
    POLICY_REQUIREMENT,
    POLICY_STATUS,
    POLICY_TYPE,
    PROVISION_CONTEXT,
    SOURCE_KIND,
)
from incidents.vocab.workbench import (  # noqa: F401
    COMPUTED_DEADLINE_KIND,
    DEADLINE_KIND,
    ENTERED_DEADLINE_KIND,
    LEGAL_ACTION_KIND,
    LEGAL_ACTION_STATUS,
    RECORDS_REQUEST_KIND,
    RECORDS_REQUEST_OPEN,
    RECORDS_REQUEST_STATUS,
    REVIEW_ACTION,
)

ROLE = Vocabulary(
    "role",
    (
        ("admin", N_("Administrator")),
        ("caseworker", N_("Caseworker")),
        ("lawyer", N_("Lawyer")),
        ("researcher", N_("Researcher")),
    ),
)

ALL_VOCABULARIES = (
    ROLE,
    ENCOUNTER_TYPE,
    AGENCY_LEVEL,
    FRT_SYSTEM,
    FRT_MODE,
    FRT_TREATED_AS,
    HUMAN_REVIEW,
    YES_NO_UNKNOWN,
    YES_NO,
    STOP_BASIS,
    WARRANT_SHOWN,
    STATUS_PROOF,
    RECORDING,
    DETENTION_PLACE,
    PAPERWORK,
    SCAN_CONSENT,
    SCAN_CONDITION,
    FRT_RETURNED,
    IDENTITY_DIFFERED,
    FORCE,
    PROPERTY_RETURNED,
    MISSED_OBLIGATION,
    AGENT_ATTIRE,
    FRT_CAPTURE_SOURCE,
    FRT_RESULT,
    LEGAL_STATUS,
    ID_DOCUMENT,
    AGENT_RESPONSE,
    OUTCOME,
    TIMELINE_KIND,
    GENDER,
    EVIDENCE_KIND,
    POLICY_REQUIREMENT,
    ASSESSMENT,
    PERSON_ROLE,
    DOCUMENTATION_STATUS,
    DATE_PRECISION,
    US_STATE,
    POLICY_TYPE,
    POLICY_STATUS,
    JURISDICTION_LEVEL,
    ENFORCEMENT_CONTEXT,
    PROVISION_CONTEXT,
    SOURCE_KIND,
    AGENCY_TYPE,
    REVIEW_ACTION,
    LEGAL_ACTION_KIND,
    LEGAL_ACTION_STATUS,
    DEADLINE_KIND,
    RECORDS_REQUEST_KIND,
    RECORDS_REQUEST_STATUS,
)

BY_NAME = {vocabulary.name: vocabulary for vocabulary in ALL_VOCABULARIES}
