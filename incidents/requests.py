"""The application's request class: evidence uploads get their own size limit and are parsed
straight into hashing files in the evidence directory (never whole in memory, never copied)."""

from __future__ import annotations

from flask import Request, current_app
from flask_login import current_user

UPLOAD_ENDPOINTS = frozenset({"evidence.upload", "records_requests.upload_records"})
IMPORT_ENDPOINTS = frozenset({"imports.upload"})
# endpoint → a function giving the file to parse an upload into (the evidence package
# registers its own, so that this module depends on no feature)
UPLOAD_STREAMS: dict = {}
ANONYMOUS_MAX_BYTES = 16 * 1024  # the sign-in form; nothing else is sent before signing in


class AppRequest(Request):
    """Flask's Request with evidence-upload handling."""

    @property
    def max_content_length(self) -> int | None:
        """A few KB before signing in; the evidence limit on upload endpoints, the import limit
        on the import, the general limit elsewhere."""
        if self._max_content_length is not None:
            return self._max_content_length
        if current_app and not current_user.is_authenticated:
            return ANONYMOUS_MAX_BYTES
        if current_app and self.endpoint in UPLOAD_ENDPOINTS:
            return current_app.config["EVIDENCE_MAX_BYTES"] + 1024 * 1024  # room for form fields
        if current_app and self.endpoint in IMPORT_ENDPOINTS:
            return current_app.config["IMPORT_MAX_BYTES"] + 1024 * 1024
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    def _get_file_stream(
        self, total_content_length, content_type, filename=None, content_length=None
    ):
        if self.endpoint in UPLOAD_STREAMS and current_user.is_authenticated:
            return UPLOAD_STREAMS[self.endpoint]()
        return super()._get_file_stream(
            total_content_length, content_type, filename, content_length
        )
