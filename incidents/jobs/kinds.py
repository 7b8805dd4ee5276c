"""Kinds of background job: what a feature gives the jobs framework.

A kind is a function that does the work, plus a few words about it. The framework creates the
`Job` row, queues it (huey), runs the function in the consumer with an app context, records
progress, hashes and keeps the result file, expires it, and offers it for download (to whoever
started it, or an administrator of the organization; audited).

To add a kind (for instance "imports above a threshold" or "research exports"):

1. Write `run(work: Work) -> None` in the feature (e.g. `incidents/imports/big.py`). Read the
   inputs from `work.params` (ids and codes only — never names or typed text: they are stored
   in the job row); call `work.progress(done, total, "12 of 40 rows")` as it goes (the message
   is shown to users and must hold no personal data); write the result, if any, to
   `work.output` (a path; binary). Raise `UserError` for a failure the user should read.
   Use `work.session` for the database and `work.actor` as the actor of audit records.
2. Declare `KIND = Kind(code="import_rows", label="Import of rows", run=run,
   result_name="import-report.txt", media_type="text/plain", roles=frozenset({...}))`.
3. List it in the module's `JOB_KINDS` and add the module to `register_job_kinds` in
   `incidents/__init__.py` (create_app registers every kind listed there).
4. Start it from a service: `jobs.services.start(session=..., actor=..., kind="import_rows",
   params={...})` — it returns the job; send the user to `url_for("jobs.show", job_id=job.id)`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session


@dataclass(frozen=True)
class Kind:
    """One kind of job."""

    code: str  # stored in jobs.kind: stable once shipped
    label: str  # "Dossier bundle"
    run: Callable[[Work], None]
    result_name: str = ""  # the download's file name ("dossiers.zip"); "" = no result file
    media_type: str = "application/octet-stream"
    roles: frozenset[str] = field(default_factory=lambda: frozenset({"admin"}))  # may start it
    # (link words, URL) the job's page offers once it ended — back to the feature, say
    next_step: Callable[[Any], tuple[str, str] | None] | None = None
    # delivers the result file instead of the framework's download (the response), given the
    # job, its checked path and the user: a kind whose download must itself be recorded
    deliver: Callable[..., Any] | None = None


REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Make a kind known (create_app does it for every feature's JOB_KINDS)."""
    REGISTRY[kind.code] = kind
    return kind


def kind_of(code: str) -> Kind | None:
    """The registered kind of this code, if any."""
    return REGISTRY.get(code)


def label_of(code: str) -> str:
    """The words of a kind's code (a code no longer registered reads as its words)."""
    kind = REGISTRY.get(code)
    return kind.label if kind else code.replace("_", " ").capitalize()


class Work:
    """What a running job's function is handed: its inputs, the database, progress and the
    path to write its result to."""

    def __init__(self, *, session: Session, job, actor, output: Path):
        self.session = session
        self.job = job
        self.actor = actor
        self.output = output
        self.params: dict[str, Any] = json.loads(job.params or "{}")

    @property
    def organization_id(self) -> int:
        """The organization the job works for: the only one whose records it may read."""
        return self.job.organization_id

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        """Record how far the job got, in its own short transaction (the page shows it)."""
        job = self.job
        job.progress_done = done
        if total is not None:
            job.progress_total = total
        job.message = message[:200]
        self.session.add(job)
        self.session.commit()


def record_progress(job_id: int, done: int, total: int, message: str) -> None:
    """Write a job's progress in a short transaction of its own session: for a kind whose
    session is inside a read (a check's temporary table, a stream's open cursor) or between
    writes it must not commit from there."""
    from sqlalchemy import update

    from incidents.db import get_engine
    from incidents.models import Job

    with Session(get_engine()) as side:
        side.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(progress_done=done, progress_total=total, message=message[:200])
        )
        side.commit()
