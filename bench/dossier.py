"""Benchmark: building the dossier of a case with 500 exhibits and 100 timeline events
(gathering it from the database and laying it out with outline, headers and "page X of Y")
against a bare reportlab document with the same text content (the same paragraphs and tables,
the same embedded font, no outline or page furniture) built in the same run: time and peak
memory (tracemalloc). Budget: <= 1.5x the baseline's time. Prints one JSON object last.

Run: .venv/bin/python bench/dossier.py [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app
from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Table
from sqlmodel import SQLModel, select

from incidents.db import get_session
from incidents.dossier.builder import build_pdf, register_fonts, styles
from incidents.dossier.content import gather

BUDGET = 1.5


def bare(content) -> bytes:
    """The same content as plain flowables in a plain document."""
    register_fonts()
    s = styles()
    story = [Paragraph(content.reference, s["h1"]), Paragraph(content.title, s["body"])]
    story += [Paragraph(f"{k}: {v}", s["body"]) for k, v in vars(content.facts).items()]
    for _title, rows in content.details:
        story.append(
            Table([[Paragraph(k, s["small"]), Paragraph(v or "—", s["small"])] for k, v in rows])
        )
    for group in (
        content.people,
        content.agents,
        content.frt_uses,
        content.documents,
        content.analysis,
    ):
        for row in group:
            story.append(
                Table(
                    [
                        [Paragraph(str(k), s["small"]), Paragraph(str(v), s["small"])]
                        for k, v in row.items()
                    ]
                )
            )
    story.append(
        Table([[Paragraph(str(v), s["small"]) for v in t.values()] for t in content.timeline])
    )
    story.append(Paragraph(content.narrative, s["body"]))
    for exhibit in content.exhibits:
        story.append(
            Table(
                [
                    [
                        Paragraph(str(v), s["small"])
                        for v in (
                            exhibit.label,
                            f"{exhibit.title} {exhibit.description}",
                            exhibit.sha256,
                            exhibit.received,
                        )
                    ]
                ]
            )
        )
        if exhibit.preview:
            image = Image(exhibit.preview)
            image.drawWidth, image.drawHeight = 300, 225
            story.append(image)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=LETTER).build(story)
    return buffer.getvalue()


def traced_peak(build) -> int:
    """Peak traced bytes of one call, tracemalloc started just for it."""
    tracemalloc.start()
    try:
        build()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    """Build both several times; compare median times and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--exhibits", type=int, default=500)
    parser.add_argument("--events", type=int, default=100)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp)
        SQLModel.metadata.create_all(app.extensions["db_engine"])
        with app.app_context():
            session = get_session()
            incident, user = seed_case(app, session, options.exhibits, options.events)
            ours, base, peaks = [], [], {"dossier": 0, "bare": 0}
            for _ in range(options.repeat):  # timing runs, without tracing
                began = time.perf_counter()
                content = gather(session=session, incident=incident, actor=user, profile="full")
                pdf = build_pdf(content)
                ours.append(time.perf_counter() - began)
                began = time.perf_counter()
                plain = bare(content)
                base.append(time.perf_counter() - began)
            # peak memory: one traced, untimed run of each, traced the same way
            peaks["dossier"] = traced_peak(
                lambda: build_pdf(
                    gather(session=session, incident=incident, actor=user, profile="full")
                )
            )
            peaks["bare"] = traced_peak(lambda: bare(content))
        app.extensions["db_engine"].dispose()
    value, baseline = statistics.median(ours) * 1000, statistics.median(base) * 1000
    mb = {name: round(peak / 2**20, 1) for name, peak in peaks.items()}
    print(
        f"{options.exhibits} exhibits, {options.events} timeline events: dossier {value:.0f} ms, "
        f"{len(pdf):,} bytes, peak {mb['dossier']} MB; bare reportlab {baseline:.0f} ms, "
        f"{len(plain):,} bytes, peak {mb['bare']} MB"
    )
    print(
        json.dumps(
            {
                "bench": "dossier",
                "metric": "median_build_ms",
                "value": round(value, 1),
                "baseline": round(baseline, 1),
                "ratio": round(value / baseline, 2),
                "budget": BUDGET,
                "within_budget": value / baseline <= BUDGET,
                "peak_memory_mb": mb,
            }
        )
    )


def seed_case(app, session, exhibits: int, events: int):
    """A case with `exhibits` evidence items (three photos) and `events` timeline events."""
    from datetime import datetime, timedelta

    from incidents.models import Agency
    from incidents.policies.loader import load_library
    from tests.factories import create_evidence, create_incident, create_user, jpeg_bytes

    load_library(session=session)
    user, _ = create_user(session, role="lawyer")
    ice = session.exec(select(Agency).where(Agency.code == "ice_ero")).one().id
    timeline = [
        {
            "id": None,
            "kind": "other",
            "place": "Processing center",
            "starts_at": datetime(2025, 1, 1) + timedelta(hours=n),
            "ends_at": None,
            "description": f"Step {n} of the detention",
        }
        for n in range(events)
    ]
    incident = create_incident(app, session, user, agency_ids=[ice], timeline=timeline)
    for n in range(exhibits):
        if n < 3:
            create_evidence(
                app,
                session,
                user,
                incident,
                name=f"photo{n}.jpg",
                data=jpeg_bytes(size=(1200 + n, 900)),
            )
        else:
            create_evidence(
                app,
                session,
                user,
                incident,
                name=f"statement-{n}.txt",
                kind="witness_statement",
                data=f"statement {n}\n".encode(),
            )
    return incident, user


if __name__ == "__main__":
    main()
