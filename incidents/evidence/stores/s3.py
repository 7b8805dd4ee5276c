"""The S3-compatible evidence store (EVIDENCE_STORAGE=s3: AWS S3 or MinIO), through boto3.

Originals are sent with a multipart upload, read back from the local file that was hashed as it
was received and hashed again on the way; each part carries its own SHA-256 (the server refuses
a part that arrived different) and the upload is completed only when the whole hash matches
the one recorded at receipt, else aborted: nothing is stored. Reads stream the object; the
callers (integrity.py) hash what they read. Server-side encryption (EVIDENCE_S3_SSE) applies to
originals and previews alike. Credentials come from boto3's standard chain (AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance role): none is configured here (decision 0018).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from incidents.evidence.stores import CHUNK, HashMismatch, StoreUnavailable
from incidents.i18n import gettext

PART = 8 * 1024 * 1024  # S3's parts are at least 5 MiB (but the last); 10,000 parts at most
MISSING = ("404", "NoSuchKey", "NotFound")
log = logging.getLogger(__name__)


@contextlib.contextmanager
def _answers(operation: str) -> Iterator[None]:
    """Turn the store's refusals and network failures into StoreUnavailable (its code only)."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "error")
        log.error("evidence store: %s refused (%s)", operation, code)
        raise StoreUnavailable(
            gettext(
                "The evidence store refused the request (S3 %(code)s). Nothing was changed; "
                "tell your administrator.",
                code=code,
            )
        ) from None
    except BotoCoreError as error:
        log.error("evidence store: %s failed (%s)", operation, type(error).__name__)
        raise StoreUnavailable() from None


def _missing(error) -> bool:
    return error.response.get("Error", {}).get("Code") in MISSING


class ObjectReader:
    """A stored object opened for reading (one GET, streamed)."""

    def __init__(self, response):
        self._body = response["Body"]
        self.size = int(response["ContentLength"])

    def chunks(self) -> Iterator[bytes]:
        """The object's bytes, CHUNK at a time (botocore checks the length)."""
        with _answers("read"):
            yield from self._body.iter_chunks(CHUNK)

    def close(self) -> None:
        """Close the connection."""
        self._body.close()


