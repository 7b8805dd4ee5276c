"""`flask seed-demo`: the demo organization with one account per role, and synthetic
incidents (deterministic for a seed)."""

from __future__ import annotations

import sys

import click
from sqlmodel import select

from incidents import audit
from incidents.admin import services as admin_services
from incidents.auth.services import set_password
from incidents.clikit import command, org_by_name
from incidents.db import get_session
from incidents.models import Organization, User
from incidents.vocab import ROLE
from incidents.wording import plural

DEMO_ORG = "Demo Legal Aid (synthetic data)"


@command(None, "seed-demo")
@click.option(
    "--incidents",
    "count",
    type=click.IntRange(0, 1_000_000),
    default=0,
    help="How many synthetic incidents to add.",
)
@click.option("--seed", type=int, default=1, help="Random seed (same seed, same data).")
@click.option(
    "--org",
    "org_name",
    help="Add the incidents to this existing organization "
    "(default: the demo organization, with one account per role).",
)
@click.option(
    "--processes",
    type=click.IntRange(0, 16),
    default=None,
    help="Worker processes building the incidents (default: one per core but one, "
    "from 20,000 incidents; 0: none). The data are the same whatever the number.",
)
def seed_demo(count, seed, org_name, processes):
    """Demo organization with one account per role and synthetic incidents."""
    session = get_session()
    org = org_by_name(session, org_name) if org_name else _demo_accounts(session)
    if count:
        _seed_incidents(session, org, count, seed, forced=bool(org_name), processes=processes)


def _demo_accounts(session) -> Organization:
    org = session.exec(select(Organization).where(Organization.name == DEMO_ORG)).first()
    org = org or admin_services.create_organization(session=session, name=DEMO_ORG, code="DEMO")
    click.echo(f"Demo accounts for {DEMO_ORG!r} (synthetic data only):")
    for role in ROLE.codes:
        email = f"{role}@demo.example.org"
        user = session.exec(select(User).where(User.email == email)).first()
        password = admin_services.one_time_password()
        if user is None:
            admin_services.create_user(
                session=session,
                organization=org,
                email=email,
                display_name=f"Demo {ROLE.label(role).lower()}",
                role=role,
                password=password,
            )
        else:
            set_password(user, password, must_change=False)
            audit.record(
                session=session,
                action="user_password_reset",
                organization_id=org.id,
                object_type="user",
                object_id=user.id,
                details={"by": "seed-demo"},
            )
            session.commit()
        click.echo(f"  {role:<11} {email:<32} {password}")
    return org


def _seed_incidents(session, org, count, seed, *, forced, processes) -> None:
    from sqlalchemy import func

    from incidents.demo import seed_incidents
    from incidents.demo.workbench import Reviewer
    from incidents.models import Incident

    existing = session.exec(
        select(func.count()).select_from(Incident).where(Incident.organization_id == org.id)
    ).one()
    if existing and not forced:
        click.echo(f"{org.name!r} already has {plural(existing, 'incident')}; none added.")
        return
    reviewer = Reviewer.of(session, org, seed)
    if reviewer:
        reviewer.stored(session)  # with --org: the incidents already there come first
    with click.progressbar(length=count, label="Synthetic incidents", file=sys.stderr) as bar:
        last = [0]

        def progress(done):
            bar.update(done - last[0])
            last[0] = done

        written = seed_incidents(
            session=session,
            organization=org,
            count=count,
            seed=seed,
            progress=progress,
            reviewer=reviewer,
            processes=processes,
        )
    actions = reviewer.finish(session) if reviewer else 0
    audit.record(
        session=session,
        action="demo_incidents_seeded",
        organization_id=org.id,
        details={"count": written, "seed": seed, "legal_actions": actions},
    )
    session.commit()
    click.echo(f"{written} synthetic incidents added to {org.name!r}.")
    if actions:
        click.echo(f"Assignments, reviews and {actions} legal actions with deadlines added.")


COMMANDS = (seed_demo,)
