"""The redaction engine: find identifiers in free text and replace them with typed, stable labels.

Built once per output from the incident's recorded identifiers (`Identified`, one per linked
person, read through the specification's `redact_as`), the reviewers' manual redactions and
restorations, and words that must survive alone (agencies, systems, the incident's city).

Rules (docs/redaction.md explains them for reviewers):
- a person's name is found in any case, with or without accents, with hyphens, spaces, dots or
  nothing between its parts, in order or family name first; two or more parts together always;
  one part alone when it has two letters or more and is not a common word (the list in
  `incidents/data/redaction_common_words.txt`, plus the words that must survive) — a common-word
  part alone only right after a title (Mr., Ms., Dr., Sr., Sra., ...). Every name is replaced by
  the person's label ("[Client]", "[Witness 1]"), the same everywhere in the output;
- every other recorded identifier by its `redact_as` pattern (`recorded`), then identifiers
  nobody recorded (`detectors`); overlapping finds are joined, so no part of one is left;
- a manual redaction hides its words everywhere; a restoration prints one find as written.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from incidents.i18n import N_, translate_label
from incidents.redaction import detectors, recorded
from incidents.redaction.fold import Cleaned, Folded, fold

KIND_LABELS = {  # English (the printed marks, the audit trail); translated where a page shows them
    "name": N_("name"),
    "a_number": N_("A-number"),
    "ssn": N_("Social Security number"),
    "receipt": N_("USCIS receipt number"),
    "passport": N_("passport number"),
    "phone": N_("phone"),
    "email": N_("email"),
    "address": N_("street address"),
    "birth_date": N_("date of birth"),
    "zip": N_("ZIP code"),
    "manual": N_("redacted"),
    "term": N_("badge number"),
}
MANUAL_REASON = N_("manual redaction")
RECORDED = N_("recorded %(what)s")
RECORDED_NAME = N_("recorded name of %(whose)s")
LOOKS_LIKE = N_("looks like a %(what)s")
LOOKS_LIKE_AN = N_("looks like an %(what)s")
PERSON_LABELS = (N_("Client"), N_("Witness"), N_("Relative"), N_("Person"))
SOURCES = {"recorded": 0, "manual": 1, "pattern": 2}  # which find names a joined span
TITLES = r"(?:mr|mrs|ms|miss|mx|dr|sr|sra|srta|don|dona)\.?\s+"
GAP_BETWEEN_NAME_PARTS = re.compile(r"[ \t\-‐‑–—,.'’]{0,3}")  # noqa: RUF001  (one line)


@cache
def common_words() -> frozenset[str]:
    """The words a name part may also be (see the module docstring)."""
    data = resources.files("incidents").joinpath("data/redaction_common_words.txt")
    words = set()
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@dataclass
class Identified:
    """One person's recorded identifiers, by how each is found in text (`Field.redact_as`)."""

    label: str  # "Client", "Witness 1": what their name becomes
    values: dict[str, list] = field(default_factory=dict)

    def add(self, how: str, value) -> None:
        """Record a value found as `how` ('name', 'a_number', ...); aliases split on ';'."""
        if value in (None, ""):
            return
        items = value.split(";") if how == "name" and isinstance(value, str) else [value]
        cleaned = (v.strip() if isinstance(v, str) else v for v in items)
        self.values.setdefault(how, []).extend(cleaned)


@dataclass(frozen=True)
class Span:
    """One redaction: where, what kind, what replaces it and why."""

    start: int
    end: int
    kind: str
    replacement: str
    source: str  # recorded, pattern or manual
    text: str = ""  # the original words (shown only to reviewers)

    @property
    def reason(self) -> str:
        """'recorded A-number', 'looks like a phone', 'manual redaction'."""
        return self.reason_in(lambda text: text)

    def reason_shown(self) -> str:
        """The reason in the reader's language (the review page)."""
        return self.reason_in(translate_label)

    def reason_in(self, translate) -> str:
        """The reason with its words passed through `translate` (English text → shown text)."""
        what = translate(KIND_LABELS[self.kind])
        if self.source == "manual":
            return translate(MANUAL_REASON)
        if self.source == "recorded" and self.kind == "name":
            base, _space, n = self.replacement[1:-1].rpartition(" ")
            whose = f"{translate(base)} {n}" if base and n.isdigit() else translate(base or n)
            return translate(RECORDED_NAME) % {"whose": whose}
        if self.source == "recorded":
            return translate(RECORDED) % {"what": what}
        english = KIND_LABELS[self.kind]
        return translate(LOOKS_LIKE_AN if english in ("A-number", "email") else LOOKS_LIKE) % {
            "what": what
        }


