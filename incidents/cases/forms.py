"""The incident form, in sections, with repeatable rows that work without JavaScript. Every
data field comes from the field specification: `with_spec_fields` adds one for each field of
the entity; a class declares a field itself only to adjust it. The hidden fields carry row
identity and the caseworker's duplicate decisions."""

from __future__ import annotations

import secrets

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, RadioField
from wtforms.validators import InputRequired, ValidationError

from incidents.cases.fields import field_for, with_spec_fields
from incidents.forms_common import select_choices
from incidents.i18n import N_, LazyLabel, _l, current_language, gettext, translate_label
from incidents.records import validation as rules
from incidents.records.countries import country_choices
from incidents.records.spec import (
    AGENT,
    DOCUMENT,
    FRT_USE,
    INCIDENT,
    PAPERWORK_ROW,
    PERSON,
    PERSON_LINK,
    TIMELINE,
)


@with_spec_fields(PERSON_LINK, PERSON)
class PersonRow(Form):
    """A person and their role in this incident."""

    key = HiddenField()
    person_id = HiddenField()
    duplicate_choice = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nationality.choices = select_choices(country_choices(current_language()))
        _new_key(self)


def _new_key(row) -> None:
    """A new row's key, which other rows of the same submission name it by."""
    if not row.key.data:
        row.key.data = "n" + secrets.token_hex(4)


@with_spec_fields(AGENT)
class AgentRow(Form):
    """An officer or agent: named, by badge, or described."""

    row_id = HiddenField()
    key = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _new_key(self)


@with_spec_fields(FRT_USE)
class FrtUseRow(Form):
    """One use of facial recognition."""

    row_id = HiddenField()


@with_spec_fields(DOCUMENT)
class DocumentRow(Form):
    """A document presented to the agents."""

    row_id = HiddenField()


@with_spec_fields(TIMELINE)
class TimelineRow(Form):
    """A step of the incident, in local time at the place."""

    row_id = HiddenField()

    def validate_ends_at(self, field):
        """The end comes after the start."""
        try:
            rules.check_ends_after(self.starts_at.data, field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


@with_spec_fields(PAPERWORK_ROW)
class PaperworkRow(Form):
    """A document issued or served."""

    row_id = HiddenField()


def agent_choice(row, index: int) -> str:
    """How an agent row is named in a choice: its number, then name or badge if given."""
    known = " ".join(x for x in (row.name.data or "", row.badge.data or "") if x.strip())
    if known:
        return gettext("Agent %(number)s (%(known)s)", number=index + 1, known=known[:60])
    return gettext("Agent %(number)s", number=index + 1)


@with_spec_fields(INCIDENT)
class IncidentForm(FlaskForm):
    """Create or edit an incident."""

    version = HiddenField()
    # when and where
    occurred_on = field_for(
        INCIDENT["occurred_on"],
        render_kw={"inputmode": "numeric", "placeholder": LazyLabel(N_("YYYY-MM-DD"))},
    )
    # encounter and agencies
    # rows
    people = FieldList(FormField(PersonRow), min_entries=0)
    agents = FieldList(FormField(AgentRow), min_entries=0)
    frt_uses = FieldList(FormField(FrtUseRow), min_entries=0)
    documents = FieldList(FormField(DocumentRow), min_entries=0)
    timeline = FieldList(FormField(TimelineRow), min_entries=0)
    paperwork = FieldList(FormField(PaperworkRow), min_entries=0)
    # outcome and consent
    research_consent = RadioField(
        LazyLabel(INCIDENT["research_consent"].label),
        choices=select_choices(INCIDENT["research_consent"].vocabulary.choices()),
        default=INCIDENT["research_consent"].default,
        validators=[InputRequired()],
    )
    narrative = field_for(INCIDENT["narrative"], render_kw={"rows": 12})

    def set_dynamic_choices(self, agency_choices, local_choices=()) -> None:
        """Agencies of the organization (the state and local ones, `local_choices`, for
        287(g)); the people and agents of this submission for 'presented by', 'scanned by' and a
        timeline event's agent."""
        self.agencies.choices = select_choices(agency_choices)
        self.agencies_287g.choices = select_choices(
            [
                (value, gettext("%(agency)s — under a 287(g) agreement", agency=_shown(name)))
                for value, name in local_choices
            ]
        )
        operator = select_choices([("", _l("—")), *agency_choices])
        for row in self.frt_uses:
            row.form.operator_agency_id.choices = operator
        for row in self.agents:
            row.form.agency_id.choices = operator
        people = [("", "—")] + [
            (p.form.key.data, p.form.full_name.data or gettext("Person %(number)s", number=i + 1))
            for i, p in enumerate(self.people)
        ]
        for row in self.documents:
            row.form.presented_by.choices = select_choices(people)
        agents = select_choices(
            [("", "—")]
            + [(a.form.key.data, agent_choice(a.form, i)) for i, a in enumerate(self.agents)]
        )
        for row in self.frt_uses:
            row.form.scanned_by.choices = agents
        for row in self.timeline:
            row.form.agent.choices = agents

    def validate(self, extra_validators=None) -> bool:
        """The fields' own rules, then the claim and letter dates against each other."""
        valid = super().validate(extra_validators)
        parsed = self.occurred_on.parsed
        problems = rules.claim_problems(
            parsed[0] if parsed else None,
            {code: getattr(self, code).data for code in rules.CLAIM_FIELDS},
        )
        for code, message in problems.items():
            getattr(self, code).errors = [*getattr(self, code).errors, message]
        return valid and not problems

    def validate_research_consent_on(self, field):
        """A consent date only with consent, and not in the future."""
        try:
            rules.check_consent_date(self.research_consent.data, field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


def _shown(name: str) -> str:
    """A choice's agency name as drawn: a seeded generic name (a `LazyLabel`) translated."""
    return translate_label(name) if isinstance(name, LazyLabel) else name
