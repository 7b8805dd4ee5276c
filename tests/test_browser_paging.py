"""End to end in Chromium: a lawyer pages through the incident list with Next, Last, Previous
and First, the pages found after or before a known incident (issue 20, item 3)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.browser_helpers import shot, signed_in_page

pytestmark = pytest.mark.browser


def test_paging_through_the_list(app, session, live_server, browser, make_user):
    from tests.factories import create_incident

    user, password = make_user("lawyer")
    made = [
        create_incident(app, session, user, occurred_on=date(2024, 1, 1) + timedelta(days=n))
        for n in range(60)
    ]
    newest_first = [i.reference for i in reversed(made)]
    page = signed_in_page(browser, live_server, user, password)
    page.goto(f"{live_server}/incidents")

    def shown() -> list[str]:
        return page.locator("tbody tr td[data-label=Reference]").all_inner_texts()

    pager = page.get_by_role("navigation", name="Pages").first
    assert "Page 1 of 2 (60 in all)" in pager.inner_text()
    assert shown() == newest_first[:50]
    pager.get_by_role("link", name=re.compile("Next")).click()
    page.wait_for_url(re.compile(r"after=\d+"))
    shot(page, "list-page-2", full_page=False)
    assert shown() == newest_first[50:]
    assert "Page 2 of 2" in page.get_by_role("navigation", name="Pages").first.inner_text()
    page.get_by_role("navigation", name="Pages").first.get_by_role(
        "link", name=re.compile("First")
    ).click()
    assert shown() == newest_first[:50]
    page.get_by_role("navigation", name="Pages").first.get_by_role(
        "link", name=re.compile("Last")
    ).click()
    page.wait_for_url(re.compile(r"last=1"))
    assert shown() == newest_first[50:]
    page.get_by_role("navigation", name="Pages").first.get_by_role(
        "link", name=re.compile("Previous")
    ).click()
    assert shown() == newest_first[:50]
