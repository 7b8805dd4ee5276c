"""The wheel carries templates/, static/ and migrations/, and an installed app finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import secrets, sys
import incidents
from incidents import create_app, migrate
root = sys.argv[1]
assert incidents.__file__.startswith(root), incidents.__file__
app = create_app({"DATABASE_URL": "sqlite:///" + sys.argv[2], "SECRET_KEY": secrets.token_hex(32),
                  "AUDIT_KEY": secrets.token_hex(32)})
assert app.template_folder.startswith(root) and app.static_folder.startswith(root)
with app.app_context():
    migrate.upgrade()
client = app.test_client()
assert client.get("/auth/login").status_code == 200
assert client.get("/static/css/app.css").status_code == 200
print("installed app works")
"""


def test_wheel_contains_resources_and_runs_from_them(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    wheel = next((tmp_path / "dist").glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "incidents/templates/base.html",
        "incidents/static/css/app.css",
        "incidents/migrations/env.py",
        "incidents/migrations/versions/0001_foundation.py",
        "incidents/data/common-passwords.txt.gz",
        "incidents/demo/data/words.json",
        "incidents/demo/data/scenarios.json",
        "incidents/migrations/script.py.mako",
    ):
        assert required in names, required
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "INSTANCE_PATH": str(tmp_path / "instance")}
    run = subprocess.run(
        [sys.executable, "-c", CHECK, str(site), str(tmp_path / "app.db")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "installed app works" in run.stdout
