"""Forms of the incident list: filters (GET, codes only), text search (POST) and archiving."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from incidents.forms_common import (
    ConfirmForm,  # noqa: F401  (the list's bare POSTs)
    DateField,
    FastSelectField,
    Length,
    no_control_characters,
    no_control_characters_in_text,
    select_choices,
)
from incidents.i18n import N_, _l, gettext
from incidents.vocab import (
    DOCUMENTATION_STATUS,
    ENCOUNTER_TYPE,
    FRT_SYSTEM,
    LEGAL_STATUS,
    OUTCOME,
    POLICY_REQUIREMENT,
    US_STATE,
)


def _select(label, vocabulary):
    return FastSelectField(
        label, [Optional()], choices=select_choices(vocabulary.choices(blank=N_("Any")))
    )


class FilterForm(FlaskForm):
    """List filters. They hold codes only, so they may travel in the URL."""

    class Meta:
        csrf = False

    date_from = DateField(_l("From"), [Optional()])
    date_to = DateField(_l("To"), [Optional()])
    state = _select(_l("State"), US_STATE)
    agency = FastSelectField(_l("Agency"), [Optional()], choices=[])
    frt_system = _select(_l("FRT system"), FRT_SYSTEM)
    encounter_type = _select(_l("Encounter"), ENCOUNTER_TYPE)
    legal_status = _select(_l("Client's legal status"), LEGAL_STATUS)
    outcome = _select(_l("Outcome"), OUTCOME)
    status = _select(_l("Documentation status"), DOCUMENTATION_STATUS)
    assigned = FastSelectField(
        _l("Assigned"),
        [Optional()],
        choices=select_choices(
            [
                ("", _l("Anyone or nobody")),
                ("me", _l("Assigned to me")),
                ("nobody", _l("Not assigned")),
            ]
        ),
    )
    known_to = FastSelectField(
        _l("Date known to"),
        [Optional()],
        choices=select_choices(
            [("", _l("Any precision")), ("month", _l("At least the month")), ("day", _l("The day"))]
        ),
    )
    violated = _select(_l("Violates a provision of type"), POLICY_REQUIREMENT)
    sole_basis = BooleanField(_l("Match treated as sole basis"))
    docs_disregarded = BooleanField(_l("Documents disregarded"))
    sort = FastSelectField(
        _l("Sort by"),
        [Optional()],
        choices=select_choices(
            [
                ("occurred", _l("Date of incident")),
                ("reference", _l("Reference")),
                ("state", _l("State")),
                ("status", _l("Documentation status")),
                ("updated", _l("Last updated")),
            ]
        ),
    )
    order = FastSelectField(
        _l("Order"),
        [Optional()],
        choices=select_choices(
            [("", _l("Default")), ("desc", _l("Descending")), ("asc", _l("Ascending"))]
        ),
    )

    def validate_date_to(self, field):
        """The range must not be reversed."""
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(gettext("The end date is before the start date."))

    def valid_filters(self) -> tuple[dict, bool]:
        """The filters that validated; and whether any were dropped as not understood."""
        self.validate()
        good = {name: f.data for name, f in self._fields.items() if not f.errors and f.data}
        return good, bool(self.errors)


class SearchForm(FlaskForm):
    """Text search: posted, kept in the server-signed session, never put in a URL."""

    q = StringField(
        _l("Search narrative, reference and names"),
        [Optional(), Length(max=200), no_control_characters],
    )


class ArchiveForm(FlaskForm):
    """Archive an incident, with the reason."""

    reason = TextAreaField(
        _l("Why is this incident archived?"),
        [
            DataRequired(message=_l("Give a reason.")),
            Length(max=500),
            no_control_characters_in_text,
        ],
    )
