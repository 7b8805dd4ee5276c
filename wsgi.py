"""WSGI entry point: the only module-level app (`gunicorn wsgi:app`, `flask run`); the serving
process is settled once the app is made (`incidents.serving`: objects made at start frozen out
of the collector's walks, a 1 ms GIL switch interval)."""

from incidents import create_app
from incidents.serving import settle_server_process

app = create_app()
settle_server_process()
