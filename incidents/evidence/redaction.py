"""Redacted copies of photos, pixel work only (no database): the boxes a lawyer marks, the
upright image they refer to, and the metadata-free PNG with those pixels replaced by black.

Boxes are `(x, y, width, height)` in pixels of the upright original (its EXIF orientation
applied). The original is only read."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from incidents.evidence.images import OTHER_MAX_PIXELS
from incidents.i18n import gettext
from incidents.problems import UserError

Box = tuple[int, int, int, int]
# Redaction decodes the whole original (3 bytes a pixel, plus the PNG encoder's work): the
# same bound as any non-JPEG preview keeps a request's memory under about half a gigabyte.
REDACT_MAX_PIXELS = OTHER_MAX_PIXELS
MAX_BOXES = 100
EXIF_ORIENTATION = 0x0112
_NUMBER = re.compile(r"^\d{1,6}$")


class RedactionError(UserError):
    """The image cannot be redacted, or the boxes are not acceptable (message for the user)."""

    status = 422


def _open(source) -> Image.Image:
    with warnings.catch_warnings():  # the pixel count is checked by the callers, from the header
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(source)


def upright_size(path: Path) -> tuple[int, int]:
    """Width and height of the image as shown (EXIF orientation applied), from its header."""
    try:
        with _open(path) as image:
            width, height = image.size
            orientation = image.getexif().get(EXIF_ORIENTATION, 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise RedactionError(gettext("The image cannot be read.")) from error
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def check_redactable(path: Path) -> tuple[int, int]:
    """The upright size of an image that can be redacted here; raises RedactionError."""
    width, height = upright_size(path)
    if width * height > REDACT_MAX_PIXELS:
        raise RedactionError(
            gettext(
                "The image has more than %(megapixels)s megapixels; it cannot be redacted here.",
                megapixels=REDACT_MAX_PIXELS // 1_000_000,
            )
        )
    return width, height


def parse_box(text: str) -> Box:
    """'x, y, width, height' (commas or spaces) as four whole numbers; raises RedactionError."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if len(parts) != 4 or not all(_NUMBER.match(p) for p in parts):
        raise RedactionError(gettext("write four whole numbers: x, y, width, height"))
    x, y, w, h = (int(p) for p in parts)
    return x, y, w, h


def check_box(box: Box, size: tuple[int, int]) -> None:
    """A box of positive size inside an image of `size`; raises RedactionError."""
    x, y, w, h = box
    if w <= 0 or h <= 0:
        raise RedactionError(gettext("the width and height must be at least 1 pixel"))
    if x + w > size[0] or y + h > size[1]:
        raise RedactionError(
            gettext(
                "the box goes outside the image (%(width)s by %(height)s pixels)",
                width=size[0],
                height=size[1],
            )
        )


def parse_lines(text: str, size: tuple[int, int]) -> tuple[list[Box], list[str]]:
    """Boxes from lines 'x, y, width, height' (blank lines ignored), and one message per bad
    line naming its number."""
    boxes, problems = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            box = parse_box(line)
            check_box(box, size)
        except RedactionError as error:
            problems.append(f"Line {number}: {error}.")
        else:
            boxes.append(box)
    return boxes, problems


def redacted_png(path: Path, boxes: list[Box]) -> bytes:
    """The upright image with every box filled with solid black (the pixels replaced), encoded
    as PNG with no metadata at all (no EXIF, XMP, GPS, text, colour profile)."""
    if not boxes:
        raise RedactionError(gettext("Mark at least one area to black out."))
    size = check_redactable(path)
    try:
        with _open(path) as original:
            upright = ImageOps.exif_transpose(original)
            image = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        raise RedactionError(gettext("The image cannot be read.")) from error
    if image.size != size:
        raise RedactionError(gettext("The image cannot be read."))
    draw = ImageDraw.Draw(image)
    for x, y, w, h in boxes:
        check_box((x, y, w, h), size)
        draw.rectangle((x, y, x + w - 1, y + h - 1), fill=(0, 0, 0))
    image.info = {}  # nothing of the original's metadata goes along
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
