"""Results are kept JOB_RESULT_DAYS days after their job ends, then deleted: the periodic
huey task `purge_results` and `flask jobs purge` both call `purge`."""

from __future__ import annotations

from sqlmodel import Session, select

from incidents import audit
from incidents.db import utcnow
from incidents.jobs import results
from incidents.models import Job


def purge(*, session: Session, now=None) -> int:
    """Delete the result file of every finished job past its expiry and mark it expired (one
    audit event per organization); returns how many jobs expired."""
    now = now or utcnow()
    due = session.exec(
        select(Job).where(Job.status.in_(("done", "failed")), Job.expires_at <= now)
    ).all()
    by_org: dict[int, list[int]] = {}
    for job in due:
        results.remove(job.result_path)
        job.status, job.result_path = "expired", None
        job.message = "The result was deleted when its kept period ended."
        session.add(job)
        by_org.setdefault(job.organization_id, []).append(job.id)
    for organization_id, ids in sorted(by_org.items()):
        audit.record(
            session=session,
            action="job_results_expired",
            organization_id=organization_id,
            details={"jobs": ids[:100], "expired": len(ids)},
        )
    session.commit()
    return len(due)
