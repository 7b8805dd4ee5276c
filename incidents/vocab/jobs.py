"""Background jobs: where a job stands."""

from __future__ import annotations

from incidents.vocab.base import vocabulary

JOB_STATUS = vocabulary(
    "job_status",
    ("queued", "Waiting to start"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("expired", "Result deleted (kept period over)"),
)
