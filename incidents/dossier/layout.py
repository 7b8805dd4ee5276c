"""Layout primitives of the dossier: fonts, styles, the numbered canvas, bookmarked headings,
paragraphs and tables. Every style, table and the canvas itself use the vendored DejaVu fonts, so
that every font in the file is embedded (reportlab's canvas would otherwise start each page in a
Helvetica it does not embed)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from incidents import resource_dir

MARKING = "Privileged & confidential — attorney work product"
FONT, BOLD, ITALIC, MONO = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuMono"


@cache
def register_fonts() -> None:
    """Register the vendored fonts once per process."""
    folder = Path(resource_dir("static")) / "fonts"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (ITALIC, "DejaVuSans-Oblique.ttf"),
        (MONO, "DejaVuSansMono.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles."""
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, bulletFontName=FONT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "mono": ParagraphStyle("mono", parent=base, fontName=MONO, fontSize=7.2, leading=9),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=BOLD, fontSize=15, leading=19, spaceBefore=6, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4
        ),
        "quote": ParagraphStyle(
            "quote", parent=base, leftIndent=12, textColor=colors.HexColor("#1d232b"), fontName=FONT
        ),
        "para": ParagraphStyle("para", parent=base, leftIndent=12, fontName=ITALIC),
        "cover_title": ParagraphStyle(
            "ct",
            parent=base,
            fontName=BOLD,
            fontSize=22,
            leading=28,
            alignment=TA_CENTER,
            spaceAfter=14,
        ),
        "cover": ParagraphStyle("cv", parent=base, fontSize=11, leading=16, alignment=TA_CENTER),
        "marking": ParagraphStyle(
            "mk",
            parent=base,
            fontName=BOLD,
            fontSize=11,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#a4161a"),
        ),
    }


class NumberedCanvas(pdfcanvas.Canvas):
    """Defers page output so that the footer can say 'page X of Y'."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        """Keep the page to draw its footer once the total is known."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        """Draw every footer, then write the file."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#5b6573"))
            self.drawRightString(
                LETTER[0] - 0.75 * inch, 0.5 * inch, f"page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()


class DossierTemplate(SimpleDocTemplate):
    """Adds a PDF outline entry for every heading; the canvas starts in DejaVu Sans."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initialFontName", FONT)
        super().__init__(*args, **kwargs)

    def afterFlowable(self, flowable):
        """Bookmark headings as they are placed."""
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.outline_title, key, level=level, closed=False)


def heading(text: str, style, level: int) -> Paragraph:
    """A heading that becomes a bookmark."""
    paragraph = Paragraph(escape(text), style)
    paragraph.outline_level, paragraph.outline_title = level, text
    return paragraph


def p(text, style) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(str(text) if text is not None else "—").replace("\n", "<br/>"), style)


# a table's cells start in reportlab's Helvetica, set even for cells that hold paragraphs: ours
# start in DejaVu Sans, so that the file references no font it does not embed
CELL_FONT = [("FONT", (0, 0), (-1, -1), FONT, 8)]


def table(rows, widths, style_sheet, header=True) -> Table:
    """A table of paragraphs with a light grid."""
    body = [
        [
            cell
            if not isinstance(cell, str | int | float | type(None))
            else p(cell, style_sheet["small"])
            for cell in row
        ]
        for row in rows
    ]
    result = Table(body, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        *CELL_FONT,
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#c3cad3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7ebf0")))
    result.setStyle(TableStyle(commands))
    return result


NOT_RECORDED = "not recorded"
PERSON_KEYS = (
    "legal_status",
    "aliases",
    "date_of_birth",
    "a_number",
    "nationality",
    "language",
    "gender",
    "phone",
    "email",
    "address",
)


def pairs(items, s) -> Table:
    """A two-column label/value table; a missing value reads 'not recorded'."""
    return table(
        [
            [p(k, s["small"]), p(NOT_RECORDED if v in (None, "", "—") else v, s["small"])]
            for k, v in items
        ],
        [1.8 * inch, 5.2 * inch],
        s,
        header=False,
    )
