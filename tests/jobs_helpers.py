"""Helpers for the background-job tests: the queue on either backend (huey's SQLite storage,
or Redis at 127.0.0.1:6379), a real consumer running in threads, waiting for a job to end."""

from __future__ import annotations

import secrets
import time

from incidents.models import Job
from tests.conftest import fresh, require_or_skip

REDIS_URL = "redis://127.0.0.1:6379/0"
BACKENDS = ["sqlite", "redis"]


def redis_reachable() -> bool:
    """Whether a Redis server answers at 127.0.0.1:6379."""
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def queue_settings(backend: str) -> dict:
    """Configuration overrides for a queue on `backend` (a fresh queue name on Redis). Under
    CI=true an unreachable Redis fails the test instead of skipping it."""
    if backend == "sqlite":
        return {"REDIS_URL": ""}
    require_or_skip(redis_reachable(), "Redis is not reachable at 127.0.0.1:6379")
    return {"REDIS_URL": REDIS_URL, "JOBS_QUEUE_NAME": f"frt-test-{secrets.token_hex(6)}"}


def wait_for(session, job_id: int, timeout: float = 90, until=("done", "failed", "expired")):
    """The job once its status is one of `until` (fails after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = fresh(session).get(Job, job_id)
        if job is not None and job.status in until:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not reach {until} in {timeout} s")


def latest_job(session) -> Job:
    """The newest job."""
    from sqlmodel import select

    return fresh(session).exec(select(Job).order_by(Job.id.desc())).first()
