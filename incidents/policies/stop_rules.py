"""Suggestions for the federal law of immigration stops and arrests (8 U.S.C. §1357(a)(2),
8 C.F.R. §287.8(b)(2) and (c)(2)(i) to (iii)) and for the rules about what happens around a match
(warrant affidavits, photo lineups, criminal discovery), from the recorded facts: the basis of
the stop, the warrant shown, whether the agents identified themselves and stated the reason,
the outcome and the timeline. What a record cannot show — an officer's reason to believe,
whether a warrant could have been obtained — stays "unclear", with the facts a lawyer weighs."""

from __future__ import annotations

from incidents.policies.suggestion import Suggestion
from incidents.records.bundle import CaseBundle
from incidents.records.keyfacts import RELEASED, claim_ignored
from incidents.records.research_litigation import stop_basis
from incidents.vocab import (
    CITIZENSHIP_DOCUMENTS,
    DISREGARDED_RESPONSES,
    STOP_BASIS,
    US_CITIZEN_STATUSES,
    WARRANT_SHOWN,
)

DETAINED_OUTCOMES = {
    "detained_then_released",
    "transferred_to_ice_custody",
    "detainer_lodged",
    "removed",
    "charged",
    "charges_dismissed",
}
APPEARANCE = {"apparent_race_ethnicity", "language_accent"}
TOTALITY = (
    "reasonable suspicion is judged from the totality of the circumstances (United States v. "
    "Arvizu, 534 U.S. 266 (2002); see Noem v. Vasquez Perdomo, No. 25A169 (U.S. Sept 8 2025))"
)


def arrested(bundle: CaseBundle) -> str:
    """'yes' when the timeline records a detention or the outcome implies custody, 'no' when
    the person was released without a recorded detention, else 'unknown'."""
    if any(event.kind == "detention_start" for event in bundle.timeline):
        return "yes"
    outcome = bundle.incident.outcome
    if outcome in DETAINED_OUTCOMES:
        return "yes"
    return "no" if outcome in RELEASED else "unknown"


def basis(bundle: CaseBundle) -> list[str]:
    """The recorded basis of the stop, as codes in the vocabulary's order."""
    return [code for code in stop_basis(bundle.incident.apparent_basis).split(";") if code]


def _basis_words(codes: list[str]) -> str:
    return ", ".join(STOP_BASIS.label(code).lower() for code in codes)


def citizens(bundle: CaseBundle) -> list:
    """The subjects recorded as US citizens or nationals."""
    return [p for p in bundle.subjects if p.legal_status in US_CITIZEN_STATUSES]


def proof_disregarded(bundle: CaseBundle) -> list:
    """Proof of citizenship shown that the agents disregarded."""
    return [
        d
        for d in bundle.documents
        if d.document_type in CITIZENSHIP_DOCUMENTS and d.agent_response in DISREGARDED_RESPONSES
    ]


def _citizen_facts(bundle: CaseBundle) -> list[str]:
    """What the record says about a citizen's claim: proof disregarded, a claim ignored."""
    found = citizens(bundle)
    if not found:
        return []
    facts = [f"{found[0].full_name} is a US citizen or national"]
    if proof_disregarded(bundle):
        facts.append("proof of citizenship shown was disregarded")
    if bundle.incident.status_claimed == "yes":
        held = claim_ignored(bundle.incident, bundle.timeline)
        facts.append(
            "they said so" + (" and were held after saying so" if held.value == "yes" else "")
        )
    return facts


def _sole_match(bundle: CaseBundle) -> bool:
    return any(use.sole_basis == "yes" for use in bundle.frt_uses)


def _no_arrest(bundle: CaseBundle) -> Suggestion | None:
    state = arrested(bundle)
    if state == "no":
        return Suggestion("not_applicable", "No arrest or detention beyond the stop is recorded.")
    if state == "unknown":
        return Suggestion(
            "unclear",
            "Whether the person was arrested is not recorded (record the outcome, or a "
            "'detention begins' step in the timeline).",
        )
    return None


def _weigh(bundle: CaseBundle, question: str) -> Suggestion:
    """Unclear, with the recorded facts that bear on an officer's belief or suspicion."""
    facts = []
    codes = basis(bundle)
    if codes:
        facts.append(f"the recorded basis of the stop: {_basis_words(codes)}")
    else:
        facts.append("the basis of the stop is not recorded")
    if _sole_match(bundle):
        facts.append(
            "a facial recognition match was recorded as the sole basis (a match is a lead)"
        )
    facts += _citizen_facts(bundle)
    return Suggestion("unclear", f"{question} The record shows: " + "; ".join(facts) + ".")


def detention_reasonable_suspicion(bundle: CaseBundle) -> Suggestion:
    """8 C.F.R. §287.8(b)(2): a brief detention for questioning needs reasonable suspicion
    based on specific articulable facts."""
    codes = basis(bundle)
    if codes and set(codes) <= APPEARANCE | {"none_stated"}:
        return _weigh(
            bundle,
            "Only appearance or language, or no reason at all, is recorded as the basis; "
            f"{TOTALITY}.",
        )
    return _weigh(
        bundle,
        "Whether specific articulable facts gave reasonable suspicion is for the lawyer; "
        f"{TOTALITY}.",
    )


def arrest_reason_to_believe(bundle: CaseBundle) -> Suggestion:
    """8 C.F.R. §287.8(c)(2)(i): an arrest only with reason to believe."""
    return _no_arrest(bundle) or _weigh(
        bundle, "The officer's reason to believe is not something the record can show."
    )


