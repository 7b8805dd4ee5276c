"""End to end in Chromium: a lawyer asks for face suggestions, confirms the face by clicking it
on the image, drags a rectangle of their own, submits, and lands on the new copy's page; the
copy's pixels are black where the lawyer marked them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from incidents.models import Evidence, EvidenceFile
from tests.browser_helpers import shot, signed_in_page
from tests.conftest import fresh
from tests.redaction_images import photo_bytes, scene

pytestmark = pytest.mark.browser


def test_lawyer_marks_areas_on_the_image_and_gets_a_redacted_copy(
    app, live_server, browser, make_user, make_incident, make_evidence, session
):
    lawyer, password = make_user("lawyer")
    item = make_evidence(
        lawyer, make_incident(lawyer), data=photo_bytes(scene(), orientation=6), name="stop.jpg"
    )
    page = signed_in_page(browser, live_server, lawyer, password)
    page.goto(f"{live_server}/evidence/{item.id}")
    page.get_by_role("link", name="Make a redacted copy").click()
    page.wait_for_url(f"**/evidence/{item.id}/redact")

    page.get_by_role("button", name="Suggest faces").click()
    page.wait_for_load_state()
    assert re.search(r"\d+ faces? suggested", page.content())
    layer = page.locator("#redact-layer")
    layer.wait_for(state="visible")
    image = page.locator("#redact-image").element_handle()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image)
    box = layer.bounding_box()
    scale = box["width"] / 640  # the upright original is 640 by 480 pixels

    def at(x, y):  # a point of the original, on the screen
        return box["x"] + x * scale, box["y"] + y * scale

    page.mouse.click(*at(320, 240))  # click the suggested face: confirmed
    ticked = page.locator("input.redact-suggestion:checked")
    assert ticked.count() == 1
    face = tuple(map(int, ticked.get_attribute("value").split(",")))

    page.mouse.move(*at(40, 300))
    page.mouse.down()
    page.mouse.move(*at(100, 350), steps=5)
    page.mouse.move(*at(160, 420), steps=5)
    page.mouse.up()
    x, y, w, h = map(int, page.get_by_label("Areas to black out").input_value().split(","))
    assert abs(x - 40) <= 2 and abs(y - 300) <= 2 and abs(w - 120) <= 3 and abs(h - 120) <= 3
    shot(page, "redaction-page")

    page.get_by_role("button", name="Make the redacted copy").click()
    page.wait_for_url("**/evidence/*")
    copy = fresh(session).exec(select(Evidence).where(Evidence.redacted_from_id == item.id)).one()
    assert page.url.endswith(f"/evidence/{copy.id}")
    text = page.locator("main").inner_text()
    assert "Redacted copy made" in text and "Created as a redacted copy" in text
    assert page.get_by_role("link", name="stop.jpg").count() >= 1  # the original, linked
    shot(page, "redacted-copy")

    assert sorted(json.loads(copy.redaction_regions)) == sorted([list(face), [x, y, w, h]])
    stored = session.get(EvidenceFile, copy.file_id)
    data = (Path(app.config["EVIDENCE_DIR"]) / stored.stored_name).read_bytes()
    result = Image.open(io.BytesIO(data)).convert("RGB")
    for point in ((320, 240), (x + w // 2, y + h // 2), (x, y), (x + w - 1, y + h - 1)):
        assert result.getpixel(point) == (0, 0, 0), point
    assert result.getpixel((600, 40)) != (0, 0, 0)
