"""Every page a user can reach, read in Spanish (issue 21): users of each role who chose Spanish
open every page of the application with content on it — lists, a full case, the calendar,
claims and deadlines, records requests, evidence, the redaction review, an import's report,
their sessions, the research page and the administrator's pages — and no common English word
of the interface is left in what they read (the text, and the words of `alt`, `title`,
`aria-label`, `placeholder` and the table cards' labels). Left out of the check: what the test
itself typed, codes (in <code> or written with underscores), the policy library's and the
agencies' own words (titles, citations, quotations, notes, names), and what a page marks as
written in English (`lang="en"`)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from incidents.authz import PUBLIC
from incidents.imports.rows import NO_WORDS, YES_WORDS
from tests import every_page_data as data
from tests.conftest import csrf_token
from tests.test_authz_matrix import ACCESS

# Words of the English interface that the Spanish interface never uses (checked against the
# Spanish catalog: none of them occurs in a translation's own words). Lower case: matched in
# any case; capitalized: matched only as written (in lower case it is a code, e.g. `other`).
ENGLISH = frozenset(
    re.findall(
        r"\w+",
        """the and of to for with from this that these those is are was were be been has have
        not or on at an its your you our we will can should must which what who when where how
        all any each every yes none new edit save cancel delete remove add show hide upload sign
        signed name names case cases incident incidents request requests records record received
        sent due deadline deadlines agent agents badge session sessions device consent question
        user users status search filter list open closed pending overdue week month today hours
        person document documents photo report results result rows problems errors valid invalid
        import imported export release policy policies court claim claims filed filing action
        actions lawyer caseworker researcher more less than only also there then without after
        before between about over under until last next previous back continue title kind notes
        description reason reasons because address phone language calendar home account
        password organization settings but into several too few outcome match review redaction
        redacted reviewed exhibit exhibits words quarter region regions consented withheld rarer
        values code needs need scene treated masked detained presented disregarded happened
        known unknown system nobody someone saved changed nothing already linked unlinked
        submitted verified returned age nationality time browser""",
    )
)
ENGLISH_AS_WRITTEN = frozenset({"Other", "Unknown", "None", "Yes"})
# Attributes whose words are read (or heard through a screen reader).
READ = {"alt", "title", "aria-label", "placeholder", "data-label", "data-confirm"}
SKIPPED = {"script", "style", "code", "kbd", "samp", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
WORD = re.compile(r"\b[^\W\d_]+\b")
# in a translation: placeholders, tags and addresses; quoted or bracketed codes and terms
PLACEHOLDERS = re.compile(r"%\(\w+\)s|\{\w+\}|<[^>]+>|https?://\S+")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\([^)]*\)")
# Not pages: files, feeds, a ping, and pages that only redirect here
NOT_PAGES = {
    "static", "main.healthz", "auth.ping", "calendar.ics", "dossier.download",
    "evidence.download", "evidence.preview", "evidence.thumbnail", "exports.download",
    "exports.dictionary", "admin.audit_export", "imports.template", "imports.rows_template",
    "jobs.download", "jobs.progress",
}  # fmt: skip


# the words an import's yes/no cell accepts (codes, shown by the column guide)
CELL_WORDS = ["/".join(YES_WORDS), "/".join(NO_WORDS)]


class _Text(HTMLParser):
    """The words a person reads on a page (text and read attributes), as lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skipped)

    def _skipping(self) -> bool:
        return any(skipped for _tag, skipped in self._open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = tag in SKIPPED or attributes.get("lang", "es") not in ("es", "")
        if not (skipped or self._skipping()):
            self.lines += [v for k, v in attrs if k in READ and v]
        if tag not in VOID:
            self._open.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        if not self._skipping():
            self.lines += [v for k, v in attrs if k in READ and v]

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, text):
        if text.strip() and not self._skipping():
            self.lines.append(" ".join(text.split()))


def read_words(page: str) -> list[str]:
    """The lines of words a person reads on the page."""
    reader = _Text()
    reader.feed(page)
    reader.close()
    return reader.lines


