"""The incident list as people use it: search by what they remember (system, agency, outcome),
a search that ends when they leave the list, filters that do not half-apply, sortable
headers."""

from __future__ import annotations

import re

from sqlmodel import select

from incidents.models import Agency
from tests.conftest import post_form


def _references(html: str) -> list[str]:
    return re.findall(r'<td data-label="Reference"><a href="/incidents/([^"]+)"', html)


def _search(client, words, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return post_form(
        client,
        "/incidents/search" + (f"?{query}" if query else ""),
        {"q": words},
        token_from="/incidents",
        follow_redirects=True,
    )


def test_search_finds_the_system_the_agency_and_the_outcome(
    session, client, caseworker, make_incident
):
    ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one()
    fortify = make_incident(caseworker)  # the factory's FRT use is Mobile Fortify
    other = make_incident(
        caseworker,
        frt_uses=[],
        agency_ids=[ice.id],
        outcome="voluntary_departure",
        narrative="Stopped at a bus stop.",
    )
    assert _references(_search(client, "fortify").get_data(as_text=True)) == [fortify.reference]
    found = _references(_search(client, "removal operations").get_data(as_text=True))
    assert found == [other.reference]  # "ICE Enforcement and Removal Operations (ERO)"
    found = _references(_search(client, "voluntary departure").get_data(as_text=True))
    assert found == [other.reference]


def test_a_search_ends_when_the_list_is_opened_again(client, caseworker, make_incident):
    one, two = make_incident(caseworker), make_incident(caseworker, narrative="A quiet day.")
    searched = _search(client, "quiet")
    assert searched.request.args.get("search") == "1"
    assert _references(searched.get_data(as_text=True)) == [two.reference]
    assert "Clear search" in searched.get_data(as_text=True)
    fresh_list = client.get("/incidents").get_data(as_text=True)  # the menu's "Incidents"
    assert sorted(_references(fresh_list)) == sorted([one.reference, two.reference])
    assert "Clear search" not in fresh_list


def test_filters_that_make_no_sense_filter_nothing_and_say_why(client, caseworker, make_incident):
    make_incident(caseworker)
    make_incident(caseworker, state="TX")
    html = client.get("/incidents?date_from=2025-06-01&date_to=2025-01-01&state=TX").get_data(
        as_text=True
    )
    assert "The filters were not applied, so every incident is listed" in html
    assert "The end date is before the start date." in html
    assert len(_references(html)) == 2 and "2 in all" in html
    # each problem names its filter
    html = client.get("/incidents?date_from=2025-13-01&state=ZZ").get_data(as_text=True)
    assert "<li>From: There is no such date: check each number.</li>" in html
    assert "<li>State: Not a valid choice.</li>" in html


def test_headers_sort_the_list_and_say_how(client, caseworker, make_incident):
    made = [make_incident(caseworker, state=s) for s in ("TX", "AZ", "IL")]
    html = client.get("/incidents").get_data(as_text=True)
    assert re.search(r'<th scope="col" aria-sort="descending"><a class="sort"[^>]*>Date', html)
    link = re.search(r'<a class="sort" href="([^"]+)">Place', html).group(1)
    by_state = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(r'aria-sort="ascending"><a class="sort"[^>]*>Place', by_state)
    states = {i.reference: i.state for i in made}
    assert [states[r] for r in _references(by_state)] == ["AZ", "IL", "TX"]
    again = re.search(r'<a class="sort" href="([^"]+)">Place', by_state).group(1)
    reverse = client.get(again.replace("&amp;", "&")).get_data(as_text=True)
    assert [states[r] for r in _references(reverse)] == ["TX", "IL", "AZ"]
