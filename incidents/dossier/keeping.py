"""Headings kept with their content: `keep_headings` puts a zero-height `KeepWithNext` guard
before every heading of the story (and of every block kept together), so that no heading, nor a
table's column headings printed apart, is left alone at the foot of a page. Cheaper than
wrapping each heading and its section in a KeepTogether, which would move a whole long table to
the next page and lay it out twice."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus.doctemplate import FrameBreak

BIG = 0xFFFFFF  # the height _listWrapOn and KeepTogether offer: no frame to fit


class KeepWithNext(Flowable):
    """A zero-height guard before a heading (and whatever must stay with it, such as a table's
    column headings printed apart): when they and the first piece of what follows (three lines
    of a paragraph, the first row of a table, a whole block kept together) do not fit in what is
    left of the page, the heading starts the next page instead of ending this one."""

    def __init__(self, kept: list, following: list):
        super().__init__()
        self.kept, self.following = kept, following

    def wrap(self, aW, aH):
        """Ask for a new frame when the heading would be left alone; take no room."""
        frame = self._doctemplateAttr("frame")
        if frame is None or aH >= BIG or getattr(frame, "_atTop", 0):
            return 0, 0
        needed = sum(_full(f, aW, self.canv) for f in self.kept)
        needed += _first_piece(self.following, aW, frame._height, self.canv)
        if needed > aH:
            frame.add_generated_content(FrameBreak)
        return 0, 0

    def draw(self):
        """Nothing to draw."""


def _full(f, aW, canv) -> float:
    return f.wrapOn(canv, aW, BIG)[1] + f.getSpaceBefore() + f.getSpaceAfter()


def _first_piece(following: list, aW, most: float, canv) -> float:
    """The height of the smallest piece of `following` that can start a page (spacers count)."""
    height = 0.0
    for f in following:
        if isinstance(f, Spacer):
            height += f.height
            continue
        if isinstance(f, KeepTogether):
            whole = sum(_full(x, aW, canv) for x in f._content)
            return height + (whole if whole <= most else _first_piece(f._content, aW, most, canv))
        if getattr(f, "keep_with_next", False):
            height += _full(f, aW, canv)
            continue
        probe = getattr(f, "first_rows", None)
        if probe is not None:  # a table: its rows cannot split
            return height + _full(probe(), aW, canv)
        if isinstance(f, Paragraph):
            whole = _full(f, aW, canv)
            return height + min(whole, f.getSpaceBefore() + 3 * f.style.leading)
        return height + min(_full(f, aW, canv), most)
    return height


def keep_headings(flowables: list) -> list:
    """The flowables with a `KeepWithNext` guard before every heading, inside blocks kept
    together too: no heading is left alone at the foot of a page."""
    out = []
    for n, f in enumerate(flowables):
        if isinstance(f, KeepTogether):
            f._content = keep_headings(f._content)
        kept = getattr(f, "keep_with_next", False)
        if kept and not (n and getattr(flowables[n - 1], "keep_with_next", False)):
            run = n
            while run < len(flowables) and getattr(flowables[run], "keep_with_next", False):
                run += 1
            if run < len(flowables):
                out.append(KeepWithNext(flowables[n:run], flowables[run : run + 3]))
        out.append(f)
    return out
