"""Controlled vocabularies: stable codes (stored, imported, exported) with human labels.

Codes never change once released; labels may. Forms, import, export and the data dictionary all
read these objects, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of (code, label) pairs."""

    name: str
    items: tuple[tuple[str, str], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """All codes, in display order."""
        return tuple(code for code, _ in self.items)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Code → label."""
        return dict(self.items)

    def label(self, code: str | None) -> str:
        """The human label of a code (the code itself if unknown, '—' if empty)."""
        if not code:
            return "—"
        return self.labels.get(code, code)

    def choices(self, blank: str | None = None) -> list[tuple[str, str]]:
        """(code, label) pairs, optionally preceded by a blank option."""
        head = [("", blank)] if blank is not None else []
        return head + list(self.items)

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.items)


ROLE = Vocabulary(
    "role",
    (
        ("admin", "Administrator"),
        ("caseworker", "Caseworker"),
        ("lawyer", "Lawyer"),
        ("researcher", "Researcher"),
    ),
)


def _v(name: str, *pairs: tuple[str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(pairs))


ENCOUNTER_TYPE = _v(
    "encounter_type",
    ("street_stop", "Street stop"),
    ("traffic_stop", "Traffic stop"),
    ("worksite_raid", "Worksite raid"),
    ("home_arrest", "Arrest at home"),
    ("courthouse_arrest", "Courthouse arrest"),
    ("check_in", "Immigration check-in"),
    ("checkpoint", "Checkpoint"),
    ("port_of_entry", "Port of entry"),
    ("jail_booking", "Jail booking"),
    ("protest", "Protest"),
    ("transit", "Public transit"),
    ("government_office", "Government office"),
    ("retail_referral", "Retail store referral"),
    ("other", "Other"),
)
AGENCY_LEVEL = _v(
    "agency_level",
    ("federal", "Federal"),
    ("state", "State"),
    ("local", "Local"),
    ("private", "Private"),
)
# What kind of body an agency is: provisions name the types they bind ("local_police"), so an
# agency an organization adds ("Detroit Police Department") is matched by its type.
AGENCY_TYPE = _v(
    "agency_type",
    ("ice_ero", "ICE Enforcement and Removal Operations"),
    ("ice_hsi", "ICE Homeland Security Investigations"),
    ("cbp_ofo", "CBP Office of Field Operations"),
    ("border_patrol", "U.S. Border Patrol"),
    ("fbi", "Federal Bureau of Investigation"),
    ("other_federal", "Other federal agency"),
    ("state_police", "State police / highway patrol"),
    ("state_other", "Other state agency"),
    ("local_police", "City or town police department"),
    ("sheriff", "County sheriff's office"),
    ("local_other", "Other local agency"),
    ("private_security", "Private security"),
    ("unknown", "Unknown"),
)
# The level an agency of each type is at: the agency form and every check read this one table
# (an agency of unknown type may be at any level).
AGENCY_TYPE_LEVEL: dict[str, str | None] = {
    "ice_ero": "federal",
    "ice_hsi": "federal",
    "cbp_ofo": "federal",
    "border_patrol": "federal",
    "fbi": "federal",
    "other_federal": "federal",
    "state_police": "state",
    "state_other": "state",
    "local_police": "local",
    "sheriff": "local",
    "local_other": "local",
    "private_security": "private",
    "unknown": None,
}
# Seeded agencies: (code, name, level). Organizations may add their own.
SEEDED_AGENCIES = (
    ("ice_ero", "ICE Enforcement and Removal Operations (ERO)", "federal"),
    ("ice_hsi", "ICE Homeland Security Investigations (HSI)", "federal"),
    ("cbp_ofo", "CBP Office of Field Operations", "federal"),
    ("border_patrol", "U.S. Border Patrol", "federal"),
    ("fbi", "Federal Bureau of Investigation", "federal"),
    ("local_police", "Local police department", "local"),
    ("sheriff", "County sheriff", "local"),
    ("state_police", "State police / highway patrol", "state"),
    ("private_security", "Private security", "private"),
    ("other_federal", "Other federal agency", "federal"),
    ("unknown", "Unknown agency", "federal"),
)
FRT_SYSTEM = _v(
    "frt_system",
    ("mobile_fortify", "Mobile Fortify (ICE/CBP app)"),
    ("mobile_identify", "Mobile Identify (CBP app for 287(g) police)"),
    ("clearview_ai", "Clearview AI"),
    ("cbp_tvs", "CBP Traveler Verification Service"),
    ("cbp_one", "CBP One"),
    ("ident_hart", "DHS IDENT / HART"),
    ("fbi_ngi", "FBI NGI-IPS / FACE Services"),
    ("state_dmv", "State driver's licence database"),
    ("dataworks_plus", "DataWorks Plus"),
    ("amazon_rekognition", "Amazon Rekognition"),
    ("idemia", "Idemia"),
    ("nec", "NEC"),
    ("retailer_system", "Retailer's system"),
    ("other", "Other"),
    ("unknown", "Unknown"),
)
FRT_MODE = _v(
    "frt_mode",
    ("one_to_one", "1:1 (verification)"),
    ("one_to_many", "1:N (search)"),
    ("unknown", "Unknown"),
)
FRT_TREATED_AS = _v(
    "frt_treated_as",
    ("lead", "An investigative lead"),
    ("probable_cause", "Probable cause"),
    ("definitive_id", "Definitive identification"),
    ("unknown", "Unknown"),
)
HUMAN_REVIEW = _v(
    "human_review",
    ("none", "None"),
    ("field_visual", "Agent's visual check in the field"),
    ("trained_examiner", "Trained facial examiner"),
    ("unknown", "Unknown"),
)
YES_NO_UNKNOWN = _v("yes_no_unknown", ("yes", "Yes"), ("no", "No"), ("unknown", "Unknown"))
YES_NO = _v("yes_no", ("yes", "Yes"), ("no", "No"))
STOP_BASIS = _v(
    "stop_basis",
    ("apparent_race_ethnicity", "Apparent race or ethnicity"),
    ("language_accent", "Language or accent"),
    ("location", "Location"),
    ("occupation_workplace", "Occupation or workplace"),
    ("vehicle", "Vehicle"),
    ("tip", "A tip"),
    ("frt_result", "A facial recognition result"),
    ("records_check", "A records check"),
    ("none_stated", "None stated"),
    ("other", "Other"),
)
WARRANT_SHOWN = _v(
    "warrant_shown",
    ("judicial", "A judicial warrant (signed by a judge)"),
    ("administrative", "An administrative warrant (Form I-200 / I-205)"),
    ("none", "None shown"),
    ("unknown", "Unknown"),
)
STATUS_PROOF = _v(
    "status_proof",
    ("document", "A document"),
    ("records_check", "A records check"),
    ("family", "Family"),
    ("attorney", "An attorney"),
    ("court", "A court"),
    ("not_proven", "Not yet proven"),
    ("unknown", "Unknown"),
)
RECORDING = _v(
    "recording",
    ("known", "Known to exist"),
    ("likely", "Likely"),
    ("no", "No"),
    ("unknown", "Unknown"),
)
SCAN_CONSENT = _v(
    "scan_consent",
    ("asked_agreed", "Asked, and agreed"),
    ("asked_refused", "Asked, refused, scanned anyway"),
    ("forced", "Forced (held still, face turned to the camera)"),
    ("covert", "Covert (not told)"),
    ("unknown", "Unknown"),
)
SCAN_CONDITION = _v(
    "scan_condition",
    ("poor_light", "Poor light"),
    ("far_away", "From a distance"),
    ("angled", "At an angle"),
    ("face_covered", "Face partly covered"),
    ("moving", "Person or camera moving"),
    ("fixed_camera", "Fixed camera, not a phone"),
)
FRT_RETURNED = _v(
    "frt_returned",
    ("name", "A name"),
    ("status", "An immigration status"),
    ("removal_order", "A removal order"),
    ("several_candidates", "Several candidates"),
    ("score", "A score"),
    ("nothing", "Nothing"),
)
IDENTITY_DIFFERED = _v(
    "identity_differed",
    ("name", "Name"),
    ("date_of_birth", "Date of birth"),
    ("nationality", "Nationality"),
    ("photo", "Photo did not look like the person"),
)
FORCE = _v(
    "force",
    ("handcuffs", "Handcuffs"),
    ("restrained", "Physically restrained"),
    ("taken_to_ground", "Taken to the ground"),
    ("taser", "Taser"),
    ("chemical_spray", "Pepper or chemical spray"),
    ("firearm_pointed", "Firearm pointed"),
    ("struck", "Struck"),
    ("vehicle_window_broken", "Vehicle window broken"),
    ("other", "Other"),
)
PROPERTY_RETURNED = _v(
    "property_returned",
    ("yes", "Returned"),
    ("partly", "Partly returned"),
    ("no", "Not returned"),
    ("none_seized", "Nothing seized"),
    ("unknown", "Unknown"),
)
MISSED_OBLIGATION = _v(
    "missed_obligation",
    ("work", "Work"),
    ("school", "School"),
    ("childcare", "Childcare"),
    ("court", "A court date"),
    ("medical", "Medical care"),
    ("other", "Other"),
)
PAPERWORK = _v(
    "paperwork",
    ("i213", "Form I-213"),
    ("i200", "Form I-200 warrant"),
    ("i205", "Form I-205 warrant"),
    ("i247", "Form I-247 detainer"),
    ("i862", "Notice to Appear (Form I-862)"),
    ("release", "Release paperwork"),
    ("criminal_charge", "Criminal charging document"),
    ("other", "Other"),
)
DETENTION_PLACE = _v(
    "detention_place",
    ("scene", "At the scene"),
    ("vehicle", "A vehicle"),
    ("field_office", "A field office"),
    ("processing_center", "A processing center"),
    ("county_jail", "A county or city jail"),
    ("detention_center", "An immigration detention center"),
    ("hospital", "A hospital"),
    ("court", "A court"),
    ("other", "Other"),
)
AGENT_ATTIRE = _v(
    "agent_attire",
    ("uniform", "Uniform"),
    ("plain_clothes", "Plain clothes"),
    ("tactical", "Tactical gear"),
    ("unknown", "Unknown"),
)
FRT_CAPTURE_SOURCE = _v(
    "frt_capture_source",
    ("phone_camera", "Agent's phone camera"),
    ("body_camera", "Body-worn camera"),
    ("fixed_camera", "Fixed or surveillance camera"),
    ("booking_photo", "Booking photo"),
    ("document_photo", "Photo on an ID document"),
    ("social_media", "Social media image"),
    ("other", "Other"),
    ("unknown", "Unknown"),
)
FRT_RESULT = _v(
    "frt_result",
    ("match_claimed", "Match claimed"),
    ("multiple_candidates", "Several candidates"),
    ("no_match", "No match"),
    ("unknown", "Unknown"),
)
LEGAL_STATUS = _v(
    "legal_status",
    ("us_citizen_birth", "US citizen by birth"),
    ("us_citizen_abroad", "US citizen born abroad"),
    ("us_citizen_naturalized", "US citizen by naturalization"),
    ("us_citizen_derived", "US citizen by derivation"),
    ("us_national", "US national"),
    ("lpr", "Lawful permanent resident"),
    ("refugee", "Refugee"),
    ("asylee", "Asylee"),
    ("asylum_applicant", "Asylum applicant"),
    ("tps", "Temporary Protected Status"),
    ("daca", "DACA recipient"),
    ("parolee", "Parolee"),
    ("visa_holder", "Visa holder"),
    ("u_t_visa", "U or T visa holder / applicant"),
    ("pending_adjustment", "Adjustment of status pending"),
    ("undocumented", "Undocumented"),
    ("unknown", "Unknown"),
)
US_CITIZEN_STATUSES = frozenset(
    {
        "us_citizen_birth",
        "us_citizen_abroad",
        "us_citizen_naturalized",
        "us_citizen_derived",
        "us_national",
    }
)
ID_DOCUMENT = _v(
    "id_document",
    ("us_passport", "US passport"),
    ("passport_card", "US passport card"),
    ("birth_certificate", "Birth certificate"),
    ("crba", "Consular Report of Birth Abroad"),
    ("naturalization_certificate", "Certificate of naturalization"),
    ("citizenship_certificate", "Certificate of citizenship"),
    ("green_card", "Green card"),
    ("ead", "Employment authorization document"),
    ("i94", "I-94 record"),
    ("foreign_passport_visa", "Foreign passport with visa"),
    ("real_id", "REAL ID"),
    ("enhanced_dl", "Enhanced driver's licence"),
    ("drivers_license", "Driver's licence"),
    ("tribal_id", "Tribal ID"),
    ("military_id", "Military ID"),
    ("school_id", "School ID"),
    ("digital_copy", "Digital copy or photo of a document"),
    ("other", "Other"),
)
CITIZENSHIP_DOCUMENTS = frozenset(
    {
        "us_passport",
        "passport_card",
        "birth_certificate",
        "crba",
        "naturalization_certificate",
        "citizenship_certificate",
    }
)
AGENT_RESPONSE = _v(
    "agent_response",
    ("accepted", "Accepted"),
    ("ignored", "Ignored"),
    ("rejected", "Rejected as false"),
    ("confiscated", "Confiscated"),
    ("verified_later", "Verified later"),
    ("not_examined", "Not examined"),
    ("unknown", "Unknown"),
)
DISREGARDED_RESPONSES = frozenset({"ignored", "rejected", "confiscated", "not_examined"})
OUTCOME = _v(
    "outcome",
    ("released_at_scene", "Released at the scene"),
    ("released_after_verification", "Released after verification"),
    ("detained_then_released", "Detained, then released"),
    ("transferred_to_ice_custody", "Transferred to ICE custody"),
    ("detainer_lodged", "Detainer lodged"),
    ("nta_issued", "Notice to Appear issued"),
    ("removed", "Removed from the US"),
    ("voluntary_departure", "Voluntary departure"),
    ("charged", "Criminally charged"),
    ("charges_dismissed", "Charges dismissed"),
    ("other", "Other"),
    ("unknown", "Unknown"),
)
TIMELINE_KIND = _v(
    "timeline_kind",
    ("stop", "Stop"),
    ("face_scan", "Face scan"),
    ("id_presented", "ID presented"),
    ("questioning", "Questioning"),
    ("detention_start", "Detention begins"),
    ("transfer", "Transfer"),
    ("release", "Release"),
    ("removal", "Removal"),
    ("hearing", "Hearing"),
    ("complaint_filed", "Complaint filed"),
    ("lawsuit_filed", "Lawsuit filed"),
    ("other", "Other"),
)
GENDER = _v(
    "gender",
    ("female", "Female"),
    ("male", "Male"),
    ("nonbinary", "Nonbinary"),
    ("other", "Other"),
    ("unknown", "Unknown"),
)
EVIDENCE_KIND = _v(
    "evidence_kind",
    ("document", "Document"),
    ("photo", "Photo"),
    ("video", "Video"),
    ("audio", "Audio"),
    ("foia_record", "FOIA record"),
    ("court_filing", "Court filing"),
    ("news_article", "News article"),
    ("witness_statement", "Witness statement"),
    ("other", "Other"),
)
POLICY_REQUIREMENT = _v(
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
ASSESSMENT = _v(
    "assessment",
    ("violated", "Violated"),
    ("complied", "Complied"),
    ("unclear", "Unclear"),
    ("not_applicable", "Not applicable"),
)
POLICY_TYPE = _v(
    "policy_type",
    ("agency_policy", "Agency policy"),
    ("directive", "Directive"),
    ("statute", "Statute"),
    ("court_settlement", "Court settlement"),
    ("regulation", "Regulation"),
)
POLICY_STATUS = _v(
    "policy_status",
    ("in_force", "In force"),
    ("disputed", "Disputed"),
    ("rescinded", "Rescinded"),
    ("superseded", "Superseded"),
    ("expired", "Expired"),
)
ENFORCEMENT_CONTEXT = _v(
    "enforcement_context",
    ("derived", "Work it out from the agencies"),
    ("civil_immigration", "Civil immigration enforcement"),
    ("criminal", "A criminal investigation"),
    ("both", "Both"),
    ("unknown", "Unknown"),
)
PROVISION_CONTEXT = _v(
    "provision_context",
    ("any", "Any enforcement"),
    ("criminal", "Criminal investigations only"),
    ("civil_immigration", "Civil immigration enforcement only"),
)
SOURCE_KIND = _v(
    "source_kind",
    ("primary_text", "Primary text"),
    ("official_summary", "Official summary"),
    ("press_release", "Press release"),
    ("secondary_report", "Secondary report"),
)
JURISDICTION_LEVEL = _v(
    "jurisdiction_level", ("federal", "Federal"), ("state", "State"), ("local", "Local")
)
PERSON_ROLE = _v(
    "person_role",
    ("subject", "Subject (client)"),
    ("witness", "Witness"),
    ("relative", "Relative"),
    ("other", "Other"),
)
DOCUMENTATION_STATUS = _v(
    "documentation_status",
    ("draft", "Draft"),
    ("under_review", "Under review"),
    ("verified", "Verified"),
)
DATE_PRECISION = _v(
    "date_precision", ("day", "Exact day"), ("month", "Month only"), ("year", "Year only")
)
US_STATE = _v(
    "us_state",
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"),
    ("AS", "American Samoa"),
    ("MP", "Northern Mariana Islands"),
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
)

BY_NAME = {vocabulary.name: vocabulary for vocabulary in ALL_VOCABULARIES}
