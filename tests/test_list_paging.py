"""The incident list's pages: Next and Previous start after or before a known incident (no
OFFSET), First and Last, sorts within a state, other organizations' ids, and the count said
"about" above the exact limit on PostgreSQL (issue 20, item 3)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest

from incidents.cases import paging

COUNT = 12  # three pages of PER (5, 5, 2): paging.PER_PAGE is 5 in these tests
PER = 5


def references(html: str) -> list[str]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'href="/incidents/([A-Z0-9-]+)"', body)


def link(html: str, label: str) -> str | None:
    """The address of the pager's link with this label, or None."""
    pager = html.split('<nav class="pager"')[1].split("</nav>")[0]
    found = re.search(r'<a href="([^"]+)"[^>]*>[^<]*' + re.escape(label), pager)
    return unescape(found.group(1)) if found else None


def flat(pages: list[list[str]]) -> list[str]:
    return [reference for page in pages for reference in page]


def status(html: str) -> str:
    return re.search(r"<span>(Page [^<]+)</span>", html).group(1)


@pytest.fixture
def lawyer(signed_in):
    """A lawyer signed in on `client`."""
    user, _ = signed_in("lawyer")
    return user


@pytest.fixture(autouse=True)
def short_pages(monkeypatch):
    """Pages of PER incidents, so that a few incidents make three pages."""
    monkeypatch.setattr(paging, "PER_PAGE", PER)


@pytest.fixture
def many(lawyer, make_incident):
    """COUNT incidents on distinct days, newest last; in three states."""
    return [
        make_incident(
            lawyer,
            occurred_on=date(2023, 1, 1) + timedelta(days=n),
            state=("TX", "CA", "NY")[n % 3],
        )
        for n in range(COUNT)
    ]


def walk(client, start: str, label: str) -> tuple[list[list[str]], list[str]]:
    """Follow the pager's link `label` from `start` to the end: each page's references and
    the status line."""
    seen, statuses, address = [], [], start
    while address:
        html = client.get(address).get_data(as_text=True)
        seen.append(references(html))
        statuses.append(status(html))
        next_address = link(html, label)
        if next_address:
            assert "offset" not in next_address
        address = next_address
    return seen, statuses


def test_next_walks_every_incident_once_in_order_and_previous_walks_back(client, many):
    newest_first = [i.reference for i in reversed(many)]
    pages, statuses = walk(client, "/incidents", "Next")
    assert [len(p) for p in pages] == [PER, PER, 2]
    assert flat(pages) == newest_first
    assert statuses == [f"Page {n} of 3 ({COUNT} in all)" for n in (1, 2, 3)]
    last_html = client.get("/incidents?last=1").get_data(as_text=True)
    assert references(last_html) == newest_first[2 * PER :] and status(last_html).startswith(
        "Page 3"
    )
    assert link(last_html, "Next") is None and link(last_html, "Last") is None
    back, _ = walk(client, "/incidents?last=1", "Previous")
    assert back == [newest_first[2 * PER :], newest_first[PER : 2 * PER], newest_first[:PER]]
    assert "after=" in link(client.get("/incidents").get_data(as_text=True), "Next")
    first_link = link(last_html, "First")
    assert references(client.get(first_link).get_data(as_text=True)) == newest_first[:PER]


def test_a_new_incident_does_not_shift_the_next_page(client, many, lawyer, make_incident):
    first = client.get("/incidents").get_data(as_text=True)
    newer = make_incident(lawyer, occurred_on=date(2025, 6, 1))
    second = client.get(link(first, "Next")).get_data(as_text=True)
    # an OFFSET would repeat the first page's last row; the key continues after it
    assert references(second)[0] == [i.reference for i in reversed(many)][PER]
    assert newer.reference not in references(second)


def test_sorted_by_state_pages_continue_within_a_state_newest_first(client, many):
    expected = [
        i.reference
        for i in sorted(many, key=lambda i: (i.state, i.occurred_on, i.id), reverse=True)
    ]
    pages, _ = walk(client, "/incidents?sort=state&order=desc", "Next")
    assert flat(pages) == expected
    ascending, _ = walk(client, "/incidents?sort=state&order=asc", "Next")
    assert flat(ascending) == expected[::-1]


def test_a_typed_page_number_still_works_and_odd_places_fall_back(client, many):
    newest_first = [i.reference for i in reversed(many)]
    assert (
        references(client.get("/incidents?page=2").get_data(as_text=True))
        == (newest_first[PER : 2 * PER])
    )
    assert (
        references(client.get("/incidents?page=99").get_data(as_text=True))
        == (newest_first[2 * PER :])
    )
    for odd in ("after=abc", "after=999999999", "before=-3", "after=1" + "0" * 30, "last=yes"):
        response = client.get(f"/incidents?{odd}")
        assert response.status_code == 200, odd
        assert references(response.get_data(as_text=True)) == newest_first[:PER], odd


