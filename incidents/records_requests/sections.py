"""What the case page shows of records requests (templates/records_requests/_case_section.html
calls `records_requests_section(incident)`): the requests linked to the incident, read within
the signed-in user's organization as the case page itself is."""

from __future__ import annotations

from dataclasses import dataclass

from incidents import clock
from incidents.db import get_session
from incidents.models import Incident, RecordsRequest
from incidents.records_requests import due, queries


@dataclass(frozen=True)
class CaseSection:
    """The requests about one incident, with the names of their agencies and which are
    overdue."""

    requests: list[RecordsRequest]
    agencies: dict[int, str]
    overdue: frozenset[int]
    from_sent_caveat: str = due.FROM_SENT_CAVEAT


def case_section(incident: Incident) -> CaseSection:
    """The requests (not archived) linked to an incident, newest first."""
    session = get_session()
    found = queries.requests_of_incident(session, incident)
    today = clock.today()
    return CaseSection(
        requests=found,
        agencies=queries.agency_names(session, [r.agency_id for r in found]),
        overdue=frozenset(r.id for r in found if queries.is_overdue(r, today)),
    )
