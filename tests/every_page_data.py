"""Data for the every-page language check (tests/test_i18n_every_page.py): one organization
whose users all read Spanish, with enough recorded that every page shows its content — cases
with agents, FRT uses, evidence and pins, claims and deadlines, records requests with records
received, a research release, sessions on named devices, jobs, an archived case, the policy
library and the organization's own policy. Everything people type here is listed in `TYPED`,
so that the check can leave it out of the words it reads."""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import select

from incidents import clock
from incidents.models import Agency, EvidencePin, FrtUse, Job, Policy, Provision, User
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_evidence, create_user
from tests.records_request_helpers import file_request

ORG = "Test Legal Aid"
CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0"
ROLES = ("admin", "caseworker", "lawyer", "researcher")
NAMES = {
    "admin": "Beatriz Olmos",
    "caseworker": "Lucía Ramos",
    "lawyer": "Tomás Herrera",
    "researcher": "Inés Campos",
}
# What the test types, as it is shown (free text is shown as typed, in any language).
TYPED = [
    "Agents scanned her face with a phone and ignored her birth certificate.",
    "Rosa Delgado Ibarra",
    "Spanish",  # the client's language, as typed
    "Given by the client",
    "photo.jpg",
    "release-1.pdf",
    "Released through the ICE FOIA portal",
    "ICE FOIA Office",
    "All records of the face scan of the client on 12 September 2025.",
    "2026-ICFO-01234",
    "United States (ICE)",
    "Court order",
    "Own PD",
    "Duplicate entry",
    "Town",
    "Elena Soto",
    "Apellido de la familia",
    "Marisol Quintero Vega",
    "Mari Quintero",
    "W 26th St & S Pulaski Rd",
]
NOT_FOR_RESEARCH = {"research_consent": "no", "research_consent_on": None}
PDF = b"%PDF-1.7\n" + os.urandom(2000) + b"\n%%EOF\n"


@dataclass
class Seeded:
    """What the pages are about: the users (with passwords) and the ids the routes take."""

    users: dict[str, tuple[User, str]] = field(default_factory=dict)
    targets: dict = field(default_factory=dict)


def spanish_users(app, session) -> dict[str, tuple[User, str]]:
    """One user of each role, every one of them reading Spanish."""
    users = {}
    for role in ROLES:
        with app.app_context():
            user, password = create_user(session, role=role, org=ORG, display_name=NAMES[role])
        user.language = "es"
        session.add(user)
        session.commit()
        users[role] = (user, password)
    return users


