"""The list's filter form is rendered once and reused (cases/filter_cache.py): whatever it
reuses, a user sees the form of their own language, filter values and agency list."""

from __future__ import annotations

import re

from tests.conftest import post_form
from tests.policy_helpers import REGISTERED

DETROIT_PD = REGISTERED["detroit_pd"]


def _filters(html: str) -> str:
    return html[html.index('<details class="filters-box"') : html.index("</details>")]


def _selected(html: str, name: str) -> str | None:
    box = _filters(html)
    select = box[box.index(f'name="{name}"') :]
    select = select[: select.index("</select>")]
    found = re.search(r'<option selected value="([^"]*)"', select)
    return found.group(1) if found else None


def test_an_agency_added_after_a_list_view_is_in_the_filter(client, signed_in):
    signed_in("caseworker")
    assert "Detroit Police Department" not in _filters(client.get("/incidents").get_data(True))
    assert post_form(client, "/agencies", DETROIT_PD).status_code == 302
    assert "Detroit Police Department" in _filters(client.get("/incidents").get_data(True))


def test_each_filter_value_and_language_gets_its_own_form(client, signed_in):
    signed_in("caseworker")
    assert _selected(client.get("/incidents?state=CA").get_data(True), "state") == "CA"
    assert _selected(client.get("/incidents?state=NY").get_data(True), "state") == "NY"
    assert _selected(client.get("/incidents").get_data(True), "state") in (None, "")
    english = _filters(client.get("/incidents?state=CA").get_data(True))
    spanish = _filters(
        client.get("/incidents?state=CA", headers={"Accept-Language": "es"}).get_data(True)
    )
    assert "Filters" in english and "Filtros" in spanish and "Filters" not in spanish
    assert "open" in english.split(">")[0]  # a filtered list shows its filters open
    assert "open" not in _filters(client.get("/incidents").get_data(True)).split(">")[0]


def test_a_filter_with_an_error_says_so_every_time(client, signed_in):
    signed_in("caseworker")
    for _ in range(2):
        page = client.get("/incidents?date_from=2026-05-01&date_to=2026-01-01").get_data(True)
        assert "The end date is before the start date." in _filters(page)
