"""Benchmark: requests per second under concurrency, the application against a raw baseline.

Builds a database in a temporary folder with the migrations and the policy library, creates an
organization with a caseworker and a lawyer through the application's own services (a fast
password hash, as every bench), and seeds it with `flask seed-demo --org` (100,000 synthetic
incidents by default; the demo's assignments, reviews and claims too). Then it serves it twice
with gunicorn, 2 gthread workers of 4 threads on a free port of 127.0.0.1, as README
"Production serving" does: the application (`wsgi:app`), signed in through its form as the
caseworker (with the second step if the organization required one), and the raw baseline
(bench/throughput_raw.py: the same queries and the same template without sign-in, session or
audit). Both are driven the same way, page by page, with the same load generator (wrk if
installed, else Python threads with keep-alive connections), connections and duration: a
warm-up of each side, then `--rounds` runs of each in alternating order (app, baseline,
baseline, app; the next page starts with the baseline). Pages: the incident list's first page,
the list with three filters, a deep page (three quarters of the way: page 1,500 of 2,000 at
100,000), a text search (kept with the sign-in session, as the search form does) and a case
page. Requests per second count answers of status 200; p50 and p99 are of every answer. (wrk
does not count the requests still under way when a run ends: use runs of several seconds.)

Budget: on SQLite the application >= 50 % of the baseline's requests per second on every page.
When BENCH_PG_URL (or --pg) names a PostgreSQL database, the same pages are measured there at
1,000,000 incidents (in a schema of its own, analysed after seeding as autovacuum would, dropped
at the end), the application alone: every page's p99 <= 200 ms and no failed request.
Servers, the temporary folder and the schema are removed at the end, also on Ctrl-C or an
error; nothing is kept between runs. The bench does not change how the application works.

Run: .venv/bin/python bench/throughput.py [--incidents N] [--duration S] [--connections C]
     [--rounds R] [--warmup S] [--generator auto|wrk|python] [--pg URL] [--pg-incidents N]
     [--pg-existing URL] [--sqlite-existing URL] [--skip-sqlite] [--pages "text search,..."]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import pg_schema
from throughput_db import EMAIL, PASSWORD, deep_page, existing, seed, server_env
from throughput_load import generator_name, merge, run_load
from throughput_serve import THREADS, WORKERS, Server, fetch, sign_in

RATIO_BUDGET = 0.5
P99_BUDGET_MS = 200.0
SEARCH = "quintero"


NAMES = ("first page", "filters", "deep page", "text search", "case page")


def pages(count: int, reference: str, after: int) -> list[tuple[str, str]]:
    """The measured pages: (name, path). The deep page is addressed as the list's "Next" link
    addresses it: after the last incident of the page before."""
    deep = deep_page(count)
    paths = (
        "/incidents",
        "/incidents?state=IL&frt_system=mobile_fortify&sole_basis=y",
        f"/incidents?page={deep}&after={after}",
        "/incidents?search=1",
        f"/incidents/{reference}",
    )
    return list(zip(NAMES, paths, strict=True))


def measure(index: int, path: str, sides: list[tuple], options, folder: Path) -> dict:
    """One page on every side (name, port, cookie): a check, a warm-up, then the rounds in
    alternating order; returns each side's merged figures."""
    sizes = {}
    for name, port, cookie in sides:
        status, _, body = fetch(port, "GET", path, cookie=cookie)
        if status != 200:
            raise RuntimeError(f"{name} answered {status} to {path}")
        sizes[name] = len(body)
    if len(sizes) == 2 and max(sizes.values()) > 1.15 * min(sizes.values()):
        print(f"  (the two pages differ in size: {sizes})", flush=True)
    order = sides if index % 2 == 0 else sides[::-1]
    load = {"connections": options.connections, "folder": folder, "generator": options.generator}
    for _, port, cookie in order:
        run_load(port, path, cookie, seconds=options.warmup, **load)
    runs: dict[str, list] = {name: [] for name, _, _ in sides}
    for r in range(options.rounds):
        for name, port, cookie in order if r % 2 == 0 else order[::-1]:
            seconds = options.duration / options.rounds
            runs[name].append(run_load(port, path, cookie, seconds=seconds, **load))
    return {name: merge(found) for name, found in runs.items()}


def describe(figures: dict) -> str:
    """req/s, p50, p99 (and failures) of one side."""
    line = f"{figures['req_s']:7.1f} req/s p50 {figures['p50_ms']:7.1f} ms p99 "
    line += f"{figures['p99_ms']:7.1f} ms"
    if figures["failed"] or figures["errors"]:
        line += f" ({figures['failed']} not 200, {figures['errors']} errors)"
    return line


