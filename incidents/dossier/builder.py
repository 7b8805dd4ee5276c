"""Lay out a dossier as a PDF with reportlab's platypus: bookmarks for every section, a header
and a "page X of Y" footer on every page, vendored Unicode fonts (DejaVu) and no other, headings
kept with their content, the document's title and language declared (DossierTemplate)."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch

from incidents.dossier.content import DossierContent
from incidents.dossier.keeping import keep_headings
from incidents.dossier.layout import (
    FONT,
    MARKING,
    DossierTemplate,
    NumberedCanvas,
    register_fonts,
    styles,
)
from incidents.dossier.sections import body, cover
from incidents.dossier.words import N_, _, moment

__all__ = ["build_pdf", "register_fonts", "styles"]

# the document's subject (its properties), per profile
PROFILE_SUBJECT = {
    "full": N_("FRT incident dossier (full profile)"),
    "redacted": N_("FRT incident dossier (redacted profile)"),
}


def build_pdf(content: DossierContent) -> bytes:
    """The dossier as PDF bytes."""
    register_fonts()
    s = styles()
    buffer = io.BytesIO()
    redacted = content.profile == "redacted"
    doc = DossierTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=0.75 * inch,
        rightMargin=0.75 * inch,
        topMargin=0.85 * inch,
        bottomMargin=0.8 * inch,
        title=_("Case dossier %(reference)s", reference=content.reference),
        author=content.organization,
        subject=_(PROFILE_SUBJECT[content.profile]),
        keywords=[content.reference, "dossier", content.profile],
        creator="FRT Incidents",
    )
    generated = f"{moment(content.generated_at)} UTC"
    marking, footer = _(MARKING), _("Generated %(when)s", when=generated)

    def decorate(canvas, _doc):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#5b6573"))
        canvas.drawString(0.75 * inch, LETTER[1] - 0.5 * inch, content.reference)
        canvas.drawRightString(LETTER[0] - 0.75 * inch, LETTER[1] - 0.5 * inch, marking)
        canvas.drawString(0.75 * inch, 0.5 * inch, footer)
        canvas.restoreState()

    story = keep_headings(cover(content, s, generated) + body(content, s, redacted))
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
