"""Paperwork issued or served in an incident, as rows: the forms agents filled in or handed over
(Form I-213, I-200 / I-205 warrants, I-247 detainer, Notice to Appear, release paperwork,
criminal charging documents), each with its date and whether a copy is in the evidence locker."""

from __future__ import annotations

from incidents.records.spec.base import Entity, declare
from incidents.vocab import PAPERWORK, YES_NO_UNKNOWN

PAPERWORK_ROW = Entity(
    "paperwork",
    "Paperwork",
    declare(
        "kind",
        "Document",
        "code",
        "analytic",
        vocabulary=PAPERWORK,
        required=True,
        blank="Choose",
    ),
    declare("issued_on", "Dated", "date", "quasi"),
    declare(
        "served",
        "Served on the person",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    declare(
        "in_locker",
        "A copy is in the evidence locker",
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    declare("notes", "Notes", "prose", "free_text", max_length=2000),
)
