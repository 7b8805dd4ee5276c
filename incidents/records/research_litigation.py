"""The research codes of the litigation record (decision 0013): the apparent basis of the stop,
masked agents, a claim of status ignored, consent to the scan, biometrics and data taken, the
kinds of place of custody and 287(g). Coded values only: agents' names and badges, facility
names and free text are never read here."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, select

from incidents.models import Agent, IncidentAgency
from incidents.records.custody_chain import place_types
from incidents.records.keyfacts import claim_ignored
from incidents.vocab import SCAN_CONSENT, STOP_BASIS

# incident field → the code written in `biometrics_taken`, in the order written
BIOMETRICS = (
    ("fingerprints_taken", "fingerprints"),
    ("photographs_taken", "photographs"),
    ("dna_taken", "dna"),
    ("phone_searched", "phone"),
)
# the incident columns `codes` reads
INCIDENT_FIELDS = (
    "apparent_basis",
    "status_claimed",
    "status_claimed_at",
    *(field for field, _ in BIOMETRICS),
)


def load(session: Session, ids: list[int]) -> tuple[dict[int, list[str]], set[int]]:
    """For a batch of incidents: each one's agents' answers to 'masked', and the incidents
    with an agency recorded as acting under a 287(g) agreement (two queries)."""
    masked = defaultdict(list)
    for incident_id, answer in session.execute(
        select(Agent.incident_id, Agent.masked).where(Agent.incident_id.in_(ids))
    ):
        masked[incident_id].append(answer)
    flagged = session.execute(
        select(IncidentAgency.incident_id)
        .where(IncidentAgency.incident_id.in_(ids), IncidentAgency.under_287g)
        .distinct()
    ).scalars()
    return masked, set(flagged)


def any_yes(values: list[str]) -> str:
    """'yes' if any value is yes, 'no' if all are no, 'unknown' otherwise; 'none' if no value
    (no row of that kind recorded)."""
    if not values:
        return "none"
    if "yes" in values:
        return "yes"
    return "no" if all(v == "no" for v in values) else "unknown"


def stop_basis(stored: str | None) -> str:
    """The apparent basis codes, in the vocabulary's order, ';'-separated ('' when none is
    recorded); anything that is not a code of the vocabulary is left out."""
    chosen = set((stored or "").split(";"))
    return ";".join(code for code in STOP_BASIS.codes if code in chosen)


def biometrics(incident) -> str:
    """What was taken ('fingerprints;photographs;dna;phone', those answered yes), else 'none'
    when all four are answered no, else 'unknown'."""
    answers = [(getattr(incident, field), code) for field, code in BIOMETRICS]
    taken = [code for answer, code in answers if answer == "yes"]
    if taken:
        return ";".join(taken)
    return "none" if all(answer == "no" for answer, _ in answers) else "unknown"


def _code(value: str, vocabulary) -> str:
    return value if value in vocabulary.codes else "unknown"


def codes(incident, uses, events, masked: list[str], under_287g: bool) -> dict[str, str]:
    """The litigation columns of one incident's research facts. `incident` carries
    INCIDENT_FIELDS and outcome, `uses` the FRT uses in order (scan_consent), `events` the
    timeline (kind, starts_at, place_type; facility None), `masked` each agent's answer."""
    claim = claim_ignored(incident, events).value  # the case page's key fact
    return {
        "stop_basis": stop_basis(incident.apparent_basis),
        "agents_masked": any_yes(masked),
        "claim_ignored": "none" if incident.status_claimed == "no" else claim,
        "scan_consent": _code(uses[0].scan_consent, SCAN_CONSENT) if uses else "none",
        "biometrics_taken": biometrics(incident),
        "facility_types": ";".join(place_types(events)),
        "under_287g": "yes" if under_287g else "not_recorded",
    }
