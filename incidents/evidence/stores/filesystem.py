"""The filesystem evidence store (the default): EVIDENCE_DIR holds each original at its content
address, owner-only and read-only, moved there by an atomic rename from tmp/ (same file system);
previews under derived/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from incidents.evidence.stores import CHUNK


class FileReader:
    """A stored file opened for reading."""

    def __init__(self, path: Path):
        self._handle = open(path, "rb")  # noqa: SIM115 (closed by close())
        self.size = os.fstat(self._handle.fileno()).st_size

    def chunks(self):
        """The file's bytes, CHUNK at a time."""
        while chunk := self._handle.read(CHUNK):
            yield chunk

    def close(self) -> None:
        """Close the file."""
        self._handle.close()


class FilesystemStore:
    """Evidence in a local directory (EVIDENCE_DIR)."""

    kind = "filesystem"
    remote = False

    def __init__(self, root: Path):
        self.root = root

    def _path(self, name: str) -> Path:
        """The absolute path of a stored name; refuses names that would leave the directory."""
        root = self.root.resolve()
        path = (root / name).resolve()
        if root not in path.parents:
            raise ValueError("stored name outside the evidence directory")
        return path

    def keep(self, source: Path, name: str, *, sha256: str, size: int) -> None:
        """Move `source` to `name` (atomic rename, then read-only); the file already there
        is kept when the same content address exists."""
        target = self._path(name)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if target.exists():
            source.unlink(missing_ok=True)
        else:
            os.replace(source, target)
            os.chmod(target, 0o400)

    def open(self, name: str) -> FileReader:
        """Open a stored original; FileNotFoundError when it is not there."""
        path = self._path(name)
        if not path.is_file():
            raise FileNotFoundError(name)
        return FileReader(path)

    def local_path(self, name: str) -> Path:
        """The stored original's path."""
        return self._path(name)

    def size(self, name: str) -> int | None:
        """The stored original's size; None when it is not there."""
        path = self._path(name)
        return path.stat().st_size if path.is_file() else None

    def put_derived(self, source: Path, name: str) -> None:
        """Move a made preview into derived/."""
        target = self._path(name)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.replace(source, target)

    def open_derived(self, name: str) -> BinaryIO | None:
        """A derived file opened for reading; None when it is not there."""
        try:
            return open(self._path(name), "rb")  # the caller closes it
        except FileNotFoundError:
            return None