def english_on(lines: list[str], ignored: list[str]) -> dict[str, str]:
    """English interface words on a page's lines → the first line holding each; the `ignored`
    phrases (whole words) are not read."""
    phrases = sorted(ignored, key=len, reverse=True)
    left_out = re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in phrases) or "(?!)")
    found = {}
    for line in lines:
        for word in _checked(WORD.findall(left_out.sub(" ", line))):
            found.setdefault(word, line[:160])
    return found


def test_the_reader_takes_text_and_read_attributes_only():
    page = (
        '<p title="Open the case">Texto <code>street_stop</code></p><script>var the;</script>'
        '<img alt="QR code"><span lang="en">as written</span><td data-label="Estado">x</td>'
    )
    assert read_words(page) == ["Open the case", "Texto", "QR code", "Estado", "x"]
    found = english_on(["Agent 1 (badge 4471)", "Otro: Other", "other_code", "Rosa ignored"], [])
    assert set(found) == {"Agent", "badge", "Other"}
    assert english_on(["Rosa ignored the"], ["Rosa ignored the"]) == {}


def _spanish_catalog():
    from tests.test_i18n_catalogs import _po

    for message in list(_po("es"))[1:]:  # the header is not a translation
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        yield message.id, texts


def kept_in_english() -> list[str]:
    """What the Spanish catalog itself keeps in English: the entries translated as they are
    (names of agencies, systems and forms) and the English terms a translation quotes or puts
    in brackets ("Notice to Appear", 'Agent 2')."""
    kept = set()
    for msgid, texts in _spanish_catalog():
        for text in texts:
            if text == msgid:
                kept.add(text)
            quoted = QUOTED.findall(PLACEHOLDERS.sub(" ", text))
            kept.update(match.strip("'\"()") for match in quoted)
    return [k for k in kept if _checked(WORD.findall(k))]


def _checked(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() in ENGLISH or w in ENGLISH_AS_WRITTEN]


def test_no_spanish_translation_uses_a_checked_word():
    used = {}
    for msgid, texts in _spanish_catalog():
        for text in texts if texts != (msgid,) else ():  # a name, kept as it is
            for word in _checked(WORD.findall(QUOTED.sub(" ", PLACEHOLDERS.sub(" ", text)))):
                used.setdefault(word, text)
    assert not used, used


def _targets(seeded: data.Seeded, role: str) -> dict:
    targets = dict(seeded.targets)
    targets["job_id"] = seeded.targets["jobs"].get(role, seeded.targets["jobs"]["lawyer"])
    return targets


def _urls(app, targets: dict):
    from flask import url_for

    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
            continue
        values = {
            arg: targets.get((rule.endpoint, arg), targets.get(arg)) for arg in rule.arguments
        }
        with app.test_request_context():
            yield rule.endpoint, url_for(rule.endpoint, **values)


# the pages a form answers with


def checked_import(client):
    """The report of an import check: one good row, one with problems (nothing is written)."""
    from tests.import_files import minimal, upload

    rows = [minimal(city="Town"), minimal(city="Town", state="ZZ", occurred_on="2999-01-01")]
    names = list(dict.fromkeys(name for row in rows for name in row))
    lines = [",".join(names)] + [",".join(row.get(n, "") for n in names) for row in rows]
    lines.append(lines[1] + ",de más")  # a row with more cells than the header
    response = upload(client, "\n".join(lines).encode())
    cells = len(names) + 1
    assert f"Esta fila tiene {cells} celdas; el encabezado tiene {len(names)}." in response.text
    return response


def checked_rows(client):
    """The report of a file of timeline rows that names no incident of the organization."""
    content = "reference,kind,starts_at\nZZ-2025-0001,stop,2025-09-12 08:00\n"
    payload = {
        "kind": "timeline",
        "rows_file": (io.BytesIO(content.encode()), "rows.csv"),
        "csrf_token": csrf_token(client, "/import"),
    }
    return client.post("/import/rows", data=payload, content_type="multipart/form-data")


