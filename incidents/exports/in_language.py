"""The disclosure control's published figures in the reader's language, where a page draws
them: a count ("1,234" → "1.234"), a figure with decimals ("12.5" → "12,5") and a share ("over
99 %" → "más del 99 %"). The exports themselves keep the English as published."""

from __future__ import annotations

import re

from incidents.i18n import current_language, gettext, number
from incidents.i18n import translate_label as t

COUNT = re.compile(r"^\d{1,3}(?:,\d{3})*$")  # a published count: "1,234" (aggregates.shown)
FIGURE = re.compile(r"^\d{1,3}(?:,\d{3})*\.(\d+)$")  # a figure with decimals: a median
PERCENT = re.compile(r"^(over |under )?(\d+) %$")  # a published share (aggregates.share)


def published(text: str) -> str:
    """A published count, figure or share ("1,234", "12.5", "over 99 %", "37 %", "<11", a
    reason) in the reader's language; English reads as published (the exports' words)."""
    if current_language() == "en" or not isinstance(text, str):
        return text
    if COUNT.match(text):
        return number(int(text.replace(",", "")))
    found = FIGURE.match(text)
    if found:
        return number(float(text.replace(",", "")), len(found.group(1)))
    found = PERCENT.match(text)
    if found:
        percent = f"{number(int(found.group(2)))} %"
        if found.group(1) == "over ":
            return gettext("over %(percent)s", percent=percent)
        if found.group(1) == "under ":
            return gettext("under %(percent)s", percent=percent)
        return percent
    return t(text)
