"""Import test files: a full row, a minimal row, writing them as CSV, running the command and
uploading through the page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import fresh, post_form

ORG = "Test Legal Aid"
FULL_ROW = {
    "reference": "",
    "occurred_on": "2025-03",
    "city": "Joliet",
    "county": "Will",
    "state": "il",
    "zip": "60435",
    "encounter_type": "Traffic stop",
    "agencies": "ice_ero; Local police department",
    "frt_system": "clearview_ai",
    "frt_mode": "1:N (search)",
    "frt_treated_as": "probable_cause",
    "frt_sole_basis": "Y",
    "human_review": "field_visual",
    "misidentified": "true",
    "subject_name": "Marisol Quintanilla Vega",
    "subject_aliases": "Mari Q; M. Vega",
    "subject_dob": "1988-11-30",
    "subject_a_number": "A-098-765-432",
    "subject_phone": "+1 815 555 0110",
    "subject_email": "marisol.q@example.org",
    "subject_address": "410 Cass Street",
    "subject_gender": "Female",
    "subject_nationality": "Mexico",
    "subject_language": "Spanish",
    "subject_legal_status": "lpr",
    "documents_presented": "green_card; Driver's LICENCE",
    "documents_response": "ignored; confiscated",
    "detained_hours": "30",
    "outcome": "detainer_lodged",
    "research_consent": "no",
    "narrative": "Stopped on I-80; the officer ran her photo and held her for ICE.",
}


def write_csv(path: Path, rows: list[dict], *, encoding="utf-8", newline="\n", header=None):
    buffer = io.StringIO()
    names = header or list(dict.fromkeys(name for row in rows for name in row))
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(n, "") for n in names])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def minimal(**cells):
    return {"occurred_on": "2025-05-01", "state": "TX", "encounter_type": "checkpoint", **cells}


def run(runner, path, *args):
    return runner.invoke(args=["import-incidents", str(path), "--org", ORG, *args])


def upload(client, content: bytes):
    """Send a file to the import page's check."""
    return post_form(
        client,
        "/import",
        {"file": (io.BytesIO(content), "upload.csv")},
        token_from="/import",
        content_type="multipart/form-data",
    )


def count(session, model):
    return fresh(session).execute(select(func.count()).select_from(model)).scalar_one()
