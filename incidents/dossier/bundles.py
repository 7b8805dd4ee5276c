"""Bundles of dossiers, made as a background job: a ZIP with one PDF dossier per incident
(built by the same service as a single download, so each one is audited and noted in its
exhibits' custody logs the same way) and MANIFEST.csv naming each file with its SHA-256 and
size. Any case staff may ask for the full or the redacted version, as for one dossier."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

from flask import current_app
from sqlmodel import Session, select

from incidents.dossier import services
from incidents.dossier.content import PROFILES
from incidents.dossier.words import DEFAULT, LANGUAGES
from incidents.i18n import N_, gettext
from incidents.jobs import services as jobs
from incidents.jobs.kinds import Kind, Work
from incidents.models import Incident, Job, User
from incidents.problems import UserError

CODE = "dossier_bundle"
MANIFEST = "MANIFEST.csv"


def start_bundle(
    *,
    session: Session,
    actor: User,
    incident_ids: list[int],
    profile: str,
    hide_agents: bool,
    language: str = DEFAULT,
) -> Job:
    """Queue a bundle of the dossiers of these incidents (of the actor's organization, not
    archived; at most JOB_BUNDLE_MAX), in `language` ("en" by default, or "es")."""
    if profile not in PROFILES:
        raise UserError(gettext("Choose the full or the redacted version."))
    if language not in LANGUAGES:
        raise UserError(gettext("Choose English or Spanish."))
    cap = current_app.config["JOB_BUNDLE_MAX"]
    wanted = list(dict.fromkeys(incident_ids))
    if not wanted:
        raise UserError(gettext("Select at least one incident for the bundle."))
    if len(wanted) > cap:
        raise UserError(
            gettext(
                "A bundle holds at most %(cap)s dossiers; %(count)s were asked for.",
                cap=cap,
                count=len(wanted),
            )
        )
    found = set(
        session.exec(
            select(Incident.id).where(
                Incident.id.in_(wanted),
                Incident.organization_id == actor.organization_id,
                Incident.archived_at.is_(None),
            )
        ).all()
    )
    if len(found) != len(wanted):
        raise UserError(
            gettext("Some of the ticked incidents could not be found; nothing was started.")
        )
    agents = "hidden" if hide_agents and profile == "redacted" else "named"
    return jobs.start(
        session=session,
        actor=actor,
        kind=CODE,
        params={"incidents": wanted, "profile": profile, "agents": agents, "language": language},
        summary={"incidents": len(wanted), "profile": profile, "language": language},
    )


def run(work: Work) -> None:
    """Build each dossier into the ZIP as it goes, then the manifest."""
    ids = [int(number) for number in work.params["incidents"]]
    profile, hide = work.params["profile"], work.params.get("agents") == "hidden"
    language = work.params.get("language", DEFAULT)  # bundles asked for before: English
    total, rows, skipped = len(ids), [], 0
    work.progress(0, total, f"0 of {total} dossiers")
    with zipfile.ZipFile(work.output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, incident_id in enumerate(ids, 1):
            incident = work.session.get(Incident, incident_id)
            if (
                incident is None
                or incident.organization_id != work.organization_id
                or incident.archived_at is not None
            ):
                skipped += 1  # archived or gone since the bundle was asked for
            else:
                pdf = services.generate(
                    session=work.session,
                    actor=work.actor,
                    incident=incident,
                    profile=profile,
                    hide_agents=hide,
                    language=language,
                )
                suffix = "" if language == DEFAULT else f"-{language}"
                name = f"{incident.reference}-dossier-{profile}{suffix}.pdf"
                archive.writestr(name, pdf)
                rows.append((name, hashlib.sha256(pdf).hexdigest(), len(pdf)))
            work.progress(done, total, f"{done} of {total} dossiers")
        archive.writestr(MANIFEST, manifest_csv(rows))
    note = f"; {skipped} left out (archived or removed since)" if skipped else ""
    work.progress(total, total, f"{len(rows)} dossiers in the bundle{note}")


def manifest_csv(rows: list[tuple[str, str, int]]) -> str:
    """The manifest: one line per file with its SHA-256 and size in bytes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "sha256", "bytes"])
    writer.writerows(rows)
    return out.getvalue()


BUNDLE = Kind(
    code=CODE,
    label=N_("Bundle of dossiers"),
    run=run,
    result_name="dossiers.zip",
    media_type="application/zip",
    roles=frozenset({"admin", "caseworker", "lawyer"}),
)
JOB_KINDS = (BUNDLE,)
