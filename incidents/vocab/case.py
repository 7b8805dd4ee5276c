"""The case record's vocabularies: the encounter, the scan, the stop, the people, documents,
outcome and timeline."""

from __future__ import annotations

from incidents.vocab.base import vocabulary

ENCOUNTER_TYPE = vocabulary(
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
FRT_SYSTEM = vocabulary(
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
FRT_MODE = vocabulary(
    "frt_mode",
    ("one_to_one", "1:1 (verification)"),
    ("one_to_many", "1:N (search)"),
    ("unknown", "Unknown"),
)
FRT_TREATED_AS = vocabulary(
    "frt_treated_as",
    ("lead", "An investigative lead"),
    ("probable_cause", "Probable cause"),
    ("definitive_id", "Definitive identification"),
    ("unknown", "Unknown"),
)
HUMAN_REVIEW = vocabulary(
    "human_review",
    ("none", "None"),
    ("field_visual", "Agent's visual check in the field"),
    ("trained_examiner", "Trained facial examiner"),
    ("unknown", "Unknown"),
)
YES_NO_UNKNOWN = vocabulary("yes_no_unknown", ("yes", "Yes"), ("no", "No"), ("unknown", "Unknown"))
YES_NO = vocabulary("yes_no", ("yes", "Yes"), ("no", "No"))
STOP_BASIS = vocabulary(
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
WARRANT_SHOWN = vocabulary(
    "warrant_shown",
    ("judicial", "A judicial warrant (signed by a judge)"),
    ("administrative", "An administrative warrant (Form I-200 / I-205)"),
    ("none", "None shown"),
    ("unknown", "Unknown"),
)
STATUS_PROOF = vocabulary(
    "status_proof",
    ("document", "A document"),
    ("records_check", "A records check"),
    ("family", "Family"),
    ("attorney", "An attorney"),
    ("court", "A court"),
    ("not_proven", "Not yet proven"),
    ("unknown", "Unknown"),
)
RECORDING = vocabulary(
    "recording",
    ("known", "Known to exist"),
    ("likely", "Likely"),
    ("no", "No"),
    ("unknown", "Unknown"),
)
SCAN_CONSENT = vocabulary(
    "scan_consent",
    ("asked_agreed", "Asked, and agreed"),
    ("asked_refused", "Asked, refused, scanned anyway"),
    ("forced", "Forced (held still, face turned to the camera)"),
    ("covert", "Covert (not told)"),
    ("unknown", "Unknown"),
)
SCAN_CONDITION = vocabulary(
    "scan_condition",
    ("poor_light", "Poor light"),
    ("far_away", "From a distance"),
    ("angled", "At an angle"),
    ("face_covered", "Face partly covered"),
    ("moving", "Person or camera moving"),
    ("fixed_camera", "Fixed camera, not a phone"),
)
FRT_RETURNED = vocabulary(
    "frt_returned",
    ("name", "A name"),
    ("status", "An immigration status"),
    ("removal_order", "A removal order"),
    ("several_candidates", "Several candidates"),
    ("score", "A score"),
    ("nothing", "Nothing"),
)
IDENTITY_DIFFERED = vocabulary(
    "identity_differed",
    ("name", "Name"),
    ("date_of_birth", "Date of birth"),
    ("nationality", "Nationality"),
    ("photo", "Photo did not look like the person"),
)
FORCE = vocabulary(
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
PROPERTY_RETURNED = vocabulary(
    "property_returned",
    ("yes", "Returned"),
    ("partly", "Partly returned"),
    ("no", "Not returned"),
    ("none_seized", "Nothing seized"),
    ("unknown", "Unknown"),
)
MISSED_OBLIGATION = vocabulary(
    "missed_obligation",
    ("work", "Work"),
    ("school", "School"),
    ("childcare", "Childcare"),
    ("court", "A court date"),
    ("medical", "Medical care"),
    ("other", "Other"),
)
PAPERWORK = vocabulary(
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
DETENTION_PLACE = vocabulary(
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
AGENT_ATTIRE = vocabulary(
    "agent_attire",
    ("uniform", "Uniform"),
    ("plain_clothes", "Plain clothes"),
    ("tactical", "Tactical gear"),
    ("unknown", "Unknown"),
)
FRT_CAPTURE_SOURCE = vocabulary(
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
FRT_RESULT = vocabulary(
    "frt_result",
    ("match_claimed", "Match claimed"),
    ("multiple_candidates", "Several candidates"),
    ("no_match", "No match"),
    ("unknown", "Unknown"),
)
LEGAL_STATUS = vocabulary(
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
ID_DOCUMENT = vocabulary(
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
AGENT_RESPONSE = vocabulary(
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
OUTCOME = vocabulary(
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
TIMELINE_KIND = vocabulary(
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
GENDER = vocabulary(
    "gender",
    ("female", "Female"),
    ("male", "Male"),
    ("nonbinary", "Nonbinary"),
    ("other", "Other"),
    ("unknown", "Unknown"),
)
EVIDENCE_KIND = vocabulary(
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
PERSON_ROLE = vocabulary(
    "person_role",
    ("subject", "Subject (client)"),
    ("witness", "Witness"),
    ("relative", "Relative"),
    ("other", "Other"),
)
DOCUMENTATION_STATUS = vocabulary(
    "documentation_status",
    ("draft", "Draft"),
    ("under_review", "Submitted for review"),
    ("verified", "Verified"),
)
DATE_PRECISION = vocabulary(
    "date_precision", ("day", "Exact day"), ("month", "Month only"), ("year", "Year only")
)
