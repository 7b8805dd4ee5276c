"""The incident form, in sections, with repeatable rows that work without JavaScript."""

from __future__ import annotations

import secrets

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields import DecimalField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from incidents.forms_common import FastSelectField, no_control_characters, select_choices
from incidents.records import validation as rules
from incidents.records.countries import country_choices
from incidents.vocab import (
    AGENT_RESPONSE,
    DOCUMENTATION_STATUS,
    ENCOUNTER_TYPE,
    FRT_CAPTURE_SOURCE,
    FRT_MODE,
    FRT_RESULT,
    FRT_SYSTEM,
    FRT_TREATED_AS,
    GENDER,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    LEGAL_STATUS,
    OUTCOME,
    PERSON_ROLE,
    TIMELINE_KIND,
    US_STATE,
    YES_NO,
    YES_NO_UNKNOWN,
)


def normalized(parser):
    """A validator that replaces the field's data with the parser's result, or reports its
    message at the field."""

    def _validate(_form, field):
        if field.data in (None, ""):
            field.data = None
            return
        try:
            field.data = parser(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    return _validate


def text(label, max_length, *validators, **kwargs):
    """A stripped, length-limited single-line text field."""
    return StringField(
        label,
        [Optional(), Length(max=max_length), no_control_characters, *validators],
        filters=[_strip],
        **kwargs,
    )


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text_block(value):
    """Browsers send CRLF line ends; store LF, trim trailing space."""
    return value.replace("\r\n", "\n").rstrip() if isinstance(value, str) else value


def prose(label, max_length, **kwargs):
    """A multi-line text field."""
    return TextAreaField(
        label, [Optional(), Length(max=max_length)], filters=[_text_block], **kwargs
    )


def coded(label, vocabulary, *, blank=None, required=False, default=None, **kwargs):
    """A select of vocabulary codes; an unknown code is refused at the field."""
    validators = [InputRequired(message="Choose one.")] if required else [Optional()]
    return FastSelectField(
        label,
        choices=select_choices(vocabulary.choices(blank=blank)),
        validators=validators,
        default=default,
        **kwargs,
    )


class PartialDateField(StringField):
    """YYYY-MM-DD, YYYY-MM or YYYY; `parsed` holds (date, precision) after validation."""

    parsed = None

    def pre_validate(self, form):
        """Parse the date and its precision."""
        self.parsed = None
        if not (self.data or "").strip():
            raise ValidationError("Enter the date (YYYY-MM-DD, or YYYY-MM or YYYY).")
        try:
            self.parsed = rules.parse_partial_date(self.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class PersonRow(Form):
    """A person and their role in this incident."""

    key = HiddenField()
    person_id = HiddenField()
    duplicate_choice = HiddenField()
    role = coded("Role in this incident", PERSON_ROLE, required=True, default="subject")
    full_name = StringField(
        "Full name",
        [
            DataRequired(message="Enter a name."),
            Length(max=rules.MAX_LENGTH["full_name"]),
            no_control_characters,
        ],
        filters=[_strip],
    )
    aliases = text(
        "Other names used", rules.MAX_LENGTH["aliases"], description="Separate several with ;"
    )
    date_of_birth = DateField("Date of birth", [Optional()])
    a_number = text(
        "A-number",
        20,
        normalized(rules.normalize_a_number),
        description="A followed by 7 to 9 digits",
    )
    phone = text("Phone", 30, normalized(rules.normalize_phone))
    email = text("Email", 254, normalized(rules.normalize_email_address))
    street_address = text("Street address", rules.MAX_LENGTH["street_address"])
    city = text("City", 100)
    state = coded("State", US_STATE, blank="—")
    zip = text("ZIP code", 10, normalized(rules.normalize_zip))
    gender = coded("Gender (self-described)", GENDER, blank="—")
    nationality = FastSelectField("Nationality", [Optional()], choices=[])
    language = text("Preferred language", rules.MAX_LENGTH["language"])
    legal_status = coded("Legal status", LEGAL_STATUS, blank="—")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nationality.choices = select_choices(country_choices())
        if not self.key.data:
            self.key.data = "n" + secrets.token_hex(4)

    def validate_date_of_birth(self, field):
        """Born in the past, within a human lifetime."""
        try:
            rules.check_date_of_birth(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class FrtUseRow(Form):
    """One use of facial recognition."""

    row_id = HiddenField()
    system = coded("System", FRT_SYSTEM, required=True, blank="Choose the system")
    operator_agency_id = FastSelectField("Operated by", [Optional()], choices=[])
    mode = coded("Mode", FRT_MODE, default="unknown")
    capture_source = coded("Photo taken with", FRT_CAPTURE_SOURCE, default="unknown")
    result = coded("Result", FRT_RESULT, default="unknown")
    treated_as = coded("The match was treated as", FRT_TREATED_AS, default="unknown")
    sole_basis = coded(
        "Was the match the sole basis of the stop or detention?", YES_NO_UNKNOWN, default="unknown"
    )
    human_review = coded("Human review of the match", HUMAN_REVIEW, default="unknown")
    independent_corroboration = coded(
        "Independent corroboration", YES_NO_UNKNOWN, default="unknown"
    )
    misidentified = coded("Was the person misidentified?", YES_NO_UNKNOWN, default="unknown")
    disclosed_to_person = coded(
        "Was the use disclosed to the person?", YES_NO_UNKNOWN, default="unknown"
    )
    score = DecimalField(
        "Similarity score, if known", [Optional(), NumberRange(min=0, max=100)], places=None
    )
    notes = prose("Notes", 5000)


class DocumentRow(Form):
    """A document presented to the agents."""

    row_id = HiddenField()
    document_type = coded("Document", ID_DOCUMENT, required=True, blank="Choose the document")
    presented_by = FastSelectField("Presented by", [Optional()], choices=[])
    agent_response = coded("How the agents responded", AGENT_RESPONSE, default="unknown")
    notes = prose("Notes", 5000)


class TimelineRow(Form):
    """A step of the incident, in local time at the place."""

    row_id = HiddenField()
    kind = coded("What happened", TIMELINE_KIND, required=True, blank="Choose")
    starts_at = DateTimeLocalField(
        "Start (local time)", [InputRequired(message="Enter a start.")], format="%Y-%m-%dT%H:%M"
    )
    ends_at = DateTimeLocalField("End (local time)", [Optional()], format="%Y-%m-%dT%H:%M")
    place = text("Place", 200)
    description = prose("Description", 5000)

    def validate_ends_at(self, field):
        """The end comes after the start."""
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError("The end must be after the start.")

    def validate_starts_at(self, field):
        """Not in the future."""
        from datetime import datetime, timedelta

        if field.data and field.data > datetime.now() + timedelta(days=1):
            raise ValidationError("The start cannot be in the future.")


class IncidentForm(FlaskForm):
    """Create or edit an incident."""

    version = HiddenField()
    # when and where
    occurred_on = PartialDateField(
        "Date of the incident",
        description="YYYY-MM-DD, or YYYY-MM or YYYY if the day is not known",
        render_kw={"inputmode": "numeric", "placeholder": "YYYY-MM-DD"},
    )
    occurred_time = TimeField("Time (local)", [Optional()])
    street_address = text("Street address or intersection", rules.MAX_LENGTH["street_address"])
    city = text("City", rules.MAX_LENGTH["city"])
    county = text("County", rules.MAX_LENGTH["county"])
    state = coded("State", US_STATE, required=True, blank="Choose the state")
    zip = text("ZIP code", 10, normalized(rules.normalize_zip))
    # encounter and agencies
    encounter_type = coded(
        "Type of encounter", ENCOUNTER_TYPE, required=True, blank="Choose the type"
    )
    agencies = SelectMultipleField(
        "Agencies involved",
        choices=[],
        coerce=str,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=True,
    )
    # rows
    people = FieldList(FormField(PersonRow), min_entries=0)
    frt_uses = FieldList(FormField(FrtUseRow), min_entries=0)
    documents = FieldList(FormField(DocumentRow), min_entries=0)
    timeline = FieldList(FormField(TimelineRow), min_entries=0)
    # outcome and consent
    outcome = coded("Outcome", OUTCOME, blank="Not known yet")
    detention_hours_entered = DecimalField(
        "Hours detained (if the timeline does not show it)",
        [Optional(), NumberRange(min=0, max=rules.MAX_DETENTION_HOURS)],
        places=None,
    )
    research_consent = RadioField(
        "Did the client consent to anonymized research use?",
        choices=select_choices(YES_NO.choices()),
        default="no",
        validators=[InputRequired()],
    )
    research_consent_on = DateField("Date of consent", [Optional()])
    documentation_status = coded("Documentation status", DOCUMENTATION_STATUS, default="draft")
    narrative = prose(
        "What happened, in the client's words and ours",
        rules.MAX_LENGTH["narrative"],
        render_kw={"rows": 12},
    )

    def set_dynamic_choices(self, agency_choices: list[tuple[str, str]]) -> None:
        """Agencies of the organization, and the people of this submission for 'presented by'."""
        self.agencies.choices = select_choices(agency_choices)
        operator = select_choices([("", "—"), *agency_choices])
        for row in self.frt_uses:
            row.form.operator_agency_id.choices = operator
        people = [("", "—")] + [
            (p.form.key.data, p.form.full_name.data or f"Person {i + 1}")
            for i, p in enumerate(self.people)
        ]
        for row in self.documents:
            row.form.presented_by.choices = select_choices(people)

    def validate_research_consent_on(self, field):
        """A consent date only with consent, and not in the future."""
        try:
            rules.check_consent_date(self.research_consent.data, field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None