class S3Store:
    """Evidence in a bucket of an S3-compatible object store."""

    kind = "s3"
    remote = True

    def __init__(self, *, session, bucket: str, prefix: str, client_args: dict, sse: dict):
        self.bucket, self.prefix = bucket, prefix
        self._session, self._client_args, self._sse = session, client_args, sse
        self._client, self._pid, self._lock = None, None, threading.Lock()

    @classmethod
    def from_config(cls, config) -> S3Store:
        """The store described by the configuration (checked by config.py); exits with a
        one-line configuration error when no credentials can be found."""
        import boto3
        from botocore.config import Config

        session = boto3.session.Session()
        if session.get_credentials() is None:
            raise SystemExit(
                "Configuration error: EVIDENCE_STORAGE=s3 but no credentials were found: set "
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or an instance role)"
            )
        endpoint = config["EVIDENCE_S3_ENDPOINT_URL"] or None
        client_args = {
            "endpoint_url": endpoint,
            "region_name": config["EVIDENCE_S3_REGION"] or None,
            "config": Config(
                connect_timeout=5,
                read_timeout=60,
                retries={"max_attempts": 3, "mode": "standard"},
                s3={"addressing_style": "path"} if endpoint else None,  # MinIO: no DNS per bucket
            ),
        }
        sse = {}
        if config["EVIDENCE_S3_SSE"]:
            sse["ServerSideEncryption"] = config["EVIDENCE_S3_SSE"]
        if config["EVIDENCE_S3_KMS_KEY_ID"]:
            sse["SSEKMSKeyId"] = config["EVIDENCE_S3_KMS_KEY_ID"]
        prefix = config["EVIDENCE_S3_PREFIX"]
        return cls(
            session=session,
            bucket=config["EVIDENCE_S3_BUCKET"],
            prefix=prefix,
            client_args=client_args,
            sse=sse,
        )

    @property
    def client(self):
        """The boto3 client of this process (made on first use; again after a fork)."""
        if self._client is None or self._pid != os.getpid():
            with self._lock:
                if self._client is None or self._pid != os.getpid():
                    self._client = self._session.client("s3", **self._client_args)
                    self._pid = os.getpid()
        return self._client

    def key(self, name: str) -> str:
        """The object key of a stored name."""
        return self.prefix + name

    def keep(self, source: Path, name: str, *, sha256: str, size: int) -> None:
        """Send `source` with a multipart upload, hashing it again on the way; completed only
        if the hash is `sha256`, else aborted (HashMismatch). An object of the same size
        already at this content address is kept."""
        key = self.key(name)
        if self.size(name) == size:
            return
        with _answers("upload"):
            upload_id = self.client.create_multipart_upload(
                Bucket=self.bucket,
                Key=key,
                ContentType="application/octet-stream",
                ChecksumAlgorithm="SHA256",
                **self._sse,
            )["UploadId"]
        try:
            with _answers("upload"):
                parts, observed = self._send_parts(source, key, upload_id)
            if observed != sha256:
                log.error("evidence store: the bytes sent differ from those received")
                raise HashMismatch()
            with _answers("upload"):
                self.client.complete_multipart_upload(
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload_id,
                    MultipartUpload={"Parts": parts},
                )
        except BaseException:
            with contextlib.suppress(Exception):
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
            raise

    def _send_parts(self, source: Path, key: str, upload_id: str) -> tuple[list, str]:
        """Upload `source` PART bytes at a time; returns the parts and the SHA-256 of all."""
        digest, parts = hashlib.sha256(), []
        with open(source, "rb") as handle:
            while True:
                chunk = handle.read(PART)
                if not chunk and parts:
                    break
                digest.update(chunk)
                checksum = base64.b64encode(hashlib.sha256(chunk).digest()).decode()
                number = len(parts) + 1
                answer = self.client.upload_part(
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload_id,
                    PartNumber=number,
                    Body=chunk,
                    ChecksumSHA256=checksum,
                )
                parts.append(
                    {"PartNumber": number, "ETag": answer["ETag"], "ChecksumSHA256": checksum}
                )
                if len(chunk) < PART:
                    break
        return parts, digest.hexdigest()

    def open(self, name: str) -> ObjectReader:
        """GET a stored original (streamed); FileNotFoundError when it is not there."""
        from botocore.exceptions import ClientError

        with _answers("read"):
            try:
                response = self.client.get_object(Bucket=self.bucket, Key=self.key(name))
            except ClientError as error:
                if _missing(error):
                    raise FileNotFoundError(name) from None
                raise
        return ObjectReader(response)

    def local_path(self, name: str) -> None:
        """Objects have no local path."""
        return None

    def size(self, name: str) -> int | None:
        """The object's size (HEAD); None when it is not there."""
        from botocore.exceptions import ClientError

        with _answers("check"):
            try:
                head = self.client.head_object(Bucket=self.bucket, Key=self.key(name))
            except ClientError as error:
                if _missing(error):
                    return None
                raise
        return int(head["ContentLength"])

    def put_derived(self, source: Path, name: str) -> None:
        """PUT a made preview under derived/ (encrypted as the originals are)."""
        with _answers("upload"), open(source, "rb") as handle:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.key(name),
                Body=handle,
                ContentType="image/jpeg",
                **self._sse,
            )

    def open_derived(self, name: str) -> io.BytesIO | None:
        """A derived file's bytes (previews are small); None when it is not there."""
        try:
            reader = self.open(name)
        except FileNotFoundError:
            return None
        try:
            return io.BytesIO(b"".join(reader.chunks()))
        finally:
            reader.close()
