"""Fixed phrases of the dossier keyed by code, marked for the catalog (`N_`) and translated where
they are printed (`words._`, `words.tl`)."""

from __future__ import annotations

from incidents.dossier.words import N_

PROFILE_LINE = {
    "full": N_("Profile: full"),
    "redacted": N_(
        "Profile: redacted — people named by role; their dates of birth, A-numbers, contact "
        "details and addresses left out; identifiers in the text replaced; photos only as "
        "reviewed redacted copies"
    ),
}
PERSON_LABELS = {
    "legal_status": N_("Legal status"),
    "aliases": N_("Aliases"),
    "date_of_birth": N_("Date of birth"),
    "a_number": N_("A number"),
    "nationality": N_("Nationality"),
    "language": N_("Language"),
    "gender": N_("Gender"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "address": N_("Address"),
}
ANSWERS = {"yes": N_("Yes"), "no": N_("No"), "unknown": N_("Unknown"), "none": N_("None presented")}
# the key facts' fixed explanations and sources (incidents.records.keyfacts), for the catalog
FACT_WORDS = (
    N_("no human review recorded for at least one match"),
    N_("a field check"),
    N_("a trained examiner"),
    N_("no documents recorded"),
    N_("they did not say they were a citizen or lawful resident"),
    N_("held after the claim"),
    N_("released"),
    N_("no agents recorded"),
    N_("computed from the timeline"),
    N_("as entered"),
    N_("not known"),
)
# how a provision's words were sourced (incidents.policies.provenance.source_line), whole: the
# article and preposition change together in Spanish ("Cita del texto original")
SOURCE_LINES = {
    (True, "primary_text"): N_("Quotation of the primary text"),
    (True, "official_summary"): N_("Quotation of an official summary"),
    (True, "press_release"): N_("Quotation of a press release"),
    (True, "secondary_report"): N_("Quotation of a secondary report"),
    (True, ""): N_("Quotation of a source of unrecorded kind"),
    (False, "primary_text"): N_("Paraphrase of the primary text"),
    (False, "official_summary"): N_("Paraphrase of an official summary"),
    (False, "press_release"): N_("Paraphrase of a press release"),
    (False, "secondary_report"): N_("Paraphrase of a secondary report"),
    (False, ""): N_("Paraphrase of a source of unrecorded kind"),
}
# the key facts' lists of what was taken (incidents.records.keyfacts._biometrics)
TAKEN = (N_("fingerprints"), N_("photographs"), N_("DNA"))
# how the enforcement context was found, and a custody stay without a place
CONTEXT_WORDS = (N_("as recorded"), N_("from the agencies involved"), N_("place not recorded"))
# said under "Policy analysis" in a dossier not in English
GENERATED_IN_ENGLISH = N_(
    "The suggested assessments' reasons and the reasons a provision is not listed are written "
    "by the policy library in English and are printed as it wrote them, as the redaction "
    "review saw them."
)
