"""The policy library's vocabularies: requirements, assessments, policy types and statuses,
enforcement contexts, source kinds."""

from __future__ import annotations

from incidents.i18n import N_
from incidents.vocab.base import vocabulary

POLICY_REQUIREMENT = vocabulary(
    "policy_requirement",
    ("not_sole_basis", N_("A match may not be the sole basis")),
    ("corroboration_required", N_("Independent corroboration required")),
    ("human_review_required", N_("Human review required")),
    (
        "no_immigration_status_use",
        N_("No use based on race, ethnicity, citizenship, place of origin or immigration status"),
    ),
    ("disclosure_required", N_("Disclosure required")),
    ("discovery_disclosure", N_("Disclosure to the defence in criminal discovery")),
    ("warrant_or_court_order", N_("Warrant or court order required")),
    ("warrant_affidavit", N_("No match to establish probable cause in a warrant affidavit")),
    ("photo_lineup", N_("No photo lineup on a facial recognition lead alone")),
    ("citizenship_claims_investigated", N_("Citizenship claims must be investigated")),
    ("detention_reasonable_suspicion", N_("Brief detention needs reasonable suspicion")),
    ("arrest_reason_to_believe", N_("Arrest needs reason to believe")),
    ("warrant_when_possible", N_("Arrest warrant obtained whenever possible")),
    ("identify_and_state_reason", N_("Officers identify themselves and state the reason")),
    (
        "warrantless_arrest_grounds",
        N_("Arrest without a warrant: reason to believe and likely escape"),
    ),
    ("other", N_("Other")),
)
ASSESSMENT = vocabulary(
    "assessment",
    ("violated", N_("Violated")),
    ("complied", N_("Complied")),
    ("unclear", N_("Unclear")),
    ("not_applicable", N_("Not applicable")),
)
POLICY_TYPE = vocabulary(
    "policy_type",
    ("agency_policy", N_("Agency policy")),
    ("directive", N_("Directive")),
    ("statute", N_("Statute")),
    ("court_settlement", N_("Court settlement")),
    ("regulation", N_("Regulation")),
)
POLICY_STATUS = vocabulary(
    "policy_status",
    ("in_force", N_("In force")),
    ("disputed", N_("Disputed")),
    ("rescinded", N_("Rescinded")),
    ("superseded", N_("Superseded")),
    ("expired", N_("Expired")),
)
ENFORCEMENT_CONTEXT = vocabulary(
    "enforcement_context",
    ("derived", N_("Work it out from the agencies")),
    ("civil_immigration", N_("Civil immigration enforcement")),
    ("criminal", N_("A criminal investigation")),
    ("both", N_("Both")),
    ("unknown", N_("Unknown")),
)
PROVISION_CONTEXT = vocabulary(
    "provision_context",
    ("any", N_("Any enforcement")),
    ("criminal", N_("Criminal investigations only")),
    ("civil_immigration", N_("Civil immigration enforcement only")),
)
SOURCE_KIND = vocabulary(
    "source_kind",
    ("primary_text", N_("Primary text")),
    ("official_summary", N_("Official summary")),
    ("press_release", N_("Press release")),
    ("secondary_report", N_("Secondary report")),
)
JURISDICTION_LEVEL = vocabulary(
    "jurisdiction_level", ("federal", N_("Federal")), ("state", N_("State")), ("local", N_("Local"))
)
