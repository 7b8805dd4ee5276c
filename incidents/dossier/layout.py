"""Layout primitives of the dossier: fonts, styles, the numbered canvas, bookmarked headings (kept
with what follows them by keeping.py), paragraphs and tables. Every style, table and the canvas
itself use the vendored DejaVu fonts, so that every font in the file is embedded (reportlab's
canvas would otherwise start each page in a Helvetica it does not embed)."""

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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from incidents import resource_dir
from incidents.dossier.words import N_, PDF_LANG, _, language

MARKING = N_("Privileged & confidential — attorney work product")  # print `_(MARKING)`
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
        self.page_words = _("page %(page)s of %(total)s")  # in the dossier's language

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
                LETTER[0] - 0.75 * inch,
                0.5 * inch,
                self.page_words % {"page": self._pageNumber, "total": total},
            )
            super().showPage()
        super().save()


class DossierTemplate(SimpleDocTemplate):
    """Adds a PDF outline entry for every heading; the canvas starts in DejaVu Sans; the file
    declares its language and asks readers to show its title rather than its file name. (No
    XMP packet: the redacted profile's metadata is the information dictionary alone. What
    reportlab cannot do, such as tagging: docs/dossier-accessibility.md.)"""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initialFontName", FONT)
        kwargs.setdefault("lang", PDF_LANG[language()])
        kwargs.setdefault("displayDocTitle", True)
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
    """A heading that becomes a bookmark, kept with what follows it (`keep_headings`)."""
    paragraph = Paragraph(escape(text), style)
    paragraph.outline_level, paragraph.outline_title = level, text
    paragraph.keep_with_next = True
    return paragraph


def p(text, style) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(str(text) if text is not None else "—").replace("\n", "<br/>"), style)


# a table's cells start in reportlab's Helvetica, set even for cells that hold paragraphs: ours
# start in DejaVu Sans, so that the file references no font it does not embed
CELL_FONT = [("FONT", (0, 0), (-1, -1), FONT, 8)]


def table(rows, widths, style_sheet, header=True) -> Table:
    """A table of paragraphs with a light grid, its column headings repeated on every page;
    `first_rows()` gives the piece that must start a page (headings and the first row)."""
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
    style = TableStyle(commands)
    result.setStyle(style)
    first = 2 if header else 1
    if len(body) > first:
        result.first_rows = lambda: Table(body[:first], colWidths=widths, style=style)
    return result


def wrapped(text, width: float, font: str = FONT, size: float = 8, padding: float = 3) -> str:
    """Plain text broken into the lines that fit a table cell `width` wide (spaces folded as a
    paragraph folds them, a word longer than a line broken where the line is full): reportlab
    draws such a cell line by line, without parsing and wrapping a paragraph."""
    room = width - 2 * padding
    space = stringWidth(" ", font, size)
    lines = []
    for paragraph in str(text).split("\n"):
        line, used = [], -space
        for word in paragraph.split():
            need = stringWidth(word, font, size)
            while need > room:
                if line:
                    lines.append(" ".join(line))
                    line, used = [], -space
                cut = _fits(word, room, font, size)
                lines.append(word[:cut])
                word = word[cut:]
                need = stringWidth(word, font, size)
            if line and used + space + need > room:
                lines.append(" ".join(line))
                line, used = [], -space
            line.append(word)
            used += space + need
        if line:
            lines.append(" ".join(line))
    return "\n".join(lines)


def _fits(word: str, room: float, font: str, size: float) -> int:
    """How many first characters of `word` fit in `room` (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(word[:middle], font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return low


NOT_RECORDED = N_("not recorded")
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
            [p(k, s["small"]), p(_(NOT_RECORDED) if v in (None, "", "—") else v, s["small"])]
            for k, v in items
        ],
        [1.8 * inch, 5.2 * inch],
        s,
        header=False,
    )
