"""Concurrent requests against a real threaded server: every sign-in succeeds (no 'database is
locked'), and the audit chain stays intact and gap-free."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

from sqlmodel import func, select

from incidents.models import AuditEvent
from tests.conftest import fresh

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, email: str, password: str) -> int:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
    )
    html = opener.open(base + "/auth/login", timeout=60).read().decode()
    body = urllib.parse.urlencode(
        {"email": email, "password": password, "csrf_token": TOKEN.search(html).group(1)}
    ).encode()
    try:
        return opener.open(base + "/auth/login", data=body, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


def test_parallel_sign_ins_all_succeed_and_the_chain_holds(live_server, make_user, runner, session):
    users = [make_user("caseworker") for _ in range(6)]
    jobs = [user for user in users for _ in range(5)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(lambda u: sign_in(live_server, u[0].email, u[1]), jobs))
    assert statuses == [302] * len(jobs)
    count = fresh(session).exec(select(func.count()).select_from(AuditEvent)).one()
    assert count == len(jobs)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and f"{len(jobs)} events verified" in result.output
