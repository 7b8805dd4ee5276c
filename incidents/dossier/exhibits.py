"""The exhibit index of a dossier: every evidence item with its provenance, hash, receipt,
last verification, camera clock (full profile), what it is pinned to (pins.py) and preview (the
redacted profile lists the newest redacted copy of a photo, and no link's address)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import select

from incidents.dossier.words import _, day, moment, tl
from incidents.evidence import storage
from incidents.evidence.sniff import IMAGE_TYPES
from incidents.models import CustodyEvent, User
from incidents.vocab import BY_NAME

RECEIPTS = ("received", "redacted_copy_created")  # how an item entered the locker


@dataclass
class Exhibit:
    """One evidence item as listed in the exhibit index."""

    label: str
    title: str
    description: str
    kind: str
    captured: str
    provenance: str
    sha256: str
    received: str
    verified: str
    evidence_id: int
    preview: str | bytes | None = None  # a path, or the bytes from an object store
    camera_time: str | None = None  # the photo's EXIF clock, as a date (full profile)
    pinned_to: list[str] = field(default_factory=list)  # "Timeline 1: Stop, … (p. 3)"


def label(vocabulary: str, code) -> str:
    """A code's label in the dossier's language, '—' for nothing."""
    return tl(BY_NAME[vocabulary].label(code))


def exhibit_index(session, incident, items, redacted, scrub) -> list[Exhibit]:
    """The exhibit index: each item of the locker (newest redacted copies only in the redacted
    profile), with its custody receipt, last verification and preview."""
    ids = [item.id for item, _ in items]
    events = (
        session.exec(
            select(CustodyEvent)
            .where(CustodyEvent.evidence_id.in_(ids))
            .order_by(CustodyEvent.evidence_id, CustodyEvent.seq)
        ).all()
        if ids
        else []
    )
    actors = {e.actor_id for e in events if e.actor_id}
    names = (
        dict(session.exec(select(User.id, User.display_name).where(User.id.in_(actors))).all())
        if actors
        else {}
    )
    by_item: dict[int, list] = {}
    for event in events:
        by_item.setdefault(event.evidence_id, []).append(event)
    exhibits = []
    newest_copy = _newest_copies([item for item, _ in items])
    missing, previews = _from_store(items, newest_copy if redacted else None)
    for n, (item, stored) in enumerate(items, 1):
        own = by_item.get(item.id, [])
        received = next((e for e in own if e.action in RECEIPTS), None)
        checks = [
            e for e in own if e.action in ("verified", "altered_detected", "missing_detected")
        ]
        verified = _("never verified")
        if item.id in missing:
            verified = _("MISSING from the evidence store")
        elif checks:
            last = checks[-1]
            outcome = {
                "verified": _("intact"),
                "altered_detected": _("ALTERED"),
                "missing_detected": _("MISSING"),
            }[last.action]
            verified = f"{moment(last.occurred_at)} UTC: {outcome}"
        exhibits.append(
            Exhibit(
                label=f"{incident.reference}-EX-{n:03d}",
                title=scrub(f"evidence.{item.id}.title", item.title),
                description=scrub(f"evidence.{item.id}.description", item.description),
                kind=label("evidence_kind", item.kind),
                captured=day(item.captured_on),
                provenance=scrub(f"evidence.{item.id}.provenance", item.provenance) or "—",
                sha256=stored.sha256 if stored else _link(item.url, redacted),
                received=(
                    f"{names.get(received.actor_id) or _('system')}, "
                    f"{moment(received.occurred_at)} UTC"
                )
                if received
                else "—",
                verified=verified,
                evidence_id=item.id,
                preview=previews.get(item.id),
                camera_time=None if redacted or not stored else camera_time(stored.capture_meta),
            )
        )
    return exhibits


def _from_store(items, shown: set[int] | None) -> tuple[set[int], dict]:
    """The items whose file is missing from the evidence store, and the preview of each photo
    shown (`shown`: the ids shown in the redacted profile — the newest redacted copy of each
    photo, never an original; None: every photo), read several at a time from an object store."""
    files = [(item, stored) for item, stored in items if stored]
    sizes = storage.each(
        lambda stored: storage.store().size(stored.stored_name), [s for _, s in files]
    )
    photos = [
        (item.id, storage.derived_names(stored.organization_id, stored.sha256)[0])
        for item, stored in files
        if stored.media_type in IMAGE_TYPES
        and stored.has_preview
        and (shown is None or item.id in shown)
    ]
    images = storage.each(storage.derived_image, [name for _, name in photos])
    missing = {item.id for (item, _), size in zip(files, sizes, strict=True) if size is None}
    return missing, {item_id: image for (item_id, _), image in zip(photos, images, strict=True)}


EXIF_TIME = "%Y:%m:%d %H:%M:%S"  # how EXIF writes a time: "2025:10:14 08:03:11"


def camera_time(capture_meta: str | None) -> str | None:
    """The camera clock read from a photo's EXIF when it was received, written as the dossier
    writes times ("2025-10-14 08:03" / "14 oct 2025, 08:03"); None when there is none or it is
    not a date."""
    try:
        raw = json.loads(capture_meta or "{}").get("camera_time")
    except (ValueError, AttributeError):
        return None
    if not isinstance(raw, str):
        return None
    raw = raw.strip().rstrip("\x00").strip()
    for pattern, shown in (
        (EXIF_TIME, moment),
        ("%Y:%m:%d %H:%M", moment),
        ("%Y-%m-%d %H:%M:%S", moment),
        ("%Y-%m-%dT%H:%M:%S", moment),
        ("%Y:%m:%d", day),
    ):
        try:
            return shown(datetime.strptime(raw[:19], pattern))
        except ValueError:
            continue
    return None


def _newest_copies(items) -> set[int]:
    """The newest redacted copy of each photo (items oldest first; a copy of a copy counts as a
    copy of the first original)."""
    parent = {item.id: item.redacted_from_id for item in items}

    def root(item_id):
        seen = set()
        while parent.get(item_id) and item_id not in seen:
            seen.add(item_id)
            item_id = parent[item_id]
        return item_id

    newest = {root(i.id): i.id for i in items if i.redacted_from_id}
    return set(newest.values())


def _link(url: str | None, redacted: bool) -> str:
    """A link item's address; left out of the redacted profile (a site's name can name someone:
    rosadelgado.substack.com)."""
    return _("link: %(url)s", url=url) if not redacted else _("web link (address left out)")
