"""Face suggestions for redaction: OpenCV's bundled frontal-face Haar cascade (shipped inside the
opencv-python-headless wheel; nothing is downloaded) run on a downscaled, upright copy of the
image. Suggestions are only suggestions: a lawyer confirms each before anything is blacked out."""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from incidents.evidence.redaction import MAX_BOXES, Box, RedactionError, check_redactable
from incidents.i18n import gettext

CASCADE = "haarcascade_frontalface_default.xml"
DETECT_SIDE = 1024  # the longest side the detector sees: bounds its time on any photo
MARGIN = 0.15  # the cascade's box hugs brows to chin: widen it to cover hair line and ears
_local = threading.local()  # a classifier per thread (OpenCV objects are not shared safely)


def _classifier() -> cv2.CascadeClassifier:
    classifier = getattr(_local, "classifier", None)
    if classifier is None:
        classifier = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / CASCADE))
        if classifier.empty():  # pragma: no cover - the wheel ships the file
            raise RuntimeError(f"OpenCV's {CASCADE} could not be loaded")
        _local.classifier = classifier
    return classifier


def _small_upright(path: Path) -> Image.Image:
    """A greyscale upright copy whose longest side is at most DETECT_SIDE."""
    try:
        with warnings.catch_warnings():  # the pixel count was checked from the header
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.draft("L", (DETECT_SIDE, DETECT_SIDE))  # JPEG: decode at a smaller scale
                image.thumbnail((DETECT_SIDE, DETECT_SIDE))
                return ImageOps.exif_transpose(image).convert("L")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        raise RedactionError(gettext("The image cannot be read.")) from error


def suggest_faces(path: Path) -> list[Box]:
    """Boxes around the faces the cascade finds, in pixels of the upright original (each
    widened by MARGIN on every side, kept inside the image), largest first."""
    width, height = check_redactable(path)
    small = _small_upright(path)
    grey = cv2.equalizeHist(np.asarray(small))
    found = _classifier().detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(20, 20))
    sx, sy = width / small.width, height / small.height
    boxes = []
    for fx, fy, fw, fh in found:
        x0, y0 = (fx - MARGIN * fw) * sx, (fy - MARGIN * fh) * sy
        x1, y1 = (fx + fw * (1 + MARGIN)) * sx, (fy + fh * (1 + MARGIN)) * sy
        x0, y0 = max(0, int(x0)), max(0, int(y0))
        x1, y1 = min(width, round(x1)), min(height, round(y1))
        if x1 > x0 and y1 > y0:
            boxes.append((x0, y0, x1 - x0, y1 - y0))
    boxes.sort(key=lambda b: b[2] * b[3], reverse=True)
    return boxes[:MAX_BOXES]
