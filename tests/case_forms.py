"""Helpers to fill in the incident form as a browser would post it."""

from __future__ import annotations

from tests.conftest import post_form

BASE = {
    "occurred_on": "2025-09-12",
    "occurred_time": "07:45",
    "street_address": "W 26th St & S Pulaski Rd",
    "city": "Chicago",
    "county": "Cook",
    "state": "IL",
    "zip": "60623",
    "encounter_type": "street_stop",
    "people-0-key": "n1",
    "people-0-role": "subject",
    "people-0-full_name": "Marisol Quintero Vega",
    "people-0-aliases": "Mari Quintero",
    "people-0-date_of_birth": "1994-05-17",
    "people-0-a_number": "",
    "people-0-phone": "+1 312 555 0142",
    "people-0-email": "marisol@example.org",
    "people-0-state": "IL",
    "people-0-zip": "60623",
    "people-0-gender": "female",
    "people-0-nationality": "US",
    "people-0-language": "Spanish",
    "people-0-legal_status": "us_citizen_birth",
    "frt_uses-0-system": "mobile_fortify",
    "frt_uses-0-mode": "one_to_many",
    "frt_uses-0-capture_source": "phone_camera",
    "frt_uses-0-result": "match_claimed",
    "frt_uses-0-treated_as": "definitive_id",
    "frt_uses-0-sole_basis": "yes",
    "frt_uses-0-human_review": "none",
    "frt_uses-0-independent_corroboration": "no",
    "frt_uses-0-misidentified": "yes",
    "frt_uses-0-disclosed_to_person": "no",
    "frt_uses-0-score": "91.5",
    "frt_uses-0-notes": "Agent said the app is never wrong.",
    "documents-0-document_type": "birth_certificate",
    "documents-0-presented_by": "n1",
    "documents-0-agent_response": "ignored",
    "timeline-0-kind": "detention_start",
    "timeline-0-starts_at": "2025-09-12T08:00",
    "timeline-1-kind": "release",
    "timeline-1-starts_at": "2025-09-13T02:30",
    "outcome": "detained_then_released",
    "detention_hours_entered": "",
    "research_consent": "yes",
    "research_consent_on": "2025-09-20",
    "documentation_status": "under_review",
    "narrative": "Stopped on her way to work; her birth certificate was ignored.",
    "action": "save",
}


def form_data(**overrides) -> dict:
    """The full form, with overrides (a value of None removes the field)."""
    data = {**BASE, **overrides}
    return {k: v for k, v in data.items() if v is not None}


def submit_new(client, **overrides):
    """Post the new-incident form."""
    return post_form(client, "/incidents/new", form_data(**overrides))


def edit_form_fields(html: str) -> dict:
    """The fields of a rendered form as a browser would send them (inputs, selects, textareas)."""
    import re
    from html import unescape

    data = {}
    for name, value in re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', html):
        data[name] = unescape(value)
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name and 'value="' not in tag and 'type="radio"' not in tag:
            data.setdefault(name.group(1), "")
        if name and 'type="radio"' in tag and " checked" in tag:
            data[name.group(1)] = unescape(re.search(r'value="([^"]*)"', tag).group(1))
        if name and 'type="checkbox"' in tag:
            if " checked" in tag:
                data.setdefault(name.group(1) + "[]", []).append(
                    unescape(re.search(r'value="([^"]*)"', tag).group(1))
                )
            data.pop(name.group(1), None)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"', body)
        data[name] = unescape(chosen.group(1)) if chosen else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = unescape(re.sub(r"^\r?\n", "", body))
    checkboxes = {k[:-2]: v for k, v in data.items() if k.endswith("[]")}
    data = {k: v for k, v in data.items() if not k.endswith("[]")}
    data.update(checkboxes)
    data.pop("csrf_token", None)
    data["action"] = "save"
    return data


def only_incident(session):
    """The one incident recorded in the test."""
    from sqlmodel import select

    from incidents.models import Incident
    from tests.conftest import fresh

    return fresh(session).exec(select(Incident)).one()
