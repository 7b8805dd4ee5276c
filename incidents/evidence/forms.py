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
from wtforms.validators import URL, DataRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from incidents.evidence.redaction import MAX_BOXES, parse_box, parse_lines
from incidents.evidence.sniff import ACCEPT_ATTRIBUTE
from incidents.forms_common import (
    DateField,
    FastSelectField,
    Length,
    no_control_characters,
    no_control_characters_in_text,
    select_choices,
)
from incidents.i18n import N_, _l, gettext
from incidents.vocab import EVIDENCE_KIND


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _not_future(_form, field):
    if field.data and field.data > date.today():
        raise ValidationError(gettext("The date cannot be in the future."))


class EvidenceFields(FlaskForm):
    """What every piece of evidence carries."""

    kind = FastSelectField(
        _l("Kind"),
        choices=select_choices(EVIDENCE_KIND.choices(blank=N_("Choose"))),
        validators=[DataRequired(message=_l("Choose the kind of evidence."))],
    )
    title = StringField(
        _l("Title"), [Optional(), Length(max=200), no_control_characters], filters=[_strip]
    )
    description = TextAreaField(
        _l("Description"), [Optional(), Length(max=5000), no_control_characters_in_text]
    )
    provenance = TextAreaField(
        _l("Provenance"),
        [Optional(), Length(max=2000), no_control_characters_in_text],
        description=_l("Who provided it, how and when it was obtained, who has held it since."),
    )
    captured_on = DateField(_l("Date captured or created"), [Optional(), _not_future])


class UploadForm(EvidenceFields):
    """One or several files with a shared description (each item can be edited afterwards)."""

    files = MultipleFileField(
        _l("Files"),
        render_kw={"accept": ACCEPT_ATTRIBUTE},
        description=_l(
            "PDF, photos (JPEG, PNG, HEIC, WebP), video (MP4, "
            "MOV), audio (MP3, M4A, WAV), text, CSV, DOCX, ODT."
        ),
    )

    def validate_files(self, field):
        """At least one file."""
        if not [f for f in field.data or [] if getattr(f, "filename", None)]:
            raise ValidationError(gettext("Choose at least one file."))


class LinkForm(EvidenceFields):
    """Evidence that is a web page or public record, not a file."""

    url = StringField(
        _l("Web address"),
        [
            DataRequired(),
            Length(max=2000),
            URL(
                require_tld=True,
                message=_l("Enter a full web address starting with https:// or http://"),
            ),
        ],
        filters=[_strip],
    )
    retrieved_on = DateField(
        _l("Date retrieved"),
        [DataRequired(message=_l("Enter the date.")), _not_future],
        default=date.today,
    )

    def validate_url(self, field):
        """Only web addresses (said once: not again after the address check refused it)."""
        if (
            field.data
            and not field.errors
            and not field.data.lower().startswith(("http://", "https://"))
        ):
            raise ValidationError(
                gettext("Enter a full web address starting with https:// or http://")
            )


class EditLinkForm(LinkForm):
    """Editing a link item."""


class PinForm(FlaskForm):
    """Pin evidence to a part of its incident."""

    target = FastSelectField(_l("Pin to"), choices=[], validators=[DataRequired()])
    locator = StringField(
        _l("Where in the evidence (optional)"),
        [Optional(), Length(max=40), no_control_characters],
        description=_l("For example “p. 3” or “00:01:42”."),
        filters=[_strip],
    )


class ReasonForm(FlaskForm):
    """Archive with a reason."""

    reason = TextAreaField(
        _l("Why is this evidence archived?"),
        [
            DataRequired(message=_l("Give a reason.")),
            Length(max=500),
            no_control_characters_in_text,
        ],
    )


class ConfirmForm(FlaskForm):
    """A bare POST with CSRF token."""


class RedactForm(FlaskForm):
    """Areas to black out in a redacted copy of a photo: drawn or typed boxes, and face
    suggestions the lawyer ticked. `prepare(size)` must be called before validation."""

    regions = TextAreaField(
        _l("Areas to black out"),
        description=_l(
            "One area per line: x, y, width, height — in pixels of the upright "
            "original, from its top left corner. Dragging on the image fills this in."
        ),
        render_kw={"rows": 6, "spellcheck": "false", "autocomplete": "off"},
    )
    suggestions = HiddenField()
    confirmed = SelectMultipleField(
        _l("Suggested faces: tick each one to black out"),
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    suggest = SubmitField(_l("Suggest faces"))
    submit = SubmitField(_l("Make the redacted copy"))

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
            raise ValidationError(
                gettext(
                    "Mark at most %(most)s areas (there are %(count)s).",
                    most=MAX_BOXES,
                    count=len(lines),
                )
            )
        boxes, problems = parse_lines(field.data or "", self.size)
        if problems:
            raise ValidationError(" ".join(problems[:10]))
        offered = {value for value, _ in self.confirmed.choices}
        boxes += [parse_box(v) for v in self.confirmed.data or [] if v in offered]
        boxes = list(dict.fromkeys(boxes))
        if not boxes:
            raise ValidationError(
                gettext("Mark at least one area to black out, or tick a suggestion.")
            )
        if len(boxes) > MAX_BOXES:
            raise ValidationError(
                gettext(
                    "Mark at most %(most)s areas (there are %(count)s).",
                    most=MAX_BOXES,
                    count=len(boxes),
                )
            )
        self.boxes = boxes
