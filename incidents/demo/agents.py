"""Agents of a demo incident: often masked and in tactical gear, rarely named, sometimes known
only by a badge — the patterns of the 2025 reporting on street stops. Drawn from their own
random stream, so that adding them leaves every other demo value as it was."""

from __future__ import annotations

from random import Random

from incidents.demo.rows import pick
from incidents.records.value import AgentValue, FrtUseValue, TimelineValue
from incidents.vocab import AGENT_ATTIRE, YES_NO_UNKNOWN

SURNAMES = ("Kowalczyk", "Reyes", "Halvorsen", "Okafor", "Brandt", "Castellanos", "Whitfield")
ROLES = (
    "Scanned the face with a phone",
    "Drove the unmarked vehicle",
    "Gave the orders; appeared to supervise",
    "Held the person's arms",
    "Took the documents and kept them",
)
DESCRIPTIONS = (
    "Grey neck gaiter and sunglasses; vest marked POLICE only.",
    "Tall, black balaclava, spoke English only.",
    "Plain clothes, baseball cap; showed no badge when asked.",
    "Tactical vest without name tape; drove a silver SUV.",
)


# Badge or ID prefixes by agency (state and local police by number only).
BADGES = {
    "ice_ero": "ERO-",
    "ice_hsi": "HSI-",
    "border_patrol": "BP-",
    "cbp_ofo": "CBP-",
    "fbi": "FBI-",
    "sheriff": "SO-",
    "local_police": "#",
    "state_police": "#",
    "private_security": "G-",
}


def agents(
    seed: int, index: int, agency_ids: list[int], codes: dict[int, str] | None = None
) -> list[AgentValue]:
    """Zero to three agents of incident `index`, each from one of its agencies (`codes`: agency
    id → code, for the badge's prefix)."""
    rng = Random(f"agents:{seed}:{index}")
    found = []
    for n in range(rng.choice((0, 1, 1, 2, 2, 3))):
        named = rng.random() < 0.25
        masked = pick(index + n, YES_NO_UNKNOWN, "yes" if rng.random() < 0.55 else "unknown")
        found.append(
            AgentValue(
                agency_id=(agency := rng.choice(agency_ids) if agency_ids else None),
                name=f"Officer {rng.choice(SURNAMES)}" if named else None,
                badge=f"{BADGES.get((codes or {}).get(agency), rng.choice(('ERO-', 'BP-')))}"
                f"{rng.randint(1000, 9999)}"
                if rng.random() < 0.3
                else None,
                role=rng.choice(ROLES) if n == 0 or rng.random() < 0.4 else None,
                attire=pick(index + n, AGENT_ATTIRE, rng.choice(("tactical", "plain_clothes"))),
                masked=masked,
                identified_self=rng.choice(("no", "no", "unknown", "yes")),
                stated_reason=rng.choice(("no", "no", "unknown", "yes")),
                description=None if named else rng.choice(DESCRIPTIONS),
            )
        )
    return found


SCANNER = ROLES[0]
# Timeline steps an agent is named in: the scanner scans, the first agent stops and detains, the
# last one transfers.
ACTS = {"face_scan": "scanner", "stop": "first", "detention_start": "first", "transfer": "last"}


def link(found: list[AgentValue], uses: list[FrtUseValue], events: list[TimelineValue]) -> None:
    """Give the agents keys and name them where they acted: who scanned (the agent whose role
    says so, else the first), who stopped and detained (the first), who transferred (the last)."""
    if not found:
        return
    for n, agent in enumerate(found):
        agent.key = f"a{n}"
    who = {
        "scanner": next((a for a in found if a.role == SCANNER), found[0]).key,
        "first": found[0].key,
        "last": found[-1].key,
    }
    for use in uses:
        use.scanned_by = who["scanner"]
    for event in events:
        if event.kind in ACTS:
            event.agent = who[ACTS[event.kind]]
