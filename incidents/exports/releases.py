"""One release of the research data per researcher (decision 0017). Two releases of the same
incidents at other levels — one with months and no age, one with ages and no time — could be
joined row by row on their analytic columns, which single nearly every row out, and together
undo k. So the first release a researcher downloads is theirs, whichever organizations share
at the time, and it is downloaded to the end once: two complete copies compared row by row
would single out every incident added, changed or left out between them (a download cut off
before the end may be started again). Another copy, or another release, waits until another
administrator withdraws it. The database holds one release per researcher (a partial unique
index). Researchers acting together are beyond what software can stop; the audit trail shows
who took which release."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from incidents import audit
from incidents.db import utcnow
from incidents.exports.hierarchy import HIERARCHIES
from incidents.exports.lattice import Refused
from incidents.exports.stream import Stream, open_stream
from incidents.i18n import N_, gettext, translate_label
from incidents.models import Job, ResearchRelease, User
from incidents.problems import UserError

if TYPE_CHECKING:
    from incidents.exports.plan import Export


UNDER_WAY = timedelta(hours=1)  # a download not heard of since is taken to have ended
JOB_KIND = "research_export"  # a release written to a file by a job (exports.release_jobs)


def _key(organization_ids: list[int]) -> str:
    return ",".join(str(i) for i in sorted(organization_ids))


def describe(code: str) -> str:
    """What a release keeps, in words ("quarter, Census region, age in 10-year bands"), in the
    reader's language (English outside a request)."""
    levels = [int(part) for part in code.split("-") if part.isdigit()]
    if len(levels) != len(HIERARCHIES) or any(
        level >= len(h.levels) for h, level in zip(HIERARCHIES, levels, strict=True)
    ):
        return gettext("the levels %(code)s", code=code)
    kept = [
        translate_label(SAID.get(h.name, "%(level)s")) % {"level": translate_label(h.levels[level])}
        for h, level in zip(HIERARCHIES, levels, strict=True)
        if level < len(h.levels) - 1
    ]
    return ", ".join(kept) or gettext("no time, place, age, nationality or agency detail")


SAID = {"age_band": N_("age in %(level)s"), "nationality_region": N_("nationality by %(level)s")}


def current(session: Session, user_id: int) -> ResearchRelease | None:
    """The release the researcher has, if any — whichever organizations share at the time: a
    release of a few more or fewer organizations' incidents holds mostly the same rows."""
    return session.exec(
        select(ResearchRelease)
        .where(ResearchRelease.user_id == user_id, ResearchRelease.withdrawn_at.is_(None))
        .order_by(ResearchRelease.id.desc())
    ).first()


def taken(session: Session, user_id: int) -> list[ResearchRelease]:
    """The researcher's releases not withdrawn (one per set of organizations' data)."""
    return list(
        session.exec(
            select(ResearchRelease)
            .where(ResearchRelease.user_id == user_id, ResearchRelease.withdrawn_at.is_(None))
            .order_by(ResearchRelease.first_at)
        ).all()
    )


def download(session: Session, user: User, export: Export) -> Stream:
    """Start the researcher's download of the chosen release: note it as theirs (committed
    before any row is read; Refused if they have another, or downloaded this one to the end
    already), then open its rows, whose statement checks the release again — if it no longer
    passes, a release noted just now is given back and Refused raised."""
    mine, new = _take(session, user, export.organization_ids, export.code)
    try:
        stream = open_stream(session=session, export=export)
    except Refused:
        if new:
            session.delete(mine)
        else:
            mine.streaming_since = None
        session.commit()
        raise
    stream.release_id = mine.id
    return stream


def _take(session: Session, user: User, organization_ids: list[int], code: str):
    """Note that the researcher downloads the release `code`, committed: (their release, whether
    it was taken now). Refused if they hold another, or have this one in full already."""
    mine = current(session, user.id)
    if mine is None:
        mine = ResearchRelease(
            user_id=user.id,
            organizations=_key(organization_ids),
            code=code,
            streaming_since=utcnow(),
        )
        session.add(mine)
        try:
            session.commit()
        except IntegrityError:  # another download of theirs took one at the same moment
            session.rollback()
            raise Refused(
                gettext("Another download of yours has just started; wait for it.")
            ) from None
        return mine, True
    if mine.code != code:
        raise Refused(
            gettext(
                "You took another release of the research data on %(day)s (it keeps "
                "%(levels)s). Two releases at other levels could be joined row by row and undo "
                "the protection: ask an administrator to withdraw it first.",
                day=mine.first_at.strftime("%Y-%m-%d"),
                levels=describe(mine.code),
            )
        )
    if mine.completed_at is not None:
        raise Refused(
            gettext(
                "You downloaded this release in full on %(day)s. A second copy compared with "
                "the first would single out every incident added, changed or left out since; if "
                "you need the data again, ask an administrator to withdraw your release (the "
                "first file stays yours to use).",
                day=mine.completed_at.strftime("%Y-%m-%d"),
            )
        )
    job_id = pending_job(session, mine)
    if job_id is not None:
        raise Refused(
            gettext(
                "Your release is being written to a file, or its file waits for you (job "
                "%(job)s): download it there — two files would be two copies.",
                job=job_id,
            )
        )
    since = mine.streaming_since
    if since is not None and utcnow() - since < UNDER_WAY:
        raise Refused(
            gettext(
                "A download of this release is under way (since %(time)s UTC): two at once would "
                "be two copies. Wait until it ends — or an hour, if it was cut off.",
                time=since.strftime("%H:%M"),
            )
        )
    mine.last_at = mine.streaming_since = utcnow()
    mine.downloads += 1
    session.commit()
    return mine, False


def pending_job(session: Session, mine: ResearchRelease) -> int | None:
    """The job that holds the researcher's release, if any: queued, running, or done with its
    file not yet downloaded in full (a failed or expired job holds nothing)."""
    jobs = session.exec(
        select(Job.id, Job.status, Job.result_path, Job.params).where(
            Job.started_by_id == mine.user_id,
            Job.kind == JOB_KIND,
            Job.status.in_(("queued", "running", "done")),
        )
    ).all()
    for job_id, status, result_path, params in jobs:
        if json.loads(params or "{}").get("release_id") == mine.id and (
            status != "done" or result_path
        ):
            return job_id
    return None


def withdraw(session: Session, *, actor: User | None, user: User) -> int:
    """Withdraw the researcher's releases (they may then take another); audited, committed.
    Returns how many were withdrawn. Nobody withdraws their own (UserError): another
    administrator must."""
    if actor is not None and actor.id == user.id:
        raise UserError(gettext("Another administrator withdraws your own research release."))
    rows = session.exec(
        select(ResearchRelease).where(
            ResearchRelease.user_id == user.id, ResearchRelease.withdrawn_at.is_(None)
        )
    ).all()
    for row in rows:
        row.withdrawn_at = utcnow()
        row.withdrawn_by_id = actor.id if actor else None
    audit.record(
        session=session,
        action="research_release_withdrawn",
        actor=actor,
        organization_id=user.organization_id,
        object_type="user",
        object_id=str(user.id),
        details={"releases": len(rows), "codes": sorted(row.code for row in rows)},
    )
    session.commit()
    return len(rows)
