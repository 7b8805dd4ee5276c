"""Seeding many demo incidents: batches built by `demo.generator` — in worker processes when
there are many, so that building values (most of the Python work) runs beside the rows' preparation
and the database's writing — then, in order, prepared by `records.bulk` and written by
`demo.writer`. The data depend only on the seed and the count, never on the number of
processes (each batch has its own random stream; see decision 0023)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor

from sqlmodel import Session

from incidents.demo import generator as gen
from incidents.demo.writer import Writer
from incidents.models import Organization
from incidents.records import bulk
from incidents.records.references import Allocator

PARALLEL_FROM = 20_000  # fewer incidents are built in the calling process


def processes_for(count: int) -> int:
    """How many worker processes build batches for `count` incidents: none below
    PARALLEL_FROM or on one core, else one per core but the one preparing and writing."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 0 if count < PARALLEL_FROM or (cores or 1) < 2 else min(cores - 1, 4)


def seed_incidents(
    *,
    session: Session,
    organization: Organization,
    count: int,
    seed: int,
    progress=None,
    reviewer=None,
    processes: int | None = None,
) -> int:
    """Write `count` synthetic incidents in batches of BATCH, each with its review status
    (and, with a `workbench.Reviewer`, its assignments and review moves) and committed; returns
    how many were written. Memory is bounded by a few batches, whatever the count. `processes`:
    worker processes building batches (None: `processes_for(count)`). On PostgreSQL a writer
    thread writes each batch (COPY) while the next is prepared, and many rows are vacuumed at
    the end (the session is committed). `progress(done)` is called after each batch. The caller
    records the audit event."""
    generator = gen.Generator.of(session, organization, seed)
    allocator = Allocator(session, organization.id, organization.code)
    session.commit()  # the writer's connection must see the agencies just registered
    links = Returning()
    known: dict = {}
    written = 0
    workers = processes_for(count) if processes is None else processes
    with Writer(session) as writer:
        for batch in batches(generator, count, workers):
            columns = [{"documentation_status": status} for status in batch.statuses]
            reviewed = (
                [
                    reviewer.review(value.occurred_on, extra["documentation_status"])
                    for value, extra in zip(batch.values, columns, strict=True)
                ]
                if reviewer
                else []
            )
            for extra, (assigned, _) in zip(columns, reviewed, strict=False):
                extra.update(assigned)
            links.resolve(batch)
            prepared = bulk.prepare_many(
                session,
                actor=None,
                organization=organization,
                items=[(value, None) for value in batch.values],
                allocator=allocator,
                columns=columns,
                known=known,
            )
            known = prepared.details  # the people a later batch may link before this commits
            links.learn(batch, prepared.people)
            events = (
                reviewer.written(
                    [incident_id for incident_id, _ in prepared.created],
                    [assigned for assigned, _ in reviewed],
                    [events for _, events in reviewed],
                )
                if reviewer
                else []
            )
            writer.write(prepared, events)
            written += len(batch.values)
            if progress:
                progress(written)
    writer.vacuum()
    return written


class Returning:
    """The subjects of the last RECENT incidents written (index → first name, person id), so
    that a later batch's returning subject is linked to the same person."""

    def __init__(self):
        self.subjects: dict[int, tuple[str, int]] = {}

    def resolve(self, batch: gen.Batch) -> None:
        """Link each returning subject of `batch` and put the first name in its narrative."""
        for index, earlier in batch.returning.items():
            name, person_id = self.subjects[earlier]
            value = batch.values[index - batch.start]
            value.people[0].person_id = person_id
            value.narrative = value.narrative.replace(gen.NAME, name)

    def learn(self, batch: gen.Batch, people: dict[str, int]) -> None:
        """Remember the subjects of a prepared batch (`people`: entry key → person id)."""
        for offset, value in enumerate(batch.values):
            index = batch.start + offset
            if index in batch.returning:
                self.subjects[index] = self.subjects[batch.returning[index]]
            else:
                entry = value.people[0]
                self.subjects[index] = (entry.person.full_name.split()[0], people[entry.key])
        end = batch.start + len(batch.values)
        for index in [i for i in self.subjects if i < end - gen.RECENT]:
            del self.subjects[index]


def batches(generator: gen.Generator, count: int, processes: int):
    """The batches of `count` incidents in order: built here, or by `processes` worker
    processes a few batches ahead (bounded memory)."""
    spans = [(start, min(count, start + gen.BATCH)) for start in range(0, count, gen.BATCH)]
    if not processes:
        for start, end in spans:
            yield generator.batch(start, end)
        return
    context = multiprocessing.get_context("spawn")  # no copy of this process's connections
    with ProcessPoolExecutor(
        processes, mp_context=context, initializer=_start, initargs=(generator.setting,)
    ) as pool:
        ahead: deque = deque()
        pending = iter(spans)
        for span in pending:
            ahead.append(pool.submit(_build, *span))
            if len(ahead) > processes + 1:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()


_worker: gen.Generator | None = None


def _start(setting: gen.Setting) -> None:
    """A worker process's generator (its batches' streams depend only on the seed)."""
    global _worker
    _worker = gen.Generator(setting)


def _build(start: int, end: int) -> gen.Batch:
    """Build one batch in a worker process."""
    return _worker.batch(start, end)
