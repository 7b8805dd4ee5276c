"""Result files of background jobs: kept under JOB_RESULT_DIR as `<organization>/<job id>-
<random>.<ext>` (no personal data in a path), hashed when the job ends, re-hashed before they
are handed out, deleted when they expire."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path, PurePosixPath

from flask import current_app

CHUNK = 1024 * 1024


def root() -> Path:
    """The directory that holds every result file."""
    return Path(current_app.config["JOB_RESULT_DIR"])


def new_path(organization_id: int, job_id: int, result_name: str) -> str:
    """A fresh relative path for a job's result (its extension from the kind's file name)."""
    suffix = PurePosixPath(result_name).suffix or ".bin"
    return f"{organization_id}/{job_id}-{secrets.token_hex(8)}{suffix}"


def absolute(relative: str) -> Path:
    """The file of a stored relative path, refusing one that would leave the directory."""
    base = root().resolve()
    path = (base / relative).resolve()
    if base not in path.parents:
        raise ValueError("a result path must stay inside JOB_RESULT_DIR")
    return path


def digest(path: Path) -> tuple[str, int]:
    """(SHA-256, size in bytes) of a file."""
    hasher, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
            size += len(chunk)
    return hasher.hexdigest(), size


def remove(relative: str | None) -> bool:
    """Delete a result file (and its unfinished part); whether something was there."""
    if not relative:
        return False
    path = absolute(relative)
    found = False
    for candidate in (path, path.with_name(path.name + ".part")):
        try:
            candidate.unlink()
            found = True
        except FileNotFoundError:
            pass
    return found
