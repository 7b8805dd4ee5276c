"""Evidence stores in tests: moto's S3-compatible server on a free local port (a real HTTP
server: boto3 talks to it as to MinIO or AWS S3), the settings of a fresh bucket for one test,
and helpers that reach stored bytes on either store as an intruder would — to alter or delete
them behind the application's back.

`BOTH_STORES` runs a test on the filesystem store and on S3 (`app_config` is parametrized,
indirectly: conftest builds the configuration for each)."""

from __future__ import annotations

import functools
import re
import secrets
from pathlib import Path

import pytest

BOTH_STORES = pytest.mark.parametrize("app_config", ["filesystem", "s3"], indirect=True)
ONLY_S3 = pytest.mark.parametrize("app_config", ["s3"], indirect=True)
CONTENT_NAME = re.compile(r"^\d+/[0-9a-f]{2}/[0-9a-f]{64}$")
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test-access-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret-key",
    "AWS_EC2_METADATA_DISABLED": "true",  # never ask an instance-metadata service
}
REGION = "us-east-1"


def start_server():
    """moto's threaded S3 server on 127.0.0.1 and a free port; returns (server, endpoint URL).
    Raises whatever stops it from starting (the fixture fails under CI, skips elsewhere)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


@functools.cache
def client(endpoint: str):
    """A boto3 client of the test server (the test's own, not the application's)."""
    import boto3

    return boto3.session.Session(
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    ).client("s3", endpoint_url=endpoint, region_name=REGION)


def bucket_settings(endpoint: str, **extra) -> dict:
    """Configuration of a new, empty bucket on the test server (one per test)."""
    bucket = f"evidence-{secrets.token_hex(6)}"
    client(endpoint).create_bucket(Bucket=bucket)
    return {
        "EVIDENCE_STORAGE": "s3",
        "EVIDENCE_S3_BUCKET": bucket,
        "EVIDENCE_S3_ENDPOINT_URL": endpoint,
        "EVIDENCE_S3_REGION": REGION,
        **extra,
    }


def _on_s3(app) -> bool:
    return app.config["EVIDENCE_STORAGE"] == "s3"


def _s3(app):
    return client(app.config["EVIDENCE_S3_ENDPOINT_URL"]), app.config["EVIDENCE_S3_BUCKET"]


def keys(app) -> list[str]:
    """Every object key in the test's bucket."""
    s3, bucket = _s3(app)
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(o["Key"] for page in pages for o in page.get("Contents", []))


def stored_originals(app) -> list[str]:
    """The stored names of every original in the store (not previews, not tmp/)."""
    if _on_s3(app):
        prefix = app.config["EVIDENCE_S3_PREFIX"]
        return [k[len(prefix) :] for k in keys(app) if not k.startswith(f"{prefix}derived/")]
    root = Path(app.config["EVIDENCE_DIR"])
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and not {"derived", "tmp"} & set(p.relative_to(root).parts)
    )


def working_files(app) -> list[Path]:
    """Files left in the local working directory EVIDENCE_DIR/tmp."""
    tmp = Path(app.config["EVIDENCE_DIR"]) / "tmp"
    return [p for p in tmp.rglob("*") if p.is_file()] if tmp.exists() else []


def read_stored(app, name: str) -> bytes:
    """The stored bytes of a name, read behind the application's back."""
    if _on_s3(app):
        s3, bucket = _s3(app)
        key = app.config["EVIDENCE_S3_PREFIX"] + name
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    return (Path(app.config["EVIDENCE_DIR"]) / name).read_bytes()


def write_stored(app, name: str, data: bytes) -> None:
    """Replace stored bytes behind the application's back (tampering)."""
    if _on_s3(app):
        s3, bucket = _s3(app)
        s3.put_object(Bucket=bucket, Key=app.config["EVIDENCE_S3_PREFIX"] + name, Body=data)
        return
    path = Path(app.config["EVIDENCE_DIR"]) / name
    path.chmod(0o600)
    path.write_bytes(data)


def delete_stored(app, name: str) -> None:
    """Delete a stored file behind the application's back."""
    if _on_s3(app):
        s3, bucket = _s3(app)
        s3.delete_object(Bucket=bucket, Key=app.config["EVIDENCE_S3_PREFIX"] + name)
        return
    (Path(app.config["EVIDENCE_DIR"]) / name).unlink()


def head(app, name: str) -> dict:
    """The S3 object's metadata (encryption, size) as the server reports it."""
    s3, bucket = _s3(app)
    return s3.head_object(Bucket=bucket, Key=app.config["EVIDENCE_S3_PREFIX"] + name)
