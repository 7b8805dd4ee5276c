"""The serving process (`wsgi.py`, as gunicorn imports it) is settled once the app is made:
the objects made at start are frozen out of the collector's walks and the GIL switch interval
is 1 ms (incidents/serving.py; the figures are in decision 0019)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import gc, sys
import wsgi
assert wsgi.app.test_client().get("/auth/login").status_code == 200
print(gc.get_freeze_count(), sys.getswitchinterval())
"""


def test_the_wsgi_entry_point_settles_its_process(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/app.db",
        "AUDIT_HEAD_FILE": f"{tmp_path}/audit-head.json",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": secrets.token_hex(32),
        "AUDIT_KEY": secrets.token_hex(32),
    }
    env.pop("TEST_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    frozen, interval = done.stdout.split()
    assert int(frozen) > 100_000  # modules, templates and mappers made at start
    assert float(interval) == 0.001
