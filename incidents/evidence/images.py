"""Image previews from a working copy with EXIF and GPS stripped, and the original's capture
metadata (camera time, device, GPS present) for the provenance record. The original is only read."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC/HEIF support (phones' default photo format)
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - the dependency is declared
    pass

# Previews are made only up to this many pixels (read from the header before anything is
# decoded): 100 megapixels covers phone and camera photos; a larger image — or a small file
# claiming huge dimensions (a decompression bomb) — is kept byte-exact without a preview.
PREVIEW_MAX_PIXELS = 100_000_000
# Other formats are decoded whole (4 bytes a pixel and a copy): a lower limit bounds memory
# (50 megapixels: about 0.5 GB at the peak; phones' HEIC photos stay under it)
OTHER_MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = PREVIEW_MAX_PIXELS  # Pillow's own guard, for any other opening
PREVIEW_SIZE = (1600, 1600)
THUMB_SIZE = (320, 320)
EXIF_DATETIME_ORIGINAL = 0x9003
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
log = logging.getLogger(__name__)


def capture_metadata(path: Path) -> dict:
    """Camera time, device and GPS presence read from the original's EXIF (empty if none)."""
    try:
        with warnings.catch_warnings():  # only the header is read: no bomb to warn about
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                exif = image.getexif()
                size = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return {}
    camera_time = exif.get_ifd(EXIF_IFD).get(EXIF_DATETIME_ORIGINAL) or exif.get(0x0132)
    device = " ".join(str(exif.get(tag, "")).strip() for tag in (0x010F, 0x0110)).strip()
    gps = exif.get_ifd(GPS_IFD)
    return {
        "camera_time": str(camera_time).strip() if camera_time else None,
        "device": device or None,
        "gps_present": bool(gps),
        "width": size[0],
        "height": size[1],
        "exif_present": bool(exif),
    }


def make_previews(original: Path, preview: Path, thumbnail: Path) -> bool:
    """Write EXIF-free JPEG preview and thumbnail; False if the image cannot be read or has
    more than PREVIEW_MAX_PIXELS (checked from the header, before decoding). JPEGs are decoded
    at the smallest scale that still covers the preview (`draft`), which bounds the work."""
    try:
        with warnings.catch_warnings():  # the pixel count is checked below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(original)
        with image:
            width, height = image.size
            limit = PREVIEW_MAX_PIXELS if image.format == "JPEG" else OTHER_MAX_PIXELS
            if width * height > limit:
                log.warning("no preview: %d x %d pixels is over the limit", width, height)
                return False
            image.draft("RGB", PREVIEW_SIZE)  # JPEG: decode at the smallest scale that fits
            image.thumbnail(PREVIEW_SIZE, reducing_gap=2.0)  # in place: no full-size copy
            working = ImageOps.exif_transpose(image)  # a new image: pixels only, no metadata
            working = working.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        log.warning("no preview: %s", type(error).__name__)
        return False
    preview.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    working.save(preview, "JPEG", quality=85, exif=b"")
    working.thumbnail(THUMB_SIZE)
    working.save(thumbnail, "JPEG", quality=85, exif=b"")
    return True
