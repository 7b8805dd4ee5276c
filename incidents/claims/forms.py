"""Forms of legal actions and of deadlines entered by a lawyer."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from incidents import clock
from incidents.claims.rules import add_months
from incidents.forms_common import (
    DateField,
    FastSelectField,
    Length,
    no_control_characters,
    no_control_characters_in_text,
    select_choices,
)
from incidents.i18n import N_, _l, gettext
from incidents.records.validation import EARLIEST_INCIDENT
from incidents.vocab import ENTERED_DEADLINE_KIND, LEGAL_ACTION_KIND, LEGAL_ACTION_STATUS


def _strip(value):
    return value.strip() or None if isinstance(value, str) else value


def _line(label, length, *validators, **kwargs):
    return StringField(
        label, [*validators, Length(max=length), no_control_characters], filters=[_strip], **kwargs
    )


def _prose(label, length, **kwargs):
    return TextAreaField(
        label,
        [Optional(), Length(max=length), no_control_characters_in_text],
        filters=[_strip],
        **kwargs,
    )


def _not_future(_form, field):
    if field.data and field.data > clock.today():
        raise ValidationError(gettext("This date is in the future: enter it once it has happened."))
    if field.data and field.data < EARLIEST_INCIDENT:
        raise ValidationError(
            gettext("A date from %(year)s on, please.", year=EARLIEST_INCIDENT.year)
        )


def _plausible_due(_form, field):
    if field.data and not (EARLIEST_INCIDENT <= field.data <= add_months(clock.today(), 12 * 25)):
        raise ValidationError(
            gettext(
                "A due date between %(year)s and 25 years from now, please.",
                year=EARLIEST_INCIDENT.year,
            )
        )


class LegalActionForm(FlaskForm):
    """A claim, suit or complaint brought for the client."""

    kind = FastSelectField(
        _l("Kind of action"),
        [InputRequired(message=_l("Choose the kind of action."))],
        choices=select_choices(LEGAL_ACTION_KIND.choices(blank=N_("Choose one"))),
    )
    against = _line(
        _l("Against whom"),
        300,
        Optional(),
        description=_l("The agency, the United States, or the officers named"),
    )
    status = FastSelectField(_l("Status"), choices=select_choices(LEGAL_ACTION_STATUS.choices()))
    accrued_on = DateField(
        _l("Claim accrued on"),
        [Optional(), _not_future],
        description=_l(
            "Your judgement of when the claim accrued. For an FTCA administrative "
            "claim the two-year presentment deadline is computed from it; left empty, none is."
        ),
    )
    filed_on = DateField(
        _l("Filed, presented or sent on"),
        [Optional(), _not_future],
        description=_l("For an FTCA claim: the day the agency received the claim (SF-95)"),
    )
    denial_mailed_on = DateField(
        _l("Final denial mailed on"),
        [Optional(), _not_future],
        description=_l("FTCA: the six months to begin suit run from this date"),
    )
    outcome = _prose(_l("Outcome"), 4000)
    notes = _prose(_l("Notes"), 4000)
    evidence = SelectMultipleField(
        _l("Documents in the evidence locker"),
        [Optional()],
        choices=[],
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l(
            "The claim form, letters and decisions, uploaded to the incident's evidence"
        ),
    )

    def validate_filed_on(self, field):
        """A claim is filed after it accrued."""
        if field.data and self.accrued_on.data and field.data < self.accrued_on.data:
            raise ValidationError(gettext("Filed before the claim accrued: check both dates."))

    def validate_denial_mailed_on(self, field):
        """A denial answers a claim that was filed."""
        if field.data and not self.filed_on.data:
            raise ValidationError(gettext("Enter the date the claim was filed first."))
        if field.data and self.filed_on.data and field.data < self.filed_on.data:
            raise ValidationError(gettext("The denial is dated before the claim was filed."))

    def data_for_service(self) -> dict:
        """The action's fields as the service takes them."""
        return {
            name: self[name].data
            for name in (
                "kind",
                "against",
                "status",
                "accrued_on",
                "filed_on",
                "denial_mailed_on",
                "outcome",
                "notes",
            )
        }


class DeadlineForm(FlaskForm):
    """A deadline the lawyer enters, with the rule it relies on."""

    kind = FastSelectField(
        _l("Kind of deadline"), choices=select_choices(ENTERED_DEADLINE_KIND.choices())
    )
    due_on = DateField(
        _l("Due on"), [InputRequired(message=_l("Enter the date it is due.")), _plausible_due]
    )
    rule = _line(
        _l("Rule relied on"),
        500,
        DataRequired(message=_l("Say which rule sets this date: nothing here is computed for it.")),
        description=_l("e.g. the statute, court rule or order and the period it sets"),
    )
    source = _line(
        _l("Source"), 500, Optional(), description=_l("Where the rule can be read (optional)")
    )
    legal_action = FastSelectField(_l("For the legal action"), [Optional()], choices=[])
    note = _prose(_l("Note"), 2000)

    def data_for_service(self) -> dict:
        """The deadline's fields as the service takes them."""
        return {
            "kind": self.kind.data,
            "due_on": self.due_on.data,
            "rule": self.rule.data,
            "source": self.source.data,
            "note": self.note.data,
            "legal_action_id": int(self.legal_action.data) if self.legal_action.data else None,
        }
