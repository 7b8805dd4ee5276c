"""Generalization tables: US state → Census division → Census region; nationality (ISO 3166-1
alpha-2) → world region. Codes not listed fall into "other"; missing values are "unknown"."""

from __future__ import annotations

CENSUS_REGIONS = {
    "Northeast": "CT ME MA NH RI VT NJ NY PA",
    "Midwest": "IL IN MI OH WI IA KS MN MO NE ND SD",
    "South": "DE FL GA MD NC SC VA DC WV AL KY MS TN AR LA OK TX",
    "West": "AZ CO ID MT NV NM UT WY AK CA HI OR WA",
    "Territories": "PR GU VI AS MP",
}
# The Census Bureau's nine divisions within its four regions; the territories are outside them
# and form a division and a region of their own here.
CENSUS_DIVISIONS = {
    "New England": "CT ME MA NH RI VT",
    "Middle Atlantic": "NJ NY PA",
    "East North Central": "IL IN MI OH WI",
    "West North Central": "IA KS MN MO NE ND SD",
    "South Atlantic": "DE DC FL GA MD NC SC VA WV",
    "East South Central": "AL KY MS TN",
    "West South Central": "AR LA OK TX",
    "Mountain": "AZ CO ID MT NV NM UT WY",
    "Pacific": "AK CA HI OR WA",
    "Territories": "PR GU VI AS MP",
}
WORLD_REGIONS = {
    "North America": "US CA BM GL PM",
    "Mexico and Central America": "MX GT BZ SV HN NI CR PA",
    "Caribbean": "CU DO HT JM PR TT BS BB LC VC GD AG DM KN AW CW SX BQ KY TC VG VI AI MS GP MQ "
    "BL MF",
    "South America": "AR BO BR CL CO EC GY PY PE SR UY VE GF FK",
    "Europe": "AL AD AT BY BE BA BG HR CY CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD "
    "MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA FO GI GG JE IM AX SJ",
    "Middle East and North Africa": "DZ BH EG IR IQ IL JO KW LB LY MA OM PS QA SA SY TN TR AE "
    "YE EH",
    "Sub-Saharan Africa": "AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW "
    "KE LS LR MG MW ML MR MU MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG "
    "UG ZM ZW YT RE SH IO",
    "Central Asia and the Caucasus": "KZ KG TJ TM UZ AF AM AZ GE",
    "South Asia": "BD BT IN MV NP PK LK",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "Oceania": "AU NZ FJ PG SB VU WS TO KI TV NR FM MH PW AS GU MP NC PF CK NU NF PN TK WF CC CX "
    "UM HM",
}
STATE_TO_REGION = {
    code: region for region, codes in CENSUS_REGIONS.items() for code in codes.split()
}
STATE_TO_DIVISION = {
    code: division for division, codes in CENSUS_DIVISIONS.items() for code in codes.split()
}
COUNTRY_TO_REGION = {
    code: region for region, codes in WORLD_REGIONS.items() for code in codes.split()
}


def census_region(state: str | None) -> str:
    """The census region of a state code."""
    return STATE_TO_REGION.get(state or "", "unknown") if state else "unknown"


def world_region(country: str | None) -> str:
    """The world region of a country code."""
    if not country:
        return "unknown"
    return COUNTRY_TO_REGION.get(country, "other")
