"""A researcher's release written to a file by a background job, then downloaded once (issue
20, item 5; decision 0017's guarantees unchanged).

- **Taken when asked for.** Starting the job takes the release as the streamed download does
  (`releases._take`: one release per researcher, refused with the same words, refusal audited)
  and the job's parameters name it. While the job runs or its file waits, the release is held:
  neither a streamed download nor another job of it starts (`releases.pending_job`).
- **The one disclosure-control path.** The job reads the rows through `stream.open_stream` —
  the statement that checks the release again and writes the same cells, with fresh random row
  ids — into the result file; if the release no longer passes, it is given back and the job
  fails with the reason (audited as a refusal).
- **The download of the file is the release's download.** Only the researcher who started the
  job takes the file (an administrator sees the job, not the data); one download at a time;
  the release is noted complete, and the file deleted, only when its last byte was handed
  over — a download cut off may start again. No second copy: neither another download of the
  file nor another release until an administrator withdraws this one."""

from __future__ import annotations

from flask import Response, abort, stream_with_context
from sqlmodel import Session

from incidents import audit
from incidents.db import get_engine, utcnow
from incidents.exports import releases, services
from incidents.exports.lattice import Priorities, Refused
from incidents.exports.stream import open_stream
from incidents.i18n import N_, gettext
from incidents.jobs import results
from incidents.jobs import services as jobs
from incidents.jobs.kinds import Kind, Work, record_progress
from incidents.models import Job, ResearchRelease, User
from incidents.problems import UserError

CODE = releases.JOB_KIND
CHUNK = 256 * 1024
EVERY = 5000  # progress is recorded every this many rows
FILE_NAME = "frt-research-export.csv"


class NotNow(UserError):
    """The file cannot be sent now (a download under way)."""

    status = 409


def start(*, session: Session, actor: User, settings: dict, export) -> Job:
    """Take the chosen release for the researcher and queue the job that writes it (Refused, as
    for a download, when it is not theirs to take)."""
    mine, new = releases._take(session, actor, export.organization_ids, export.code)
    mine.streaming_since = None  # held by the job from now on, not by a download
    session.commit()
    try:
        return jobs.start(
            session=session,
            actor=actor,
            kind=CODE,
            params={**settings, "release_id": mine.id, "new": new},
            summary={"release": export.code},
        )
    except UserError:
        _give_back(session, mine.id, new)
        raise


def run(work: Work) -> None:
    """Write the release's CSV to the result file, through the download's own statement."""
    params, session = work.params, work.session
    release = session.get(ResearchRelease, params["release_id"])
    if release is None or release.withdrawn_at is not None:
        raise UserError(
            gettext("This release was withdrawn before it was written; nothing was kept.")
        )
    try:
        export = services.prepare(
            session=session,
            organization_id=work.organization_id,
            k=params["k"],
            l_div=params.get("l"),
            sensitive=params.get("sensitive"),
            priorities=Priorities(tuple(params.get("ranking", ())), params.get("pins", {})),
            levels=params["levels"],
            offer=False,
        )
        stream = open_stream(session=session, export=export)
    except Refused as error:
        _give_back(session, release.id, params.get("new", False))
        audit.record(
            session=session,
            action="research_export_refused",
            actor=work.actor,
            details={"release": params.get("code"), "refused_because": str(error)},
        )
        session.commit()
        raise UserError(gettext("Refused: %(reason)s", reason=error)) from None
    total = stream.release.eligible - stream.release.suppressed
    written, shown = 0, 0
    record_progress(work.job.id, 0, total, f"0 of {total:,} rows written")
    with work.output.open("w", encoding="utf-8", newline="") as out:
        for chunk in stream.lines(work.actor, action="research_export_written"):
            out.write(chunk)
            written += chunk.count("\n")
            if written - shown >= EVERY:
                shown = written
                record_progress(
                    work.job.id, written - 1, total, f"{written - 1:,} of {total:,} rows written"
                )
    work.progress(total, total, f"{total:,} rows written; yours to download once")


