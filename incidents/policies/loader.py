"""The built-in policy library: `incidents/data/policies.json`, loaded by `flask policies load`.
Loading is idempotent, checks every entry before changing anything, refreshes built-in entries
and never touches entries that users created or edited."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

from sqlmodel import Session, select

from incidents import audit
from incidents.db import utcnow
from incidents.models import Policy, Provision
from incidents.problems import UserError
from incidents.records import research as research_facts
from incidents.vocab import (
    AGENCY_LEVEL,
    AGENCY_TYPE,
    JURISDICTION_LEVEL,
    POLICY_REQUIREMENT,
    POLICY_STATUS,
    POLICY_TYPE,
    PROVISION_CONTEXT,
    SOURCE_KIND,
    US_STATE,
)

POLICY_FIELDS = (
    "title",
    "issuer",
    "jurisdiction_level",
    "state",
    "policy_type",
    "citation",
    "source_url",
    "source_note",
    "effective_from",
    "effective_to",
    "dates_note",
    "status",
    "status_note",
    "status_source",
    "in_force_by",
)
PROVISION_FIELDS = (
    "section",
    "text",
    "is_quotation",
    "requirement_type",
    "scope_levels",
    "scope_state",
    "scope_city",
    "scope_county",
    "contexts",
    "scope_agencies",
    "source_kind",
    "citation",
    "pinpoint",
    "source_url",
    "source_date",
)
AGENCY_CODES = set(AGENCY_TYPE.codes)  # scope_agencies names agency types


class LibraryError(UserError, ValueError):
    """The data file is not valid; the message names the entry."""


@dataclass
class LoadReport:
    """What a load did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_user_edits: list[str] = field(default_factory=list)


def read_library(text: str | None = None) -> list[dict]:
    """Parse and check the library; raises LibraryError naming the first bad entry."""
    if text is None:
        text = resources.files("incidents").joinpath("data/policies.json").read_text("utf-8")
    try:
        entries = json.loads(text)["policies"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise LibraryError(
            f"the library file is not valid JSON with a policies list: {error}"
        ) from None
    keys = set()
    for index, entry in enumerate(entries):
        name = entry.get("key") or f"entry {index + 1}"
        try:
            _check_policy(entry, keys)
        except (LibraryError, KeyError, TypeError, ValueError) as error:
            raise LibraryError(f"policy {name}: {error}") from None
    return entries


def _check_policy(entry: dict, keys: set) -> None:
    if not entry.get("key") or entry["key"] in keys:
        raise LibraryError("missing or duplicate key")
    keys.add(entry["key"])
    for name in ("title", "issuer"):
        if not entry.get(name):
            raise LibraryError(f"{name} is required")
    if entry["jurisdiction_level"] not in JURISDICTION_LEVEL:
        raise LibraryError(f"unknown jurisdiction_level {entry['jurisdiction_level']!r}")
    if entry["policy_type"] not in POLICY_TYPE or entry["status"] not in POLICY_STATUS:
        raise LibraryError("unknown policy_type or status")
    if entry.get("state") and entry["state"] not in US_STATE:
        raise LibraryError(f"unknown state {entry['state']!r}")
    if not (entry.get("source_url") or entry.get("source_note")):
        raise LibraryError("a source (source_url or source_note) is required")
    start, end = (_date(entry.get("effective_from")), _date(entry.get("effective_to")))
    if start and end and end < start:
        raise LibraryError("effective_to is before effective_from")
    _date(entry.get("in_force_by"))
    if entry["status"] != "in_force" and not entry.get("status_note"):
        raise LibraryError("a status other than in force needs a status_note")
    if not entry.get("provisions"):
        raise LibraryError("at least one provision is required")
    for provision in entry["provisions"]:
        if not provision.get("key") or not provision.get("text"):
            raise LibraryError("every provision needs a key and a text")
        if provision["requirement_type"] not in POLICY_REQUIREMENT:
            raise LibraryError(f"provision {provision['key']}: unknown requirement_type")
        levels = provision["scope_levels"].split(",")
        if not levels or any(level not in AGENCY_LEVEL for level in levels):
            raise LibraryError(f"provision {provision['key']}: bad scope_levels")
        if provision.get("source_kind") not in SOURCE_KIND:
            raise LibraryError(f"provision {provision['key']}: source_kind is required")
        _date(provision.get("source_date"))
        if provision.get("contexts", "any") not in PROVISION_CONTEXT:
            raise LibraryError(f"provision {provision['key']}: unknown contexts")
        agencies = [a for a in (provision.get("scope_agencies") or "").split(",") if a]
        if any(a not in AGENCY_CODES for a in agencies):
            raise LibraryError(f"provision {provision['key']}: unknown agency in scope_agencies")


def _date(value):
    return date.fromisoformat(value) if value else None


def _policy_values(entry: dict) -> dict:
    values = {name: entry.get(name) for name in POLICY_FIELDS}
    values["effective_from"] = _date(values["effective_from"])
    values["effective_to"] = _date(values["effective_to"])
    values["in_force_by"] = _date(values["in_force_by"])
    return values


def _provision_values(entry: dict) -> dict:
    values = {name: entry.get(name) for name in PROVISION_FIELDS}
    values["contexts"] = values["contexts"] or "any"
    values["is_quotation"] = bool(values["is_quotation"])
    values["source_date"] = _date(values["source_date"])
    return values


def load_library(*, session: Session, entries: list[dict] | None = None) -> LoadReport:
    """Insert or refresh the built-in entries in one transaction."""
    entries = read_library() if entries is None else entries
    report = LoadReport()
    retyped: list[int] = []
    for entry in entries:
        policy = session.exec(select(Policy).where(Policy.key == entry["key"])).first()
        if policy is not None and policy.user_modified:
            report.kept_user_edits.append(entry["key"])
            continue
        values = _policy_values(entry)
        if policy is None:
            policy = Policy(key=entry["key"], builtin=True, **values)
            session.add(policy)
            session.flush()
            report.added.append(entry["key"])
            changed = True
        else:
            changed = _assign(policy, values)
        for position, item in enumerate(entry["provisions"]):
            changed |= _load_provision(session, policy, item, position, retyped)
        if changed and entry["key"] not in report.added:
            policy.updated_at = utcnow()
            report.updated.append(entry["key"])
        elif not changed:
            report.unchanged.append(entry["key"])
    research_facts.refresh_for_provisions(session, retyped)
    if report.added or report.updated:
        audit.record(
            session=session,
            action="policies_loaded",
            details={"added": len(report.added), "updated": len(report.updated)},
        )
    session.commit()
    return report


def _load_provision(
    session: Session, policy: Policy, item: dict, position: int, retyped: list[int]
) -> bool:
    provision = session.exec(select(Provision).where(Provision.key == item["key"])).first()
    values = {**_provision_values(item), "position": position}
    if provision is None:
        session.add(Provision(policy_id=policy.id, key=item["key"], **values))
        return True
    if provision.user_modified:
        return False
    if provision.requirement_type != values["requirement_type"]:
        retyped.append(provision.id)  # assessed incidents' research facts change
    return _assign(provision, values)


def _assign(row, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed
