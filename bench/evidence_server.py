"""Helper for bench/evidence.py: a migrated temporary app with one caseworker and one incident,
served on a local port. Prints 'READY <port> <email> <password> <reference>' when listening."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchapp import bench_app
from werkzeug.serving import make_server

from incidents import migrate
from incidents.admin.services import create_organization, create_user
from incidents.db import get_session


def main(workdir: str) -> None:
    """Build the app in workdir and serve it until killed."""
    app = bench_app(workdir, EVIDENCE_MAX_BYTES=2**30)
    password = "pw-" + secrets.token_urlsafe(16)
    with app.app_context():
        migrate.upgrade()
        session = get_session()
        org = create_organization(session=session, name="Bench Org", code="BEN")
        user, _ = create_user(
            session=session,
            organization=org,
            email="cw@example.org",
            display_name="Caseworker",
            role="caseworker",
            password=password,
        )
        from incidents.cases import services
        from tests.factories import incident_value

        with app.test_request_context():
            incident = services.create_incident(session=session, actor=user, value=incident_value())
        reference = incident.reference
    server = make_server("127.0.0.1", 0, app, threaded=False)
    print(f"READY {server.server_port} cw@example.org {password} {reference}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
