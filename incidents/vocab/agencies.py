"""Agencies: levels, types (what provisions name), the level each type is at, and the shared
seeded list."""

from __future__ import annotations

from incidents.i18n import N_, LazyLabel
from incidents.vocab.base import vocabulary

AGENCY_LEVEL = vocabulary(
    "agency_level",
    ("federal", N_("Federal")),
    ("state", N_("State")),
    ("local", N_("Local")),
    ("private", N_("Private")),
)
# What kind of body an agency is: provisions name the types they bind ("local_police"), so an
# agency an organization adds ("Detroit Police Department") is matched by its type.
AGENCY_TYPE = vocabulary(
    "agency_type",
    ("ice_ero", N_("ICE Enforcement and Removal Operations")),
    ("ice_hsi", N_("ICE Homeland Security Investigations")),
    ("cbp_ofo", N_("CBP Office of Field Operations")),
    ("border_patrol", N_("U.S. Border Patrol")),
    ("fbi", N_("Federal Bureau of Investigation")),
    ("other_federal", N_("Other federal agency")),
    ("state_police", N_("State police / highway patrol")),
    ("state_other", N_("Other state agency")),
    ("local_police", N_("City or town police department")),
    ("sheriff", N_("County sheriff's office")),
    ("local_other", N_("Other local agency")),
    ("private_security", N_("Private security")),
    ("unknown", N_("Unknown")),
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
# Seeded agencies: (code, name, level). Organizations may add their own. The generic names
# (N_) are translated where a page draws them (`shown_agency_name`); proper names never are.
SEEDED_AGENCIES = (
    ("ice_ero", "ICE Enforcement and Removal Operations (ERO)", "federal"),
    ("ice_hsi", "ICE Homeland Security Investigations (HSI)", "federal"),
    ("cbp_ofo", "CBP Office of Field Operations", "federal"),
    ("border_patrol", "U.S. Border Patrol", "federal"),
    ("fbi", "Federal Bureau of Investigation", "federal"),
    ("local_police", N_("Local police department"), "local"),
    ("sheriff", N_("County sheriff"), "local"),
    ("state_police", N_("State police / highway patrol"), "state"),
    ("private_security", N_("Private security"), "private"),
    ("other_federal", N_("Other federal agency"), "federal"),
    ("unknown", N_("Unknown agency"), "federal"),
)


GENERIC_AGENCY_NAMES = frozenset(
    {
        "Local police department",
        "County sheriff",
        "State police / highway patrol",
        "Private security",
        "Other federal agency",
        "Unknown agency",
    }
)


def shown_agency_name(name: str, organization_id: int | None) -> str:
    """An agency's name as a page draws it: a shared seeded agency's generic name ("County
    sheriff") in the page's language (`LazyLabel`, English where stored), any other as named."""
    if organization_id is None and name in GENERIC_AGENCY_NAMES:
        return LazyLabel(name)
    return name
