"""The dossier's exhibit index and photo appendix, laid out. One small table per exhibit (the
layout time grows linearly with the number of exhibits), its cells plain text already broken
into lines (`layout.wrapped`): reportlab draws them without parsing a paragraph per cell, which
keeps a 500-exhibit dossier within its time budget."""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import Image, KeepTogether, PageBreak, Spacer, Table, TableStyle

from incidents.dossier.layout import FONT, MONO, heading, p, table, wrapped
from incidents.dossier.words import _

WIDTHS = [1.65 * inch, 1.85 * inch, 1.75 * inch, 1.75 * inch]
PADDING = 3
MONO_SIZE = 7.2


@cache
def _entry_style(rows: int) -> TableStyle:
    """The style of an exhibit's table: the label and the SHA-256 in mono, the rows after the
    first spanning the width."""
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, 8, 10),
        ("FONT", (0, 0), (0, 0), MONO, MONO_SIZE, 9),
        ("FONT", (0, 1), (-1, 1), MONO, MONO_SIZE, 9),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#c3cad3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    commands += [("SPAN", (0, row), (-1, row)) for row in range(1, rows)]
    commands.append(("NOSPLIT", (0, 0), (-1, -1)))  # an exhibit's rows stay on one page
    return TableStyle(commands)


def _entry(e) -> Table:
    described = "\n".join(x for x in (e.title, e.description) if x)
    described += "\n" + _("%(kind)s; captured %(captured)s", kind=e.kind, captured=e.captured)
    if e.camera_time:
        described += "; " + _("camera clock %(time)s (time zone not recorded)", time=e.camera_time)
    rows = [
        [
            wrapped(e.label, WIDTHS[0], MONO, MONO_SIZE),
            wrapped(described, WIDTHS[1]),
            wrapped(e.provenance, WIDTHS[2]),
            wrapped(
                _("Received: %(received)s", received=e.received)
                + "\n"
                + _("Last verified: %(verified)s", verified=e.verified),
                WIDTHS[3],
            ),
        ],
        [wrapped(f"SHA-256 {e.sha256}", sum(WIDTHS), MONO, MONO_SIZE), "", "", ""],
    ]
    if e.pinned_to:
        pinned = _("Pinned to: %(targets)s", targets="; ".join(e.pinned_to))
        rows.append([wrapped(pinned, sum(WIDTHS)), "", "", ""])
    return Table(rows, colWidths=WIDTHS, style=_entry_style(len(rows)))


def exhibit_index(c, s, redacted: bool) -> list:
    """The exhibit index (each exhibit with what it is pinned to), then the photo appendix."""
    story = [heading(_("Exhibit index"), s["h1"], 0)]
    if not c.exhibits:
        return [*story, p(_("No evidence."), s["body"])]
    titles = [_("Exhibit"), _("Title / kind / captured"), _("Provenance"), _("Custody")]
    columns = table([titles], WIDTHS, s)
    columns.keep_with_next = True  # the column headings never end a page on their own
    story.append(columns)
    story += [_entry(e) for e in c.exhibits]
    photos = [e for e in c.exhibits if e.preview]  # content.py chose them per profile
    if photos:
        story += [
            PageBreak(),
            heading(_("Appendix: photo exhibits"), s["h1"], 0),
            p(
                _(
                    "Redacted copies only, each reviewed by the lawyer or administrator who "
                    "marked its areas: their pixels are replaced with black, no metadata is "
                    "kept, and each copy is an exhibit of its own with the SHA-256 shown. "
                    "Originals are not shown."
                )
                if redacted
                else _(
                    "Rendered from working copies with all metadata removed; the originals "
                    "are unchanged and identified by the SHA-256 shown."
                ),
                s["small"],
            ),
        ]
        for e in photos:
            # bytes (an object store): a new reader for each pass of the build
            image = Image(e.preview if isinstance(e.preview, str) else io.BytesIO(e.preview))
            scale = min(6.5 * inch / image.imageWidth, 4.2 * inch / image.imageHeight, 1)
            image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
            story.append(
                KeepTogether(
                    [
                        Spacer(1, 8),
                        image,
                        p(f"{e.label} — {e.title}", s["body"]),
                        p(f"SHA-256 {e.sha256}", s["mono"]),
                    ]
                )
            )
    return story
