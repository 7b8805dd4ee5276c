"""Forms of the incident list: filters (GET, codes only), text search (POST) and archiving."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from incidents.forms_common import (
    ConfirmForm,  # noqa: F401  (the list's bare POSTs)
    DateField,
    FastSelectField,
    no_control_characters,
    no_control_characters_in_text,
    select_choices,
)
from incidents.i18n import _l, gettext
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
        label, [Optional()], choices=select_choices(vocabulary.choices(blank="Any"))
    )


class FilterForm(FlaskForm):
    """List filters. They hold codes only, so they may travel in the URL."""

    class Meta:
        csrf = False

    date_from = DateField(_l("From"), [Optional()])
    date_to = DateField(_l("To"), [Optional()])
    state = _select("State", US_STATE)
    agency = FastSelectField(_l("Agency"), [Optional()], choices=[])
    frt_system = _select("FRT system", FRT_SYSTEM)
    encounter_type = _select("Encounter", ENCOUNTER_TYPE)
    legal_status = _select("Client's legal status", LEGAL_STATUS)
    outcome = _select("Outcome", OUTCOME)
    status = _select("Documentation status", DOCUMENTATION_STATUS)
    assigned = FastSelectField(
        _l("Assigned"),
        [Optional()],
        choices=select_choices(
            [("", "Anyone or nobody"), ("me", "Assigned to me"), ("nobody", "Not assigned")]
        ),
    )
    known_to = FastSelectField(
        _l("Date known to"),
        [Optional()],
        choices=select_choices(
            [("", "Any precision"), ("month", "At least the month"), ("day", "The day")]
        ),
    )
    violated = _select("Violates a provision of type", POLICY_REQUIREMENT)
    sole_basis = BooleanField(_l("Match treated as sole basis"))
    docs_disregarded = BooleanField(_l("Documents disregarded"))
    sort = FastSelectField(
        _l("Sort by"),
        [Optional()],
        choices=select_choices(
            [
                ("occurred", "Date of incident"),
                ("reference", "Reference"),
                ("state", "State"),
                ("status", "Documentation status"),
                ("updated", "Last updated"),
            ]
        ),
    )
    order = FastSelectField(
        _l("Order"),
        [Optional()],
        choices=select_choices([("", "Default"), ("desc", "Descending"), ("asc", "Ascending")]),
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
