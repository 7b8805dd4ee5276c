"""Test photos for redaction: a textured scene (so that 'unchanged' means something) with a
drawn face that OpenCV's bundled frontal-face cascade finds at every size from 60 to 400
pixels (checked when this helper was written), saved with camera EXIF, a GPS position, a
comment and optionally an EXIF orientation."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

# EXIF orientation → the transpose that stores an upright picture so that a viewer applying
# the orientation shows it upright again
STORE_AS = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90}


def draw_face(image: Image.Image, center: tuple[int, int], s: int) -> None:
    """A schematic face (hair, face, brows, eyes, nose, mouth) of scale `s` at `center`."""
    d = ImageDraw.Draw(image)
    cx, cy = center

    def box(x0, y0, x1, y1):
        return [cx + x0 * s, cy + y0 * s, cx + x1 * s, cy + y1 * s]

    d.ellipse(box(-0.5, -0.75, 0.5, 0.3), fill=(50, 40, 35))
    d.ellipse(box(-0.42, -0.55, 0.42, 0.6), fill=(205, 180, 160))
    for side in (-1, 1):
        ex = side * 0.18
        d.ellipse(box(ex - 0.09, -0.2, ex + 0.09, -0.08), fill=(60, 50, 50))
        d.rectangle(box(ex - 0.13, -0.3, ex + 0.11, -0.25), fill=(80, 60, 50))
    d.polygon(
        [(cx, cy - 0.1 * s), (cx - 0.06 * s, cy + 0.15 * s), (cx + 0.06 * s, cy + 0.15 * s)],
        fill=(190, 165, 150),
    )
    d.ellipse(box(-0.15, 0.28, 0.15, 0.36), fill=(110, 60, 60))


def scene(size=(640, 480), faces=(((320, 240), 120),), seed=7) -> Image.Image:
    """An upright RGB picture: a smooth coloured texture with faces at (center, scale)."""
    rng = np.random.default_rng(seed)
    noise = rng.integers(90, 170, size=(size[1] // 8 + 1, size[0] // 8 + 1, 3), dtype=np.uint8)
    image = Image.fromarray(noise).resize(size, Image.Resampling.BILINEAR)
    for center, s in faces:
        draw_face(image, center, s)
    return image.filter(ImageFilter.GaussianBlur(1.5))


def photo_bytes(image: Image.Image, *, orientation: int = 1, fmt: str = "JPEG") -> bytes:
    """The upright `image` saved as a camera would: stored turned for `orientation`, with
    EXIF (camera, time, GPS position) and a comment."""
    stored = image.transpose(STORE_AS[orientation]) if STORE_AS[orientation] else image
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    exif[0x0110] = "Model 7"
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0x9003] = "2025:09:12 08:03:11"
    exif.get_ifd(0x8825)[1] = "N"
    exif.get_ifd(0x8825)[2] = (41.0, 51.0, 0.0)
    buffer = io.BytesIO()
    if fmt == "JPEG":
        stored.save(buffer, "JPEG", quality=95, exif=exif, comment=b"client Rosa, 41 N")
    else:
        stored.save(buffer, fmt, exif=exif)
    return buffer.getvalue()


def upright(data: bytes) -> Image.Image:
    """What a viewer shows: the decoded file with its EXIF orientation applied, as RGB."""
    with Image.open(io.BytesIO(data)) as image:
        return ImageOps.exif_transpose(image).convert("RGB")


def png_chunks(data: bytes) -> list[str]:
    """The chunk types of a PNG file, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        chunks.append(data[at + 4 : at + 8].decode("latin-1"))
        at += 12 + length
    return chunks
