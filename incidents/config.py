"""Configuration: safe defaults, overridden by the environment, then by explicit overrides.

Secrets are never constants in code. When SECRET_KEY or AUDIT_KEY is not set in the environment,
a random value is generated once into the instance folder (owner-only permissions) and reused.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_int(name: str, default: int) -> int:
    """Read a whole-number environment variable, refusing anything else with a clear message."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"Configuration error: {name} must be a whole number") from None


def env_timezone(name: str, default: str) -> str:
    """Read an IANA time zone name (America/Chicago), refusing an unknown one clearly."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    value = (os.environ.get(name) or "").strip() or default
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise SystemExit(
            f"Configuration error: {name} must be a time zone name such as America/Chicago"
        ) from None
    return value


def env_number(name: str, default: float) -> float:
    """Read a positive number from the environment, refusing anything else clearly."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number < 3600:
        raise SystemExit(f"Configuration error: {name} must be a number of seconds (e.g. 5)")
    return number


def instance_secret(instance_path: str | Path, name: str) -> str:
    """Return the secret stored in instance/<name>, creating it (mode 0600) on first use."""
    path = Path(instance_path) / name
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        value = path.read_text(encoding="ascii").strip()
        if len(value) < 32:
            raise SystemExit(
                f"Configuration error: {path} holds a secret that is too short"
            ) from None
        return value
    value = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value


def build_config(instance_path: str | Path, overrides: Mapping[str, Any] | None = None) -> dict:
    """Assemble the application configuration."""
    overrides = dict(overrides or {})
    instance = Path(instance_path)

    def pick(key: str, default):
        if key in overrides:
            return overrides[key]
        if key in os.environ and os.environ[key] != "":
            return os.environ[key]
        return default() if callable(default) else default

    https = bool(pick("HTTPS", lambda: env_bool("HTTPS")))
    config: dict[str, Any] = {
        "DATABASE_URL": pick("DATABASE_URL", lambda: f"sqlite:///{instance / 'incidents.db'}"),
        "SECRET_KEY": pick("SECRET_KEY", lambda: instance_secret(instance, "secret_key")),
        "AUDIT_KEY": pick("AUDIT_KEY", lambda: instance_secret(instance, "audit_key")),
        "HTTPS": https,
        "SESSION_COOKIE_NAME": "__Host-session" if https else "incidents_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "SESSION_IDLE_MINUTES": env_int("SESSION_IDLE_MINUTES", 30),
        # how long a request waits for another writer (SQLite) before "busy, try again"
        "DB_BUSY_SECONDS": env_number("DB_BUSY_SECONDS", 5.0),
        "SESSION_MAX_HOURS": env_int("SESSION_MAX_HOURS", 12),
        "MAX_CONTENT_LENGTH": env_int("MAX_REQUEST_MB", 16) * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
        "LOGIN_MAX_FAILURES_ACCOUNT": env_int("LOGIN_MAX_FAILURES_ACCOUNT", 5),
        "LOGIN_MAX_FAILURES_ADDRESS": env_int("LOGIN_MAX_FAILURES_ADDRESS", 20),
        "LOGIN_LOCKOUT_MINUTES": env_int("LOGIN_LOCKOUT_MINUTES", 15),
        "TRUSTED_PROXIES": env_int("TRUSTED_PROXIES", 0),
        # argon2id cost; RFC 9106's second recommended option (64 MiB, 3 passes).
        "PASSWORD_HASH": {"time_cost": 3, "memory_cost": 65536, "parallelism": 4},
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the (time-limited) session
        "WTF_CSRF_SSL_STRICT": False,  # no Referer is sent (no-referrer); security.check_origin
        "REMEMBER_COOKIE_DURATION": 0,
        # the newest sealed audit head, kept outside the database (keep it off the database's
        # backups): a database restored to an older state is noticed by `flask audit verify`
        "AUDIT_HEAD_FILE": pick("AUDIT_HEAD_FILE", lambda: str(instance / "audit-head.json")),
        "EVIDENCE_DIR": pick("EVIDENCE_DIR", lambda: str(instance / "evidence")),
        "EVIDENCE_MAX_BYTES": int(pick("EVIDENCE_MAX_MB", lambda: 500)) * 1024 * 1024,
        # where originals and previews are kept: "filesystem" (EVIDENCE_DIR) or "s3" (decision
        # 0018); credentials for S3 come from the standard AWS variables, never from here
        "EVIDENCE_STORAGE": pick("EVIDENCE_STORAGE", "filesystem"),
        **{key: pick(key, "") for key in S3_SETTINGS},
        "IMPORT_MAX_BYTES": env_int("IMPORT_MAX_MB", 16) * 1024 * 1024,
        "IMPORT_DIR": pick("IMPORT_DIR", lambda: str(instance / "imports")),
        # a file of more rows than this is checked and imported by background jobs (about a
        # second of work in the request below it: the import runs at ~2,500 rows/s)
        "IMPORT_JOB_ROWS": env_int("IMPORT_JOB_ROWS", 2000),
        # background jobs (incidents.jobs): huey's queue in a SQLite file, or Redis when
        # REDIS_URL is set; result files kept JOB_RESULT_DAYS, then deleted
        "REDIS_URL": pick("REDIS_URL", ""),
        "JOBS_QUEUE_FILE": pick("JOBS_QUEUE_FILE", lambda: str(instance / "jobs-queue.db")),
        "JOBS_QUEUE_NAME": pick("JOBS_QUEUE_NAME", "frt-jobs"),
        "JOB_RESULT_DIR": pick("JOB_RESULT_DIR", lambda: str(instance / "job-results")),
        "JOB_RESULT_DAYS": env_int("JOB_RESULT_DAYS", 7),
        "JOB_BUNDLE_MAX": env_int("JOB_BUNDLE_MAX", 200),
        # the team's time zone: when a day starts, so when a deadline is due or overdue
        "TIMEZONE": env_timezone("TIMEZONE", "America/New_York"),
        "BOOTSTRAP_ORG": os.environ.get("BOOTSTRAP_ORG", "Legal Aid Organization"),
        "BOOTSTRAP_ADMIN_EMAIL": os.environ.get("BOOTSTRAP_ADMIN_EMAIL", "admin@example.org"),
    }
    config.update(overrides)
    check_evidence_storage(config)
    check_jobs(config)
    return config


