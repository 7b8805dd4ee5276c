"""The baseline of bench/dashboard.py: a lawyer's home page computed with hand-written SQL on
the raw SQLite connection, its rows shaped by the same functions as the application's and
handed to the same template."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from werkzeug.datastructures import MultiDict

from incidents.calendar.entries import Entry
from incidents.cases.list_forms import FilterForm
from incidents.dashboard.assessments import CHECKED, tally
from incidents.dashboard.charts import ChartData, MonthRow
from incidents.dashboard.figures import staff_figures
from incidents.dashboard.filters import list_url_for
from incidents.dashboard.work import HORIZON, SHOWN, CaseLine, WorkList, sort_deadlines
from incidents.forms_common import select_choices
from incidents.records.bundle import CaseBundle
from incidents.vocab import DEADLINE_KIND, RECORDS_REQUEST_KIND, RECORDS_REQUEST_OPEN

LIST = "organization_id = ? AND archived_at IS NULL"


def _day(text):
    return date.fromisoformat(text) if text else None


def _moment(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC) if text else None


def charts(conn, org_id: int, args: dict) -> ChartData:
    """The four grouped counts."""
    where, params = LIST, [org_id]
    if args.get("state"):
        where, params = where + " AND state = ?", [*params, args["state"]]
    months = conn.execute(
        "SELECT strftime('%Y-%m', occurred_on), date_precision = 'year', count(*), "  # noqa: S608
        "count(CASE WHEN flag_sole_basis THEN 1 END), "
        "count(CASE WHEN EXISTS (SELECT 1 FROM frt_uses f WHERE f.incident_id = i.id) THEN 1 END),"
        " count(CASE WHEN flag_docs_disregarded THEN 1 END), "
        "count(CASE WHEN EXISTS (SELECT 1 FROM documents_presented d "
        "WHERE d.incident_id = i.id) THEN 1 END) "
        f"FROM incidents i WHERE {where} GROUP BY 1, 2",
        params,
    ).fetchall()
    systems = conn.execute(
        "SELECT system, count(DISTINCT incident_id) FROM frt_uses WHERE incident_id IN "  # noqa: S608
        f"(SELECT id FROM incidents WHERE {where}) GROUP BY system",
        params,
    ).fetchall()
    outcomes = conn.execute(
        f"SELECT outcome, count(*) FROM incidents WHERE {where} GROUP BY outcome",  # noqa: S608
        params,
    ).fetchall()
    hours = conn.execute(
        "SELECT r.detention_hours_band, count(*) FROM incidents i LEFT JOIN research_facts r "  # noqa: S608
        f"ON r.incident_id = i.id WHERE {where.replace('organization_id', 'i.organization_id')}"
        " GROUP BY 1",
        params,
    ).fetchall()
    return ChartData(
        [MonthRow(m, bool(y), *rest) for m, y, *rest in months], systems, outcomes, hours
    )


def review_queue(conn, org_id: int, user_id: int) -> tuple[WorkList, WorkList]:
    """Counts, then the first rows of each list."""
    waiting = f"{LIST} AND documentation_status = 'under_review'"
    mine = "coalesce(assigned_lawyer_id = ?, 0)"
    counts = dict(
        conn.execute(
            f"SELECT {mine}, count(*) FROM incidents WHERE {waiting} GROUP BY 1",  # noqa: S608
            [user_id, org_id],
        ).fetchall()
    )
    found = []
    for is_mine in (1, 0):
        rows = conn.execute(
            "SELECT reference, occurred_on, date_precision, coalesce((SELECT max(occurred_at) "  # noqa: S608
            "FROM review_events e WHERE e.incident_id = i.id), updated_at) FROM incidents i "
            f"WHERE {waiting} AND {mine} = ? ORDER BY updated_at, id LIMIT ?",
            [org_id, user_id, is_mine, SHOWN],
        ).fetchall()
        lines = [CaseLine(r, _day(d), p, _moment(s), mine=bool(is_mine)) for r, d, p, s in rows]
        found.append(WorkList(lines, counts.get(is_mine, 0)))
    return found[0], found[1]


def _plain(cursor) -> list[SimpleNamespace]:
    names = [d[0] for d in cursor.description]
    return [SimpleNamespace(**dict(zip(names, row, strict=True))) for row in cursor]


def confirmations(conn, org_id: int, user_id: int):
    """The lawyer's incidents and those waiting for review, their agencies, the decisions and
    the library: the same tally."""
    incidents = _plain(
        conn.execute(
            "SELECT id, reference, occurred_on, date_precision, state, city, county, "  # noqa: S608
            f"assigned_lawyer_id FROM incidents WHERE {LIST} AND (documentation_status = "
            "'under_review' OR (assigned_lawyer_id = ? AND documentation_status != 'verified'))"
            " ORDER BY assigned_lawyer_id = ? DESC, updated_at, id LIMIT ?",
            [org_id, user_id, user_id, CHECKED + 1],
        )
    )
    capped, incidents = len(incidents) > CHECKED, incidents[:CHECKED]
    for row in incidents:
        row.occurred_on = _day(row.occurred_on)
    bundles = {row.id: CaseBundle(incident=row) for row in incidents}
    marks = ",".join("?" * len(bundles))
    links = defaultdict(list)
    for iid, aid, under in conn.execute(
        f"SELECT incident_id, agency_id, under_287g FROM incident_agencies "  # noqa: S608
        f"WHERE incident_id IN ({marks})",
        list(bundles),
    ):
        bundles[iid].linked[aid] = bool(under)
        links[iid].append(aid)
    for table, column in (("frt_uses", "operator_agency_id"), ("agents", "agency_id")):
        for iid, aid in conn.execute(
            f"SELECT incident_id, {column} FROM {table} WHERE incident_id IN ({marks}) "  # noqa: S608
            f"AND {column} IS NOT NULL",
            list(bundles),
        ):
            links[iid].append(aid)
    wanted = sorted({a for found in links.values() for a in found})
    agencies = {
        a.id: a
        for a in _plain(
            conn.execute(
                "SELECT id, organization_id, code, name, level, state, agency_type, county, city "  # noqa: S608
                f"FROM agencies WHERE id IN ({','.join('?' * len(wanted))})",
                wanted,
            )
        )
    }
    for iid, found in links.items():
        bundles[iid].agencies = [agencies[a] for a in dict.fromkeys(found)]
    decided = defaultdict(set)
    for iid, pid in conn.execute(
        f"SELECT incident_id, provision_id FROM assessments WHERE incident_id IN ({marks})",  # noqa: S608
        list(bundles),
    ):
        decided[iid].add(pid)
    grouped = {}
    for row in conn.execute(
        "SELECT p.id, p.effective_from, p.effective_to, v.id, v.scope_levels, v.scope_agencies, "
        "v.scope_state, v.scope_city, v.scope_county FROM policies p JOIN provisions v "
        "ON v.policy_id = p.id WHERE (p.organization_id IS NULL OR p.organization_id = ?) AND "
        "p.id NOT IN (SELECT copied_from_id FROM policies WHERE organization_id = ? AND "
        "copied_from_id IS NOT NULL) ORDER BY p.jurisdiction_level, p.title, v.position, v.id",
        [org_id, org_id],
    ):
        policy = SimpleNamespace(id=row[0], effective_from=_day(row[1]), effective_to=_day(row[2]))
        grouped.setdefault(row[0], (policy, []))[1].append(
            SimpleNamespace(
                id=row[3],
                scope_levels=row[4],
                scope_agencies=row[5],
                scope_state=row[6],
                scope_city=row[7],
                scope_county=row[8],
            )
        )
    return tally(
        incidents, bundles, decided, list(grouped.values()), user_id=user_id, capped=capped
    )


def entries(conn, org_id: int, until: date, user_id: int | None) -> list[Entry]:
    """Open deadlines and due dates of requests waiting for the agency, as calendar.entries."""
    mine = " AND (i.assigned_caseworker_id = ? OR i.assigned_lawyer_id = ?)" if user_id else ""
    extra = [user_id, user_id] if user_id else []
    found = [
        Entry(_day(d), "deadline", i, k, DEADLINE_KIND.label(k), (ref,), (iid,), bool(c))
        for i, d, k, c, ref, iid in conn.execute(
            "SELECT d.id, d.due_on, d.kind, d.computed, i.reference, i.id FROM deadlines d "  # noqa: S608
            "JOIN incidents i ON i.id = d.incident_id WHERE d.organization_id = ? AND "
            f"d.done_on IS NULL AND d.due_on <= ? AND i.archived_at IS NULL{mine}",
            [org_id, until.isoformat(), *extra],
        )
    ]
    marks = ",".join("?" * len(RECORDS_REQUEST_OPEN))
    requests = conn.execute(
        "SELECT id, due_on, kind, due_rule FROM records_requests WHERE organization_id = ? "  # noqa: S608
        f"AND archived_at IS NULL AND status IN ({marks}) AND due_on IS NOT NULL AND due_on <= ?",
        [org_id, *RECORDS_REQUEST_OPEN, until.isoformat()],
    ).fetchall()
    linked = defaultdict(list)
    if requests:
        for rid, ref, iid, cw, lw, archived in conn.execute(
            "SELECT l.records_request_id, i.reference, i.id, i.assigned_caseworker_id, "  # noqa: S608
            "i.assigned_lawyer_id, i.archived_at FROM records_request_incidents l JOIN "
            f"incidents i ON i.id = l.incident_id WHERE l.records_request_id IN "
            f"({','.join('?' * len(requests))})",
            [r[0] for r in requests],
        ):
            if archived is None:
                linked[rid].append((ref, iid, cw, lw))
    for rid, due, kind, rule in requests:
        rows = sorted(linked[rid])
        if user_id and not any(user_id in (cw, lw) for _, _, cw, lw in rows):
            continue
        found.append(
            Entry(
                _day(due),
                "records_request",
                rid,
                f"records_request:{kind}",
                f"{RECORDS_REQUEST_KIND.label(kind)}: answer due",
                tuple(r[0] for r in rows),
                tuple(r[1] for r in rows),
                rule == "foia",
            )
        )
    return sorted(found, key=lambda e: (e.due_on, e.label, e.references))


def deadlines(conn, org_id: int, user_id: int, until: date, today: date):
    """The organization's entries, the user's being those of incidents assigned to them."""
    every = entries(conn, org_id, until, None)
    ids = sorted({i for entry in every for i in entry.incident_ids})
    assigned = {
        row[0]
        for row in conn.execute(
            f"SELECT id FROM incidents WHERE id IN ({','.join('?' * len(ids))}) AND "  # noqa: S608
            "(assigned_caseworker_id = ? OR assigned_lawyer_id = ?)",
            [*ids, user_id, user_id],
        )
    }
    mine = [entry for entry in every if assigned.intersection(entry.incident_ids)]
    return sort_deadlines(mine, every, today)


def raw_context(conn, org_id: int, user_id: int, args: dict, today: date) -> dict:
    """Everything the template is given for a lawyer, with the given filters (state only)."""
    form = FilterForm(MultiDict(args))
    agencies = conn.execute(
        "SELECT id, name FROM agencies WHERE organization_id IS NULL OR organization_id = ? "
        "ORDER BY organization_id IS NULL DESC, name",
        [org_id],
    ).fetchall()
    form.agency.choices = select_choices([("", "Any"), *((str(i), n) for i, n in agencies)])
    form.valid_filters()
    data = charts(conn, org_id, args)
    mine, others = review_queue(conn, org_id, user_id)
    until = today + timedelta(days=HORIZON)
    return {
        "form": form,
        "kept": dict(args),
        "dropped": False,
        "searching": False,
        "chart_total": data.total,
        "figures": staff_figures(data, list_url_for(dict(args))) if data.total else [],
        "review_mine": mine,
        "review_others": others,
        "confirmations": confirmations(conn, org_id, user_id),
        "deadlines": deadlines(conn, org_id, user_id, until, today),
    }