def test_an_id_of_another_organization_is_not_a_place(client, many, app, session, make_user):
    from tests.factories import create_incident

    stranger, _ = make_user("lawyer", org="Other Legal Aid")
    theirs = create_incident(app, session, stranger, occurred_on=date(2023, 2, 15))
    newest_first = [i.reference for i in reversed(many)]
    for place in (f"after={theirs.id}", f"before={theirs.id}"):
        html = client.get(f"/incidents?{place}&page=2").get_data(as_text=True)
        assert references(html) == newest_first[:PER], place
        assert theirs.reference not in html


def test_the_count_is_exact_on_sqlite_and_an_estimate_above_the_limit_on_postgresql(
    app, client, many, session, monkeypatch
):
    monkeypatch.setattr(paging, "EXACT_UP_TO", 4)
    html = client.get("/incidents").get_data(as_text=True)
    if session.get_bind().dialect.name == "postgresql":
        shown = re.search(r"\(about ([\d,]+) in all\)", html)
        assert shown, status(html)
        assert int(shown.group(1).replace(",", "")) > 4  # never fewer than were counted
    else:
        assert status(html) == f"Page 1 of 3 ({COUNT} in all)"
    monkeypatch.setattr(paging, "EXACT_UP_TO", 10_000)
    app.extensions.pop("list_estimates", None)  # the estimate just made is kept for a minute
    assert status(client.get("/incidents").get_data(as_text=True)) == (
        f"Page 1 of 3 ({COUNT} in all)"
    )


@pytest.mark.postgres_only
def test_an_estimate_is_shown_again_for_a_minute_without_counting(
    app, client, many, session, monkeypatch
):
    """Decision 0019: a list above the exact limit is estimated once a minute per query, not on
    every view; an exact count is made every time."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    asked = []
    engine = Engine  # every engine: the app's as well as the tests'

    def note(conn, cursor, statement, *_):
        if "count(" in statement.lower() or statement.startswith("EXPLAIN"):
            asked.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        monkeypatch.setattr(paging, "EXACT_UP_TO", 4)
        first = status(client.get("/incidents").get_data(as_text=True))
        assert "about" in first and asked
        asked.clear()
        assert status(client.get("/incidents?page=2").get_data(as_text=True)).endswith(
            first.split("(")[1]
        )
        assert asked == []  # the same query: the kept estimate
        client.get("/incidents?state=TX")  # another query is estimated on its own
        assert asked
        asked.clear()
        monkeypatch.setattr(paging, "ESTIMATE_KEPT_SECONDS", 0)
        client.get("/incidents")
        assert asked  # a minute later: estimated again
        asked.clear()
        monkeypatch.setattr(paging, "EXACT_UP_TO", 10_000)
        monkeypatch.setattr(paging, "ESTIMATE_KEPT_SECONDS", 60)
        app.extensions.pop("list_estimates")  # (the limit itself never changes)
        for _ in range(2):
            assert status(client.get("/incidents").get_data(as_text=True)) == (
                f"Page 1 of 3 ({COUNT} in all)"
            )
        assert len(asked) == 2  # exact counts are never kept
    finally:
        event.remove(engine, "before_cursor_execute", note)


@pytest.mark.parametrize(
    ("count", "shown"),
    [(7, 7), (999, 999), (1_234, 1_230), (512_345, 512_000), (1_000_499, 1_000_000)],
)
def test_about_keeps_three_figures(count, shown):
    assert paging.about(count) == shown


def test_digits_that_are_not_numbers_and_places_that_disagree(client, many):
    newest_first = [i.reference for i in reversed(many)]
    for odd in ("page=%C2%B2", "after=%C2%B2", "before=%C2%B2", "page=%D9%A3"):
        response = client.get(f"/incidents?{odd}")
        assert response.status_code == 200, odd
        assert references(response.get_data(as_text=True)) == newest_first[:PER], odd
    last = client.get("/incidents?last=1&page=2").get_data(as_text=True)
    assert references(last) == newest_first[2 * PER :] and status(last).startswith("Page 3 of 3")
    huge = client.get("/incidents?page=1000000").get_data(as_text=True)
    assert references(huge) == newest_first[2 * PER :]
    for other in ("/admin/audit?page=%C2%B2", "/records-requests?page=%C2%B2"):
        assert client.get(other).status_code in (200, 403), other


def test_a_search_that_matches_nothing_or_few_is_counted_exactly(
    client, many, lawyer, make_incident
):
    from tests.conftest import post_form

    rare = make_incident(lawyer, narrative="Stopped near the Zyxwvut depot.")
    post_form(client, "/incidents/search", {"q": "zyxwvut"}, token_from="/incidents")
    found = client.get("/incidents?search=1").get_data(as_text=True)
    assert references(found) == [rare.reference] and "1 in all." in found
    post_form(client, "/incidents/search", {"q": "qqqzzzunknown"}, token_from="/incidents")
    nothing = client.get("/incidents?search=1").get_data(as_text=True)
    assert "No incidents match." in nothing and "0 in all." in nothing and "about" not in nothing
