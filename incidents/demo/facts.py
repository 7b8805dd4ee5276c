"""The litigation facts of a demo incident — the basis of the stop, status claims, biometrics,
recordings, the scan and the harm — with the patterns of the 2025 reporting (a spoken claim of
citizenship ignored, fingerprints taken, agents masked). Drawn from their own random stream, so
that adding them leaves every other demo value as it was."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from incidents.demo.rows import pick
from incidents.records.value import PaperworkValue
from incidents.vocab import (
    FORCE,
    MISSED_OBLIGATION,
    PAPERWORK,
    PROPERTY_RETURNED,
    RECORDING,
    SCAN_CONSENT,
    STATUS_PROOF,
    STOP_BASIS,
    WARRANT_SHOWN,
    YES_NO_UNKNOWN,
)

GALLERIES = (None, None, "DHS IDENT / HART (as the agent said)", "CBP booking photos", None)
REASONS = (
    "They said the app matched her to someone with a removal order.",
    "They said they were looking for someone who looked like him.",
    "No reason given; they asked where he was born.",
    "They said the car was reported in a tip.",
)


def _several(rng: Random, codes: tuple[str, ...], most: int) -> str | None:
    chosen = rng.sample(codes, k=rng.randint(0, most))
    alone = [code for code in chosen if code.startswith("none")]
    if alone and len(chosen) > 1:  # "none stated" goes alone
        chosen = [code for code in chosen if code not in alone]
    return ";".join(code for code in codes if code in chosen) or None


INJURIES = (
    "Bruised wrists from the handcuffs.",
    "A cut on the forehead from the car door; swelling for a week.",
    "Sprained shoulder; pain when lifting for a month.",
)
SEIZED = (
    "Phone and wallet",
    "Birth certificate and driver's licence",
    "Passport card",
    "Phone",
)
EFFECTS = (
    "I do not leave the house alone any more.",
    "My children ask every morning whether I will come back.",
    "I lost my shifts for a week and now carry my passport everywhere.",
    "I cannot sleep; I hear the car doors.",
)
LETTER_TO = (
    "ICE Office of the Principal Legal Advisor",
    "CBP Office of Chief Counsel",
    "the county sheriff's records unit",
    "the city police department's legal office",
)


def incident_facts(seed: int, index: int, start: datetime) -> dict:
    """The incident fields of the sections basis, claims, biometrics and harm."""
    rng = Random(f"facts:{seed}:{index}")
    harm = Random(f"harm:{seed}:{index}")  # drawn after the others: their values stay
    claimed = pick(index, YES_NO_UNKNOWN, rng.choices(("yes", "no", "unknown"), (6, 1, 3))[0])
    proven = pick(index, STATUS_PROOF, rng.choice(("document", "records_check", "attorney")))
    wages = round(rng.uniform(80, 4000), 2) if rng.random() < 0.3 else None
    facts = {
        "stated_reason": rng.choice(REASONS) if rng.random() < 0.6 else None,
        "apparent_basis": STOP_BASIS.codes[index]
        if index < len(STOP_BASIS.codes)
        else _several(rng, STOP_BASIS.codes, 3),
        "warrant_shown": pick(index, WARRANT_SHOWN, rng.choice(("none", "none", "unknown"))),
        "status_claimed": claimed,
        "status_claimed_at": start + timedelta(minutes=rng.randint(1, 20))
        if claimed == "yes"
        else None,
        "status_proven_by": proven if claimed == "yes" else "unknown",
        "status_proven_at": start + timedelta(hours=rng.randint(2, 40))
        if claimed == "yes" and proven not in ("not_proven", "unknown")
        else None,
        "fingerprints_taken": pick(index, YES_NO_UNKNOWN, rng.choice(("yes", "yes", "unknown"))),
        "photographs_taken": rng.choice(("yes", "unknown", "no")),
        "dna_taken": rng.choice(("no", "unknown", "unknown", "yes")),
        "phone_searched": rng.choice(("yes", "no", "unknown")),
        "retention_told": rng.choice(("no", "no", "unknown")),
        "body_camera": pick(index, RECORDING, rng.choice(("likely", "unknown", "known"))),
        "bystander_video": rng.choice(("known", "unknown", "no")),
        "force_used": FORCE.codes[index]
        if index < len(FORCE.codes)
        else _several(rng, FORCE.codes, 2),
        "medical_care": rng.choice(("no", "no", "yes", "unknown")),
        "property_returned": pick(index, PROPERTY_RETURNED, rng.choice(("yes", "none_seized"))),
        "lost_wages": wages,
        "job_lost": rng.choice(("no", "no", "unknown", "yes")),
        "missed_obligations": MISSED_OBLIGATION.codes[index]
        if index < len(MISSED_OBLIGATION.codes)
        else _several(rng, MISSED_OBLIGATION.codes, 2),
    }
    seized = facts["property_returned"] in ("yes", "partly", "no")
    letter = harm.random() < 0.3
    facts.update(
        injuries=harm.choice(INJURIES) if facts["force_used"] and harm.random() < 0.5 else None,
        property_seized=harm.choice(SEIZED) if seized else None,
        effect=harm.choice(EFFECTS) if harm.random() < 0.5 else None,
        preservation_letter_on=(start + timedelta(days=harm.randint(2, 20))).date()
        if letter
        else None,
        preservation_letter_to=harm.choice(LETTER_TO) if letter else None,
    )
    if facts["medical_care"] == "yes" and not facts["injuries"]:
        facts["injuries"] = harm.choice(INJURIES)
    return facts


def scan_facts(seed: int, index: int, n: int) -> dict:
    """The scan fields of FRT use `n` of incident `index`."""
    rng = Random(f"scan:{seed}:{index}:{n}")
    consent = rng.choice(("forced", "covert", "unknown"))
    return {
        "scan_consent": pick(index, SCAN_CONSENT, consent) if n == 0 else consent,
        "conditions": _several(rng, ("poor_light", "far_away", "angled", "moving"), 2),
        "returned": _several(rng, ("name", "status", "removal_order", "score"), 2),
        "identity_differed": _several(rng, ("name", "date_of_birth", "nationality"), 2),
        "gallery": Random(f"gallery:{seed}:{index}:{n}").choice(GALLERIES),
    }


def paperwork(seed: int, index: int, start: datetime, outcome: str) -> list[PaperworkValue]:
    """The forms of a detention: a Form I-213 for most, a Notice to Appear when one was issued,
    and now and then a detainer, warrant or release paperwork."""
    if outcome == "released_at_scene":
        return []
    rng = Random(f"paperwork:{seed}:{index}")
    kinds = ["i213"] if rng.random() < 0.7 else []
    if outcome == "nta_issued":
        kinds.append("i862")
    kinds.append(pick(index, PAPERWORK, rng.choice(("release", "i247", "i200"))))
    return [
        PaperworkValue(
            kind=kind,
            issued_on=(start + timedelta(hours=rng.randint(1, 30))).date(),
            served=rng.choice(("no", "yes", "unknown")),
            in_locker=rng.choice(("yes", "no", "unknown")),
        )
        for kind in dict.fromkeys(kinds)
    ]
