"""Verifying every stored evidence file of an organization as a background job (the work of
`flask evidence verify --org`), with progress, and a plain-text report as its result: how many
files were checked, and each missing or altered one by file number and hash (no titles, no
names)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from incidents.evidence.integrity import verify_files
from incidents.i18n import N_
from incidents.jobs import services as jobs
from incidents.jobs.kinds import Kind, Work
from incidents.models import EvidenceFile, Job, User

CODE = "evidence_verification"
EVERY = 10  # progress is recorded every this many files (and at the end)


def start_verification(*, session: Session, actor: User) -> Job:
    """Queue the verification of the actor's organization's stored files."""
    return jobs.start(session=session, actor=actor, kind=CODE, params={}, summary={})


def run(work: Work) -> None:
    """Re-hash each file, recording progress, then write the report."""
    session = work.session
    total = session.exec(
        select(func.count()).where(EvidenceFile.organization_id == work.organization_id)
    ).one()
    work.progress(0, total, f"0 of {total} files checked")
    problems: list[str] = []
    seen = 0

    def progress(stored, observed):
        nonlocal seen
        seen += 1
        if observed is None:
            problems.append(f"MISSING  file {stored.id}  recorded sha256 {stored.sha256}")
        elif observed != stored.sha256:
            problems.append(
                f"ALTERED  file {stored.id}  recorded sha256 {stored.sha256}  found {observed}"
            )
        if seen % EVERY == 0 or seen == total:
            work.progress(seen, max(total, seen), f"{seen} of {max(total, seen)} files checked")

    report = verify_files(session=session, organization_id=work.organization_id, progress=progress)
    summary = f"{report.checked} files checked: {report.missing} missing, {report.altered} altered."
    lines = ["Verification of the stored evidence files", summary, "", *problems]
    work.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    work.progress(report.checked, report.checked, summary)


VERIFY = Kind(
    code=CODE,
    label=N_("Verification of all evidence"),
    run=run,
    result_name="evidence-verification.txt",
    media_type="text/plain",
    roles=frozenset({"admin"}),
)
JOB_KINDS = (VERIFY,)
