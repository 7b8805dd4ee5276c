"""Lay out a dossier as a PDF with reportlab's platypus: bookmarks for every section, a header
and a "page X of Y" footer on every page, a vendored Unicode font (DejaVu Sans)."""

from __future__ import annotations

import io
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
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from incidents import resource_dir
from incidents.dossier.content import DossierContent

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
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
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
    """Adds a PDF outline entry for every heading."""

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
        title=f"Case dossier {content.reference}",
        author=content.organization,
        subject=f"FRT incident dossier ({content.profile} profile)",
        keywords=[content.reference, "dossier", content.profile],
        creator="FRT Incidents",
    )
    generated = f"{content.generated_at:%Y-%m-%d %H:%M} UTC"

    def decorate(canvas, _doc):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#5b6573"))
        canvas.drawString(0.75 * inch, LETTER[1] - 0.5 * inch, content.reference)
        canvas.drawRightString(LETTER[0] - 0.75 * inch, LETTER[1] - 0.5 * inch, MARKING)
        canvas.drawString(0.75 * inch, 0.5 * inch, f"Generated {generated}")
        canvas.restoreState()

    story = _cover(content, s, generated) + _body(content, s, redacted)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def _cover(c: DossierContent, s, generated) -> list:
    return [
        Spacer(1, 1.4 * inch),
        heading("Case dossier", s["cover_title"], 0),
        p(c.reference, s["cover_title"]),
        p(c.title, s["cover"]),
        Spacer(1, 0.3 * inch),
        p(c.organization, s["cover"]),
        p(f"Generated by {c.generated_by}, {generated}", s["cover"]),
        p(
            f"Profile: {c.profile}"
            + (
                " — names as initials; dates of birth, A-numbers, contact "
                "details, street addresses and photos left out"
                if c.profile == "redacted"
                else ""
            ),
            s["cover"],
        ),
        Spacer(1, 0.5 * inch),
        p(MARKING, s["marking"]),
        PageBreak(),
    ]


def _answer(answer) -> str:
    text = {"yes": "Yes", "no": "No", "unknown": "Unknown", "none": "None presented"}[answer.value]
    return f"{text} — {answer.detail}" if answer.detail else text


def _body(c: DossierContent, s, redacted: bool) -> list:
    f = c.facts
    story = [
        heading("Key facts", s["h1"], 0),
        pairs(
            [
                ("FRT system(s)", ", ".join(f.systems) or "None recorded"),
                ("Match treated as definitive identification?", _answer(f.definitive_id)),
                ("Match the sole basis?", _answer(f.sole_basis)),
                ("Human review of the match?", _answer(f.human_review)),
                (
                    "Citizenship or identity documents disregarded?",
                    _answer(f.documents_disregarded),
                ),
                (
                    "Hours detained",
                    f"{f.hours_detained:,.1f} ({f.hours_source})"
                    if f.hours_detained is not None
                    else "Not known",
                ),
                ("Outcome", f.outcome),
            ],
            s,
        ),
        heading("People", s["h1"], 0),
    ]
    for person in c.people or [{"name": "No people recorded", "role": ""}]:
        story.append(
            KeepTogether(
                [
                    heading(f"{person['name']} ({person['role']})", s["h2"], 1),
                    pairs(
                        [
                            (k.replace("_", " ").capitalize(), person[k])
                            for k in PERSON_KEYS
                            if k in person
                        ],
                        s,
                    ),
                ]
            )
        )
    story.append(heading("Facial recognition", s["h1"], 0))
    for use in c.frt_uses:
        story.append(
            KeepTogether(
                [
                    heading(f"FRT use {use['n']}: {use['system']}", s["h2"], 1),
                    pairs(
                        [
                            ("Operated by", use["operator"]),
                            ("Mode", use["mode"]),
                            ("Result", use["result"]),
                            ("Treated as", use["treated_as"]),
                            ("Sole basis", use["sole_basis"]),
                            ("Human review", use["human_review"]),
                            ("Independent corroboration", use["corroboration"]),
                            ("Misidentified", use["misidentified"]),
                            ("Score", use["score"]),
                            ("Notes", use["notes"]),
                        ],
                        s,
                    ),
                ]
            )
        )
    if not c.frt_uses:
        story.append(p("No facial recognition use recorded.", s["body"]))
    story += [
        heading("Documents presented", s["h1"], 0),
        table(
            [["Document", "Presented by", "Agents' response", "Notes"]]
            + [[d["type"], d["by"], d["response"], d["notes"]] for d in c.documents],
            [1.8 * inch, 1.6 * inch, 1.4 * inch, 2.2 * inch],
            s,
        )
        if c.documents
        else p("No documents recorded.", s["body"]),
    ]
    story += _timeline(c, s) + _analysis(c, s)
    story += [heading("Narrative", s["h1"], 0), p(c.narrative or "No narrative.", s["body"])]
    story += _exhibits(c, s, redacted)
    return story


