"""Seeding many demo incidents (demo/seeding.py): batches built in worker processes give the
same incidents as one process; a subject returns across batches as the same person, with their
name in the narrative; a large seed leaves PostgreSQL's tables vacuumed."""

from __future__ import annotations

import pytest
from sqlmodel import select

from incidents.models import Incident, IncidentPerson, Person
from tests.conftest import fresh


def test_a_returning_subject_is_the_same_person_across_batches(app, session, monkeypatch):
    from incidents.demo import generator, seeding
    from tests.factories import get_org

    monkeypatch.setattr(generator, "BATCH", 25)
    monkeypatch.setattr(generator, "REUSE", 0.3)
    org = get_org(session, "Seeded Org")
    written = seeding.seed_incidents(session=session, organization=org, count=200, seed=2)
    assert written == 200
    ids = sorted(fresh(session).exec(select(Incident.id).where(Incident.organization_id == org.id)))
    batch_of = {incident_id: n // 25 for n, incident_id in enumerate(ids)}
    batches: dict[int, set[int]] = {}
    for person_id, incident_id in session.exec(
        select(IncidentPerson.person_id, IncidentPerson.incident_id).where(
            IncidentPerson.role == "subject", IncidentPerson.incident_id.in_(ids)
        )
    ):
        batches.setdefault(person_id, set()).add(batch_of[incident_id])
    assert sum(1 for seen in batches.values() if len(seen) > 1) >= 3
    people = session.exec(
        select(Person.full_name, Person.date_of_birth).where(Person.organization_id == org.id)
    ).all()
    assert len(people) == len(set(people))  # never a second copy of a returning subject


def test_worker_processes_build_the_same_incidents(app, session, monkeypatch):
    """Seeding in worker processes (as `seed-demo` does from 20,000 incidents) writes the same
    incidents as building them in one process, returning subjects across batches included."""
    from incidents.demo import generator, seeding
    from tests.factories import get_org

    monkeypatch.setattr(generator, "BATCH", 20)  # the spans; the workers keep REUSE's 3 %
    made = {}
    for processes in (0, 2):
        org = get_org(session, f"Seeded Org {processes}")
        seeding.seed_incidents(
            session=session, organization=org, count=400, seed=3, processes=processes
        )
        made[processes] = (
            fresh(session)
            .exec(
                select(Incident.occurred_on, Incident.city, Incident.outcome, Incident.narrative)
                .where(Incident.organization_id == org.id)
                .order_by(Incident.id)
            )
            .all()
        )
    assert len(made[2]) == 400 and made[2] == made[0]


def test_a_returning_subject_keeps_their_name_in_the_narrative(app, session, monkeypatch):
    from incidents.demo import generator, seeding
    from tests.factories import get_org

    monkeypatch.setattr(generator, "BATCH", 25)
    monkeypatch.setattr(generator, "REUSE", 0.3)
    org = get_org(session, "Seeded Org")
    seeding.seed_incidents(session=session, organization=org, count=200, seed=2)
    rows = (
        fresh(session)
        .exec(
            select(Incident.narrative, Person.full_name)
            .join(IncidentPerson, IncidentPerson.incident_id == Incident.id)
            .join(Person, Person.id == IncidentPerson.person_id)
            .where(Incident.organization_id == org.id, IncidentPerson.role == "subject")
        )
        .all()
    )
    assert len(rows) == 200
    assert not [n for n, _ in rows if generator.NAME in n]
    named = [(n, name) for n, name in rows if "{" not in n]
    assert sum(1 for n, name in named if name.split()[0] in n) >= 150


@pytest.mark.postgres_only
def test_a_large_seed_leaves_postgresql_vacuumed(app, session, monkeypatch):
    """Without it, the list's index-only scans visit every new row's page until autovacuum
    comes (84 ms instead of 10 for the filters page at 1,000,000)."""
    from sqlalchemy import text

    from incidents.demo import seeding, writer
    from tests.factories import get_org

    monkeypatch.setattr(writer, "VACUUM_FROM", 30)
    org = get_org(session, "Seeded Org")
    seeding.seed_incidents(session=session, organization=org, count=40, seed=4)
    pages, visible = (
        fresh(session)
        .exec(text("SELECT relpages, relallvisible FROM pg_class WHERE relname = 'incidents'"))
        .one()
    )
    assert pages > 0 and visible == pages
