"""The evidence store interface (decision 0018): originals by content address and their derived
files (previews), kept by the filesystem store (`filesystem.py`, the default) or an
S3-compatible object store (`s3.py`). Stores move bytes; `integrity.py` hashes what is read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from incidents.i18n import N_
from incidents.problems import UserError

CHUNK = 1024 * 1024


class StoreUnavailable(UserError):
    """The evidence store could not be reached, or refused the request. Nothing was changed;
    tell your administrator."""

    default = N_(
        "The evidence store could not be reached, or refused the request. Nothing was "
        "changed; tell your administrator."
    )

    status = 503


class StoredReader(Protocol):
    """A stored file opened for reading: its size, then its bytes in chunks."""

    size: int

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes, CHUNK at a time."""

    def close(self) -> None:
        """Release the file or connection (safe to call twice)."""


class EvidenceStore(Protocol):
    """Where originals (by content address) and their derived files (previews) are kept."""

    kind: str
    remote: bool  # each call is a request over the network

    def keep(self, source: Path, name: str, *, sha256: str, size: int) -> None:
        """Keep the local file `source` (consumed) at `name`, unless the same bytes are there."""

    def open(self, name: str) -> StoredReader:
        """Open a stored original for reading; FileNotFoundError when it is not there."""

    def local_path(self, name: str) -> Path | None:
        """The stored original's own path when the store is a local directory, else None."""

    def size(self, name: str) -> int | None:
        """The stored original's size in bytes; None when it is not there."""

    def put_derived(self, source: Path, name: str) -> None:
        """Keep the local file `source` (consumed) as a derived file `name` (a preview)."""

    def open_derived(self, name: str) -> BinaryIO | None:
        """A derived file opened for reading; None when it is not there."""


class HashMismatch(UserError):
    """The file changed between its receipt and its storage: nothing was stored. Upload it
    again, and tell your administrator."""

    default = N_(
        "The file changed between its receipt and its storage: nothing was stored. Upload it "
        "again, and tell your administrator."
    )

    status = 500


def build(config) -> EvidenceStore:
    """The store the configuration names (EVIDENCE_STORAGE, checked by config.py)."""
    if config["EVIDENCE_STORAGE"] == "s3":
        from incidents.evidence.stores.s3 import S3Store

        return S3Store.from_config(config)
    from incidents.evidence.stores.filesystem import FilesystemStore

    return FilesystemStore(Path(config["EVIDENCE_DIR"]))
