"""The policy library's vocabularies: requirements, assessments, policy types and statuses,
enforcement contexts, source kinds."""

from __future__ import annotations

from incidents.vocab.base import vocabulary

POLICY_REQUIREMENT = vocabulary(
    "policy_requirement",
    ("not_sole_basis", "A match may not be the sole basis"),
    ("corroboration_required", "Independent corroboration required"),
    ("human_review_required", "Human review required"),
    (
        "no_immigration_status_use",
        "No use based on race, ethnicity, citizenship, place of origin or immigration status",
    ),
    ("disclosure_required", "Disclosure required"),
    ("discovery_disclosure", "Disclosure to the defence in criminal discovery"),
    ("warrant_or_court_order", "Warrant or court order required"),
    ("warrant_affidavit", "No match to establish probable cause in a warrant affidavit"),
    ("photo_lineup", "No photo lineup on a facial recognition lead alone"),
    ("citizenship_claims_investigated", "Citizenship claims must be investigated"),
    ("detention_reasonable_suspicion", "Brief detention needs reasonable suspicion"),
    ("arrest_reason_to_believe", "Arrest needs reason to believe"),
    ("warrant_when_possible", "Arrest warrant obtained whenever possible"),
    ("identify_and_state_reason", "Officers identify themselves and state the reason"),
    ("warrantless_arrest_grounds", "Arrest without a warrant: reason to believe and likely escape"),
    ("other", "Other"),
)
ASSESSMENT = vocabulary(
    "assessment",
    ("violated", "Violated"),
    ("complied", "Complied"),
    ("unclear", "Unclear"),
    ("not_applicable", "Not applicable"),
)
POLICY_TYPE = vocabulary(
    "policy_type",
    ("agency_policy", "Agency policy"),
    ("directive", "Directive"),
    ("statute", "Statute"),
    ("court_settlement", "Court settlement"),
    ("regulation", "Regulation"),
)
POLICY_STATUS = vocabulary(
    "policy_status",
    ("in_force", "In force"),
    ("disputed", "Disputed"),
    ("rescinded", "Rescinded"),
    ("superseded", "Superseded"),
    ("expired", "Expired"),
)
ENFORCEMENT_CONTEXT = vocabulary(
    "enforcement_context",
    ("derived", "Work it out from the agencies"),
    ("civil_immigration", "Civil immigration enforcement"),
    ("criminal", "A criminal investigation"),
    ("both", "Both"),
    ("unknown", "Unknown"),
)
PROVISION_CONTEXT = vocabulary(
    "provision_context",
    ("any", "Any enforcement"),
    ("criminal", "Criminal investigations only"),
    ("civil_immigration", "Civil immigration enforcement only"),
)
SOURCE_KIND = vocabulary(
    "source_kind",
    ("primary_text", "Primary text"),
    ("official_summary", "Official summary"),
    ("press_release", "Press release"),
    ("secondary_report", "Secondary report"),
)
JURISDICTION_LEVEL = vocabulary(
    "jurisdiction_level", ("federal", "Federal"), ("state", "State"), ("local", "Local")
)