def _give_back(session: Session, release_id: int, new: bool) -> None:
    """A release taken for a job that wrote nothing: removed if the job took it, else free
    again (as a refused download gives it back)."""
    session.rollback()
    mine = session.get(ResearchRelease, release_id)
    if mine is not None and mine.completed_at is None:
        if new:
            session.delete(mine)
        else:
            mine.streaming_since = None
    session.commit()


def deliver(*, session: Session, actor: User, job: Job) -> Response:
    """The job's file as the release's download: only to the researcher who started it; the
    release noted under way, then complete (and the file deleted) once the last byte left, or
    free to download again if it was cut off."""
    if actor.id != job.started_by_id:
        abort(404)  # an administrator sees the job, not the data
    release_id = job_params(job).get("release_id")
    mine = session.get(ResearchRelease, int(release_id)) if release_id else None
    refusal = _refusal(job, mine)
    if refusal is not None:
        audit.record_read(
            session=session,
            action="research_export_refused",
            actor=actor,
            object_type="job",
            object_id=job.id,
            details={"release": mine.code if mine else None, "refused_because": str(refusal)},
        )
        raise refusal
    path = jobs.result_file(session=session, actor=actor, job=job)  # re-hashed, audited
    mine.streaming_since = mine.last_at = utcnow()
    mine.downloads += 1
    session.commit()
    job_id, user_id = job.id, actor.id

    def body():
        sent, complete = 0, False
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    yield chunk
                    sent += len(chunk)
            complete = True
        finally:
            _ended(job_id, release_id, user_id, sent, complete)

    response = Response(stream_with_context(body()), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{FILE_NAME}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _refusal(job: Job, mine: ResearchRelease | None) -> UserError | None:
    """Why the file may not be sent now, if it may not."""
    if mine is not None and mine.completed_at is not None:
        return jobs.ResultGone(
            gettext(
                "You downloaded this release in full on %(day)s; the file was deleted then. A "
                "second copy would single out what changed between them.",
                day=mine.completed_at.strftime("%Y-%m-%d"),
            )
        )
    if job.status != "done" or not job.result_path:
        return jobs.ResultGone(gettext("This job has no file to download."))
    if mine is None or mine.withdrawn_at is not None:
        return jobs.ResultGone(gettext("This release was withdrawn; its file is not sent."))
    since = mine.streaming_since
    if since is not None and utcnow() - since < releases.UNDER_WAY:
        return NotNow(
            gettext(
                "A download of this release is under way (since %(time)s UTC): two at once would "
                "be two copies. Wait until it ends — or an hour, if it was cut off.",
                time=since.strftime("%H:%M"),
            )
        )
    return None


def _ended(job_id: int, release_id: int, user_id: int, sent: int, complete: bool) -> None:
    """Record how the file's download ended, in a session of its own (the response is being
    sent): complete → the release is complete and the file deleted; else free again."""
    with Session(get_engine(), expire_on_commit=False) as side:
        job, mine = side.get(Job, job_id), side.get(ResearchRelease, release_id)
        mine.streaming_since = None
        details = {"release": mine.code, "complete": complete, "bytes_sent": sent}
        if complete:
            mine.completed_at = utcnow()
            details["sha256"] = job.result_sha256
            results.remove(job.result_path)
            job.result_path = None
            job.message = "Downloaded in full; the file was deleted (one copy per release)."
        audit.record(
            session=side,
            action="research_export_downloaded",
            actor=side.get(User, user_id),
            object_type="job",
            object_id=job_id,
            details=details,
        )
        side.commit()


def job_params(job: Job) -> dict:
    """A job's parameters."""
    import json

    return json.loads(job.params or "{}")


EXPORT = Kind(
    code=CODE,
    label=N_("Research export"),
    run=run,
    result_name=FILE_NAME,
    media_type="text/csv",
    roles=frozenset({"researcher", "admin"}),
    deliver=deliver,
)
JOB_KINDS = (EXPORT,)
