"""Translation between the incident form, plain data (what services take) and stored rows."""

from __future__ import annotations

from incidents.records.bundle import CaseBundle
from incidents.records.validation import format_a_number, format_partial_date

INCIDENT_FIELDS = (
    "occurred_time",
    "street_address",
    "city",
    "county",
    "state",
    "zip",
    "encounter_type",
    "outcome",
    "detention_hours_entered",
    "research_consent",
    "research_consent_on",
    "documentation_status",
    "narrative",
)
PERSON_FIELDS = (
    "full_name",
    "aliases",
    "date_of_birth",
    "a_number",
    "phone",
    "email",
    "street_address",
    "city",
    "state",
    "zip",
    "gender",
    "nationality",
    "language",
    "legal_status",
)
FRT_FIELDS = (
    "system",
    "operator_agency_id",
    "mode",
    "capture_source",
    "result",
    "treated_as",
    "sole_basis",
    "human_review",
    "independent_corroboration",
    "misidentified",
    "disclosed_to_person",
    "score",
    "notes",
)
DOCUMENT_FIELDS = ("document_type", "agent_response", "notes")
TIMELINE_FIELDS = ("kind", "starts_at", "ends_at", "place", "description")
ROW_LISTS = ("people", "frt_uses", "documents", "timeline")

# Which data keys make up each section of the form (for the edit history).
SECTIONS = {
    "when_where": (
        "occurred_on",
        "date_precision",
        "occurred_time",
        "street_address",
        "city",
        "county",
        "state",
        "zip",
    ),
    "encounter_agencies": ("encounter_type", "agency_ids"),
    "people": ("people",),
    "frt_uses": ("frt_uses",),
    "documents": ("documents",),
    "timeline": ("timeline",),
    "outcome_consent": (
        "outcome",
        "detention_hours_entered",
        "research_consent",
        "research_consent_on",
        "documentation_status",
    ),
    "narrative": ("narrative",),
}
SECTION_LABELS = {
    "when_where": "When and where",
    "encounter_agencies": "Encounter and agencies",
    "people": "People",
    "frt_uses": "Facial recognition",
    "documents": "Documents presented",
    "timeline": "Timeline",
    "outcome_consent": "Outcome and consent",
    "narrative": "Narrative",
}


def _blank_to_none(value):
    if value == "" or value is None:
        return None
    return value


def _number(value):
    return None if value is None or value == "" else float(value)


def _int_or_none(value):
    return int(value) if value not in (None, "") and str(value).isdigit() else None


def form_to_data(form) -> dict:
    """Plain data from a validated incident form."""
    occurred_on, precision = form.occurred_on.parsed
    data = {name: _blank_to_none(getattr(form, name).data) for name in INCIDENT_FIELDS}
    data.update(
        occurred_on=occurred_on,
        date_precision=precision,
        detention_hours_entered=_number(form.detention_hours_entered.data),
        research_consent=form.research_consent.data or "no",
        documentation_status=form.documentation_status.data or "draft",
        agency_ids=sorted({int(a) for a in form.agencies.data or []}),
        people=[],
        frt_uses=[],
        documents=[],
        timeline=[],
    )
    for row in form.people:
        f = row.form
        data["people"].append(
            {
                "key": f.key.data,
                "person_id": _int_or_none(f.person_id.data),
                "role": f.role.data,
                "person": {name: _blank_to_none(getattr(f, name).data) for name in PERSON_FIELDS},
            }
        )
    data["_choices"] = [row.form.duplicate_choice.data or "" for row in form.people]
    for row in form.frt_uses:
        item = {name: _blank_to_none(getattr(row.form, name).data) for name in FRT_FIELDS}
        item["operator_agency_id"] = _int_or_none(item["operator_agency_id"])
        item["score"] = _number(item["score"])
        item["id"] = _int_or_none(row.form.row_id.data)
        data["frt_uses"].append(item)
    for row in form.documents:
        item = {name: _blank_to_none(getattr(row.form, name).data) for name in DOCUMENT_FIELDS}
        item["presented_by_key"] = _blank_to_none(row.form.presented_by.data)
        item["id"] = _int_or_none(row.form.row_id.data)
        data["documents"].append(item)
    for row in form.timeline:
        item = {name: _blank_to_none(getattr(row.form, name).data) for name in TIMELINE_FIELDS}
        item["id"] = _int_or_none(row.form.row_id.data)
        data["timeline"].append(item)
    return data


