"""FRT incident and wrongful-detention documentation database."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

csrf = CSRFProtect()


def resource_dir(name: str) -> str:
    """Locate templates/, static/ or migrations/: inside the package when installed from a
    wheel (force-included there), else at the repository root beside the package."""
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / name
    return str(inside if inside.is_dir() else package_dir.parent / name)


class RowIdConverter(IntegerConverter):
    """`<int:...>` in routes: a row id, 1 to 2**63 - 1 (a larger number cannot name a row and
    would overflow the database driver: 404, not 500)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build and configure the application."""
    from incidents import db, errors, i18n, security
    from incidents.config import build_config
    from incidents.templating import init_templating

    instance_path = os.environ.get("INSTANCE_PATH") or None
    app = Flask(
        __name__,
        instance_path=instance_path,
        template_folder=resource_dir("templates"),
        static_folder=resource_dir("static"),
    )
    from incidents.requests import AppRequest

    app.request_class = AppRequest
    app.url_map.converters["int"] = RowIdConverter  # before any route is registered
    app.config.from_mapping(build_config(app.instance_path, overrides))
    logging.getLogger("incidents").setLevel(logging.INFO)
    if app.config["TRUSTED_PROXIES"]:
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    db.init_app(app)
    security.init_app(app)  # sign-in and role checked before CSRF reads any body
    csrf.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    init_templating(app)
    register_blueprints(app)
    register_commands(app)
    register_job_kinds()
    return app


def register_blueprints(app: Flask) -> None:
    """Register one blueprint per feature."""
    from incidents.admin import bp as admin_bp
    from incidents.auth import bp as auth_bp
    from incidents.calendar import bp as calendar_bp
    from incidents.cases import bp as cases_bp
    from incidents.claims import bp as claims_bp
    from incidents.dashboard import bp as dashboard_bp
    from incidents.dossier import bp as dossier_bp
    from incidents.evidence import bp as evidence_bp
    from incidents.exports import bp as exports_bp
    from incidents.imports import bp as imports_bp
    from incidents.jobs import bp as jobs_bp
    from incidents.main import bp as main_bp
    from incidents.policies import bp as policies_bp
    from incidents.records_requests import bp as records_requests_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(cases_bp)
    app.register_blueprint(evidence_bp)
    app.register_blueprint(policies_bp)
    app.register_blueprint(dossier_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(imports_bp)
    for blueprint in (claims_bp, records_requests_bp, calendar_bp, dashboard_bp, jobs_bp):
        app.register_blueprint(blueprint)


def register_commands(app: Flask) -> None:
    """Register each feature's command-line commands (`COMMANDS` of its cli module)."""
    from incidents import db_commands
    from incidents.admin import cli as admin_cli
    from incidents.demo import cli as demo_cli
    from incidents.dossier import cli as dossier_cli
    from incidents.evidence import cli as evidence_cli
    from incidents.exports import cli as exports_cli
    from incidents.imports import cli as imports_cli
    from incidents.jobs import cli as jobs_cli
    from incidents.policies import cli as policies_cli

    for module in (
        db_commands,
        admin_cli,
        demo_cli,
        dossier_cli,
        evidence_cli,
        exports_cli,
        imports_cli,
        jobs_cli,
        policies_cli,
    ):
        for command in module.COMMANDS:
            app.cli.add_command(command)


def register_job_kinds() -> None:
    """Make every feature's kinds of background job (its `JOB_KINDS`) known to the jobs
    framework (incidents.jobs.kinds)."""
    from incidents.dossier import bundles
    from incidents.evidence import verify_job
    from incidents.exports import release_jobs
    from incidents.imports import big
    from incidents.jobs.kinds import register

    for module in (bundles, verify_job, big, release_jobs):
        for kind in module.JOB_KINDS:
            register(kind)
