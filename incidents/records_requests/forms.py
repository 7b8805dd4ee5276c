"""Forms of records requests: the request itself, its incidents, the records received, the
list's filters. Labels and lengths come from the field specification (records/spec/workbench);
the rules that tie fields together are `services.problems`, shown beside their fields."""

from __future__ import annotations

from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    MultipleFileField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from incidents import clock
from incidents.cases.fields import field_for
from incidents.evidence.sniff import ACCEPT_ATTRIBUTE
from incidents.forms_common import (
    DateField,
    DecimalField,
    FastSelectField,
    no_control_characters,
    no_control_characters_in_text,
    select_choices,
)
from incidents.i18n import N_, LazyLabel, _l, gettext, number
from incidents.records.spec import RECORDS_REQUEST as SPEC
from incidents.records_requests.due import MAX_EXTENSION_WORKING_DAYS
from incidents.records_requests.services import RequestDetails, parse_references, problems
from incidents.vocab import RECORDS_REQUEST_KIND, RECORDS_REQUEST_STATUS

MAX_FEES = Decimal("1000000")
MAX_ANY_EXTENSION = 365  # working days: beyond any law's extension


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _amount(_form, field) -> None:
    """A sum of US dollars from 0 to MAX_FEES (never NaN or infinite)."""
    value = field.data
    if value is not None and not (value.is_finite() and 0 <= value <= MAX_FEES):
        raise ValidationError(gettext("Enter an amount from 0 to %(most)s.", most=number(MAX_FEES)))
    if value is not None and value.as_tuple().exponent < -2:
        raise ValidationError(gettext("Dollars and cents: two decimals at most."))