def signed_in_client(app, user: User, password: str, agent: str = CHROME_LINUX):
    """A test client of a browser on a named device, signed in as the user."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = agent
    assert login(client, user.email, password).status_code == 302
    return client


def _agent_rows() -> list[dict]:
    return [{"badge": "4471"}, {"masked": "yes"}]


def _frt_uses(operator_id: int) -> list[dict]:
    from tests.factories import incident_data

    first = incident_data()["frt_uses"][0]
    return [{**first, "operator_agency_id": operator_id}, {**first, "system": "other"}]


def seed_cases(app, session, caseworker: User) -> dict:
    """Cases of the organization: one full case, one submitted for review, one archived."""
    from incidents.policies.loader import load_library
    from incidents.records import operations
    from tests.factories import create_incident

    with app.app_context():
        load_library(session=session)
    ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one()
    own = Agency(organization_id=caseworker.organization_id, code="own_pd", name="Own PD")
    own.level = "local"
    session.add(own)
    session.commit()
    incident = create_incident(
        app,
        session,
        caseworker,
        agency_ids=[ice.id, own.id],
        agents=_agent_rows(),
        frt_uses=_frt_uses(ice.id),
        **NOT_FOR_RESEARCH,
    )
    archived = create_incident(app, session, caseworker, **NOT_FOR_RESEARCH)
    with app.test_request_context():
        operations.archive(session, actor=caseworker, incident=archived, reason="Duplicate entry")
    session.commit()
    photo = create_evidence(app, session, caseworker, incident)
    paper = create_evidence(
        app, session, caseworker, incident, name="release-1.pdf", data=PDF, kind="foia_record"
    )
    uses = session.exec(select(FrtUse).where(FrtUse.incident_id == incident.id)).all()
    session.add(EvidencePin(evidence_id=photo.id, frt_use_id=uses[0].id))
    session.add(EvidencePin(evidence_id=paper.id, frt_use_id=uses[-1].id))
    session.commit()
    from incidents.models import IncidentPerson

    person_id = session.exec(
        select(IncidentPerson.person_id).where(IncidentPerson.incident_id == incident.id)
    ).first()
    return {
        "incident": incident,
        "reference": incident.reference,
        "archived": archived.reference,
        "evidence_id": photo.id,
        "pdf_id": paper.id,
        "person_id": person_id,
        "agency_id": own.id,
    }


def seed_review(app, session, incident, caseworker: User, lawyer: User) -> None:
    """The case submitted for review and assigned, as the workflow does."""
    from tests.workbench_helpers import assign, review_moves

    assign(app, session, incident, caseworker=caseworker, lawyer=lawyer)
    review_moves(app, session, incident, caseworker, "submitted", comment="Revisar, por favor")


def seed_claims(lawyer_client, session, reference: str) -> dict:
    """An FTCA claim (its deadlines computed) and an entered deadline, through the forms."""
    from incidents.models import Deadline, LegalAction

    accrued = clock.today() - timedelta(days=700)
    post_form(
        lawyer_client,
        f"/incidents/{reference}/legal-actions/new",
        {
            "kind": "ftca_admin_claim",
            "status": "planned",
            "against": "United States (ICE)",
            "accrued_on": accrued.isoformat(),
        },
    )
    post_form(
        lawyer_client,
        f"/incidents/{reference}/deadlines/new",
        {
            "kind": "filing",
            "due_on": (clock.today() + timedelta(days=3)).isoformat(),
            "rule": "Court order",
        },
    )
    session.rollback()
    actions = session.exec(select(LegalAction.id)).all()
    deadlines = session.exec(select(Deadline.id).where(Deadline.kind == "filing")).all()
    assert actions and deadlines, "the claim and the deadline were not recorded"
    return {"action_id": actions[0], "deadline_id": deadlines[0]}


def seed_records_request(client, session, incident) -> int:
    """A FOIA request about the case, due soon, with a release received and filed."""
    sent = clock.today() - timedelta(days=15)
    made = file_request(
        client,
        session,
        incident,
        sent_on=sent.isoformat(),
        received_on=(sent + timedelta(days=2)).isoformat(),
        status_on=(sent + timedelta(days=3)).isoformat(),
    )
    page = f"/records-requests/{made.id}"
    data = {
        "incident_id": str(incident.id),
        "provenance": "Released through the ICE FOIA portal",
        "csrf_token": csrf_token(client, page),
        "files": [(io.BytesIO(PDF), "release-1.pdf")],
    }
    response = client.post(f"{page}/records/upload", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    return made.id


def seed_research(app, session, caseworker: User, count: int = 60) -> None:
    """Incidents consented to research, enough for the aggregate tables to show counts."""
    from tests.dashboard_helpers import many

    states, outcomes = ("IL", "TX"), ("detained_then_released", "removed")
    many(
        app,
        session,
        caseworker,
        [
            {
                "state": states[i % 2],
                "outcome": outcomes[i // 30],
                "city": "Town",
                "occurred_on": date(2024, 1 + i % 12, 5),
            }
            for i in range(count)
        ],
    )


# each role's job, as the consumer leaves it (messages stored in English)
JOBS = {
    "admin": ("dossier_bundle", "done", "5 dossiers in the bundle"),
    "caseworker": (
        "import_check",
        "done",
        "Checked: 1 of 8 rows have problems (1 in all); nothing was written yet.",
    ),
    "lawyer": ("dossier_bundle", "running", "3 of 5 dossiers"),
    "researcher": ("research_export", "queued", "Waiting for a worker"),
}


def seed_jobs(session, users) -> dict:
    """A job of each role's own, with its message."""
    session.rollback()
    jobs = {}
    for role, (kind, status, message) in JOBS.items():
        user = users[role][0]
        job = Job(
            organization_id=user.organization_id,
            started_by_id=user.id,
            kind=kind,
            status=status,
            message=message,
            progress_done=3,
            progress_total=5,
        )
        session.add(job)
        session.commit()
        jobs[role] = job.id
    return jobs


