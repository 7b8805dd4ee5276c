"""The objects an audit page refers to, as references and names with links: one query per kind
of object on the page (never one per row), always limited to the administrator's organization.

Labels are references, kinds and numbers; nothing personal about clients is ever read (a person
is "person record no. 12", evidence is "Photo no. 7 of DEMO-2025-0042", never a name or a
title typed by someone)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import url_for
from sqlalchemy import or_
from sqlmodel import Session, select

from incidents.i18n import N_, gettext
from incidents.models import (
    Agency,
    Deadline,
    Evidence,
    Incident,
    LegalAction,
    Organization,
    Person,
    Policy,
    Provision,
    RecordsRequest,
)
from incidents.vocab import DEADLINE_KIND, EVIDENCE_KIND, LEGAL_ACTION_KIND, RECORDS_REQUEST_KIND


@dataclass(frozen=True)
class Ref:
    """An object as the trail names it: words, where it links to, and a note ("archived")."""

    text: str
    endpoint: str | None = None
    values: tuple[tuple[str, object], ...] = ()
    note: str | None = None

    @property
    def url(self) -> str | None:
        """The link, if the object has a page the administrator may open."""
        return url_for(self.endpoint, **dict(self.values)) if self.endpoint else None

    def __str__(self) -> str:
        return f"{self.text} ({self.note})" if self.note else self.text


ARCHIVED = N_("archived")


@dataclass
class Wanted:
    """Ids to look up, by kind of object."""

    ids: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, kind: str | None, value) -> None:
        """Want one object (ignored unless a known kind and a whole number)."""
        number = as_id(value)
        if kind in RESOLVERS and number is not None:
            self.ids[kind].add(number)


def as_id(value) -> int | None:
    """A stored id as a number (object ids are stored as text), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) < 19:
        return int(value)
    return None


class Refs:
    """The resolved objects of a page (or of a batch of an export)."""

    def __init__(self, found: dict[tuple[str, int], Ref], users: dict[int, str]):
        self.found = found
        self.users = users

    def get(self, kind: str | None, value) -> Ref | None:
        """The object of this kind and id, named; None when there is no object."""
        number = as_id(value)
        if kind is None or value is None:
            return None
        if kind == "user":
            return self.user(number)
        if number is None or kind not in RESOLVERS:
            return Ref(f"{kind.replace('_', ' ')} {value}")
        noun = gettext(NOUNS[kind]) if kind in NOUNS else kind.replace("_", " ")
        return self.found.get((kind, number)) or Ref(
            gettext("%(noun)s no. %(number)s", noun=noun, number=number),
            note=gettext("not found"),
        )

    def user(self, number: int | None) -> Ref:
        """An account of the organization by id, linking to its page."""
        if number in self.users:
            return Ref(self.users[number], "admin.edit_user", (("user_id", number),))
        return Ref(
            gettext("account no. %(number)s", number=number),
            note=gettext("not of your organization"),
        )


NOUNS = {
    "incident": N_("case"),
    "evidence": N_("evidence item"),
    "evidence_file": N_("stored file"),
    "legal_action": N_("legal action"),
    "records_request": N_("records request"),
    "person": N_("person record"),
}


def resolve(session: Session, organization_id: int, wanted: Wanted, users: dict[int, str]) -> Refs:
    """Look up every wanted object: one query per kind."""
    found: dict[tuple[str, int], Ref] = {}
    for kind, ids in wanted.ids.items():
        if ids:
            for number, ref in RESOLVERS[kind](session, organization_id, sorted(ids)):
                found[(kind, number)] = ref
    return Refs(found, users)


Rows = Iterable[tuple[int, Ref]]


def _incidents(session: Session, org: int, ids: list[int]) -> Rows:
    rows = session.exec(
        select(Incident.id, Incident.reference, Incident.archived_at).where(
            Incident.organization_id == org, Incident.id.in_(ids)
        )
    ).all()
    for number, reference, archived in rows:
        if archived is not None:
            yield number, Ref(reference, "cases.archived_incidents", note=gettext(ARCHIVED))
        else:
            yield number, Ref(reference, "cases.show_incident", (("reference", reference),))


def _evidence_text(number: int, kind: str, reference: str) -> str:
    return gettext(
        "%(kind)s no. %(number)s of %(reference)s",
        kind=gettext(EVIDENCE_KIND.label(kind)),
        number=number,
        reference=reference,
    )


def _evidence(session: Session, org: int, ids: list[int]) -> Rows:
    rows = session.exec(
        select(Evidence.id, Evidence.kind, Evidence.archived_at, Incident.reference)
        .join(Incident, Incident.id == Evidence.incident_id)
        .where(Evidence.organization_id == org, Evidence.id.in_(ids))
    ).all()
    for number, kind, archived, reference in rows:
        note = gettext(ARCHIVED) if archived is not None else None
        text = _evidence_text(number, kind, reference)
        yield number, Ref(text, "evidence.show", (("evidence_id", number),), note)


