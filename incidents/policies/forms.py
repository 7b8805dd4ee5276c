"""Forms of the policy library and of assessments."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from incidents.forms_common import (
    DateField,
    FastSelectField,
    Length,
    no_control_characters,
    no_control_characters_in_text,
    select_choices,
)
from incidents.i18n import N_, _l, gettext
from incidents.vocab import (
    AGENCY_LEVEL,
    AGENCY_TYPE,
    ASSESSMENT,
    JURISDICTION_LEVEL,
    POLICY_REQUIREMENT,
    POLICY_STATUS,
    POLICY_TYPE,
    PROVISION_CONTEXT,
    SOURCE_KIND,
    US_STATE,
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label, length, *validators, **kwargs):
    return StringField(
        label, [*validators, Length(max=length), no_control_characters], filters=[_strip], **kwargs
    )


def _checkboxes(label, choices, *validators, **kwargs):
    return SelectMultipleField(
        label,
        list(validators),
        choices=select_choices(choices),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        **kwargs,
    )


class PolicyForm(FlaskForm):
    """A policy, directive, statute or settlement."""

    title = _text(_l("Title"), 300, DataRequired())
    issuer = _text(_l("Issued by"), 200, DataRequired())
    policy_type = FastSelectField(_l("Type"), choices=select_choices(POLICY_TYPE.choices()))
    jurisdiction_level = FastSelectField(
        _l("Level"), choices=select_choices(JURISDICTION_LEVEL.choices())
    )
    state = FastSelectField(
        _l("State"), [Optional()], choices=select_choices(US_STATE.choices(blank=N_("—")))
    )
    citation = _text(_l("Citation"), 300, Optional())
    source_url = _text(
        _l("Source (web address)"),
        2000,
        DataRequired(message=_l("Give the web address of the source.")),
        URL(require_tld=True, message=_l("Enter a full web address (https://…).")),
    )
    effective_from = DateField(_l("In force from"), [Optional()])
    effective_to = DateField(_l("In force until"), [Optional()])
    in_force_by = DateField(
        _l("In force by (when the start is not known: the date a dated source shows it in force)"),
        [Optional()],
    )
    dates_note = _text(_l("Note on dates"), 500, Optional())
    status = FastSelectField(_l("Status"), choices=select_choices(POLICY_STATUS.choices()))
    status_note = _text(_l("Note on the status"), 500, Optional())
    status_source = _text(_l("Source of the status"), 500, Optional())
    successor_id = FastSelectField(_l("Superseded by"), [Optional()], choices=[])

    def validate_effective_to(self, field):
        """The end is not before the start."""
        if field.data and self.effective_from.data and field.data < self.effective_from.data:
            raise ValidationError(gettext("The end date is before the start date."))

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then: a state or local policy names its state, a federal one none
        (an empty state is never checked by its own field's validators)."""
        valid = super().validate(extra_validators)
        level, state = self.jurisdiction_level.data, self.state.data
        problem = (
            "A state or local policy needs its state."
            if level in ("state", "local") and not state
            else "A federal policy has no state: leave it empty."
            if level == "federal" and state
            else None
        )
        if problem:
            self.state.errors = [*self.state.errors, problem]
        return valid and not problem

    def validate_in_force_by(self, field):
        """'In force by' stands in for an entry into force that is not known."""
        if field.data and self.effective_from.data:
            raise ValidationError(
                gettext(
                    "Give either the date it took effect or, when that is not known, the date a "
                    "source shows it in force by — not both."
                )
            )

    def validate_status(self, field):
        """A status other than in force says what is known and from where."""
        if field.data != "in_force" and not (self.status_note.data and self.status_source.data):
            raise ValidationError(
                gettext("Say what is known of this status and give its source (below).")
            )


class ProvisionForm(FlaskForm):
    """One provision and the agencies it binds; `policy` is the policy it belongs to (its
    state and level limit what the provision can bind)."""

    policy = None

    section = _text(_l("Section"), 100, Optional())
    text = TextAreaField(
        _l("Text"),
        [DataRequired(), Length(max=10000), no_control_characters_in_text],
        render_kw={"rows": 4},
    )
    is_quotation = BooleanField(
        _l("The text is an exact quotation of the source (otherwise it is shown as a paraphrase)")
    )
    requirement_type = FastSelectField(
        _l("Requirement"), choices=select_choices(POLICY_REQUIREMENT.choices())
    )
    scope_levels = _checkboxes(
        _l("Binds agencies at these levels"),
        AGENCY_LEVEL.choices(),
        DataRequired(message=_l("Choose at least one level.")),
    )
    scope_state = FastSelectField(
        _l("Only agencies of this state"),
        [Optional()],
        choices=select_choices(US_STATE.choices(blank=N_("Any state"))),
    )
    scope_city = _text(_l("Only agencies of this city"), 100, Optional())
    scope_county = _text(_l("Only agencies of this county"), 100, Optional())
    contexts = FastSelectField(
        _l("Governs"),
        choices=select_choices(PROVISION_CONTEXT.choices()),
        default="any",
    )
    scope_agencies = _checkboxes(
        _l("Only these types of agency (none ticked: any at those levels)"),
        AGENCY_TYPE.choices(),
        Optional(),
    )
    source_kind = FastSelectField(
        _l("Kind of source"),
        choices=select_choices(SOURCE_KIND.choices(blank=N_("Choose"))),
        validators=[DataRequired(message=_l("Say what kind of source the text comes from."))],
    )
    citation = _text(_l("Citation of the source"), 300, Optional())
    pinpoint = _text(_l("Pinpoint (section, paragraph, page)"), 200, Optional())
    source_url = _text(
        _l("Source (web address)"),
        2000,
        Optional(),
        URL(require_tld=True, message=_l("Enter a full web address (https://…).")),
    )
    source_date = DateField(_l("Date of the source"), [Optional()])

    def validate_scope_state(self, field):
        """A provision of a state's policy binds in that state only."""
        if self.policy and self.policy.state and field.data and field.data != self.policy.state:
            raise ValidationError(
                gettext(
                    "This policy is %(state)s's: its provisions bind there only.",
                    state=US_STATE.label(self.policy.state),
                )
            )

    def validate_scope_levels(self, field):
        """A state or local policy cannot bind federal agencies."""
        level = self.policy.jurisdiction_level if self.policy else None
        if level in ("state", "local") and "federal" in (field.data or []):
            raise ValidationError(
                gettext(
                    "A state or local policy does not bind federal agencies (officers under a "
                    "287(g) agreement are matched through ICE's rules)."
                )
            )


class AssessmentForm(FlaskForm):
    """A lawyer's decision on one provision."""

    decision = FastSelectField(
        _l("Assessment"),
        choices=select_choices(ASSESSMENT.choices(blank=N_("Choose"))),
        validators=[DataRequired(message=_l("Choose an assessment."))],
    )
    reasoning = TextAreaField(
        _l("Reasoning"),
        [
            DataRequired(message=_l("Give your reasoning.")),
            Length(max=10000),
            no_control_characters_in_text,
        ],
        render_kw={"rows": 3},
    )
    evidence = _checkboxes(_l("Evidence cited"), [], Optional(), coerce=int)
