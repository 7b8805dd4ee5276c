"""The case record's vocabularies: the encounter, the scan, the stop, the people, documents,
outcome and timeline."""

from __future__ import annotations

from incidents.i18n import N_, NC_
from incidents.vocab.base import vocabulary

ENCOUNTER_TYPE = vocabulary(
    "encounter_type",
    ("street_stop", N_("Street stop")),
    ("traffic_stop", N_("Traffic stop")),
    ("worksite_raid", N_("Worksite raid")),
    ("home_arrest", N_("Arrest at home")),
    ("courthouse_arrest", N_("Courthouse arrest")),
    ("check_in", N_("Immigration check-in")),
    ("checkpoint", N_("Checkpoint")),
    ("port_of_entry", N_("Port of entry")),
    ("jail_booking", N_("Jail booking")),
    ("protest", N_("Protest")),
    ("transit", N_("Public transit")),
    ("government_office", N_("Government office")),
    ("retail_referral", N_("Retail store referral")),
    ("other", N_("Other")),
)
FRT_SYSTEM = vocabulary(
    "frt_system",
    ("mobile_fortify", N_("Mobile Fortify (ICE/CBP app)")),
    ("mobile_identify", N_("Mobile Identify (CBP app for 287(g) police)")),
    ("clearview_ai", N_("Clearview AI")),
    ("cbp_tvs", N_("CBP Traveler Verification Service")),
    ("cbp_one", N_("CBP One")),
    ("ident_hart", N_("DHS IDENT / HART")),
    ("fbi_ngi", N_("FBI NGI-IPS / FACE Services")),
    ("state_dmv", N_("State driver's licence database")),
    ("dataworks_plus", N_("DataWorks Plus")),
    ("amazon_rekognition", N_("Amazon Rekognition")),
    ("idemia", N_("Idemia")),
    ("nec", N_("NEC")),
    ("retailer_system", N_("Retailer's system")),
    ("other", N_("Other")),
    ("unknown", N_("Unknown")),
)
FRT_MODE = vocabulary(
    "frt_mode",
    ("one_to_one", N_("1:1 (verification)")),
    ("one_to_many", N_("1:N (search)")),
    ("unknown", N_("Unknown")),
)
FRT_TREATED_AS = vocabulary(
    "frt_treated_as",
    ("lead", N_("An investigative lead")),
    ("probable_cause", N_("Probable cause")),
    ("definitive_id", N_("Definitive identification")),
    ("unknown", N_("Unknown")),
)
HUMAN_REVIEW = vocabulary(
    "human_review",
    ("none", NC_("human review", "None")),  # "Ninguna": una revisión
    ("field_visual", N_("Agent's visual check in the field")),
    ("trained_examiner", N_("Trained facial examiner")),
    ("unknown", N_("Unknown")),
)
YES_NO_UNKNOWN = vocabulary(
    "yes_no_unknown", ("yes", N_("Yes")), ("no", N_("No")), ("unknown", N_("Unknown"))
)
YES_NO = vocabulary("yes_no", ("yes", N_("Yes")), ("no", N_("No")))
STOP_BASIS = vocabulary(
    "stop_basis",
    ("apparent_race_ethnicity", N_("Apparent race or ethnicity")),
    ("language_accent", N_("Language or accent")),
    ("location", N_("Location")),
    ("occupation_workplace", N_("Occupation or workplace")),
    ("vehicle", N_("Vehicle")),
    ("tip", N_("A tip")),
    ("frt_result", N_("A facial recognition result")),
    ("records_check", N_("A records check")),
    ("none_stated", N_("None stated")),
    ("other", N_("Other")),
)
WARRANT_SHOWN = vocabulary(
    "warrant_shown",
    ("judicial", N_("A judicial warrant (signed by a judge)")),
    ("administrative", N_("An administrative warrant (Form I-200 / I-205)")),
    ("none", N_("None shown")),
    ("unknown", N_("Unknown")),
)
STATUS_PROOF = vocabulary(
    "status_proof",
    ("document", N_("A document")),
    ("records_check", N_("A records check")),
    ("family", N_("Family")),
    ("attorney", N_("An attorney")),
    ("court", N_("A court")),
    ("not_proven", N_("Not yet proven")),
    ("unknown", N_("Unknown")),
)
RECORDING = vocabulary(
    "recording",
    ("known", N_("Known to exist")),
    ("likely", N_("Likely")),
    ("no", N_("No")),
    ("unknown", N_("Unknown")),
)
SCAN_CONSENT = vocabulary(
    "scan_consent",
    ("asked_agreed", N_("Asked, and agreed")),
    ("asked_refused", N_("Asked, refused, scanned anyway")),
    ("forced", N_("Forced (held still, face turned to the camera)")),
    ("covert", N_("Covert (not told)")),
    ("unknown", N_("Unknown")),
)
SCAN_CONDITION = vocabulary(
    "scan_condition",
    ("poor_light", N_("Poor light")),
    ("far_away", N_("From a distance")),
    ("angled", N_("At an angle")),
    ("face_covered", N_("Face partly covered")),
    ("moving", N_("Person or camera moving")),
    ("fixed_camera", N_("Fixed camera, not a phone")),
)
FRT_RETURNED = vocabulary(
    "frt_returned",
    ("name", N_("A name")),
    ("status", N_("An immigration status")),
    ("removal_order", N_("A removal order")),
    ("several_candidates", N_("Several candidates")),
    ("score", N_("A score")),
    ("nothing", N_("Nothing")),
)
IDENTITY_DIFFERED = vocabulary(
    "identity_differed",
    ("name", N_("Name")),
    ("date_of_birth", N_("Date of birth")),
    ("nationality", N_("Nationality")),
    ("photo", N_("Photo did not look like the person")),
)
FORCE = vocabulary(
    "force",
    ("handcuffs", N_("Handcuffs")),
    ("restrained", N_("Physically restrained")),
    ("taken_to_ground", N_("Taken to the ground")),
    ("taser", N_("Taser")),
    ("chemical_spray", N_("Pepper or chemical spray")),
    ("firearm_pointed", N_("Firearm pointed")),
    ("struck", N_("Struck")),
    ("vehicle_window_broken", N_("Vehicle window broken")),
    ("other", N_("Other")),
)
PROPERTY_RETURNED = vocabulary(
    "property_returned",
    ("yes", N_("Returned")),
    ("partly", N_("Partly returned")),
    ("no", N_("Not returned")),
    ("none_seized", N_("Nothing seized")),
    ("unknown", N_("Unknown")),
)
MISSED_OBLIGATION = vocabulary(
    "missed_obligation",
    ("work", N_("Work")),
    ("school", N_("School")),
    ("childcare", N_("Childcare")),
    ("court", N_("A court date")),
    ("medical", N_("Medical care")),
    ("other", N_("Other")),
)
PAPERWORK = vocabulary(
    "paperwork",
    ("i213", N_("Form I-213")),
    ("i200", N_("Form I-200 warrant")),
    ("i205", N_("Form I-205 warrant")),
    ("i247", N_("Form I-247 detainer")),
    ("i862", N_("Notice to Appear (Form I-862)")),
    ("release", N_("Release paperwork")),
    ("criminal_charge", N_("Criminal charging document")),
    ("other", N_("Other")),
)
DETENTION_PLACE = vocabulary(
    "detention_place",
    ("scene", N_("At the scene")),
    ("vehicle", N_("A vehicle")),
    ("field_office", N_("A field office")),
    ("processing_center", N_("A processing center")),
    ("county_jail", N_("A county or city jail")),
    ("detention_center", N_("An immigration detention center")),
    ("hospital", N_("A hospital")),
    ("court", N_("A court")),
    ("other", N_("Other")),
)
AGENT_ATTIRE = vocabulary(
    "agent_attire",
    ("uniform", N_("Uniform")),
    ("plain_clothes", N_("Plain clothes")),
    ("tactical", N_("Tactical gear")),
    ("unknown", N_("Unknown")),
)
FRT_CAPTURE_SOURCE = vocabulary(
    "frt_capture_source",
    ("phone_camera", N_("Agent's phone camera")),
    ("body_camera", N_("Body-worn camera")),
    ("fixed_camera", N_("Fixed or surveillance camera")),
    ("booking_photo", N_("Booking photo")),
    ("document_photo", N_("Photo on an ID document")),
    ("social_media", N_("Social media image")),
    ("other", N_("Other")),
    ("unknown", N_("Unknown")),
)
FRT_RESULT = vocabulary(
    "frt_result",
    ("match_claimed", N_("Match claimed")),
    ("multiple_candidates", N_("Several candidates")),
    ("no_match", N_("No match")),
    ("unknown", N_("Unknown")),
)
LEGAL_STATUS = vocabulary(
    "legal_status",
    ("us_citizen_birth", N_("US citizen by birth")),
    ("us_citizen_abroad", N_("US citizen born abroad")),
    ("us_citizen_naturalized", N_("US citizen by naturalization")),
    ("us_citizen_derived", N_("US citizen by derivation")),
    ("us_national", N_("US national")),
    ("lpr", N_("Lawful permanent resident")),
    ("refugee", N_("Refugee")),
    ("asylee", N_("Asylee")),
    ("asylum_applicant", N_("Asylum applicant")),
    ("tps", N_("Temporary Protected Status")),
    ("daca", N_("DACA recipient")),
    ("parolee", N_("Parolee")),
    ("visa_holder", N_("Visa holder")),
    ("u_t_visa", N_("U or T visa holder / applicant")),
    ("pending_adjustment", N_("Adjustment of status pending")),
    ("undocumented", N_("Undocumented")),
    ("unknown", N_("Unknown")),
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
    ("us_passport", N_("US passport")),
    ("passport_card", N_("US passport card")),
    ("birth_certificate", N_("Birth certificate")),
    ("crba", N_("Consular Report of Birth Abroad")),
    ("naturalization_certificate", N_("Certificate of naturalization")),
    ("citizenship_certificate", N_("Certificate of citizenship")),
    ("green_card", N_("Green card")),
    ("ead", N_("Employment authorization document")),
    ("i94", N_("I-94 record")),
    ("foreign_passport_visa", N_("Foreign passport with visa")),
    ("real_id", N_("REAL ID")),
    ("enhanced_dl", N_("Enhanced driver's licence")),
    ("drivers_license", N_("Driver's licence")),
    ("tribal_id", N_("Tribal ID")),
    ("military_id", N_("Military ID")),
    ("school_id", N_("School ID")),
    ("digital_copy", N_("Digital copy or photo of a document")),
    ("other", N_("Other")),
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
    ("accepted", N_("Accepted")),
    ("ignored", N_("Ignored")),
    ("rejected", N_("Rejected as false")),
    ("confiscated", N_("Confiscated")),
    ("verified_later", N_("Verified later")),
    ("not_examined", N_("Not examined")),
    ("unknown", N_("Unknown")),
)
DISREGARDED_RESPONSES = frozenset({"ignored", "rejected", "confiscated", "not_examined"})
OUTCOME = vocabulary(
    "outcome",
    ("released_at_scene", N_("Released at the scene")),
    ("released_after_verification", N_("Released after verification")),
    ("detained_then_released", N_("Detained, then released")),
    ("transferred_to_ice_custody", N_("Transferred to ICE custody")),
    ("detainer_lodged", N_("Detainer lodged")),
    ("nta_issued", N_("Notice to Appear issued")),
    ("removed", N_("Removed from the US")),
    ("voluntary_departure", N_("Voluntary departure")),
    ("charged", N_("Criminally charged")),
    ("charges_dismissed", N_("Charges dismissed")),
    ("other", N_("Other")),
    ("unknown", N_("Unknown")),
)
TIMELINE_KIND = vocabulary(
    "timeline_kind",
    ("stop", N_("Stop")),
    ("face_scan", N_("Face scan")),
    ("id_presented", N_("ID presented")),
    ("questioning", N_("Questioning")),
    ("detention_start", N_("Detention begins")),
    ("transfer", N_("Transfer")),
    ("release", N_("Release")),
    ("removal", N_("Removal")),
    ("hearing", N_("Hearing")),
    ("complaint_filed", N_("Complaint filed")),
    ("lawsuit_filed", N_("Lawsuit filed")),
    ("other", N_("Other")),
)
GENDER = vocabulary(
    "gender",
    ("female", N_("Female")),
    ("male", N_("Male")),
    ("nonbinary", N_("Nonbinary")),
    ("other", N_("Other")),
    ("unknown", N_("Unknown")),
)
EVIDENCE_KIND = vocabulary(
    "evidence_kind",
    ("document", N_("Document")),
    ("photo", N_("Photo")),
    ("video", N_("Video")),
    ("audio", N_("Audio")),
    ("foia_record", N_("FOIA record")),
    ("court_filing", N_("Court filing")),
    ("news_article", N_("News article")),
    ("witness_statement", N_("Witness statement")),
    ("other", N_("Other")),
)
PERSON_ROLE = vocabulary(
    "person_role",
    ("subject", N_("Subject (client)")),
    ("witness", N_("Witness")),
    ("relative", N_("Relative")),
    ("other", N_("Other")),
)
DOCUMENTATION_STATUS = vocabulary(
    "documentation_status",
    ("draft", N_("Draft")),
    ("under_review", N_("Submitted for review")),
    ("verified", N_("Verified")),
)
DATE_PRECISION = vocabulary(
    "date_precision",
    ("day", N_("Exact day")),
    ("month", N_("Month only")),
    ("year", N_("Year only")),
)
