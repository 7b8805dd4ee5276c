"""Form for an organization's own agency."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from incidents.forms_common import FastSelectField, no_control_characters, select_choices
from incidents.vocab import AGENCY_LEVEL, US_STATE


class AgencyForm(FlaskForm):
    """Name, level and (for state and local agencies) state."""

    name = StringField(
        "Agency name",
        [DataRequired(), Length(max=200), no_control_characters],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )
    level = FastSelectField(
        "Level",
        choices=select_choices(AGENCY_LEVEL.choices(blank="Choose")),
        validators=[DataRequired(message="Choose a level.")],
    )
    state = FastSelectField(
        "State (state and local agencies)",
        [Optional()],
        choices=select_choices(US_STATE.choices(blank="—")),
    )

    submit = SubmitField("Add agency")
