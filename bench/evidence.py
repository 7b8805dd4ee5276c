"""Benchmark: uploading a 200 MB evidence file through the app (HTTP, multipart form, streamed to
disk and hashed as received), against `sha256sum` of the same file in the same run; and the
server's peak memory for a 20 MB and a 200 MB upload (it must not grow with the file).
Budget: upload rate >= 50 % of sha256sum's rate; peak memory growth < 32 MB. Last line: JSON.

Run: .venv/bin/python bench/evidence.py [--mb 200]
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

RATE_BUDGET = 0.5
SHA256SUM = shutil.which("sha256sum") or "/usr/bin/sha256sum"
MEMORY_BUDGET_MB = 32
HERE = Path(__file__).resolve().parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def make_file(path: Path, megabytes: int) -> None:
    """Random bytes behind a PDF header (the app checks content)."""
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        for _ in range(megabytes):
            handle.write(os.urandom(1024 * 1024))


def start_server(workdir: str):
    """The helper server in its own process; returns (process, port, email, password, ref)."""
    process = subprocess.Popen(
        [sys.executable, str(HERE / "evidence_server.py"), workdir],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=HERE.parent,
    )
    line = process.stdout.readline().split()
    assert line and line[0] == "READY", "server did not start"
    return process, int(line[1]), line[2], line[3], line[4]


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def upload(port: int, email: str, password: str, reference: str, path: Path) -> float:
    """Sign in, then stream a multipart upload of `path`; returns seconds for the upload."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    token = TOKEN.search(opener.open(base + "/auth/login").read().decode()).group(1)
    opener.open(
        base + "/auth/login",
        urllib.parse.urlencode(
            {"email": email, "password": password, "csrf_token": token}
        ).encode(),
    )
    page = opener.open(f"{base}/incidents/{reference}/evidence/new").read().decode()
    token = TOKEN.search(page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    boundary = "----bench" + os.urandom(8).hex()
    head = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in (("csrf_token", token), ("kind", "document"))
    ) + (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="{path.name}"\r\nContent-Type: application/pdf\r\n\r\n'
    )
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head.encode()) + path.stat().st_size + len(tail)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    began = time.perf_counter()
    connection.putrequest("POST", f"/incidents/{reference}/evidence/new")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(length))
    connection.putheader("Cookie", cookie)
    # the same User-Agent as the sign-in: sessions are bound to it (session protection)
    connection.putheader("User-Agent", dict(opener.addheaders)["User-agent"])
    connection.endheaders()
    connection.send(head.encode())
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            connection.send(chunk)
    connection.send(tail)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - began
    assert response.status == 302, f"upload failed: {response.status}"
    return elapsed


def measure(megabytes: int, workdir: Path) -> tuple[float, float]:
    """(upload seconds, server peak RSS MB) for one file size, in a fresh server."""
    source = workdir / f"file-{megabytes}.pdf"
    make_file(source, megabytes)
    appdir = workdir / f"app-{megabytes}"
    appdir.mkdir()
    process, port, email, password, reference = start_server(str(appdir))
    try:
        seconds = upload(port, email, password, reference, source)
        return seconds, peak_rss_mb(process.pid)
    finally:
        process.kill()
        process.wait()


def main() -> None:
    """Measure and compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    megabytes = parser.parse_args().mb
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        _, small_peak = measure(20, workdir)
        seconds, peak = measure(megabytes, workdir)
        source = workdir / f"file-{megabytes}.pdf"
        began = time.perf_counter()
        subprocess.run([SHA256SUM, str(source)], check=True, capture_output=True)
        baseline = time.perf_counter() - began
    size_mb = megabytes + 1 / 1024
    rate, base_rate = size_mb / seconds, size_mb / baseline
    growth = peak - small_peak
    print(
        f"upload {megabytes} MB: {seconds:.2f} s ({rate:.0f} MB/s); sha256sum: {baseline:.2f} s "
        f"({base_rate:.0f} MB/s); server peak memory {small_peak:.0f} MB for 20 MB, "
        f"{peak:.0f} MB for {megabytes} MB"
    )
    print(
        json.dumps(
            {
                "bench": "evidence",
                "metric": "upload_mb_per_s",
                "value": round(rate, 1),
                "baseline": round(base_rate, 1),
                "ratio": round(rate / base_rate, 2),
                "budget": {
                    "ratio_at_least": RATE_BUDGET,
                    "memory_growth_mb_below": MEMORY_BUDGET_MB,
                },
                "peak_memory_mb": {"20": round(small_peak, 1), str(megabytes): round(peak, 1)},
                "within_budget": rate / base_rate >= RATE_BUDGET and growth < MEMORY_BUDGET_MB,
            }
        )
    )


if __name__ == "__main__":
    main()
