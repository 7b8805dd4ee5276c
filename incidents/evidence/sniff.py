"""File types decided by content, not by name. Each accepted type lists the extensions it may
carry; a file whose content and extension disagree is refused, and so is anything that could
run or hide other files (HTML, SVG, scripts, executables, archives)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from incidents.i18n import gettext
from incidents.problems import UserError


class UploadRefused(UserError, ValueError):
    """The file is not accepted; the message is shown to the user."""


@dataclass(frozen=True)
class FileType:
    """An accepted type."""

    media_type: str
    label: str
    extensions: tuple[str, ...]


PDF = FileType("application/pdf", "PDF", ("pdf",))
JPEG = FileType("image/jpeg", "JPEG image", ("jpg", "jpeg"))
PNG = FileType("image/png", "PNG image", ("png",))
HEIC = FileType("image/heic", "HEIC image", ("heic", "heif"))
WEBP = FileType("image/webp", "WebP image", ("webp",))
MP4 = FileType("video/mp4", "MP4 video", ("mp4", "m4v"))
QUICKTIME = FileType("video/quicktime", "QuickTime video", ("mov", "qt"))
MP3 = FileType("audio/mpeg", "MP3 audio", ("mp3",))
M4A = FileType("audio/mp4", "M4A audio", ("m4a",))
WAV = FileType("audio/wav", "WAV audio", ("wav",))
TEXT = FileType("text/plain", "plain text", ("txt", "text", "md"))
CSV = FileType("text/csv", "CSV", ("csv",))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
    ("docx",),
)
ODT = FileType("application/vnd.oasis.opendocument.text", "OpenDocument text", ("odt",))
ACCEPTED = (PDF, JPEG, PNG, HEIC, WEBP, MP4, QUICKTIME, MP3, M4A, WAV, TEXT, CSV, DOCX, ODT)
IMAGE_TYPES = {JPEG.media_type, PNG.media_type, HEIC.media_type, WEBP.media_type}
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for t in ACCEPTED for ext in t.extensions)

HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
QT_BRANDS = {b"qt  "}
MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"dash",
    b"M4V ",
    b"MSNV",
    b"3gp4",
    b"3gp5",
    b"3g2a",
    b"f4v ",
    b"mmp4",
}
DANGEROUS_TEXT = (
    b"<!doctype html",
    b"<html",
    b"<svg",
    b"<script",
    b"<?xml",
    b"#!",
    b"<?php",
    b"<body",
    b"<iframe",
)


def _iso_brand(head: bytes) -> bytes | None:
    return head[8:12] if head[4:8] == b"ftyp" else None


def _sniff_bytes(head: bytes) -> FileType | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    brand = _iso_brand(head)
    if brand is not None:
        if brand in HEIC_BRANDS:
            return HEIC
        if brand in M4A_BRANDS:
            return M4A
        if brand in QT_BRANDS:
            return QUICKTIME
        if brand in MP4_BRANDS:
            return MP4
        return None
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"):
        return QUICKTIME
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return MP3
    return None


def _refuse_dangerous(head: bytes) -> None:
    if head.startswith(
        (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
    ):
        raise UploadRefused(gettext("Programs cannot be uploaded as evidence."))
    if head.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh", b"\xfd7zXZ")):
        raise UploadRefused(
            gettext("Archives cannot be uploaded; upload the files inside them one by one.")
        )


def _zip_type(path: Path) -> FileType:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if (
                names
                and names[0] == "mimetype"
                and archive.read("mimetype") == ODT.media_type.encode()
            ):
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        raise UploadRefused(gettext("This file is damaged or not a document we accept.")) from None
    raise UploadRefused(
        gettext("Archives cannot be uploaded; upload the files inside them one by one.")
    )


def _text_type(head: bytes) -> FileType | None:
    if b"\x00" in head:
        return None
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(sample.startswith(marker) for marker in DANGEROUS_TEXT) or b"<script" in sample:
        raise UploadRefused(
            gettext(
                "Web pages, SVG images and scripts cannot be uploaded. Save a web page as "
                "PDF, or add it as a link."
            )
        )
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not merely a character cut at the end of the sample
            return None
    return TEXT


def sniff(path: Path, filename: str) -> FileType:
    """The type of a stored upload, checked against its extension; raises Refused."""
    with open(path, "rb") as handle:
        head = handle.read(65536)
    if not head:
        raise UploadRefused(gettext("The file is empty."))
    extension = Path(filename or "").suffix.lower().lstrip(".")
    _refuse_dangerous(head)
    found = _zip_type(path) if head.startswith(b"PK\x03\x04") else _sniff_bytes(head)
    if found is None:
        found = _text_type(head)
        if found is TEXT and extension == "csv":
            found = CSV
    if found is None:
        raise UploadRefused(
            gettext(
                "This type of file is not accepted. Accepted: %(types)s.",
                types=", ".join(t.label for t in ACCEPTED),
            )
        )
    if extension not in found.extensions:
        raise UploadRefused(
            gettext(
                "The file's content is %(type)s, but its name ends in “.%(extension)s”. Rename "
                "it and upload it again.",
                type=found.label,
                extension=extension or gettext("(nothing)"),
            )
        )
    return found
