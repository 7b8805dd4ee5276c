"""WSGI entry point: the only module-level app (`gunicorn wsgi:app`, `flask run`)."""

from incidents import create_app

app = create_app()
