"""Load generators of bench/throughput.py, measuring both servers the same way: wrk when it is
installed (a Lua script carries the session cookie, counts answers other than 200 and prints
the latency percentiles), else threads with keep-alive `http.client` connections. A run gives
the requests answered, the seconds, the failures and a table of latency percentiles; several
runs of one side are merged into one figure (`merge`)."""

from __future__ import annotations

import http.client
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchapp import percentile

# the latency percentiles every run reports: every half percent, every tenth above 98 (not
# 100: wrk's percentile(100) answers 0)
GRID = [p / 2 for p in range(1, 197)] + [p / 10 for p in range(981, 1000)] + [99.95, 99.99]

LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
wrk.method = "GET"
wrk.path = PATH
wrk.headers["Cookie"] = COOKIE
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("bad") end
  local e = summary.errors
  io.write(string.format("RUN %d %d %d %d\\n", summary.requests, summary.duration, failed,
    e.connect + e.read + e.write + e.timeout))
  for _, p in ipairs(GRID) do
    io.write(string.format("Q %s %d\\n", p, latency:percentile(p)))
  end
end
"""


@dataclass
class Run:
    """One timed run of one side: answers, seconds, failures, latency percentiles (ms)."""

    requests: int
    seconds: float
    failed: int  # answered, but not 200
    errors: int  # connection errors and timeouts
    table: dict[float, float] = field(default_factory=dict)

    @property
    def good(self) -> int:
        """Answers that were 200."""
        return self.requests - self.failed


def generator_name(wanted: str = "auto") -> str:
    """The load generator to use: `wanted` ("wrk" or "python"), or with "auto" wrk when it is
    on the PATH, else python."""
    if wanted == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if wanted == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk), or use --generator python")
    return wanted


def run_load(
    port: int,
    path: str,
    cookie: str,
    *,
    seconds: float,
    connections: int,
    folder: Path,
    generator: str,
) -> Run:
    """Drive GET `path` on 127.0.0.1:`port` with `connections` keep-alive connections for
    `seconds`, with `generator` ("wrk" or "python")."""
    if generator == "wrk":
        return _wrk(port, path, cookie, seconds, connections, folder)
    return _python(port, path, cookie, seconds, connections)


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk(port, path, cookie, seconds, connections, folder: Path) -> Run:
    script = folder / "throughput.lua"
    grid = "{" + ", ".join(str(p) for p in GRID) + "}"
    header = f"PATH = {_lua_string(path)}\nCOOKIE = {_lua_string(cookie)}\nGRID = {grid}\n"
    script.write_text(header + LUA, encoding="utf-8")
    command = [
        *("wrk", "-t", str(min(2, connections)), "-c", str(connections)),
        *("-d", f"{max(1, round(seconds))}s", "--timeout", "60s", "-s", str(script)),
        f"http://127.0.0.1:{port}{path}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line.split() for line in done.stdout.splitlines()]
    found = [line for line in lines if line and line[0] == "RUN"]
    if done.returncode != 0 or not found:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    requests, micros, failed, errors = (int(v) for v in found[0][1:5])
    table = {float(p): int(v) / 1000 for tag, p, v in (x for x in lines if x[0] == "Q")}
    return Run(requests, micros / 1e6, failed, errors, table)


def _python(port, path, cookie, seconds, connections) -> Run:
    latencies: list[float] = []
    counts = {"failed": 0, "errors": 0}
    lock = threading.Lock()
    began = time.perf_counter()
    deadline = began + seconds

    def worker():
        mine, failed, errors = [], 0, 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append((time.perf_counter() - start) * 1000)
            failed += response.status != 200
        conn.close()
        with lock:
            latencies.extend(mine)
            counts["failed"] += failed
            counts["errors"] += errors

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    table = {p: percentile(latencies, p) for p in GRID} if latencies else {}
    return Run(len(latencies), elapsed, counts["failed"], counts["errors"], table)


def merge(runs: list[Run]) -> dict:
    """One side's figure over its runs: good answers per second over the total time, and p50
    and p99 of the runs' latencies taken together (each run weighted by its answers)."""
    seconds = sum(r.seconds for r in runs)
    total = sum(r.requests for r in runs)
    return {
        "req_s": sum(r.good for r in runs) / seconds if seconds else 0.0,
        "p50_ms": _mixed_percentile(runs, 50, total),
        "p99_ms": _mixed_percentile(runs, 99, total),
        "failed": sum(r.failed for r in runs),
        "errors": sum(r.errors for r in runs),
    }


def _mixed_percentile(runs: list[Run], pct: float, total: int) -> float:
    """The smallest latency below which `pct` % of all answers fall, each run's share read off
    its percentile table."""
    if not total:
        return float("nan")

    def below(run: Run, value: float) -> float:
        return max((p for p, v in run.table.items() if v <= value), default=0.0) / 100

    for value in sorted({v for run in runs for v in run.table.values()}):
        if sum(run.requests * below(run, value) for run in runs) >= pct / 100 * total - 1e-9:
            return value
    return max(v for run in runs for v in run.table.values())
