"""Paperwork issued or served in an incident, as rows: the forms agents filled in or handed over
(Form I-213, I-200 / I-205 warrants, I-247 detainer, Notice to Appear, release paperwork,
criminal charging documents), each with its date and whether a copy is in the evidence locker."""

from __future__ import annotations

from incidents.i18n import N_
from incidents.records.spec.base import Entity, declare
from incidents.vocab import PAPERWORK, YES_NO_UNKNOWN

PAPERWORK_ROW = Entity(
    "paperwork",
    N_("Paperwork"),
    declare(
        "kind",
        N_("Document"),
        "code",
        "analytic",
        vocabulary=PAPERWORK,
        required=True,
        blank=N_("Choose"),
    ),
    declare("issued_on", N_("Dated"), "date", "quasi"),
    declare(
        "served",
        N_("Served on the person"),
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    declare(
        "in_locker",
        N_("A copy is in the evidence locker"),
        "code",
        "analytic",
        vocabulary=YES_NO_UNKNOWN,
        default="unknown",
    ),
    declare("notes", N_("Notes"), "prose", "free_text", max_length=2000),
)
