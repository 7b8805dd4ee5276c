"""The forms of a file of rows keyed by reference: the upload and the confirmation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField
from wtforms.validators import InputRequired

from incidents.forms_common import select_choices
from incidents.i18n import N_, LazyLabel, _l

KIND_CHOICES = [
    ("timeline", LazyLabel(N_("Timeline events"))),
    ("agents", LazyLabel(N_("Agents"))),
    ("paperwork", LazyLabel(N_("Paperwork issued or served"))),
]


class RowsUploadForm(FlaskForm):
    """A file of rows of one kind."""

    kind = SelectField(
        _l("The file holds"), choices=select_choices(KIND_CHOICES), validators=[InputRequired()]
    )
    rows_file = FileField(
        _l("CSV file of rows (UTF-8)"), [FileRequired(message=_l("Choose a CSV file."))]
    )


class RowsConfirmForm(FlaskForm):
    """Add the checked rows."""

    rows_token = HiddenField()