def run_database(stack, label: str, url: str | None, count: int, options, baseline: bool):
    """Seed one database (`url`; None: SQLite in the temporary folder), start the servers,
    sign in, measure every page; returns page name → figures (the baseline's and the ratio
    too when `baseline`)."""
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="throughput-")))
    url = url or f"sqlite:///{folder}/bench.db"
    keys = {"SECRET_KEY": secrets.token_hex(32), "AUDIT_KEY": secrets.token_hex(32)}
    if count:
        print(f"{label}: seeding {count:,} incidents (flask seed-demo)…", flush=True)
        seeded = seed(folder, url, count, keys)
    else:  # measured as it is
        seeded = existing(folder, url, keys)
        count = seeded["count"]
        print(f"{label}: the existing database, {count:,} incidents", flush=True)
    env = server_env(folder, url, keys)
    app = Server("application", "wsgi:app", env, folder / "app.log")
    stack.callback(app.stop)
    app.start("/auth/login")
    browser = sign_in(app.port, seeded.get("email", EMAIL), PASSWORD, seeded["secret"])
    status, _, _ = browser.post_form("/incidents/search", {"q": SEARCH}, "/incidents")
    if status != 302:
        raise RuntimeError(f"the search was refused ({status})")
    sides = [("app", app.port, browser.cookie)]
    if baseline:
        raw_env = {**env, "THROUGHPUT_USER_ID": str(seeded["user_id"]), "THROUGHPUT_SEARCH": SEARCH}
        raw = Server("baseline", "throughput_raw:application", raw_env, folder / "raw.log")
        stack.callback(raw.stop)
        raw.start("/ready")
        sides.append(("baseline", raw.port, ""))
    results = {}
    chosen = [
        p for p in pages(count, seeded["reference"], seeded["after"]) if p[0] in options.pages
    ]
    for index, (name, path) in enumerate(chosen):
        found = measure(index, path, sides, options, folder)
        row = {k: round(v, 1) for k, v in found["app"].items()}
        line = f"{label} {name:<12} app {describe(found['app'])}"
        if baseline:
            base = found["baseline"]
            if not base["req_s"]:
                raise RuntimeError(f"the baseline answered no request of {name} with 200")
            ratio = found["app"]["req_s"] / base["req_s"]
            row |= {f"baseline_{k}": round(v, 1) for k, v in base.items()} | {
                "ratio": round(ratio, 3),
                "within_budget": ratio >= RATIO_BUDGET,
            }
            line += f"  | baseline {describe(base)}  | ratio {ratio:.2f}"
        else:
            app_side = found["app"]
            row["within_budget"] = app_side["p99_ms"] <= P99_BUDGET_MS and not (
                app_side["failed"] or app_side["errors"]
            )
        print(f"{line}  {'within budget' if row['within_budget'] else 'OVER BUDGET'}", flush=True)
        results[name] = row
    return results


def main() -> None:
    """Parse the options, measure SQLite (and PostgreSQL if named), print the JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=20, help="seconds per page and side")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2, help="runs per side, alternating")
    parser.add_argument("--warmup", type=float, default=3, help="seconds per page and side")
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG_URL") or None)
    parser.add_argument("--pg-incidents", type=int, default=1_000_000)
    parser.add_argument(
        "--pg-existing",
        metavar="URL",
        help="measure this PostgreSQL database as it is (seeded before: seeding a million "
        "takes longer than the bench); adds a caseworker account and audit rows to it",
    )
    parser.add_argument(
        "--sqlite-existing",
        metavar="URL",
        help="measure this SQLite database (sqlite:///path) as it is, with the baseline; "
        "adds a caseworker account and audit rows to it",
    )
    parser.add_argument("--skip-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument(
        "--pages", help=f"measure only these pages (comma-separated, of: {', '.join(NAMES)})"
    )
    options = parser.parse_args()
    options.generator = generator_name(options.generator)
    options.pages = [p.strip() for p in (options.pages or ",".join(NAMES)).split(",")]
    if unknown := set(options.pages) - set(NAMES):
        parser.error(f"unknown page(s): {', '.join(sorted(unknown))}; pages: {', '.join(NAMES)}")
    # Ctrl-C and a plain kill both unwind the ExitStacks (servers, folders, schema), also when
    # started where SIGINT was ignored (a background job of a script)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(
        f"load: {options.generator}, {options.connections} connections, {options.duration:g} s "
        f"per page and side in {options.rounds} runs; gunicorn {WORKERS} gthread workers x "
        f"{THREADS} threads",
        flush=True,
    )
    sqlite = {}
    if not options.skip_sqlite:
        with contextlib.ExitStack() as stack:
            url, count = (
                options.sqlite_existing,
                0 if options.sqlite_existing else options.incidents,
            )
            sqlite = run_database(stack, "SQLite", url, count, options, True)
    pg = None
    if options.pg_existing:
        with contextlib.ExitStack() as stack:
            pg = run_database(stack, "PostgreSQL", options.pg_existing, 0, options, False)
    elif options.pg:
        with contextlib.ExitStack() as stack:
            url = pg_schema(stack, options.pg, "bench_throughput")
            pg = run_database(stack, "PostgreSQL", url, options.pg_incidents, options, False)
    worst_name, worst = min(sqlite.items(), key=lambda item: item[1]["ratio"], default=(None, {}))
    report = {
        "bench": "throughput",
        "metric": "req_per_s_worst_page_by_ratio_sqlite",
        "value": worst.get("req_s"),
        "baseline": worst.get("baseline_req_s"),
        "ratio": worst.get("ratio"),
        "budget": {"ratio_min": RATIO_BUDGET, "pg_p99_ms": P99_BUDGET_MS},
        "within_budget": all(r["within_budget"] for r in (*sqlite.values(), *(pg or {}).values())),
        "worst_page": worst_name,
        "incidents": "existing" if options.sqlite_existing else options.incidents,
        "load": {
            "generator": options.generator,
            "connections": options.connections,
            "duration_s": options.duration,
            "rounds": options.rounds,
            "gunicorn": f"{WORKERS} gthread workers x {THREADS} threads",
        },
        "pages": sqlite,
        "postgresql": None
        if pg is None
        else {
            "incidents": options.pg_incidents if not options.pg_existing else "existing",
            "within_budget": all(r["within_budget"] for r in pg.values()),
            "pages": pg,
        },
    }
    print(json.dumps(report))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted: servers stopped, temporary files removed")
