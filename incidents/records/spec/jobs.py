"""Background jobs (incidents.models.job), declared for their personal-data class: a job names
records by id and says what it did in words written by the code — nothing typed by a user, no
name, no date of an incident. Its result file (a bundle of dossiers, a report) is not a column:
it is access-controlled and audited like the dossier it holds, and deleted when it expires."""

from __future__ import annotations

from incidents.i18n import N_
from incidents.records.spec.base import Entity, declare
from incidents.vocab.jobs import JOB_STATUS

JOB = Entity(
    "job",
    N_("Background job"),
    declare("kind", N_("Kind of job"), "line", "analytic", max_length=40),
    declare("status", N_("Status"), "code", "analytic", vocabulary=JOB_STATUS),
    # record ids (incidents) and codes (profile): no value typed by a user
    declare("params", N_("What it was asked to do"), "line", "analytic", max_length=100_000),
    declare("progress_done", N_("Done so far"), "number", "analytic"),
    declare("progress_total", N_("Out of"), "number", "analytic"),
    declare("message", N_("Progress message"), "line", "analytic", max_length=200),
    declare("result_path", N_("Result file"), "line", "analytic", max_length=200),
    declare("result_size", N_("Result size (bytes)"), "number", "analytic"),
    declare("result_sha256", N_("Result SHA-256"), "line", "analytic", max_length=64),
)

JOBS = (JOB,)