def bundle_to_data(bundle: CaseBundle, agency_ids: list[int]) -> dict:
    """Plain data of a stored incident, in the shape form_to_data produces."""
    incident = bundle.incident
    data = {name: getattr(incident, name) for name in INCIDENT_FIELDS}
    data.update(
        occurred_on=incident.occurred_on,
        date_precision=incident.date_precision,
        detention_hours_entered=_number(incident.detention_hours_entered),
        agency_ids=sorted(agency_ids),
        people=[
            {
                "key": f"p{person.id}",
                "person_id": person.id,
                "role": link.role,
                "person": {name: getattr(person, name) for name in PERSON_FIELDS},
            }
            for link, person in bundle.people
        ],
        frt_uses=[
            {**{n: getattr(u, n) for n in FRT_FIELDS}, "id": u.id, "score": _number(u.score)}
            for u in bundle.frt_uses
        ],
        documents=[
            {
                **{n: getattr(d, n) for n in DOCUMENT_FIELDS},
                "id": d.id,
                "presented_by_key": f"p{d.presented_by_id}" if d.presented_by_id else None,
            }
            for d in bundle.documents
        ],
        timeline=[
            {**{n: getattr(t, n) for n in TIMELINE_FIELDS}, "id": t.id} for t in bundle.timeline
        ],
    )
    return data


def fill_form(form, data: dict, version: int) -> None:
    """Put stored data into a fresh (GET) incident form."""
    form.version.data = str(version)
    form.occurred_on.data = format_partial_date(data["occurred_on"], data["date_precision"])
    for name in INCIDENT_FIELDS:
        getattr(form, name).data = data[name]
    form.agencies.data = [str(a) for a in data["agency_ids"]]
    for item in data["people"]:
        row = form.people.append_entry()
        row.form.key.data = item["key"]
        row.form.person_id.data = str(item["person_id"])
        row.form.role.data = item["role"]
        for name in PERSON_FIELDS:
            value = item["person"][name]
            getattr(row.form, name).data = format_a_number(value) if name == "a_number" else value
    for list_name, fields in (
        ("frt_uses", FRT_FIELDS),
        ("documents", DOCUMENT_FIELDS),
        ("timeline", TIMELINE_FIELDS),
    ):
        for item in data[list_name]:
            row = getattr(form, list_name).append_entry()
            row.form.row_id.data = str(item["id"])
            for name in fields:
                value = item[name]
                getattr(row.form, name).data = (
                    ""
                    if value is None and name.endswith("_id")
                    else (str(value) if name == "operator_agency_id" else value)
                )
            if list_name == "documents":
                row.form.presented_by.data = item["presented_by_key"] or ""


def comparable(data: dict) -> dict:
    """Data with row ids and keys removed, for change detection."""

    def strip(rows, drop):
        return [{k: v for k, v in row.items() if k not in drop} for row in rows]

    result = dict(data)
    result["people"] = [
        {"person_id": p["person_id"], "role": p["role"], **p["person"]} for p in data["people"]
    ]
    result["frt_uses"] = strip(data["frt_uses"], {"id"})
    result["documents"] = strip(data["documents"], {"id", "presented_by_key"})
    result["timeline"] = strip(data["timeline"], {"id"})
    return result


def changes(before: dict, after: dict) -> tuple[list[str], list[str]]:
    """The sections and field names that differ (names only, never values)."""
    old, new = comparable(before), comparable(after)
    sections, fields = [], []
    for section, keys in SECTIONS.items():
        found = []
        for key in keys:
            if old.get(key) == new.get(key):
                continue
            if key in ROW_LISTS:
                found += _row_changes(key, old.get(key) or [], new.get(key) or [])
            else:
                found.append(key)
        if found:
            sections.append(section)
            fields += found
    return sections, fields


def _row_changes(key: str, old_rows: list[dict], new_rows: list[dict]) -> list[str]:
    names = set()
    for a, b in zip(old_rows, new_rows, strict=False):
        names |= {name for name in b if a.get(name) != b.get(name)}
    found = [f"{key}.{name}" for name in sorted(names)]
    if len(new_rows) > len(old_rows):
        found.append(f"{key}.added")
    if len(new_rows) < len(old_rows):
        found.append(f"{key}.removed")
    return found