def _files(session: Session, org: int, ids: list[int]) -> Rows:
    """A stored file has no page: it is named after the first evidence item holding it."""
    rows = session.exec(
        select(Evidence.file_id, Evidence.id, Evidence.kind, Incident.reference)
        .join(Incident, Incident.id == Evidence.incident_id)
        .where(Evidence.organization_id == org, Evidence.file_id.in_(ids))
        .order_by(Evidence.id)
    ).all()
    seen = set()
    for file_id, number, kind, reference in rows:
        if file_id not in seen:
            seen.add(file_id)
            text = gettext(
                "the stored file of %(evidence)s", evidence=_evidence_text(number, kind, reference)
            )
            yield file_id, Ref(text, "evidence.show", (("evidence_id", number),))


def _policies(session: Session, org: int, ids: list[int]) -> Rows:
    rows = session.exec(
        select(Policy.id, Policy.title).where(
            Policy.id.in_(ids), or_(Policy.organization_id.is_(None), Policy.organization_id == org)
        )
    ).all()
    for number, title in rows:
        yield number, Ref(_short(title), "policies.show", (("policy_id", number),))


def _provisions(session: Session, org: int, ids: list[int]) -> Rows:
    rows = session.exec(
        select(Provision.id, Provision.section, Provision.policy_id, Policy.title)
        .join(Policy, Policy.id == Provision.policy_id)
        .where(
            Provision.id.in_(ids),
            or_(Policy.organization_id.is_(None), Policy.organization_id == org),
        )
    ).all()
    for number, section, policy_id, title in rows:
        if section:
            text = gettext("%(section)s of %(policy)s", section=section, policy=_short(title))
        else:
            text = _short(title)
        yield number, Ref(text, "policies.show", (("policy_id", policy_id),))


def _legal_actions(session: Session, org: int, ids: list[int]) -> Rows:
    rows = session.exec(
        select(LegalAction.id, LegalAction.kind, LegalAction.archived_at, Incident.reference)
        .join(Incident, Incident.id == LegalAction.incident_id)
        .where(LegalAction.organization_id == org, LegalAction.id.in_(ids))
    ).all()
    for number, kind, archived, reference in rows:
        text = gettext(
            "the %(kind)s of %(reference)s",
            kind=gettext(LEGAL_ACTION_KIND.label(kind)),
            reference=reference,
        )
        if archived is not None:
            yield number, Ref(text, note=gettext(ARCHIVED))
        else:
            yield number, Ref(text, "claims.edit_action", (("action_id", number),))


def _deadlines(session: Session, org: int, ids: list[int]) -> Rows:
    rows = session.exec(
        select(Deadline.id, Deadline.kind, Incident.reference)
        .join(Incident, Incident.id == Deadline.incident_id)
        .where(Deadline.organization_id == org, Deadline.id.in_(ids))
    ).all()
    for number, kind, reference in rows:
        text = gettext(
            "the deadline “%(kind)s” of %(reference)s",
            kind=gettext(DEADLINE_KIND.label(kind)),
            reference=reference,
        )
        yield number, Ref(text, "cases.show_incident", (("reference", reference),))


def _requests(session: Session, org: int, ids: list[int]) -> Rows:
    rows = session.exec(
        select(RecordsRequest.id, RecordsRequest.kind, RecordsRequest.archived_at, Agency.name)
        .outerjoin(Agency, Agency.id == RecordsRequest.agency_id)
        .where(RecordsRequest.organization_id == org, RecordsRequest.id.in_(ids))
    ).all()
    for number, kind, archived, agency in rows:
        label = gettext(RECORDS_REQUEST_KIND.label(kind))
        if agency:
            text = gettext(
                "%(kind)s no. %(number)s to %(agency)s", kind=label, number=number, agency=agency
            )
        else:
            text = gettext("%(kind)s no. %(number)s", kind=label, number=number)
        note = gettext(ARCHIVED) if archived is not None else None
        yield number, Ref(text, "records_requests.show_request", (("request_id", number),), note)


def _agencies(session: Session, org: int, ids: list[int]) -> Rows:
    rows = session.exec(
        select(Agency.id, Agency.name, Agency.organization_id).where(
            Agency.id.in_(ids), or_(Agency.organization_id.is_(None), Agency.organization_id == org)
        )
    ).all()
    for number, name, owner in rows:
        if owner == org:
            yield number, Ref(name, "cases.edit_agency", (("agency_id", number),))
        else:
            yield number, Ref(name)


def _organizations(session: Session, org: int, ids: list[int]) -> Rows:
    if org in ids:
        name = session.exec(select(Organization.name).where(Organization.id == org)).one()
        yield org, Ref(name, "admin.organization")


def _people(session: Session, org: int, ids: list[int]) -> Rows:
    """Only whether the record is the organization's: a person's name is never read here."""
    rows = session.exec(
        select(Person.id).where(Person.organization_id == org, Person.id.in_(ids))
    ).all()
    for number in rows:
        yield (
            number,
            Ref(
                gettext("person record no. %(number)s", number=number),
                "cases.show_person",
                (("person_id", number),),
            ),
        )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


RESOLVERS: dict[str, Callable[[Session, int, list[int]], Rows]] = {
    "incident": _incidents,
    "evidence": _evidence,
    "evidence_file": _files,
    "policy": _policies,
    "provision": _provisions,
    "legal_action": _legal_actions,
    "deadline": _deadlines,
    "records_request": _requests,
    "agency": _agencies,
    "organization": _organizations,
    "person": _people,
    "user": lambda session, org, ids: (),  # from the organization's accounts, read once
}
