"""The databases of bench/throughput.py: one seeded for the run (`seed`), or one seeded before
and measured as it is (`existing`); the environment of every process that opens it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from benchapp import bench_app
from sqlalchemy import text
from sqlmodel import select
from throughput_serve import ROOT

from incidents import migrate
from incidents.admin.services import create_organization, create_user
from incidents.auth import second_factor
from incidents.cases.queries import PER_PAGE
from incidents.db import get_session
from incidents.models import Incident
from incidents.policies.loader import load_library

ORG = "Bench Legal Aid"
EMAIL = "caseworker@bench.example.org"
PASSWORD = "pw-" + secrets.token_urlsafe(16)


def deep_page(count: int) -> int:
    """The deep page's number: three quarters of the way."""
    return max(2, round(-(-count // PER_PAGE) * 0.75))


def server_env(folder: Path, url: str, keys: dict, **extra: str) -> dict:
    """The environment of every process that opens this database: same keys, audit head file
    and folders as the bench's own app; HTTPS and proxy settings off (plain local HTTP)."""
    env = {k: v for k, v in os.environ.items() if k not in ("HTTPS", "TRUSTED_PROXIES")}
    env.update(
        DATABASE_URL=url,
        AUDIT_HEAD_FILE=f"{folder}/audit-head.json",
        EVIDENCE_DIR=f"{folder}/evidence",
        INSTANCE_PATH=f"{folder}/instance",
        **keys,
        **extra,
    )
    return env


def seed(folder: Path, url: str, count: int, keys: dict) -> dict:
    """Migrations, policy library, the organization and its two accounts; then `flask
    seed-demo`. Returns the caseworker's id and second-factor secret (if one is required) and
    the reference of the case page to measure (the middle incident)."""
    app = bench_app(str(folder), DATABASE_URL=url, **keys)
    try:
        with app.app_context():
            migrate.upgrade()
            session = get_session()
            load_library(session=session)
            session.commit()
            org = create_organization(session=session, name=ORG, code="BEN")
            for role in ("lawyer", "caseworker"):  # the caseworker last: `user`
                user, _ = create_user(
                    session=session,
                    organization=org,
                    email=f"{role}@bench.example.org",
                    display_name=f"Bench {role}",
                    role=role,
                    password=PASSWORD,
                )
            secret = None
            if org.requires_second_factor(user.role):
                import pyotp

                secret = second_factor.start_enrolment(session=session, user=user)
                second_factor.enable(session=session, user=user, code=pyotp.TOTP(secret).now())
            found = {"user_id": user.id, "secret": secret}
        began = time.perf_counter()
        command = [sys.executable, "-m", "flask", "--app", "wsgi", "seed-demo"]
        command += ["--incidents", str(count), "--org", ORG, "--seed", "7"]
        env = server_env(folder, url, keys)  # its progress bar and messages go to stderr
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=False)
        if done.returncode:
            raise RuntimeError(f"flask seed-demo failed (exit {done.returncode}), see above")
        print(f"seeded {count:,} incidents in {time.perf_counter() - began:.0f} s", flush=True)
        with app.app_context():
            if not url.startswith("sqlite"):  # as autovacuum does soon after a bulk load
                get_session().execute(text("ANALYZE"))
                get_session().commit()
            found["reference"] = (
                get_session()
                .exec(select(Incident.reference).order_by(Incident.id).offset(count // 2).limit(1))
                .one()
            )
            found["after"] = (
                get_session()
                .exec(
                    select(Incident.id)
                    .order_by(Incident.occurred_on.desc(), Incident.id.desc())
                    .offset((deep_page(count) - 1) * PER_PAGE - 1)
                    .limit(1)
                )
                .one()
            )
        return found
    finally:
        app.extensions["db_engine"].dispose()


def existing(folder: Path, url: str, keys: dict) -> dict:
    """A database seeded before (`--pg-existing`): a caseworker account of the organization
    with the most incidents, created for this run; the count, case page and deep page of
    that organization. Its audit trail gets this run's rows, keyed with this run's key."""
    from sqlalchemy import func

    from incidents.models import Organization

    app = bench_app(str(folder), DATABASE_URL=url, **keys)
    try:
        with app.app_context():
            migrate.upgrade()
            session = get_session()
            org_id, count = session.exec(
                select(Incident.organization_id, func.count())
                .where(Incident.archived_at.is_(None))
                .group_by(Incident.organization_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
            email = f"caseworker-{secrets.token_hex(4)}@bench.example.org"
            org = session.get(Organization, org_id)
            user, _ = create_user(
                session=session,
                organization=org,
                email=email,
                display_name="Bench caseworker",
                role="caseworker",
                password=PASSWORD,
            )
            found = {"user_id": user.id, "secret": None, "email": email, "count": count}
            if org.requires_second_factor(user.role):
                import pyotp

                found["secret"] = second_factor.start_enrolment(session=session, user=user)
                code = pyotp.TOTP(found["secret"]).now()
                second_factor.enable(session=session, user=user, code=code)
            live = select(Incident.reference, Incident.id).where(
                Incident.organization_id == org_id, Incident.archived_at.is_(None)
            )
            cased = live.where(Incident.reference.regexp_match(r"^[A-Z0-9]+-[0-9]{4}-[0-9]+$"))
            found["reference"] = (
                session.exec(  # a case page's address (not a copied row's)
                    cased.order_by(Incident.id).offset(count // 2)
                ).first()
                or session.exec(cased.order_by(Incident.id.desc())).first()
            )
            found["reference"] = found["reference"][0]
            found["after"] = session.exec(
                live.order_by(Incident.occurred_on.desc(), Incident.id.desc()).offset(
                    (deep_page(count) - 1) * PER_PAGE - 1
                )
            ).first()[1]
        return found
    finally:
        app.extensions["db_engine"].dispose()