class RequestForm(FlaskForm):
    """Every field of a request. `incidents` (references) only on a new request: afterwards
    they are linked and unlinked on the request's page."""

    kind = FastSelectField(
        LazyLabel(SPEC["kind"].label),
        choices=select_choices(RECORDS_REQUEST_KIND.choices(blank=N_("Choose"))),
        validators=[DataRequired(message=_l("Choose the kind of request."))],
    )
    agency_id = FastSelectField(
        _l("Agency"),
        choices=[],
        validators=[DataRequired(message=_l("Choose the agency the request went to."))],
        description=_l(
            "Shared agencies and your organization's own (add yours on the Agencies page)."
        ),
    )
    component = field_for(
        SPEC["component"], description=_l("The office that handles it, e.g. “ICE FOIA Office”.")
    )
    subject = field_for(SPEC["subject"], render_kw={"rows": 4})
    incidents = StringField(
        _l("Incidents it concerns"),
        [Length(max=2000), no_control_characters],
        filters=[_strip],
        description=_l(
            "References of your organization's incidents, separated by commas or "
            "spaces (at least one)."
        ),
    )
    sent_on = DateField(
        LazyLabel(SPEC["sent_on"].label), [InputRequired(message=_l("Enter the date sent."))]
    )
    received_on = DateField(
        LazyLabel(SPEC["received_on"].label),
        [Optional()],
        description=_l(
            "From the agency's acknowledgement. A federal FOIA deadline counts from this day."
        ),
    )
    tracking_number = field_for(SPEC["tracking_number"], description=_l("The agency's number."))
    extension_days = IntegerField(
        LazyLabel(SPEC["extension_days"].label),
        [
            Optional(),
            NumberRange(
                min=0,
                max=MAX_ANY_EXTENSION,
                message=_l(
                    "Enter 0 to %(most)s working days (federal FOIA: at most %(federal)s).",
                    most=MAX_ANY_EXTENSION,
                    federal=MAX_EXTENSION_WORKING_DAYS,
                ),
            ),
        ],
        default=0,
        description=_l(
            "Working days the agency added by written notice (federal FOIA: at most %(federal)s).",
            federal=MAX_EXTENSION_WORKING_DAYS,
        ),
    )
    due_on = DateField(
        LazyLabel(SPEC["due_on"].label),
        [Optional()],
        description=_l(
            "Federal FOIA requests: leave empty, the date is computed. Other kinds: "
            "enter it only with the rule it relies on."
        ),
    )
    due_rule = field_for(
        SPEC["due_rule"],
        description=_l(
            "The statute or rule and its section, e.g. the state's public-records "
            "act (required with an entered due date)."
        ),
    )
    status = FastSelectField(
        LazyLabel(SPEC["status"].label),
        choices=select_choices(RECORDS_REQUEST_STATUS.choices()),
        validators=[DataRequired(message=_l("Choose the status."))],
        default="sent",
    )
    status_on = DateField(
        LazyLabel(SPEC["status_on"].label),
        [Optional()],
        description=_l("When the status took effect (empty: the day sent for “Sent”, else today)."),
    )
    fees = DecimalField(
        LazyLabel(SPEC["fees"].label),
        [Optional(), _amount],
        places=2,
        description=_l("In US dollars, e.g. 25 or 12.50."),
    )
    notes = field_for(SPEC["notes"], render_kw={"rows": 4})

    def __init__(self, *args, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.new = new
        if not new:
            del self.incidents
        self.references: list[str] = []
        self.agency_levels: dict[str, str] = {}  # agency id → level, for the FOIA check

    def details(self) -> RequestDetails:
        """The request as entered (empty answers as None)."""
        return RequestDetails(
            kind=self.kind.data,
            agency_id=int(self.agency_id.data),
            component=self.component.data or None,
            subject=self.subject.data or None,
            sent_on=self.sent_on.data,
            received_on=self.received_on.data,
            tracking_number=self.tracking_number.data or None,
            extension_days=self.extension_days.data or 0,
            due_on=self.due_on.data,
            due_rule=self.due_rule.data or None,
            status=self.status.data,
            status_on=self.status_on.data,
            fees=round(float(self.fees.data), 2) if self.fees.data is not None else None,
            notes=self.notes.data or None,
        )

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then the rules tying fields together (dates in order, the FOIA
        extension limit, an entered due date only with its rule), each beside its field."""
        valid = super().validate(extra_validators)
        if self.new:
            self.references = parse_references(self.incidents.data)
            if not self.references and not self.incidents.errors:
                self.incidents.errors.append(
                    gettext("Enter the reference of at least one incident.")
                )
        if not valid:
            return False
        level = self.agency_levels.get(self.agency_id.data)
        for name, message in problems(
            self.details(), today=clock.today(), agency_level=level
        ).items():
            getattr(self, name).errors.append(message)
        return not self.errors


class LinkIncidentForm(FlaskForm):
    """Link one more incident, by reference."""

    reference = StringField(
        _l("Incident reference"),
        [
            DataRequired(message=_l("Enter an incident's reference.")),
            Length(max=40),
            no_control_characters,
        ],
        filters=[_strip],
    )


class ChoiceForm(FlaskForm):
    """A POST naming one row by id (an incident to unlink, a received item to unlink)."""

    choice = IntegerField(_l("Which"), [InputRequired(), NumberRange(min=1, max=2**31 - 1)])


class LinkRecordForm(FlaskForm):
    """Link an evidence item of one of the request's incidents as records received."""

    evidence_id = FastSelectField(
        _l("Evidence item"),
        choices=[],
        validators=[DataRequired(message=_l("Choose an evidence item."))],
        description=_l("Items of kind “FOIA record” of the request's incidents."),
    )


class UploadRecordsForm(FlaskForm):
    """Upload the records received (stored as evidence of kind FOIA record of one of the
    request's incidents, then linked to the request)."""

    files = MultipleFileField(
        _l("Files"),
        render_kw={"accept": ACCEPT_ATTRIBUTE},
        description=_l(
            "PDF, photos, video, audio, text, CSV, DOCX, ODT — as the agency sent them."
        ),
    )
    incident_id = FastSelectField(
        _l("Incident the records go with"),
        choices=[],
        validators=[DataRequired(message=_l("Choose the incident."))],
    )
    title = StringField(
        _l("Title"), [Optional(), Length(max=200), no_control_characters], filters=[_strip]
    )
    provenance = TextAreaField(
        _l("Provenance"),
        [Optional(), Length(max=2000), no_control_characters_in_text],
        description=_l("How the records arrived (mail, portal download) and when."),
    )
    captured_on = DateField(_l("Date the agency released them"), [Optional()])

    def validate_files(self, field):
        """At least one file."""
        if not [f for f in field.data or [] if getattr(f, "filename", None)]:
            raise ValidationError(gettext("Choose at least one file."))

    def validate_captured_on(self, field):
        """Not in the future."""
        if field.data and field.data > clock.today():
            raise ValidationError(gettext("The date cannot be in the future."))


class FilterForm(FlaskForm):
    """List filters: codes only, so they may travel in the URL."""

    class Meta:
        csrf = False

    status = FastSelectField(
        _l("Status"),
        [Optional()],
        choices=select_choices(RECORDS_REQUEST_STATUS.choices(blank=N_("Any"))),
    )
    kind = FastSelectField(
        _l("Kind"),
        [Optional()],
        choices=select_choices(RECORDS_REQUEST_KIND.choices(blank=N_("Any"))),
    )
    overdue = BooleanField(_l("Overdue only"))
    archived = BooleanField(_l("Archived requests"))

    def valid_filters(self) -> dict:
        """The filters that validated (anything not understood is ignored)."""
        self.validate()
        return {name: f.data for name, f in self._fields.items() if not f.errors and f.data}
