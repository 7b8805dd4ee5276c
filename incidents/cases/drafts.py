"""Drafts of the incident form kept on the server as the user types, so that an ended session,
a crash or a closed tab loses nothing: one per user and form ("incident-new", or
"incident-<id>" for an edit), offered back when the form is opened again, deleted when the
form is saved or the draft discarded, and after DRAFT_DAYS. Drafts are the user's own: nobody
else reads them. Saving one is not audited (it happens every few seconds); restoring one is."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlmodel import Session, delete, select

from incidents import audit
from incidents.db import utcnow
from incidents.models import FormDraft, Incident, User

DRAFT_DAYS = 7
KEY = re.compile(r"^incident-(new|\d{1,18})$")
LEFT_OUT = ("csrf_token", "action")  # never kept: the token is the session's, the button a click


def key_for(incident: Incident | None) -> str:
    """The draft key of the new-incident form or of an incident's edit form."""
    return "incident-new" if incident is None else f"incident-{incident.id}"


def valid_key(session: Session, actor: User, key: str) -> bool:
    """Whether the key names a form the actor may fill: a new incident, or an incident of the
    actor's organization."""
    found = KEY.match(key)
    if not found:
        return False
    if found.group(1) == "new":
        return True
    incident = session.get(Incident, int(found.group(1)))
    return incident is not None and incident.organization_id == actor.organization_id


def incident_of(session: Session, key: str) -> Incident | None:
    """The incident an edit form's key names (None for the new-incident form)."""
    found = KEY.match(key)
    if not found or found.group(1) == "new":
        return None
    return session.get(Incident, int(found.group(1)))


def save(*, session: Session, actor: User, key: str, fields: list[tuple[str, str]]) -> None:
    """Keep what the form holds now (its fields as posted, in order); commits."""
    data = json.dumps([(name, value) for name, value in fields if name not in LEFT_OUT])
    draft = _get(session, actor, key)
    if draft is None:
        draft = FormDraft(
            organization_id=actor.organization_id, user_id=actor.id, form_key=key, data=data
        )
    draft.data, draft.saved_at = data, utcnow()
    session.add(draft)
    session.commit()


def find(session: Session, actor: User, key: str) -> FormDraft | None:
    """The actor's draft of this form, if one younger than DRAFT_DAYS exists (older ones of the
    actor's are deleted)."""
    session.exec(
        delete(FormDraft).where(
            FormDraft.user_id == actor.id,
            FormDraft.saved_at < utcnow() - timedelta(days=DRAFT_DAYS),
        )
    )
    return _get(session, actor, key)


def fields_of(draft: FormDraft) -> list[tuple[str, str]]:
    """A draft's fields, as the form posts them."""
    return [(name, value) for name, value in json.loads(draft.data)]


def restored(*, session: Session, actor: User, draft: FormDraft) -> None:
    """Record that the actor opened the form from a draft (a read of unsaved case data)."""
    audit.record_read(
        session=session,
        action="draft_restored",
        actor=actor,
        object_type="form_draft",
        object_id=draft.id,
        details={"form": draft.form_key.split("-")[0]},
    )


def discard(*, session: Session, actor: User, key: str) -> None:
    """Delete the actor's draft of this form (saved or thrown away); commits."""
    session.exec(delete(FormDraft).where(FormDraft.user_id == actor.id, FormDraft.form_key == key))
    session.commit()


def _get(session, actor, key) -> FormDraft | None:
    return session.exec(
        select(FormDraft).where(FormDraft.user_id == actor.id, FormDraft.form_key == key)
    ).first()
