"""Forms of the evidence locker."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    MultipleFileField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from incidents.evidence.redaction import MAX_BOXES, parse_box, parse_lines
from incidents.evidence.sniff import ACCEPT_ATTRIBUTE
from incidents.forms_common import (
    DateField,
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


class RedactForm(FlaskForm):
    """Areas to black out in a redacted copy of a photo: drawn or typed boxes, and face
    suggestions the lawyer ticked. `prepare(size)` must be called before validation."""

    regions = TextAreaField(
        "Areas to black out",
        description="One area per line: x, y, width, height — in pixels of the upright "
        "original, from its top left corner. Dragging on the image fills this in.",
        render_kw={"rows": 6, "spellcheck": "false", "autocomplete": "off"},
    )
    suggestions = HiddenField()
    confirmed = SelectMultipleField(
        "Suggested faces: tick each one to black out",
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    suggest = SubmitField("Suggest faces")
    submit = SubmitField("Make the redacted copy")

    def prepare(self, size: tuple[int, int]) -> None:
        """Remember the image's upright size and offer the suggestions carried by the form."""
        self.size = size
        self.boxes: list = []
        kept, _ = parse_lines((self.suggestions.data or "").replace(";", "\n"), size)
        self.offer(kept[:MAX_BOXES])

    def offer(self, boxes) -> None:
        """Offer these suggested boxes (unticked, except those already ticked)."""
        values = [",".join(str(n) for n in box) for box in boxes]
        self.suggestions.data = ";".join(values)
        self.confirmed.choices = [
            (value, f"Face {n}: x {b[0]}, y {b[1]}, {b[2]} by {b[3]} pixels")
            for n, (value, b) in enumerate(zip(values, boxes, strict=True), start=1)
        ]
        self.confirmed.data = [v for v in self.confirmed.data or [] if v in values]

    def validate_regions(self, field):
        """Typed or drawn boxes inside the image, plus ticked suggestions: 1 to MAX_BOXES."""
        if self.suggest.data:  # only asking for suggestions: nothing to black out yet
            return
        lines = [line for line in (field.data or "").splitlines() if line.strip()]
        if len(lines) > MAX_BOXES:
            raise ValidationError(f"Mark at most {MAX_BOXES} areas (there are {len(lines)}).")
        boxes, problems = parse_lines(field.data or "", self.size)
        if problems:
            raise ValidationError(" ".join(problems[:10]))
        offered = {value for value, _ in self.confirmed.choices}
        boxes += [parse_box(v) for v in self.confirmed.data or [] if v in offered]
        boxes = list(dict.fromkeys(boxes))
        if not boxes:
            raise ValidationError("Mark at least one area to black out, or tick a suggestion.")
        if len(boxes) > MAX_BOXES:
            raise ValidationError(f"Mark at most {MAX_BOXES} areas (there are {len(boxes)}).")
        self.boxes = boxes
