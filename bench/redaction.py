"""Benchmark: the redaction of redacted dossiers.

1. Recall on a canary corpus: people with non-ASCII names and recorded identifiers; dozens of
   written variants of each (and identifiers nobody recorded) placed in every free-text field
   the specification declares, with line breaks, punctuation and text around them. Each case's
   redacted dossier is built, `pdftotext` reads it, and every variant is looked for in the text
   (accents and case folded, also with all spaces removed, numbers also digits-only). Budget:
   1.0 — nothing found.
2. Precision on text that must survive (agencies, FRT systems, event dates and times,
   durations, public places) placed in the same fields: the share of those tokens still in the
   text. Budget: >= 0.98.
3. Time: a dossier of 500 exhibits and 100 timeline events, redacted, against the same dossier
   built the same way with the redaction step replaced by the identity (same process, same
   content, a collected heap before each, order alternating, median of 7). Budget: <= 1.20x.

Run: .venv/bin/python bench/redaction.py [--repeat N]   (needs pdftotext: poppler-utils)
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app
from sqlmodel import SQLModel, select

from incidents.db import get_session
from incidents.dossier import content as content_module
from incidents.dossier import texts as dossier_texts
from incidents.dossier.builder import build_pdf
from incidents.dossier.content import gather
from incidents.dossier.layout import MARKING
from incidents.dossier.review import RedactionSummary
from incidents.records import spec
from incidents.redaction.fold import fold

RECALL_BUDGET, PRECISION_BUDGET, TIME_BUDGET = 1.0, 0.98, 1.20

PEOPLE = [
    {
        "full_name": "Ximena Oyelarán-Quispe",
        "aliases": "Mena; Xime Quispe",
        "a_number": "A211004982",
        "phone": "708-555-0143",
        "email": "X.Oyelaran@example.net",
        "street_address": "4417 W Cermak Rd Apt 2B",
        "zip": "60804",
        "date_of_birth": date(1991, 7, 19),
    },
    {
        "full_name": "Đặng Thị Hương",
        "aliases": None,
        "a_number": "A098765432",
        "phone": "+1 (773) 555 0178",
        "email": "huong.dang@example.org",
        "street_address": "1502 N Kedzie Ave",
        "zip": "60651",
        "date_of_birth": date(1979, 11, 3),
    },
    {
        "full_name": "Siobhán O'Brien-Walsh",
        "aliases": "Shiv",
        "a_number": "A301004455",
        "phone": "773-555-0166",
        "email": "sob@example.net",
        "street_address": "77 N. Sheridan Road",
        "zip": "60626",
        "date_of_birth": date(1985, 2, 3),
    },
    {
        "full_name": "Zoë Łukasiewicz-Nuñez",
        "aliases": "Zoe Lukas",
        "a_number": "A55512340",
        "phone": "312 555 0199",
        "email": "zoe.lukasiewicz@example.com",
        "street_address": "733 S Damen Ave Unit 4",
        "zip": "60612",
        "date_of_birth": date(2001, 1, 30),
    },
]
UNRECORDED = [  # identifiers nobody recorded, as they are written
    ("A# 301-442-907", "301442907"),
    ("alien number 88812345", "88812345"),
    ("A-077 123 456", "077123456"),
    ("SSN 219-09-9999", "219099999"),
    ("social security no. 123456780", "123456780"),
    ("receipt IOE0912345678", "0912345678"),
    ("EAC-2190012345", "2190012345"),
    ("call (224) 555-0111", "2245550111"),
    ("+52 55 1234 5678", "5512345678"),
    ("maria.lopez@example.org", "maria.lopez"),
    ("lives at 9120 S Commercial Ave Apt 3", "9120 S Commercial"),
    ("born on April 2, 1990", "April 2, 1990"),
    ("DOB: 4/2/90", "4/2/90"),
    ("passport no. G12345678", "G12345678"),
    ("SS# 223456789", "223456789"),
    ("SSN: 323 - 45 - 6789", "323456789"),
    ("Soc. Sec. No. 423456789", "423456789"),
    ("ITIN 912-70-1234", "912701234"),
    ("Alien Reg. No. 111-222-333", "111222333"),
    ("222333444 (A number)", "222333444"),
    ("born\n1990-01-01", "1990-01-01"),
    ("born 12-Mar-1990", "12-Mar-1990"),
    ("b. 02/03/1985", "02/03/1985"),
    ("birthdate 19900101", "19900101"),
    ("pasaporte N° G87654321", "G87654321"),
    ("passport (Guatemala) 523456789", "523456789"),
    ("pass. no. 555666777", "555666777"),
    ("at 123 Calle Ocho", "123 Calle Ocho"),
    ("Apt 12C, 9120 S Commercial Avenue", "Apt 12C"),
    ("write to maria at example dot org", "maria at example"),
]
SURVIVE = [
    "Immigration and Customs Enforcement",
    "ICE",
    "U.S. Customs and Border Protection",
    "Chicago Police Department",
    "Mobile Fortify",
    "Clearview AI",
    "2025-10-14",
    "09:30",
    "October 15, 2025",
    "11:45",
    "26 hours",
    "3 days",
    "Broadview Processing Center",
    "O'Hare International Airport",
    "Cook County Jail",
    "Union Station",
    "Chicago",
    "Illinois",
    "Home Depot",
    "Cermak Road",
    "Case No. 2025 CV 001234",
    "Executive Order 14159",
    "8 U.S.C. § 1357(a)(2)",
    "Form I-213",
    "I-247A detainer",
    "Terminal 5, Gate B12",
    "Interstate 94",
    "Room 1250",
    "1630 hrs",
    "Sept 12 2025",
    "12-Sep-2025",
    "25 hours 25 minutes",
]


def name_variants(name: str) -> list[str]:
    """Ways people write a name: cases, accents, hyphens, order, parts alone."""
    ascii_name = "".join(c for c in fold(name) if c.isascii())
    parts = re.findall(r"[^\W\d_]+", name)
    family = name.split()[-1]
    return [
        name,
        name.upper(),
        name.lower(),
        ascii_name.title(),
        name.replace("-", " "),
        name.replace("-", ""),
        f"{family}, {name.split()[0]}",
        name.replace("'", "\u2019"),  # the curly apostrophe phones and word processors type
        name.replace("'", ""),
        name.replace("'", " "),
        name.replace(" ", " \u200b", 1),  # a zero-width space
        name.replace("a", "\u0430"),  # Cyrillic a
        *parts,
        *(p.upper() for p in parts),
        f"{parts[0]}'s",
    ]


def a_number_variants(stored: str) -> list[str]:
    d = stored[1:]
    short = d.lstrip("0")
    return [
        stored,
        f"A# {d[:3]}-{d[3:6]}-{d[6:]}",
        f"A-{d[:3]} {d[3:6]} {d[6:]}",
        f"a.{d[:3]}.{d[3:6]}.{d[6:]}",
        d,
        f"{d[:3]} {d[3:6]} {d[6:]}",
        f"A {d}",
        f"A-number: {d[:3]}-{d[3:6]}-{d[6:]}",
        f"alien no. {d}",
        f"A{short}",
        f"A {d[:3]} - {d[3:6]} - {d[6:]}",
        f"{d[:3]},{d[3:6]},{d[6:]}",
        f"A{d[:3]}-\n{d[3:6]}-{d[6:]}",
        f"A_{d[:3]}_{d[3:6]}_{d[6:]}",
        f"{d[:3]} -- {d[3:6]} -- {d[6:]}",
        f"A{d[:3]}\u200b{d[3:]}",
    ]


def phone_variants(stored: str) -> list[str]:
    d = re.sub(r"\D", "", stored)[-10:]
    return [
        f"({d[:3]}) {d[3:6]}-{d[6:]}",
        f"{d[:3]}.{d[3:6]}.{d[6:]}",
        f"{d[:3]}-{d[3:6]}-{d[6:]}",
        d,
        f"+1 {d[:3]} {d[3:6]} {d[6:]}",
        f"1-{d[:3]}-{d[3:6]}-{d[6:]}",
        f"001 {d[:3]} {d[3:6]} {d[6:]}",
        f"({d[:3]}) {d[3:6]} - {d[6:]}",
        f"{d[:3]}_{d[3:6]}_{d[6:]}",
        f"({d[:3]})  {d[3:6]}  -  {d[6:]}",
        f"{d[:3]} \u2022 {d[3:6]} \u2022 {d[6:]}",
    ]


def dob_variants(value: date) -> list[str]:
    month = value.strftime("%B")
    return [
        value.isoformat(),
        value.strftime("%m/%d/%Y"),
        f"{value.month}/{value.day}/{value.year % 100:02d}",
        f"{month} {value.day}, {value.year}",
        f"{value.day} {month} {value.year}",
        f"{month[:3]}. {value.day}th {value.year}",
        value.strftime("%Y%m%d"),
        f"{month[:3]}-{value.day}-{value.year}",
        f"{value.day} {month[:3]} {value.year % 100:02d}",
        f"{value.day}-{month[:3]}-{value.year}",
        value.strftime("%Y %m %d"),
        value.strftime("%y-%m-%d"),
    ]


def address_variants(stored: str) -> list[str]:
    expanded = (
        stored.replace(" W ", " West ")
        .replace(" N ", " North ")
        .replace(" S ", " South ")
        .replace(" Rd", " Road")
        .replace(" Ave", " Avenue")
    )
    return [stored, expanded, stored.upper(), stored.replace(" Apt ", ", Apt. ")]


def canaries(person: dict) -> list[tuple[str, str]]:
    """(written form, what must not be seen) pairs for one person."""
    found = []
    for written in name_variants(person["full_name"]):
        found += [(written, part) for part in re.findall(r"[^\W\d_]{3,}", written)]
    for alias in (person["aliases"] or "").split(";"):
        if alias.strip():
            found += [(alias.strip(), p) for p in re.findall(r"[^\W\d_]{4,}", alias)]
    digits = person["a_number"][1:].lstrip("0")
    found += [(w, digits) for w in a_number_variants(person["a_number"])]
    phone = re.sub(r"\D", "", person["phone"])[-10:]
    found += [(w, phone) for w in phone_variants(person["phone"])]
    email = person["email"]
    local, domain = email.split("@")
    spelled = f"{local} at {domain.replace('.', ' dot ')}"
    found += [(email, local), (email.upper(), local), (f"{local} @ {domain}", email)]
    found += [(spelled, spelled)]
    # short numbers would be found by chance digits-only: the written form is the secret
    found += [(w, w) for w in address_variants(person["street_address"])]
    found += [(w, w) for w in dob_variants(person["date_of_birth"])]
    found += [(f"ZIP {person['zip']}", f"ZIP {person['zip']}")]
    return found


def paragraphs(pairs: list[tuple[str, str]], limit: int) -> list[str]:
    """The written forms embedded in text with line breaks and punctuation, cut to `limit`."""
    wrappers = ["Agents said “{}” twice.", "({})", "Seen: {}\nthen released", "{}, and", "— {}!"]
    out, current = [], ""
    for n, (written, _) in enumerate(pairs):
        piece = wrappers[n % len(wrappers)].format(written) + " "
        if len(current) + len(piece) > limit:
            out.append(current)
            current = ""
        current += piece
    return [*out, current] if current else out


def free_fields():
    """(where, field) for every free-text field a dossier prints, from the specification."""
    for entity, where in (
        (spec.INCIDENT, "incident"),
        (spec.FRT_USE, "frt"),
        (spec.DOCUMENT, "doc"),
    ):
        for f in entity:
            if f.privacy == "free_text":
                yield where, f
    for f in spec.TIMELINE:
        if f.privacy == "free_text":
            yield "timeline", f
    for f in spec.EVIDENCE:
        if f.privacy == "free_text":
            yield "evidence", f
    yield "assessment", spec.ASSESSMENT["reasoning"]


def build_case(app, session, user, people: list[dict], texts: list[str]):
    """A case with these people and each text in every free-text field (rows repeated)."""
    from incidents.models import Agency
    from incidents.policies import services as policy_services
    from incidents.policies.applicability import applicable, suggest
    from incidents.records.bundle import load_bundle
    from tests.factories import create_evidence, create_incident, incident_data

    base = incident_data()
    ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one().id
    entries = []
    for n, person in enumerate(people):
        record = {**base["people"][0]["person"], **person}
        entries.append(
            {
                "key": f"n{n}",
                "person_id": None,
                "role": "subject" if n == 0 else "witness",
                "person": record,
            }
        )
    fields = list(free_fields())

    def cut(text, f):
        return text[: (f.max_length or 5000)]

    incident = create_incident(
        app,
        session,
        user,
        agency_ids=[ice],
        people=entries,
        narrative="\n\n".join(texts),
        frt_uses=[{**base["frt_uses"][0], "notes": cut(t, spec.FRT_USE["notes"])} for t in texts],
        documents=[
            {
                **base["documents"][0],
                "presented_by_key": "n0",
                "notes": cut(t, spec.DOCUMENT["notes"]),
            }
            for t in texts
        ],
        timeline=[
            {
                "id": None,
                "kind": "other",
                "starts_at": datetime(2025, 10, 14, 9, 30) + timedelta(hours=n),
                "ends_at": None,
                "place": cut(t, spec.TIMELINE["place"]),
                "description": cut(t, spec.TIMELINE["description"]),
            }
            for n, t in enumerate(texts)
        ],
    )
    for n, text in enumerate(texts):
        item = create_evidence(
            app,
            session,
            user,
            incident,
            name=f"e{n}.txt",
            kind="witness_statement",
            data=f"{n}".encode(),
        )
        for where, f in fields:
            if where == "evidence":
                setattr(item, f.code, cut(text, f))
        session.add(item)
    session.commit()
    bundle = load_bundle(session, incident)
    for _, provision in applicable(session, bundle)[:3]:
        policy_services.decide(
            session=session,
            actor=user,
            incident=incident,
            provision=provision,
            suggestion=suggest(provision, bundle),
            decision="violated",
            reasoning=texts[0][:5000],
            evidence_ids=[],
        )
    return incident


def pdftotext(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 (poppler-utils on the PATH)
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()


def leaked(text: str, secret: str) -> bool:
    """Whether `secret` can be read in `text`: folded, spaces removed, and digits-only."""
    folded, needle = re.sub(r"\s+", " ", fold(text)), fold(secret)
    if needle.isdigit() and len(needle) >= 7:  # digits-only: any punctuation or line break
        return needle in re.sub(r"\D", "", text)
    if re.search(rf"(?<![^\W\d_]){re.escape(needle)}(?![^\W\d_])", folded):
        return True
    return len(needle) >= 5 and needle in re.sub(r"\s", "", folded)


def redacted_pdf(session, incident, user) -> bytes:
    return build_pdf(gather(session=session, incident=incident, actor=user, profile="redacted"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--exhibits", type=int, default=500)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp)
        SQLModel.metadata.create_all(app.extensions["db_engine"])
        with app.test_request_context():
            from flask_login import login_user

            from incidents.policies.loader import load_library
            from tests.factories import create_user

            session = get_session()
            load_library(session=session)
            user, _ = create_user(session, role="lawyer")
            login_user(user)
            recall = measure_recall(app, session, user)
            precision = measure_precision(app, session, user)
            timing = measure_time(app, session, user, options)
        app.extensions["db_engine"].dispose()
    value, baseline = timing
    ratio = value / baseline
    print(
        f"recall {recall['value']:.4f} ({recall['canaries']} canaries, {recall['leaks']} leaked); "
        f"precision {precision['value']:.4f} ({precision['kept']} of {precision['expected']} "
        f"must-keep tokens); {options.exhibits}-exhibit dossier redacted {value:.0f} ms vs "
        f"{baseline:.0f} ms without redaction (x{ratio:.2f})"
    )
    for leak in recall["examples"]:
        print("  leaked:", leak)
    if precision["lost"]:
        print("  not kept everywhere:", precision["lost"])
    print(
        json.dumps(
            {
                "bench": "redaction",
                "metric": "redacted_dossier_ms",
                "value": round(value, 1),
                "baseline": round(baseline, 1),
                "ratio": round(ratio, 3),
                "budget": TIME_BUDGET,
                "recall": recall["value"],
                "recall_budget": RECALL_BUDGET,
                "precision": precision["value"],
                "precision_budget": PRECISION_BUDGET,
                "within_budget": ratio <= TIME_BUDGET
                and recall["value"] >= RECALL_BUDGET
                and precision["value"] >= PRECISION_BUDGET,
            }
        )
    )


def measure_recall(app, session, user) -> dict:
    """Every canary of every person in every free-text field of its case: none may be read."""
    total, leaks, examples = 0, 0, []
    for person in PEOPLE:
        pairs = canaries(person) + UNRECORDED
        incident = build_case(app, session, user, [person], paragraphs(pairs, 190))
        text = pdftotext(redacted_pdf(session, incident, user))
        for written, secret in pairs:
            total += 1
            if leaked(text, secret):
                leaks += 1
                examples.append(f"{written!r} → {secret!r}")
    return {
        "value": round(1 - leaks / total, 4),
        "canaries": total,
        "leaks": leaks,
        "examples": examples[:10],
    }


def flat(text: str, incident) -> str:
    """The text without the page furniture (reference, marking, generation time, page number)
    that a page break puts inside a paragraph, on one line."""
    furniture = re.compile(
        rf"^({re.escape(incident.reference)}|{re.escape(MARKING)}"
        r"|Generated .* UTC|page \d+ of \d+)$"
    )
    lines = [line for line in text.splitlines() if not furniture.match(line.strip())]
    return re.sub(r"\s+", " ", " ".join(lines))


def measure_precision(app, session, user) -> dict:
    """Text that must survive, in every field, beside recorded people."""
    sentence = "; ".join(SURVIVE) + "."
    incident = build_case(app, session, user, PEOPLE, [sentence[:190], sentence])
    text = flat(pdftotext(redacted_pdf(session, incident, user)), incident)
    full = flat(
        pdftotext(
            build_pdf(gather(session=session, incident=incident, actor=user, profile="full"))
        ),
        incident,
    )
    expected = sum(full.count(token) for token in SURVIVE)
    kept = sum(min(text.count(token), full.count(token)) for token in SURVIVE)
    lost = [token for token in SURVIVE if text.count(token) < full.count(token)]
    return {"value": round(kept / expected, 4), "kept": kept, "expected": expected, "lost": lost}


def measure_time(app, session, user, options) -> tuple[float, float]:
    """Median ms of the redacted dossier with and without the redaction step."""
    from bench.dossier import seed_case

    incident, _ = seed_case(app, session, options.exhibits, 100)
    incident.narrative = " ".join(w for w, _ in canaries(PEOPLE[0]))[:50000]
    session.add(incident)
    session.commit()
    ours, base = [], []
    for n in range(options.repeat):  # alternate which goes first
        for redacting, bucket in ((True, ours), (False, base))[:: 1 if n % 2 else -1]:
            with redaction_step(redacting):
                gc.collect()  # both start from a collected heap
                began = time.perf_counter()
                redacted_pdf(session, incident, user)
                bucket.append((time.perf_counter() - began) * 1000)
    return statistics.median(ours), statistics.median(base)


@contextmanager
def redaction_step(on: bool):
    """The redacted profile as it is (on), or with every redaction step made the identity: no
    decisions read, no engine built, text printed as given, no summary (off)."""
    if on:
        yield
        return
    saved = (
        content_module.active_decisions,
        content_module.redactor_for,
        content_module.redaction_summary,
        dossier_texts.Redaction.text,
    )

    def identity(self, key, value):
        self.printed.add(key)
        return value or ""

    content_module.active_decisions = lambda session, incident: []
    content_module.redactor_for = lambda bundle, decisions: None
    content_module.redaction_summary = lambda *args: RedactionSummary(Counter())
    dossier_texts.Redaction.text = identity
    try:
        yield
    finally:
        (
            content_module.active_decisions,
            content_module.redactor_for,
            content_module.redaction_summary,
            dossier_texts.Redaction.text,
        ) = saved


if __name__ == "__main__":
    main()