@dataclass(frozen=True)
class Restoration:
    """A find printed as written: the `occurrence`-th find of `term` as `kind` in `field_key`,
    only while that field's text is the text the reviewer saw (`digest`)."""

    field_key: str
    kind: str
    term: str
    occurrence: int
    digest: str


def text_digest(text: str) -> str:
    """A short fingerprint of one field's text: a decision made on it lapses when it changes."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def find_digest(span: Span, text: str) -> str:
    """What a restoration is bound to: the field's text and how the find was made — a guess
    restored as a false positive lapses when the same words become a recorded identifier."""
    return text_digest(f"{span.source}\x00{text}")


def words_pattern(term: str) -> str | None:
    """A reviewer's words, found in any case, with or without accents, whatever punctuation or
    spacing stands between them ("St. Mary's Clinic", "7ABC123", "Unit 4B")."""
    tokens = re.findall(r"[^\W_]+", fold(term))
    if not tokens:
        return None
    # "Marys" also finds "Mary's", with a straight or a curly apostrophe
    body = r"[\W_]*".join(
        re.escape(t[:-1]) + "['\u2019]?s" if len(t) > 2 and t.endswith("s") else re.escape(t)
        for t in tokens
    )
    return rf"(?<![^\W_]){body}(?![^\W_])"


def _keep_pattern(keep: tuple[str, ...], people: list[Identified]) -> re.Pattern | None:
    """The phrases that must survive whole; a one-word phrase that is also someone's name part
    ("Virginia") is not protected — the name wins."""
    parts = {
        p
        for person in people
        for n in person.values.get("name", [])
        for p in recorded.name_parts(n)
    }
    patterns = []
    for phrase in keep:
        tokens = re.findall(r"[^\W_]+", fold(phrase))
        if tokens and not (len(tokens) == 1 and tokens[0] in parts):
            patterns.append(words_pattern(phrase))
    return re.compile("|".join(sorted(patterns, key=len, reverse=True))) if patterns else None


def _inside(find: tuple, kept: list[tuple[int, int]]) -> bool:
    return any(start <= find[0] and find[1] <= end for start, end in kept)


@dataclass
class Rule:
    """A compiled pattern and what its finds are."""

    pattern: re.Pattern
    kind: str
    replacement: str
    source: str
    group: int = 0  # the group whose span is the find (0: the whole match)


class Redactor:
    """Finds and replaces identifiers in the free text of one incident's outputs."""

    def __init__(
        self,
        people: list[Identified],
        *,
        manual: tuple[str, ...] = (),
        restorations: tuple[Restoration, ...] = (),
        keep: tuple[str, ...] = (),
    ):
        self.rules: list[Rule] = []
        for person in people:
            self._person_rules(person, common_words())
        for term in manual:
            pattern = words_pattern(term)
            if pattern:
                self._rule(pattern, "manual", "[redacted]", "manual")
        self.keep = _keep_pattern(keep, people)
        self.restorations = {
            (r.field_key, r.kind, fold(r.term), r.occurrence, r.digest) for r in restorations
        }
        self.counts: Counter[str] = Counter()
        self._seen: dict[str, list[Span]] = {}
        self.used: set[tuple] = set()  # the restorations that applied to a text reviewed

    def _rule(self, pattern: str, kind: str, replacement: str, source: str, group=0) -> None:
        self.rules.append(Rule(re.compile(pattern), kind, replacement, source, group))

    def _person_rules(self, person: Identified, stop: frozenset[str]) -> None:
        label = f"[{person.label}]"
        singles, common, sequences = set(), set(), []
        for name in person.values.get("name", []):
            parts = recorded.name_parts(name)
            sequences += recorded.name_sequences(parts)
            for part in parts:
                if len(part) < 2:
                    continue
                (common if part in stop else singles).add(re.escape(part))
        before, after = recorded.NOT_LETTER_BEFORE, recorded.NOT_LETTER_AFTER
        alternatives = sorted(sequences, key=len, reverse=True) + sorted(singles)
        if alternatives:
            self._rule(rf"{before}(?:{'|'.join(alternatives)}){after}", "name", label, "recorded")
        if common:
            title_then = rf"{before}{TITLES}({'|'.join(sorted(common))}){after}"
            self._rule(title_then, "name", label, "recorded", group=1)
        builders = {
            "a_number": lambda v: [recorded.a_number_pattern(v)],
            "phone": lambda v: [recorded.phone_pattern(v)],
            "email": recorded.email_patterns,
            "address": lambda v: [recorded.address_pattern(v)],
            "birth_date": lambda v: [recorded.birth_date_pattern(v)] if isinstance(v, date) else [],
            "zip": lambda v: [recorded.zip_pattern(v)],
            "term": lambda v: [words_pattern(v)],  # a badge number, as written
        }
        for how, build in builders.items():
            patterns = [p for value in person.values.get(how, []) for p in build(value) if p]
            if patterns:
                either = "|".join(f"(?:{p})" for p in patterns)
                shown = label if how == "term" else f"[{KIND_LABELS[how]}]"
                self._rule(either, how, shown, "recorded")

    def find(self, text: str) -> list[Span]:
        """Every redaction in `text`, joined where finds overlap or a name runs on."""
        if not text:
            return []
        if text in self._seen:  # the same words in several places ("Given by the client")
            return self._seen[text]
        folded = Folded(text)
        found: list[tuple[int, int, str, str, str]] = []
        for rule in self.rules:
            for match in rule.pattern.finditer(folded.text):
                start, end = folded.span(*match.span(rule.group))
                found.append((start, end, rule.kind, rule.replacement, rule.source))
        if self.keep is not None:  # a name part inside "DHS IDENT / HART" is the system
            kept = [folded.span(*m.span()) for m in self.keep.finditer(folded.text)]
            found = [f for f in found if f[2] != "name" or not _inside(f, kept)]
        cleaned = Cleaned(text)  # detectors read the case as written, without invisible marks
        for start, end, kind, in_folded in detectors.find_all(cleaned.text, folded.text):
            start, end = (folded if in_folded else cleaned).span(start, end)
            found.append((start, end, kind, f"[{KIND_LABELS[kind]}]", "pattern"))
        spans = self._seen[text] = _join(text, found)
        return spans

    def review(self, field_key: str, text: str) -> list[tuple[Span, bool]]:
        """Each redaction in `text` and whether a reviewer restored it."""
        seen: Counter[tuple[str, str]] = Counter()
        result = []
        for span in self.find(text):
            term = fold(span.text)
            seen[span.kind, term] += 1
            found = (field_key, span.kind, term, seen[span.kind, term], find_digest(span, text))
            restored = found in self.restorations
            if restored:
                self.used.add(found)
            result.append((span, restored))
        return result

    def redact(self, field_key: str, text: str | None) -> str:
        """`text` with every redaction not restored replaced; counts what it replaced."""
        if not text:
            return text or ""
        pieces, position = [], 0
        for span, restored in self.review(field_key, text):
            if restored:
                continue
            pieces += [text[position : span.start], span.replacement]
            position = span.end
            self.counts[span.kind] += 1
        pieces.append(text[position:])
        return "".join(pieces)


