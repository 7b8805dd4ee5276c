"""The incident form, in sections, with repeatable rows that work without JavaScript. Every
data field comes from the field specification (`field_for`); the hidden fields carry row
identity and the caseworker's duplicate decisions."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, RadioField
from wtforms.validators import InputRequired, ValidationError

from incidents.cases.fields import field_for
from incidents.forms_common import select_choices
from incidents.records import validation as rules
from incidents.records.countries import country_choices
from incidents.records.spec import DOCUMENT, FRT_USE, INCIDENT, PERSON, PERSON_LINK, TIMELINE


class PersonRow(Form):
    """A person and their role in this incident."""

    key = HiddenField()
    person_id = HiddenField()
    duplicate_choice = HiddenField()
    role = field_for(PERSON_LINK["role"])
    full_name = field_for(PERSON["full_name"])
    aliases = field_for(PERSON["aliases"])
    date_of_birth = field_for(PERSON["date_of_birth"], description="")
    a_number = field_for(PERSON["a_number"])
    phone = field_for(PERSON["phone"], description="")
    email = field_for(PERSON["email"])
    street_address = field_for(PERSON["street_address"])
    city = field_for(PERSON["city"])
    state = field_for(PERSON["state"])
    zip = field_for(PERSON["zip"])
    gender = field_for(PERSON["gender"])
    nationality = field_for(PERSON["nationality"], description="")
    language = field_for(PERSON["language"])
    legal_status = field_for(PERSON["legal_status"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nationality.choices = select_choices(country_choices())
        if not self.key.data:
            self.key.data = "n" + secrets.token_hex(4)


class FrtUseRow(Form):
    """One use of facial recognition."""

    row_id = HiddenField()
    system = field_for(FRT_USE["system"])
    operator_agency_id = field_for(FRT_USE["operator_agency_id"])
    mode = field_for(FRT_USE["mode"], description="")
    capture_source = field_for(FRT_USE["capture_source"])
    result = field_for(FRT_USE["result"])
    treated_as = field_for(FRT_USE["treated_as"])
    sole_basis = field_for(FRT_USE["sole_basis"])
    human_review = field_for(FRT_USE["human_review"])
    independent_corroboration = field_for(FRT_USE["independent_corroboration"])
    misidentified = field_for(FRT_USE["misidentified"])
    disclosed_to_person = field_for(FRT_USE["disclosed_to_person"])
    score = field_for(FRT_USE["score"])
    notes = field_for(FRT_USE["notes"])


class DocumentRow(Form):
    """A document presented to the agents."""

    row_id = HiddenField()
    document_type = field_for(DOCUMENT["document_type"], description="")
    presented_by = field_for(DOCUMENT["presented_by"])
    agent_response = field_for(DOCUMENT["agent_response"], description="")
    notes = field_for(DOCUMENT["notes"])


class TimelineRow(Form):
    """A step of the incident, in local time at the place."""

    row_id = HiddenField()
    kind = field_for(TIMELINE["kind"])
    starts_at = field_for(TIMELINE["starts_at"])
    ends_at = field_for(TIMELINE["ends_at"])
    place = field_for(TIMELINE["place"])
    description = field_for(TIMELINE["description"])

    def validate_ends_at(self, field):
        """The end comes after the start."""
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError("The end must be after the start.")

    def validate_starts_at(self, field):
        """Not in the future."""
        if field.data and field.data > datetime.now() + timedelta(days=1):
            raise ValidationError("The start cannot be in the future.")


class IncidentForm(FlaskForm):
    """Create or edit an incident."""

    version = HiddenField()
    # when and where
    occurred_on = field_for(
        INCIDENT["occurred_on"], render_kw={"inputmode": "numeric", "placeholder": "YYYY-MM-DD"}
    )
    occurred_time = field_for(INCIDENT["occurred_time"])
    street_address = field_for(INCIDENT["street_address"])
    city = field_for(INCIDENT["city"])
    county = field_for(INCIDENT["county"])
    state = field_for(INCIDENT["state"], description="")
    zip = field_for(INCIDENT["zip"], description="")
    # encounter and agencies
    encounter_type = field_for(INCIDENT["encounter_type"])
    agencies = field_for(INCIDENT["agencies"], description="")
    # rows
    people = FieldList(FormField(PersonRow), min_entries=0)
    frt_uses = FieldList(FormField(FrtUseRow), min_entries=0)
    documents = FieldList(FormField(DocumentRow), min_entries=0)
    timeline = FieldList(FormField(TimelineRow), min_entries=0)
    # outcome and consent
    outcome = field_for(INCIDENT["outcome"])
    detention_hours_entered = field_for(INCIDENT["detention_hours_entered"], description="")
    research_consent = RadioField(
        INCIDENT["research_consent"].label,
        choices=select_choices(INCIDENT["research_consent"].vocabulary.choices()),
        default=INCIDENT["research_consent"].default,
        validators=[InputRequired()],
    )
    research_consent_on = field_for(INCIDENT["research_consent_on"])
    documentation_status = field_for(INCIDENT["documentation_status"])
    narrative = field_for(INCIDENT["narrative"], render_kw={"rows": 12})

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
