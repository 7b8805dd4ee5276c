"""Forms of the evidence locker."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, MultipleFileField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from incidents.evidence.sniff import ACCEPT_ATTRIBUTE
from incidents.forms_common import (
    FastSelectField,
    no_control_characters,
    no_control_characters_in_text,
    select_choices,
)
from incidents.vocab import EVIDENCE_KIND


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _not_future(_form, field):
    if field.data and field.data > date.today():
        raise ValidationError("The date cannot be in the future.")


class EvidenceFields(FlaskForm):
    """What every piece of evidence carries."""

    kind = FastSelectField(
        "Kind",
        choices=select_choices(EVIDENCE_KIND.choices(blank="Choose")),
        validators=[DataRequired(message="Choose the kind of evidence.")],
    )
    title = StringField(
        "Title", [Optional(), Length(max=200), no_control_characters], filters=[_strip]
    )
    description = TextAreaField(
        "Description", [Optional(), Length(max=5000), no_control_characters_in_text]
    )
    provenance = TextAreaField(
        "Provenance",
        [Optional(), Length(max=2000), no_control_characters_in_text],
        description="Who provided it, how and when it was obtained, who has held it since.",
    )
    captured_on = DateField("Date captured or created", [Optional(), _not_future])


class UploadForm(EvidenceFields):
    """One or several files with a shared description (each item can be edited afterwards)."""

    files = MultipleFileField(
        "Files",
        render_kw={"accept": ACCEPT_ATTRIBUTE},
        description="PDF, photos (JPEG, PNG, HEIC, WebP), video (MP4, "
        "MOV), audio (MP3, M4A, WAV), text, CSV, DOCX, ODT.",
    )

    def validate_files(self, field):
        """At least one file."""
        if not [f for f in field.data or [] if getattr(f, "filename", None)]:
            raise ValidationError("Choose at least one file.")


class LinkForm(EvidenceFields):
    """Evidence that is a web page or public record, not a file."""

    url = StringField(
        "Web address",
        [
            DataRequired(),
            Length(max=2000),
            URL(
                require_tld=True,
                message="Enter a full web address starting with https:// or http://",
            ),
        ],
        filters=[_strip],
    )
    retrieved_on = DateField(
        "Date retrieved", [DataRequired(message="Enter the date."), _not_future], default=date.today
    )

    def validate_url(self, field):
        """Only web addresses."""
        if field.data and not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError("Enter a full web address starting with https:// or http://")


class EditLinkForm(LinkForm):
    """Editing a link item."""


class PinForm(FlaskForm):
    """Pin evidence to a part of its incident."""

    target = FastSelectField("Pin to", choices=[], validators=[DataRequired()])
    locator = StringField(
        "Where in the evidence (optional)",
        [Optional(), Length(max=40), no_control_characters],
        description="For example “p. 3” or “00:01:42”.",
        filters=[_strip],
    )


class ReasonForm(FlaskForm):
    """Archive with a reason."""

    reason = TextAreaField(
        "Why is this evidence archived?",
        [DataRequired(message="Give a reason."), Length(max=500), no_control_characters_in_text],
    )


class ConfirmForm(FlaskForm):
    """A bare POST with CSRF token."""
