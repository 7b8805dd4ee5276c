"""Servers of bench/throughput.py: gunicorn on a free local port with the README's production
settings (threaded workers), stopped with its whole process group; and the HTTP steps a
browser takes to sign in and to search."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
WORKERS, THREADS = 2, 4  # README "Production serving": gthread workers, 4 threads each
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _no_control_socket() -> list[str]:
    """Recent gunicorn opens a control socket in ~/.gunicorn by default, one path for every
    server: turned off, so that the two servers (and any other gunicorn) do not share it."""
    from gunicorn.config import KNOWN_SETTINGS

    return (
        ["--no-control-socket"]
        if any(s.name == "control_socket_disable" for s in KNOWN_SETTINGS)
        else []
    )


class Server:
    """One gunicorn serving `target` (module:callable) with `env`, its log in `log`."""

    def __init__(self, name: str, target: str, env: dict, log: Path):
        self.name, self.target, self.env, self.log = name, target, env, log
        self.port = 0
        self.process: subprocess.Popen | None = None

    def start(self, ready_path: str, timeout: float = 120) -> Server:
        """Start gunicorn in its own process group and wait until `ready_path` answers."""
        self.port = free_port()
        command = [
            *(sys.executable, "-m", "gunicorn", "--workers", str(WORKERS)),
            *("--worker-class", "gthread", "--threads", str(THREADS)),
            *("--bind", f"127.0.0.1:{self.port}", "--chdir", str(ROOT)),
            *("--pythonpath", str(ROOT / "bench"), *_no_control_socket(), self.target),
        ]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} server stopped at start:\n{self.tail()}")
            try:
                if fetch(self.port, "GET", ready_path)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} server not ready after {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        """The end of the server's log."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop gunicorn and its workers (its process group), forcefully after 15 s."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def fetch(port: int, method: str, path: str, *, cookie: str = "", form: dict | None = None):
    """One request on a fresh connection: (status, headers, body text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


class Browser:
    """Cookies kept between requests, as a browser keeps them (one site, no expiry)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    @property
    def cookie(self) -> str:
        """The Cookie header this browser sends."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, form: dict | None = None):
        """Send a request with the cookies; keep the ones set by the answer."""
        status, headers, body = fetch(self.port, method, path, cookie=self.cookie, form=form)
        for line in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return status, headers, body

    def post_form(self, path: str, data: dict, token_from: str):
        """Post a form with the CSRF token of the page that shows it."""
        status, _, page = self.request("GET", token_from)
        found = TOKEN.search(page)
        if status != 200 or not found:
            raise RuntimeError(f"no form at {token_from} (status {status})")
        return self.request("POST", path, {**data, "csrf_token": found.group(1)})


def sign_in(port: int, email: str, password: str, totp_secret: str | None) -> Browser:
    """Sign in through the real form; with a second factor, answer the second step with the
    next 30-second code (accepted early, as tests/test_second_factor.py does)."""
    browser = Browser(port)
    status, headers, _ = browser.post_form(
        "/auth/login", {"email": email, "password": password}, "/auth/login"
    )
    where = headers.get("Location", "")
    if status == 302 and where.endswith("/auth/second-step"):
        if totp_secret is None:
            raise RuntimeError("the app asks for a second factor the bench did not set up")
        import pyotp

        code = pyotp.TOTP(totp_secret).at(time.time() + 30)
        status, headers, _ = browser.post_form(
            "/auth/second-step", {"code": code}, "/auth/second-step"
        )
        where = headers.get("Location", "")
    if status != 302 or "/auth/" in where:
        raise RuntimeError(f"sign-in refused (status {status}, to {where or 'nowhere'})")
    return browser
