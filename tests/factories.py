"""Factory functions for test data (no shared seed data)."""

from __future__ import annotations

import itertools
import secrets

from sqlmodel import Session, select

from incidents.models import Organization, User
from incidents.passwords import hash_password

_counter = itertools.count(1)


def random_password() -> str:
    """A policy-compliant random password."""
    return "pw-" + secrets.token_urlsafe(18)


def get_org(session: Session, name: str = "Test Legal Aid") -> Organization:
    """The organization with this name, created if needed."""
    org = session.exec(select(Organization).where(Organization.name == name)).first()
    if org is None:
        org = Organization(name=name, code="T" + secrets.token_hex(3).upper())
        session.add(org)
        session.commit()
    return org


def create_user(
    session: Session,
    *,
    role: str = "caseworker",
    org: str = "Test Legal Aid",
    email: str | None = None,
    display_name: str | None = None,
    password: str | None = None,
    must_change: bool = False,
    active: bool = True,
) -> tuple[User, str]:
    """An account; returns it with its clear-text password."""
    n = next(_counter)
    password = password or random_password()
    user = User(
        organization_id=get_org(session, org).id,
        email=email or f"{role}{n}@example.org",
        display_name=display_name or f"{role.title()} Person {n}",
        role=role,
        password_hash=hash_password(password),
        must_change_password=must_change,
        active=active,
    )
    session.add(user)
    session.commit()
    return user, password


def incident_data(**overrides) -> dict:
    """Service-level data for an incident (as the form would produce), with sensible defaults."""
    from datetime import date, datetime

    data = {
        "occurred_on": date(2025, 9, 12),
        "date_precision": "day",
        "occurred_time": None,
        "street_address": None,
        "city": "Chicago",
        "county": "Cook",
        "state": "IL",
        "zip": "60623",
        "encounter_type": "street_stop",
        "outcome": "detained_then_released",
        "detention_hours_entered": None,
        "research_consent": "yes",
        "research_consent_on": date(2025, 9, 20),
        "narrative": "Agents scanned her face with a phone and ignored her birth certificate.",
        "agency_ids": [],
        "people": [
            {
                "key": "n1",
                "person_id": None,
                "role": "subject",
                "person": {
                    "full_name": "Rosa Delgado Ibarra",
                    "aliases": None,
                    "date_of_birth": date(1996, 4, 2),
                    "a_number": None,
                    "phone": None,
                    "email": None,
                    "street_address": None,
                    "city": None,
                    "state": None,
                    "zip": None,
                    "gender": "female",
                    "nationality": "US",
                    "language": "Spanish",
                    "legal_status": "us_citizen_birth",
                },
            }
        ],
        "agents": [],
        "paperwork": [],
        "frt_uses": [
            {
                "id": None,
                "system": "mobile_fortify",
                "operator_agency_id": None,
                "mode": "one_to_many",
                "capture_source": "phone_camera",
                "result": "match_claimed",
                "treated_as": "definitive_id",
                "sole_basis": "yes",
                "human_review": "none",
                "independent_corroboration": "no",
                "misidentified": "yes",
                "disclosed_to_person": "no",
                "score": None,
                "notes": None,
            }
        ],
        "documents": [
            {
                "id": None,
                "document_type": "birth_certificate",
                "presented_by_key": "n1",
                "agent_response": "ignored",
                "notes": None,
            }
        ],
        "timeline": [
            {
                "id": None,
                "kind": "detention_start",
                "starts_at": datetime(2025, 9, 12, 8, 0),
                "ends_at": None,
                "place": None,
                "description": None,
            },
            {
                "id": None,
                "kind": "release",
                "starts_at": datetime(2025, 9, 13, 2, 30),
                "ends_at": None,
                "place": None,
                "description": None,
            },
        ],
    }
    data.update(overrides)
    return data


def incident_value(**overrides):
    """The typed value of `incident_data(**overrides)` (row dicts become row values)."""
    from incidents.records.value import (
        ROW_CLASSES,
        IncidentValue,
        PersonEntry,
        PersonValue,
    )

    data = incident_data(**overrides)
    data["agencies"] = data.pop("agency_ids")
    people = [
        PersonEntry(
            key=p["key"],
            person_id=p["person_id"],
            role=p["role"],
            person=PersonValue(**p["person"]),
        )
        for p in data.pop("people")
    ]
    rows = {}
    for name, cls in ROW_CLASSES.items():
        rows[name] = [
            cls(**{("presented_by" if k == "presented_by_key" else k): v for k, v in row.items()})
            for row in data.pop(name)
        ]
    return IncidentValue(**data, people=people, **rows)


def create_incident(app, session: Session, actor: User, **overrides):
    """An incident recorded through the service, as the form would."""
    from incidents.cases import services

    with app.test_request_context():
        return services.create_incident(
            session=session, actor=actor, value=incident_value(**overrides)
        )


def jpeg_bytes(*, exif: bool = True, size=(64, 48)) -> bytes:
    """A small JPEG, with camera EXIF and a GPS position unless exif=False."""
    import io

    from PIL import Image

    image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "TestCam"
        data[0x0110] = "Model 7"
        data.get_ifd(0x8769)[0x9003] = "2025:09:12 08:03:11"
        data.get_ifd(0x8825)[1] = "N"  # GPS latitude reference
        data.get_ifd(0x8825)[2] = (41.0, 51.0, 0.0)  # GPS latitude
        image.save(buffer, "JPEG", exif=data)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


def create_evidence(
    app,
    session: Session,
    actor: User,
    incident,
    *,
    name="photo.jpg",
    data: bytes | None = None,
    kind="photo",
):
    """An evidence item stored through the same path as an upload."""
    from incidents.evidence import services, storage

    data = jpeg_bytes() if data is None else data
    with app.test_request_context():
        incoming = storage.incoming_file()
        incoming.write(data)
        upload = services.Upload(name, incoming)
        assert services.check_uploads([upload], app.config["EVIDENCE_MAX_BYTES"]) == []
        items, _ = services.store_uploads(
            session=session,
            actor=actor,
            incident=incident,
            uploads=[upload],
            meta=services.EvidenceMeta(
                kind=kind,
                title=None,
                description=None,
                provenance="Given by the client",
                captured_on=None,
            ),
        )
        storage.discard_unclaimed()
    return items[0]
