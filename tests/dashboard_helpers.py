"""Shared by the home page tests: incidents in bulk, review moves and assignments as the
workflow makes them, and reading a panel or a chart's data table out of the page."""

from __future__ import annotations

import html
import re

from incidents.models import Incident, Organization
from tests.factories import incident_value
from tests.workbench_helpers import assign as workbench_assign
from tests.workbench_helpers import review_moves


def many(app, session, actor, overrides: list[dict]) -> list[tuple[int, str]]:
    """Incidents recorded in one batch through the record kernel: (id, reference) each."""
    from incidents.records import bulk

    session.rollback()
    with app.test_request_context():
        organization = session.get(Organization, actor.organization_id)
        made = bulk.create_many(
            session,
            actor=actor,
            organization=organization,
            items=[(incident_value(**o), None) for o in overrides],
            source="test",
        )
        session.commit()
    return made


def move(app, session, actor, incident: Incident, action: str, comment: str | None = None):
    """A review move (submitted, verified, returned) made as the workflow makes it."""
    review_moves(app, session, incident, actor, action, comment=comment)


def assign(app, session, actor, incident: Incident, *, caseworker=None, lawyer=None):
    """Assign the incident's caseworker and lawyer as the workflow does."""
    workbench_assign(app, session, incident, caseworker=caseworker, lawyer=lawyer, actor=actor)


def section(page: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by this heading."""
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page[start : page.index("</section>", start)]


def text(fragment: str) -> str:
    """The visible words of an HTML fragment, whitespace folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def heading_count(page: str, heading_id: str) -> int:
    """The count shown beside a panel's heading."""
    heading = re.search(rf'id="{heading_id}">.*?<span class="count">([\d,]+)\+?</span>', page, re.S)
    assert heading, heading_id
    return int(heading.group(1).replace(",", ""))


def data_table(page: str, chart_id: str) -> dict[str, list[str]]:
    """A chart's data table: row label → its cells, as shown."""
    box = section(page, f"{chart_id}-heading")
    body = box[box.index("<tbody>") : box.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        label = text(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))
        rows[label] = [text(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
    return rows


def links(fragment: str) -> list[str]:
    """The addresses of the links in an HTML fragment, unescaped."""
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', fragment)]