def warrant_when_possible(bundle: CaseBundle) -> Suggestion:
    """8 C.F.R. §287.8(c)(2)(ii): a warrant of arrest obtained whenever possible."""
    stop = _no_arrest(bundle)
    if stop:
        return stop
    shown = bundle.incident.warrant_shown
    if shown in ("judicial", "administrative"):
        return Suggestion("complied", f"A warrant was shown: {WARRANT_SHOWN.label(shown)}.")
    papers = [p for p in bundle.paperwork if p.kind in ("i200", "i205")]
    hint = (
        " A warrant form is among the paperwork: compare its date with the arrest's."
        if papers
        else ""
    )
    if shown == "none":
        return Suggestion(
            "unclear",
            "No warrant was shown. Whether one was obtained, or could have been obtained before "
            "the arrest, is not recorded." + hint,
        )
    return Suggestion("unclear", "Whether a warrant was shown is not recorded." + hint)


def identify_and_state_reason(bundle: CaseBundle) -> Suggestion:
    """8 C.F.R. §287.8(c)(2)(iii): at the arrest, as soon as practical and safe, the officer
    identifies as an immigration officer and states the arrest and its reason."""
    stop = _no_arrest(bundle)
    if stop:
        return stop
    agents = bundle.agents
    if not agents:
        return Suggestion("unclear", "No agents are recorded.")
    named = [n for n, a in enumerate(agents, 1) if a.identified_self == "yes"]
    told = [n for n, a in enumerate(agents, 1) if a.stated_reason == "yes"]
    if named and told:
        return Suggestion(
            "complied",
            f"Agent {named[0]} identified themselves as an officer and agent {told[0]} stated "
            "the reason.",
        )
    failed = []
    who = "the agent recorded" if len(agents) == 1 else f"none of the {len(agents)} agents recorded"
    verb = " did not" if len(agents) == 1 else ""
    if all(a.identified_self == "no" for a in agents):
        failed.append(f"{who}{verb} {'identify' if verb else 'identified'} themselves")
    if all(a.stated_reason == "no" for a in agents):
        failed.append(f"{who}{verb} {'state' if verb else 'stated'} the reason")
    if failed:
        return Suggestion(
            "violated",
            "; ".join(failed).capitalize()
            + " (the rule allows it to wait until it is practical and safe: check whether it "
            "ever was).",
        )
    return Suggestion(
        "unclear", "Whether the agents identified themselves and stated the reason is not recorded."
    )


def warrantless_arrest_grounds(bundle: CaseBundle) -> Suggestion:
    """8 U.S.C. §1357(a)(2): an arrest without a warrant needs reason to believe and a
    likelihood of escape before a warrant can be obtained."""
    stop = _no_arrest(bundle)
    if stop:
        return stop
    shown = bundle.incident.warrant_shown
    if shown in ("judicial", "administrative"):
        return Suggestion(
            "not_applicable",
            f"A warrant was shown ({WARRANT_SHOWN.label(shown)}); this section governs arrests "
            "without one.",
        )
    lead = (
        "Arrested without a warrant shown."
        if shown == "none"
        else ("Whether a warrant was shown is not recorded.")
    )
    return _weigh(
        bundle,
        f"{lead} The officer's reason to believe, and why the person was likely to escape "
        "before a warrant could be obtained, are not something the record can show (look for "
        "both in the I-213).",
    )


def _from_papers(bundle: CaseBundle, question: str) -> Suggestion:
    if not bundle.frt_uses:
        return Suggestion("not_applicable", "No facial recognition use is recorded.")
    return Suggestion("unclear", question)


def photo_lineup(bundle: CaseBundle) -> Suggestion:
    """A photo lineup built on a facial recognition lead alone (Detroit settlement)."""
    return _from_papers(
        bundle,
        "Whether a photo lineup followed the facial recognition search, and on what other "
        "evidence, is not recorded; assess it from the police reports.",
    )


def warrant_affidavit(bundle: CaseBundle) -> Suggestion:
    """A match used to establish probable cause in a search or arrest warrant affidavit."""
    return _from_papers(
        bundle,
        "Whether a warrant affidavit relied on the match to establish probable cause is not "
        "recorded; obtain the affidavit.",
    )


def discovery_disclosure(bundle: CaseBundle) -> Suggestion:
    """Disclosure of the facial recognition use to a criminal defendant in discovery."""
    if not bundle.frt_uses:
        return Suggestion("not_applicable", "No facial recognition use is recorded.")
    if bundle.incident.outcome not in ("charged", "charges_dismissed") and not any(
        p.kind == "criminal_charge" for p in bundle.paperwork
    ):
        return Suggestion(
            "not_applicable" if bundle.incident.outcome in RELEASED else "unclear",
            "No criminal charge is recorded, so there was no discovery to disclose it in"
            if bundle.incident.outcome in RELEASED
            else "Whether the person was criminally charged is not recorded.",
        )
    return Suggestion(
        "unclear",
        "The person was criminally charged; whether the facial recognition use was disclosed "
        "in discovery is not recorded (check the discovery served).",
    )


RULES = {
    "detention_reasonable_suspicion": detention_reasonable_suspicion,
    "arrest_reason_to_believe": arrest_reason_to_believe,
    "warrant_when_possible": warrant_when_possible,
    "identify_and_state_reason": identify_and_state_reason,
    "warrantless_arrest_grounds": warrantless_arrest_grounds,
    "photo_lineup": photo_lineup,
    "warrant_affidavit": warrant_affidavit,
    "discovery_disclosure": discovery_disclosure,
}
