"""Benchmark: the information loss of our k-anonymous release (the lattice search of
`exports.lattice`, through `exports.services.prepare`) next to anjana's (IFCA's anonymization
library, built on pyCANON) on the same rows, hierarchies, k = 5 and suppression limit (5 % of the
eligible rows), at 2,000 and 100,000 consented demo incidents.

Both releases are scored with our loss definition: the normalised certainty penalty of every
quasi-identifier cell of every eligible row, equal weights, a suppressed row losing 1 a cell,
over rows x 5, with the domains of `hierarchy.domains`. anjana runs in its own virtual
environment (.venv-anjana, made on first use: it pins numpy, pandas and pyCANON versions the
application cannot use) through bench/anjana_run.py, with `k_anonymity_inner` so that the
levels it chose come back exactly; its hierarchies are our `Hierarchy.value` of every level-0
value ("unknown" stays "unknown" at every level, as in ours). Both outputs are checked to be
5-anonymous twice: by counting their classes here, and by pyCANON in anjana's environment (ours
on the CSV the export streams).

Budget: our loss <= anjana's (+1e-9) at every size. Prints one JSON object last.

Run: .venv/bin/python bench/anonymity.py [--sizes 2000 100000]
"""

from __future__ import annotations

import argparse
import csv
import fcntl
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app
from sqlalchemy import text, update

from incidents import migrate
from incidents.admin.services import create_organization
from incidents.db import get_session
from incidents.demo import seed_incidents
from incidents.exports import facts, hierarchy
from incidents.exports.anonymize import MAX_SUPPRESSED_SHARE
from incidents.exports.hierarchy import HIERARCHIES
from incidents.exports.services import prepare, stream_rows
from incidents.models import Incident, ResearchFacts

ROOT = Path(__file__).resolve().parent.parent
K = 5
SUPP_PERCENT = 100 * MAX_SUPPRESSED_SHARE  # anjana's limit: suppressed * 100 / rows <= 5
TIE = 1e-9
QI = tuple(h.name for h in HIERARCHIES)
ANJANA = "anjana==1.2.3"
VENV = ROOT / ".venv-anjana"


def anjana_python() -> str:
    """The python of .venv-anjana, created (under a lock, marked once installed) on first use."""
    python = VENV / "bin" / "python"
    ready = VENV / f"installed-{ANJANA.replace('==', '-')}"
    with open(f"{VENV}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            print(f"creating {VENV.name} with {ANJANA} (first run only)", flush=True)
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", ANJANA],
                check=True,
                timeout=900,
                stderr=subprocess.DEVNULL,  # the local index's warnings
            )
            ready.touch()
    return str(python)


def level0_rows(session, organization_ids) -> list[tuple]:
    """(incident id, the five level-0 quasi-identifiers) of every eligible fact."""
    columns = [ResearchFacts.incident_id, *(getattr(ResearchFacts, name) for name in QI)]
    query = facts.eligible(organization_ids, *columns).order_by(ResearchFacts.incident_id)
    return [tuple(row) for row in session.execute(query)]


def score(kept: list[tuple[str, ...]], levels: dict[str, int], suppressed: int, domains) -> float:
    """Our loss of a release: the NCP of every kept cell at its level, 1 for every cell of a
    suppressed row, over (kept + suppressed) rows x the number of quasi-identifiers (equal
    weights)."""
    total = float(suppressed * len(HIERARCHIES))
    for i, h in enumerate(HIERARCHIES):
        level, domain = levels[h.name], domains[h.name]
        for value, n in Counter(row[i] for row in kept).items():
            total += n * h.penalty(value, level, domain)
    return total / ((len(kept) + suppressed) * len(HIERARCHIES))


def generalize(row: tuple[str, ...], levels: dict[str, int]) -> tuple[str, ...]:
    """A row of level-0 values at these levels (Python's `Hierarchy.value`)."""
    return tuple(h.value(v, levels[h.name]) for h, v in zip(HIERARCHIES, row, strict=True))


def release_at(rows: list[tuple], levels: dict[str, int]) -> tuple[list[tuple], int]:
    """(kept generalized rows, suppressed) when the classes smaller than K are suppressed."""
    general = [generalize(row[1:], levels) for row in rows]
    sizes = Counter(general)
    kept = [row for row in general if sizes[row] >= K]
    return kept, len(general) - len(kept)


def smallest_class(rows) -> int:
    """The size of the smallest class of these generalized rows (0 when none)."""
    return min(Counter(rows).values(), default=0)