S3_SETTINGS = (
    "EVIDENCE_S3_BUCKET",
    "EVIDENCE_S3_ENDPOINT_URL",
    "EVIDENCE_S3_REGION",
    "EVIDENCE_S3_PREFIX",
    "EVIDENCE_S3_SSE",
    "EVIDENCE_S3_KMS_KEY_ID",
)
SSE_MODES = ("AES256", "aws:kms")


def check_evidence_storage(config: dict) -> None:
    """Refuse an evidence storage setting that cannot work, with one line naming the variable
    (the S3 credentials are checked when the store is built)."""
    kind = str(config["EVIDENCE_STORAGE"]).strip().lower()
    if kind not in ("filesystem", "s3"):
        raise SystemExit("Configuration error: EVIDENCE_STORAGE must be filesystem or s3")
    config["EVIDENCE_STORAGE"] = kind
    for key in S3_SETTINGS:
        config[key] = str(config.get(key) or "").strip()
    if kind != "s3":
        return
    bucket, endpoint, sse = (
        config[k] for k in ("EVIDENCE_S3_BUCKET", "EVIDENCE_S3_ENDPOINT_URL", "EVIDENCE_S3_SSE")
    )
    if not bucket:
        raise SystemExit("Configuration error: EVIDENCE_STORAGE=s3 needs EVIDENCE_S3_BUCKET")
    if endpoint and not endpoint.startswith(("https://", "http://")):
        raise SystemExit(
            "Configuration error: EVIDENCE_S3_ENDPOINT_URL must start with https:// or http://"
        )
    if sse and sse not in SSE_MODES:
        raise SystemExit("Configuration error: EVIDENCE_S3_SSE must be AES256 or aws:kms")
    if config["EVIDENCE_S3_KMS_KEY_ID"] and sse != "aws:kms":
        raise SystemExit(
            "Configuration error: EVIDENCE_S3_KMS_KEY_ID is set but EVIDENCE_S3_SSE is not aws:kms"
        )
    prefix = config["EVIDENCE_S3_PREFIX"].strip("/")
    config["EVIDENCE_S3_PREFIX"] = f"{prefix}/" if prefix else ""


def check_jobs(config: dict) -> None:
    """Refuse background-job settings that cannot work, with one line naming the variable."""
    url = str(config.get("REDIS_URL") or "").strip()
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise SystemExit(
            "Configuration error: REDIS_URL must start with redis://, rediss:// or unix://"
        )
    config["REDIS_URL"] = url
    for key in ("JOB_RESULT_DAYS", "JOB_BUNDLE_MAX", "IMPORT_JOB_ROWS"):
        if not isinstance(config[key], int) or config[key] < 1:
            raise SystemExit(f"Configuration error: {key} must be a whole number of at least 1")