def _timeline(c, s) -> list:
    rows = [["Start (local)", "End", "Hours", "What happened", "Place / description"]]
    rows += [
        [
            t["start"],
            t["end"],
            f"{t['hours']:.1f}" if t["hours"] is not None else "",
            t["kind"],
            " — ".join(x for x in (t["place"], t["description"]) if x),
        ]
        for t in c.timeline
    ]
    total = (
        f"Total hours detained: {c.total_hours:,.1f} ({c.hours_source})"
        if c.total_hours is not None
        else "Total hours detained: not known"
    )
    return [
        heading("Timeline", s["h1"], 0),
        table(rows, [1.2 * inch, 1.2 * inch, 0.6 * inch, 1.3 * inch, 2.7 * inch], s)
        if c.timeline
        else p("No timeline recorded.", s["body"]),
        Spacer(1, 4),
        p(total, s["body"]),
    ]


def _analysis(c, s) -> list:
    story = [heading("Policy analysis", s["h1"], 0)]
    if not c.analysis:
        story.append(
            p("No provision of the policy library applied to the agencies recorded.", s["body"])
        )
    for row in c.analysis:
        title = row["policy"] + (f" {row['section']}" if row["section"] else "")
        text = (
            Paragraph("“" + escape(row["text"]) + "” <font size=7>(quotation)</font>", s["quote"])
            if row["quotation"]
            else Paragraph(escape(row["text"]) + " <font size=7>(paraphrase)</font>", s["para"])
        )
        decision = (
            f"{row['decision']} — by {row['decided_by']}: {row['reasoning']}"
            if row["decision"]
            else "Not yet assessed by counsel"
        )
        story.append(
            KeepTogether(
                [
                    heading(title, s["h2"], 1),
                    text,
                    Spacer(1, 3),
                    pairs(
                        [
                            ("Requirement", row["requirement"]),
                            ("Suggested", f"{row['suggested']} — {row['suggested_reason']}"),
                            ("Assessment", decision),
                            ("Evidence cited", ", ".join(row["cited"]) or "none"),
                        ],
                        s,
                    ),
                ]
            )
        )
    return story


def _exhibits(c, s, redacted) -> list:
    story = [heading("Exhibit index", s["h1"], 0)]
    if not c.exhibits:
        return [*story, p("No evidence.", s["body"])]
    widths = [1.65 * inch, 1.85 * inch, 1.75 * inch, 1.75 * inch]
    story.append(
        table([["Exhibit", "Title / kind / captured", "Provenance", "Custody"]], widths, s)
    )
    for e in c.exhibits:  # one small table per exhibit: layout time grows linearly
        entry = table(
            [
                [
                    p(e.label, s["mono"]),
                    p(f"{e.title}\n{e.kind}; captured {e.captured}", s["small"]),
                    p(e.provenance, s["small"]),
                    p(f"Received: {e.received}\nLast verified: {e.verified}", s["small"]),
                ],
                [p(f"SHA-256 {e.sha256}", s["mono"]), "", "", ""],
            ],
            widths,
            s,
            header=False,
        )
        entry.setStyle(TableStyle([("SPAN", (0, 1), (-1, 1))]))
        story.append(entry)
    photos = [e for e in c.exhibits if e.preview_path] if not redacted else []
    if photos:
        story += [
            PageBreak(),
            heading("Appendix: photo exhibits", s["h1"], 0),
            p(
                "Rendered from working copies with all metadata removed; the originals are "
                "unchanged and identified by the SHA-256 shown.",
                s["small"],
            ),
        ]
        for e in photos:
            image = Image(e.preview_path)
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