def ours(session, organization_id, rows, domains, folder: Path) -> dict:
    """Our release: prepare() timed; its export streamed to a CSV and its classes counted; its
    loss recomputed from the rows by `score`."""
    began = time.perf_counter()
    export = prepare(session=session, organization_id=organization_id, k=K)
    seconds = time.perf_counter() - began
    plan = export.plan
    streamed = folder / "ours.csv"
    with open(streamed, "w", encoding="utf-8", newline="") as handle:
        for chunk in stream_rows(session=session, export=export):
            handle.write(chunk)
    with open(streamed, encoding="utf-8", newline="") as handle:
        exported = [tuple(row[name] for name in QI) for row in csv.DictReader(handle)]
    kept, suppressed = release_at(rows, plan.levels)
    problems = []
    if plan.eligible != len(rows):
        problems.append(f"eligible {plan.eligible} != {len(rows)} rows read")
    if suppressed != plan.suppressed:
        problems.append(f"suppressed {plan.suppressed}, recount {suppressed}")
    if Counter(exported) != Counter(kept):
        problems.append("the streamed export differs from the rows at the plan's levels")
    recomputed = score(kept, plan.levels, suppressed, domains)
    if abs(recomputed - plan.loss) > TIE:
        problems.append(f"loss {plan.loss!r}, recomputed {recomputed!r}")
    return {
        "levels": dict(plan.levels),
        "suppressed": plan.suppressed,
        "loss": plan.loss,
        "seconds": seconds,
        "k_counted": smallest_class(exported),
        "rows_exported": len(exported),
        "problems": problems,
        "csv": streamed,
    }


