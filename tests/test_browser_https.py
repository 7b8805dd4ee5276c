"""The documented production setting, end to end: the app served over TLS by gunicorn (HTTPS=1,
a throwaway self-signed certificate) and Chromium signing in, choosing a password and signing
out — every step a form post with no Referer (our pages send `Referrer-Policy: no-referrer`).
A form on another site that posts to the app is refused."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser_helpers import choose_password, shot, sign_in
from tests.conftest import require_or_skip

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SELF_SIGNED = ("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1")
SELF_SIGNED += ("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
GUNICORN = (sys.executable, "-m", "gunicorn", "--workers", "1", "wsgi:app")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    require_or_skip(bool(shutil.which("openssl")), "openssl is needed for a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [*SELF_SIGNED, "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def _wait_until_serving(url: str, server: subprocess.Popen) -> None:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    for _ in range(150):
        assert server.poll() is None, server.stderr.read().decode()
        try:
            urllib.request.urlopen(url + "/auth/login", context=context, timeout=2)  # noqa: S310
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


@pytest.fixture
def tls_app(tmp_path):
    """gunicorn serving wsgi:app over TLS on a fresh SQLite database; yields (url, email,
    one-time password of the first administrator)."""
    cert, key = _certificate(tmp_path)
    env = {
        **os.environ,
        "FLASK_APP": "wsgi.py",
        "HTTPS": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tls.db'}",
        "SECRET_KEY": secrets.token_hex(32),
        "AUDIT_KEY": secrets.token_hex(32),
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "BOOTSTRAP_ADMIN_EMAIL": "tls.admin@example.org",
    }
    flask = [sys.executable, "-m", "flask"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    first = subprocess.run(
        [*flask, "bootstrap"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    password = re.search(r"One-time password:\s+(\S+)", first.stdout).group(1)
    port = _free_port()
    server = subprocess.Popen(
        [*GUNICORN, "--bind", f"127.0.0.1:{port}", "--certfile", str(cert), "--keyfile", str(key)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"https://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, server)
        yield url, env["BOOTSTRAP_ADMIN_EMAIL"], password
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_sign_in_over_https_and_a_cross_site_form_is_refused(tls_app, browser):
    url, email, password = tls_app
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    page.goto(url + "/")
    assert page.title().startswith("Sign in")
    sign_in(page, email, password)
    page.wait_for_url("**/auth/password")
    choose_password(page, password, "harbor lantern violet 2031")
    assert "Welcome" in page.content()
    shot(page, "https-home")

    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    elsewhere = context.new_page()  # about:blank: another origin than the app
    elsewhere.set_content(
        f'<form method="post" action="{url}/auth/logout">'
        f'<input type="hidden" name="csrf_token" value="{token}">'
        "<button>Sign out</button></form>"
    )
    elsewhere.get_by_role("button", name="Sign out").click()
    elsewhere.wait_for_load_state()
    assert "was not sent from this site" in elsewhere.content()

    page.reload()
    assert "Welcome" in page.content()  # still signed in
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/auth/login")
    assert "You have signed out." in page.content()
    context.close()