def second_factor_pages(app, session) -> list[tuple[str, str]]:
    """The second factor set up by a Spanish-reading lawyer (the page with the recovery codes),
    then the second step of signing in: (address, HTML) of each."""
    import pyotp

    session.rollback()
    with app.app_context():
        user, password = create_user(session, role="lawyer", org=ORG, display_name="Elena Soto")
    user.language = "es"
    session.add(user)
    session.commit()
    client = signed_in_client(app, user, password)
    page = client.get("/auth/two-factor").get_data(as_text=True)
    secret = re.search(r'id="totp-key">([A-Z2-7]+)<', page).group(1)
    codes = post_form(client, "/auth/two-factor", {"code": pyotp.TOTP(secret).now()})
    assert codes.status_code == 200
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    assert login(other, user.email, password).headers["Location"].startswith("/auth/second-step")
    step = other.get("/auth/second-step")
    return [
        ("POST /auth/two-factor", codes.get_data(as_text=True)),
        ("/auth/second-step", step.get_data(as_text=True)),
    ]


def own_policy(app, session, actor: User) -> tuple[int, int]:
    """The organization's own version of DHS Directive 026-11: (policy id, provision id)."""
    from incidents.policies.services import copy_policy

    session.rollback()  # a write must not follow a stale read snapshot (SQLite)
    provision = session.exec(
        select(Provision).where(Provision.key == "dhs-026-11:sole-basis")
    ).one()
    with app.test_request_context(headers={"Accept-Language": "es"}):  # made in Spanish
        own = copy_policy(
            session=session, actor=actor, policy=session.get(Policy, provision.policy_id)
        )
    session.commit()
    mine = session.exec(select(Provision).where(Provision.policy_id == own.id)).first()
    return own.id, mine.id


def library_words(session) -> list[str]:
    """The policy library's and the agencies' own words (titles, citations, quotations, notes,
    names): shown as the sources wrote them, in their language."""
    found = []
    for model in (Policy, Provision):
        for row in session.exec(select(model)).all():
            found += [v for v in row.model_dump().values() if isinstance(v, str) and " " in v]
    found += list(session.exec(select(Agency.name)).all())
    return sorted(set(found), key=len, reverse=True)


def seed_everything(app, session) -> Seeded:
    """The organization, its Spanish-reading users and everything their pages show."""
    seeded = Seeded(users=spanish_users(app, session))
    caseworker, lawyer, researcher = (seeded.users[r][0] for r in ROLES[1:])
    cases = seed_cases(app, session, caseworker)
    incident = cases.pop("incident")
    seed_review(app, session, incident, caseworker, lawyer)
    seed_research(app, session, caseworker)
    lawyer_client = signed_in_client(app, lawyer, seeded.users["lawyer"][1])
    claims = seed_claims(lawyer_client, session, incident.reference)
    post_form(lawyer_client, "/calendar/feed", {}, token_from="/calendar")
    review = f"/incidents/{incident.reference}/redaction"
    hidden = {"term": "Delgado", "reason": "Apellido de la familia"}
    assert (
        post_form(lawyer_client, f"{review}/manual", hidden, token_from=review).status_code == 302
    )
    worker_client = signed_in_client(app, caseworker, seeded.users["caseworker"][1])
    request_id = seed_records_request(worker_client, session, incident)
    policy_id, provision_id = own_policy(app, session, lawyer)
    researcher_client = signed_in_client(app, researcher, seeded.users["researcher"][1])
    assert researcher_client.get("/research/export.csv?k=5").status_code == 200  # a release
    session.rollback()
    builtin = session.exec(select(Policy.id).where(Policy.key == "dhs-026-11")).one()
    seeded.targets = {
        **cases,
        **claims,
        ("cases.restore_incident", "reference"): cases["archived"],
        "user_id": caseworker.id,
        "policy_id": policy_id,
        "builtin_policy_id": builtin,
        "provision_id": provision_id,
        "request_id": request_id,
        "jobs": seed_jobs(session, seeded.users),
        "kind": "timeline",
        "token": "none",
        "session_id": 0,
        "decision_id": 0,
        "pin_id": 0,
        "key": "incident-new",
    }
    return seeded