def contradicting_claims(client):
    """The new-incident form with claim, proof and letter dates that contradict each other
    and the incident's date, a person's name too long and their email address without an
    @ (nothing is written)."""
    from tests.case_forms import submit_new

    response = submit_new(
        client,
        **{
            "frt_uses-0-notes": "",
            "narrative": "Relato del cliente.",
            "people-0-full_name": "x" * 201,
            "people-0-email": "marisol.example.org",
            "people-0-date_of_birth": "17/05/1994",
        },
        status_claimed="no",
        status_claimed_at="2025-09-11 07:50",
        status_proven_by="not_proven",
        status_proven_at="2025-09-10 08:00",
        preservation_letter_on="2020-01-01",
    )
    assert response.status_code == 400, response.status_code
    page = response.get_data(as_text=True)
    assert "El campo no puede tener más de 200 caracteres." in page
    assert "nombre@ejemplo.org" in page  # our words, not the email library's English
    assert "Escríbala como AAAA-MM-DD, por ejemplo, 2025-09-12." in page
    assert 'placeholder="AAAA-MM-DD"' in page
    assert "YYYY-MM-DD" not in page  # the incident's date box too (review of issue 21)
    return response


# pages that only send a signed-in user on, and a check no longer in this session (the page
# says so); every other page answers its roles (tests/test_authz_matrix.ACCESS), and refuses
# the others with a page
ANSWERS = {"main.index": 302, "auth.login": 302, "auth.second_step": 302, "imports.checked": 409}


def _pages(app, client, role: str, seeded: data.Seeded, wrong: list):
    """(address, HTML) of every page the role reaches, and of the pages a form answers with;
    a page that answers otherwise than expected goes to `wrong`."""
    for endpoint, url in _urls(app, _targets(seeded, role)):
        response = client.get(url)
        allowed = ACCESS[endpoint] == PUBLIC or role in ACCESS[endpoint]
        expected = ANSWERS.get(endpoint, 200) if allowed else 403
        if response.status_code != expected:
            wrong.append(f"{role} {url} -> {response.status_code}, not {expected}")
        if response.mimetype == "text/html" and response.status_code != 302:
            yield url, response.get_data(as_text=True)
    builtin = seeded.targets["builtin_policy_id"]
    extra = ["/research?k=5", "/incidents?q=Rosa", "/calendar?scope=all", f"/policies/{builtin}"]
    for url in extra:
        response = client.get(url)
        if response.status_code == 200:
            yield url, response.get_data(as_text=True)
    if role in ("caseworker", "admin"):
        yield "POST /import", checked_import(client).get_data(as_text=True)
        yield "POST /import/rows", checked_rows(client).get_data(as_text=True)
        yield "POST /incidents/new", contradicting_claims(client).get_data(as_text=True)


def test_every_page_reads_in_spanish(app, session):
    seeded = data.seed_everything(app, session)
    ignored = data.TYPED + data.library_words(session) + kept_in_english() + CELL_WORDS
    problems, wrong, pages = [], [], []
    for role in data.ROLES:
        user, password = seeded.users[role]
        client = data.signed_in_client(app, user, password)
        data.signed_in_client(app, user, password, data.FIREFOX_WINDOWS)  # another device
        pages += [(role, url, page) for url, page in _pages(app, client, role, seeded, wrong)]
    pages += [("lawyer", url, page) for url, page in data.second_factor_pages(app, session)]
    assert not wrong, "pages that did not show their content:\n" + "\n".join(wrong)
    for role, url, page in pages:
        assert '<html lang="es">' in page, f"{role} {url}: not in Spanish"
        found = english_on(read_words(page), ignored)
        if found:
            lines = "; ".join(f"{word!r} in “{line}”" for word, line in sorted(found.items()))
            problems.append(f"{role} {url}: {lines}")
    assert not problems, "English on Spanish pages:\n" + "\n".join(problems)