def anjana(rows, domains, folder: Path, ours_csv: Path) -> dict:
    """anjana's release of the same rows, run in .venv-anjana; scored and checked here."""
    python = anjana_python()
    data = folder / "anjana_data.csv"
    with open(data, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row_id", *QI])
        writer.writerows(rows)
    # anjana's hierarchy tables: one entry per level-0 value seen, its value at every level
    # (the same mapping as a table of every row, without anjana's per-cell search of it).
    tables = {}
    for i, h in enumerate(HIERARCHIES):
        leaves = sorted({row[i + 1] for row in rows})
        tables[h.name] = {
            level: [h.value(leaf, level) for leaf in leaves] for level in range(len(h.levels))
        }
        for level in range(1, len(h.levels)):  # anjana maps level - 1 to level: a function?
            upward = dict(zip(tables[h.name][level - 1], tables[h.name][level], strict=True))
            assert all(
                upward[a] == b
                for a, b in zip(tables[h.name][level - 1], tables[h.name][level], strict=True)
            ), f"{h.name} level {level} is not a function of level {level - 1}"
    hierarchies = folder / "anjana_hierarchies.json"
    hierarchies.write_text(json.dumps(tables))
    began = time.perf_counter()
    subprocess.run(
        [
            python,
            str(ROOT / "bench" / "anjana_run.py"),
            str(data),
            str(hierarchies),
            str(folder),
            str(K),
            str(SUPP_PERCENT),
            str(ours_csv),
        ],
        check=True,
    )
    wall = time.perf_counter() - began
    result = json.loads((folder / "anjana.json").read_text())
    levels = {name: result["levels"][name] for name in QI}
    level0 = {str(row[0]): row[1:] for row in rows}
    kept = []
    problems = []
    if result["rows_kept"]:
        with open(folder / "anjana_rows.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                values = tuple(row[name] for name in QI)
                if values != generalize(level0[row["row_id"]], levels):
                    problems.append(f"row {row['row_id']}: {values} is not at levels {levels}")
                kept.append(values)
    suppressed = len(rows) - len(kept)
    if suppressed != result["suppressed"]:
        problems.append(f"suppressed {result['suppressed']}, recount {suppressed}")
    if suppressed > int(MAX_SUPPRESSED_SHARE * len(rows)):
        problems.append(f"suppressed {suppressed} rows, over the limit")
    expected_kept, _ = release_at(rows, levels)
    if Counter(expected_kept) != Counter(kept):
        problems.append("kept rows differ from the rows at its levels less the classes < k")
    return {
        "levels": levels,
        "suppressed": suppressed,
        "loss": score(kept, levels, suppressed, domains) if kept else 1.0,
        "seconds": result["seconds"],
        "wall": wall,
        "k_counted": smallest_class(kept),
        "k_pycanon": result["pycanon_k"],
        "k_pycanon_ours": result.get("pycanon_k_ours"),
        "version": f"anjana {result['anjana']}, pyCANON {result['pycanon']}",
        "printed": result["printed"],
        "problems": problems[:5] + ([f"... {len(problems) - 5} more"] if len(problems) > 5 else []),
    }


def code(levels: dict[str, int]) -> str:
    """Levels as "period-age-region-nationality-agency" (our release code)."""
    return "-".join(str(levels[name]) for name in QI)


def measure(session, org_id, size: int, folder: Path) -> dict:
    """Both releases of the eligible facts at this size."""
    organization_ids = facts.eligible_organizations(session, org_id)
    if facts.fill_missing(session, organization_ids):
        session.commit()
    rows = level0_rows(session, organization_ids)
    domains = hierarchy.domains({row[1] for row in rows})
    mine = ours(session, org_id, rows, domains, folder)
    theirs = anjana(rows, domains, folder, mine["csv"])
    both_k = min(mine["k_counted"], theirs["k_counted"], theirs["k_pycanon"] or 0)
    both_k = min(both_k, theirs["k_pycanon_ours"] or 0)
    ratio = mine["loss"] / theirs["loss"] if theirs["loss"] else (1.0 if not mine["loss"] else None)
    unknown = {
        h.name: sum(row[i + 1] == hierarchy.UNKNOWN for row in rows)
        for i, h in enumerate(HIERARCHIES)
    }
    return {
        "size": size,
        "eligible": len(rows),
        "domains": domains,
        "unknown": unknown,
        "ours": mine,
        "anjana": theirs,
        "ratio": ratio,
        "within": mine["loss"] <= theirs["loss"] + TIE
        and both_k >= K
        and not mine["problems"]
        and not theirs["problems"],
    }


def report(r: dict) -> None:
    """Print one size's figures."""
    mine, theirs = r["ours"], r["anjana"]
    budget = int(MAX_SUPPRESSED_SHARE * r["eligible"])
    print(
        f"{r['size']:,} incidents ({r['eligible']:,} eligible, k={K}, at most {budget:,} rows "
        f"suppressed; levels period-age-region-nationality-agency; domains {r['domains']}):"
    )
    print(
        f"  ours:   levels {code(mine['levels'])}, {mine['suppressed']:,} suppressed, "
        f"loss {mine['loss']:.6f}, {mine['seconds']:.2f} s (prepare), "
        f"k counted {mine['k_counted']}, pyCANON k {theirs['k_pycanon_ours']}"
    )
    print(
        f"  anjana: levels {code(theirs['levels'])}, {theirs['suppressed']:,} suppressed, "
        f"loss {theirs['loss']:.6f}, {theirs['seconds']:.2f} s (k_anonymity_inner; "
        f"{theirs['wall']:.2f} s with its process), k counted {theirs['k_counted']}, "
        f"pyCANON k {theirs['k_pycanon']} [{theirs['version']}]"
    )
    print(f"  'unknown' cells (a value at every level, as in ours): {r['unknown']}")
    ratio = "n/a" if r["ratio"] is None else f"{r['ratio']:.4f}"
    print(f"  ratio ours/anjana {ratio}; {'within' if r['within'] else 'NOT within'} budget")
    for side in ("ours", "anjana"):
        for problem in r[side]["problems"]:
            print(f"  problem ({side}): {problem}")
    sys.stdout.flush()


def main() -> None:
    """Seed each size, compare both releases, print the figures and the JSON contract."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=["2000", "100000"],
        help="incident counts, e.g. --sizes 2000 100000 (or 2000,100000)",
    )
    options = parser.parse_args()
    sizes = sorted({int(s) for item in options.sizes for s in item.split(",") if s.strip()})
    results = []
    anjana_python()  # before the clock starts
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp)
        with app.app_context():
            migrate.upgrade()
            session = get_session()
            org = create_organization(session=session, name="Bench Org", code="BEN")
            seeded = 0
            for size in sizes:
                began = time.perf_counter()
                seed_incidents(session=session, organization=org, count=size - seeded, seed=size)
                seeded = size
                session.execute(update(Incident).values(research_consent="yes"))
                session.commit()
                session.execute(text("ANALYZE"))
                session.commit()
                print(f"seeded {size:,} incidents in {time.perf_counter() - began:.0f} s")
                folder = Path(tmp) / str(size)
                folder.mkdir()
                results.append(measure(session, org.id, size, folder))
                report(results[-1])
        app.extensions["db_engine"].dispose()
    last = results[-1]
    print(
        json.dumps(
            {
                "bench": "anonymity",
                "metric": "information_loss",
                "value": round(last["ours"]["loss"], 6),
                "baseline": round(last["anjana"]["loss"], 6),
                "ratio": None if last["ratio"] is None else round(last["ratio"], 4),
                "budget": "<= anjana",
                "sizes": {
                    str(r["size"]): {
                        "ours": {
                            "levels": code(r["ours"]["levels"]),
                            "suppressed": r["ours"]["suppressed"],
                            "loss": round(r["ours"]["loss"], 6),
                            "seconds": round(r["ours"]["seconds"], 3),
                        },
                        "anjana": {
                            "levels": code(r["anjana"]["levels"]),
                            "suppressed": r["anjana"]["suppressed"],
                            "loss": round(r["anjana"]["loss"], 6),
                            "seconds": round(r["anjana"]["seconds"], 3),
                        },
                        "ratio": None if r["ratio"] is None else round(r["ratio"], 4),
                    }
                    for r in results
                },
                "within_budget": all(r["within"] for r in results),
            }
        )
    )


if __name__ == "__main__":
    main()
