"""The queue behind background jobs: huey, with its SQLite storage in a file under instance/
by default (no extra service), or Redis when `REDIS_URL` is set.

Each app gets its own huey instance (made on first use), with two tasks: `run_job(job_id)`,
which runs any registered kind (incidents.jobs.kinds), and `purge_results`, a periodic task
that deletes expired result files (`flask jobs purge` does the same by hand). A consumer —
`flask jobs consumer`, or threads started by a test — executes them, each in an app context."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer

_LOCK = threading.Lock()
EXTENSION = "jobs_queue"


class Queue:
    """An app's huey instance and its tasks."""

    def __init__(self, app: Flask):
        config = app.config
        name = config["JOBS_QUEUE_NAME"]
        if config["REDIS_URL"]:
            self.backend = "redis"
            self.huey = RedisHuey(name, url=config["REDIS_URL"], results=False)
        else:
            self.backend = "sqlite"
            Path(config["JOBS_QUEUE_FILE"]).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.huey = SqliteHuey(name, filename=config["JOBS_QUEUE_FILE"], results=False)

        @self.huey.task(name="run_job")
        def run_job(job_id: int) -> None:
            from incidents.jobs.runner import run

            with app.app_context():
                run(job_id)

        @self.huey.periodic_task(crontab(minute="*/15"), name="purge_results")
        def purge_results() -> None:
            from incidents.db import get_session
            from incidents.jobs.retention import purge
            from incidents.jobs.runner import interrupt_running

            with app.app_context():
                interrupt_running(get_session(), stalled_only=True)
                purge(session=get_session())

        self.run_job = run_job

    def enqueue(self, job_id: int) -> None:
        """Queue a job for the consumer (raises if the queue cannot be reached)."""
        self.run_job(job_id)

    def consumer(self, *, workers: int = 2, periodic: bool = True) -> Consumer:
        """A consumer of this queue running its workers as threads (not started)."""
        return self.huey.create_consumer(
            workers=workers, worker_type="thread", periodic=periodic, max_delay=1.0
        )


def queue(app: Flask | None = None) -> Queue:
    """The app's queue, made on first use."""
    app = app or current_app._get_current_object()
    with _LOCK:
        if EXTENSION not in app.extensions:
            app.extensions[EXTENSION] = Queue(app)
    return app.extensions[EXTENSION]


def start_threads(consumer: Consumer) -> Consumer:
    """Start a consumer's scheduler and workers without taking over the process's signals
    (tests, or a consumer embedded in another program); stop it with `stop_threads`."""
    consumer.scheduler.start()
    for _worker, thread in consumer.worker_threads:
        thread.start()
    return consumer


def stop_threads(consumer: Consumer) -> None:
    """Stop a consumer started with `start_threads`, letting a running job finish."""
    consumer.stop(graceful=True)