def _join(text: str, found: list[tuple[int, int, str, str, str]]) -> list[Span]:
    """Join overlapping finds (the longest, then the most certain, names the whole), then runs of
    the same name separated only by spaces, hyphens or commas."""
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), SOURCES[f[4]]))
    groups: list[list] = []
    for item in found:
        if groups and item[0] < groups[-1][1]:
            group = groups[-1]
            group[1] = max(group[1], item[1])
            group[2].append(item)
        else:
            groups.append([item[0], item[1], [item]])
    spans: list[Span] = []
    for start, end, members in groups:
        best = min(members, key=lambda f: (-(f[1] - f[0]), SOURCES[f[4]]))
        _, _, kind, replacement, source = best
        previous = spans[-1] if spans else None
        if (
            previous
            and previous.replacement == replacement
            and kind == "name"
            and GAP_BETWEEN_NAME_PARTS.fullmatch(text[previous.end : start])
        ):
            start = previous.start
            spans.pop()
        spans.append(Span(start, end, kind, replacement, source, text[start:end]))
    return spans


def person_labels(roles: list[str]) -> list[str]:
    """Stable labels by role, in the order people are linked: 'Client', 'Witness 1', ..."""
    names = {"subject": "Client", "witness": "Witness", "relative": "Relative", "other": "Person"}
    totals = Counter(roles)
    seen: Counter[str] = Counter()
    labels = []
    for role in roles:
        seen[role] += 1
        base = names.get(role, "Person")
        labels.append(base if totals[role] == 1 else f"{base} {seen[role]}")
    return labels
