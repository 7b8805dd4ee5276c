"""Form for an organization's own agency: name, type, level and jurisdiction."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Optional

from incidents.cases.agency_services import AgencyDetails, detail_problems
from incidents.forms_common import FastSelectField, Length, no_control_characters, select_choices
from incidents.i18n import N_, _l
from incidents.vocab import AGENCY_LEVEL, AGENCY_TYPE, US_STATE


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _place(label: str, description: str) -> StringField:
    return StringField(
        label,
        [Optional(), Length(max=100), no_control_characters],
        filters=[_strip],
        description=description,
    )


class AgencyForm(FlaskForm):
    """Name, type, level and jurisdiction; the service's rules decide what each type needs."""

    name = StringField(
        _l("Agency name"),
        [DataRequired(), Length(max=200), no_control_characters],
        filters=[_strip],
    )
    agency_type = FastSelectField(
        _l("Type"),
        choices=select_choices(AGENCY_TYPE.choices(blank=N_("Choose"))),
        validators=[DataRequired(message=_l("Choose the type of agency."))],
    )
    level = FastSelectField(
        _l("Level"),
        choices=select_choices(AGENCY_LEVEL.choices(blank=N_("Choose"))),
        validators=[DataRequired(message=_l("Choose a level."))],
        description=_l(
            "Federal for ICE, CBP and the FBI; state for state police; local for city "
            "police and sheriffs."
        ),
    )
    state = FastSelectField(
        _l("State (state and local agencies)"),
        [Optional()],
        choices=select_choices(US_STATE.choices(blank=N_("—"))),
    )
    county = _place(
        _l("County"), _l("A sheriff's office's county; a city police department's, if known.")
    )
    city = _place(_l("City or town"), _l("A city or town police department's city."))

    submit = SubmitField(_l("Add agency"))

    def details(self) -> AgencyDetails:
        """The details as entered (empty answers as None)."""
        return AgencyDetails(
            name=self.name.data,
            agency_type=self.agency_type.data or None,
            level=self.level.data,
            state=self.state.data or None,
            county=self.county.data or None,
            city=self.city.data or None,
        )

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then the registry's rules (the level fits the type; the jurisdiction
        the type needs), each shown beside its field."""
        if not super().validate(extra_validators):
            return False
        for name, message in detail_problems(self.details()).items():
            getattr(self, name).errors.append(message)
        return not self.errors
