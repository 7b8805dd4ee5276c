"""Background jobs: where a job stands."""

from __future__ import annotations

from incidents.i18n import N_
from incidents.vocab.base import vocabulary

JOB_STATUS = vocabulary(
    "job_status",
    ("queued", N_("Waiting to start")),
    ("running", N_("Running")),
    ("done", N_("Done")),
    ("failed", N_("Failed")),
    ("expired", N_("Result deleted (kept period over)")),
)
