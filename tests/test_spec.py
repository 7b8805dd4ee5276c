"""The field specification is the one place a field is declared: every consumer (the form,
the typed value, the import columns, the database columns, the research export) is checked
against it here, and a model column that the specification does not classify fails."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import String
from wtforms.validators import Length

from incidents.cases.forms import (
    AgentRow,
    DocumentRow,
    FrtUseRow,
    IncidentForm,
    PaperworkRow,
    PersonRow,
    TimelineRow,
)
from incidents.exports.columns import COLUMNS as EXPORT_COLUMNS
from incidents.imports.columns import BY_NAME as IMPORT_COLUMNS
from incidents.models import (
    Agent,
    Assessment,
    Deadline,
    DocumentPresented,
    Evidence,
    FormDraft,
    FrtUse,
    Incident,
    Job,
    LegalAction,
    Paperwork,
    Person,
    RecordsRequest,
    RedactionDecision,
    ReviewEvent,
    TimelineEvent,
)
from incidents.records import spec
from incidents.records.value import (
    ROW_LISTS,
    AgentValue,
    DocumentValue,
    FrtUseValue,
    IncidentValue,
    PaperworkValue,
    PersonEntry,
    PersonValue,
    TimelineValue,
)

FORMS = {
    spec.INCIDENT: IncidentForm,
    spec.PERSON: PersonRow,
    spec.PERSON_LINK: PersonRow,
    spec.AGENT: AgentRow,
    spec.FRT_USE: FrtUseRow,
    spec.DOCUMENT: DocumentRow,
    spec.TIMELINE: TimelineRow,
    spec.PAPERWORK_ROW: PaperworkRow,
}
MODELS = {
    spec.INCIDENT: Incident,
    spec.PERSON: Person,
    spec.AGENT: Agent,
    spec.FRT_USE: FrtUse,
    spec.DOCUMENT: DocumentPresented,
    spec.TIMELINE: TimelineEvent,
    spec.PAPERWORK_ROW: Paperwork,
}
VALUES = {
    spec.INCIDENT: IncidentValue,
    spec.PERSON: PersonValue,
    spec.PERSON_LINK: PersonEntry,
    spec.AGENT: AgentValue,
    spec.FRT_USE: FrtUseValue,
    spec.DOCUMENT: DocumentValue,
    spec.TIMELINE: TimelineValue,
    spec.PAPERWORK_ROW: PaperworkValue,
}
# Columns that are not data a person enters: identity, bookkeeping, derived values. Anything
# else a model holds must be declared, with its personal-data class, in the specification.
SYSTEM_COLUMNS = {
    "incidents": {
        "id",
        "organization_id",
        "reference",
        "ref_year",
        "ref_number",
        "version",
        "date_precision",  # part of occurred_on (a partial date)
        "subject_legal_status",  # derived (records.derived)
        "flag_sole_basis",
        "flag_definitive_id",
        "flag_docs_disregarded",
        "frt_systems",  # derived (records.derived)
        "archived_at",
        "archived_by_id",
        "archive_reason",
        "created_at",
        "created_by_id",
        "updated_at",
        "updated_by_id",
        # moved by the review workflow, never by the incident form or an import
        "documentation_status",
        "assigned_caseworker_id",
        "assigned_lawyer_id",
        "verified_at",
        "verified_by_id",
    },
    "people": {
        "id",
        "organization_id",
        "name_key",  # derived from full_name for matching
        "notes",  # not collected: no form field, no import column, never shown
        "created_at",
        "created_by_id",
        "updated_at",
        "updated_by_id",
    },
    "agents": {"id", "incident_id", "position"},
    "frt_uses": {"id", "incident_id", "position"},
    "documents_presented": {"id", "incident_id", "position"},
    "timeline_events": {"id", "incident_id", "position"},
    "paperwork": {"id", "incident_id", "position"},
}
ALL = spec.all_fields()
IDS = [f"{entity.name}.{field.code}" for entity, field in ALL]


@pytest.mark.parametrize(("entity", "field"), ALL, ids=IDS)
def test_each_field_is_fully_declared(entity, field):
    assert field.privacy in spec.CLASSES
    assert field.kind in spec.KINDS
    assert field.label and field.label[0].isupper()
    if field.kind in spec.TEXT_KINDS:
        assert field.max_length, "text needs a length"
    if field.kind == "code":
        assert field.vocabulary is not None
        assert field.default in (None, *field.vocabulary.codes)
    if field.kind == "number":
        assert field.minimum is not None and field.maximum is not None
    if entity is spec.INCIDENT:
        assert field.section in spec.SECTIONS
    if field.export:
        assert field.privacy in ("quasi", "analytic"), "identifiers are never exported"


@pytest.mark.parametrize(("entity", "field"), ALL, ids=IDS)
def test_the_form_reads_the_specification(app, entity, field):
    with app.test_request_context():
        form = FORMS[entity](meta={"csrf": False}) if entity is spec.INCIDENT else FORMS[entity]()
    bound = form[field.code]
    assert bound.label.text == field.label
    lengths = [v.max for v in bound.validators if isinstance(v, Length)]
    if field.kind in spec.TEXT_KINDS:
        assert lengths == [field.max_length]
    if field.kind == "code" and field.code != "research_consent":
        codes = [c.value for c in bound.choices if c.value]
        assert codes == list(field.vocabulary.codes)
    assert bool(bound.flags.required) == field.required or field.kind in (
        "code",
        "partial_date",
        "local_datetime",
    )


@pytest.mark.parametrize(("entity", "field"), ALL, ids=IDS)
def test_the_typed_value_has_the_field(entity, field):
    names = {f.name for f in dataclasses.fields(VALUES[entity])}
    assert field.code in names
    extra = {"id", "key", "person_id", "person", "date_precision", *ROW_LISTS}
    assert not (names - {f.code for f in entity} - extra)


@pytest.mark.parametrize(("entity", "field"), ALL, ids=IDS)
def test_the_import_column_reads_the_specification(entity, field):
    if not field.import_column:
        return
    column = IMPORT_COLUMNS[field.import_column]
    assert column.field is field
    assert column.max_length == field.max_length and column.vocabulary is field.vocabulary
    # masked in reports: identifiers and free text, and everything about the client
    assert column.personal == (field.identifying or entity is spec.PERSON)


def test_every_import_column_but_the_reference_is_a_field():
    declared = {f.import_column for _, f in ALL if f.import_column}
    assert set(IMPORT_COLUMNS) == declared | {"reference"}


@pytest.mark.parametrize(("entity", "field"), ALL, ids=IDS)
def test_the_database_column_holds_what_the_rules_allow(entity, field):
    model = MODELS.get(entity)
    if field.kind in spec.REF_KINDS:  # stored as the id of the row it names
        assert model.__table__.c[f"{field.code}_id"].foreign_keys
        return
    if model is None or field.code not in model.__table__.c:
        assert field.kind == "agencies" or entity is spec.PERSON_LINK
        return
    column = model.__table__.c[field.code]
    if isinstance(column.type, String) and column.type.length:
        longest = field.max_length or 0
        if field.vocabulary is not None:
            longest = max(longest, *(len(code) for code in field.vocabulary.codes))
        assert field.max_length or field.vocabulary, f"{field.code}: no length declared"
        assert column.type.length >= longest, (field.code, column.type.length, longest)
    assert column.nullable or field.required or field.default is not None


@pytest.mark.parametrize("model", list(MODELS.values()), ids=lambda m: m.__tablename__)
def test_every_model_column_is_classified(model):
    entity = next(e for e, m in MODELS.items() if m is model)
    declared = {f"{f.code}_id" if f.kind in spec.REF_KINDS else f.code for f in entity}
    declared |= SYSTEM_COLUMNS[model.__tablename__]
    unclassified = set(model.__table__.c.keys()) - declared
    assert not unclassified, f"declare {unclassified} in records/spec/ with a class"


def test_the_research_export_derives_only_from_declared_fields():
    exported = {name for _, f in ALL for name in f.export}
    names = {c.name for c in EXPORT_COLUMNS}
    assert exported <= names
    # every exported column except the random row id and the lawyers' decisions comes from fields
    assert names - exported == {"row_id", "provisions_violated"}


def test_the_data_dictionary_names_the_fields_each_column_comes_from():
    from incidents.exports.services import dictionary_rows

    rows = {row[0]: row for row in dictionary_rows()}
    assert rows["column"][-1] == "derived_from"
    assert "Person: Date of birth" in rows["age_band"][-1]
    assert "Timeline event: Start (local time)" in rows["detention_hours_band"][-1]
    assert "Incident: Hours detained" in rows["detention_hours_band"][-1]
    assert rows["row_id"][-1] == "random, new in every export"


def test_identifiers_are_classified_as_direct_identifiers():
    # what the redacted outputs and the research export rely on: these never leave as they are
    direct = {(e.name, f.code) for e, f in ALL if f.privacy == "direct"}
    assert direct == {
        ("incident", "street_address"),
        ("person", "full_name"),
        ("person", "aliases"),
        ("person", "a_number"),
        ("person", "phone"),
        ("person", "email"),
        ("person", "street_address"),
        ("agent", "name"),
        ("agent", "badge"),
    }
    free_text = {f.code for _, f in ALL if f.privacy == "free_text"}
    assert free_text == {
        "narrative",
        "notes",
        "place",
        "description",
        "role",
        "stated_reason",
        "preservation_letter_to",
        "gallery",
        "injuries",
        "property_seized",
        "effect",
        "facility",  # a place's name, typed freely: redacted like the place
    }


AUDITED = {"id", "organization_id", "incident_id", "created_at", "created_by_id"}
ATTACHED_MODELS = {
    spec.EVIDENCE: (
        Evidence,
        AUDITED
        | {"file_id", "updated_at", "updated_by_id", "archived_at", "archived_by_id"}
        | {"custody_seq", "custody_tip", "custody_seal", "redacted_from_id"},
    ),
    spec.ASSESSMENT: (
        Assessment,
        AUDITED
        | {"provision_id", "evidence_ids", "decided_at", "decided_by_id"}
        | {"updated_at", "updated_by_id"},
    ),
    spec.REDACTION_DECISION: (RedactionDecision, AUDITED | {"withdrawn_at", "withdrawn_by_id"}),
}


@pytest.mark.parametrize("entity", spec.ATTACHED, ids=lambda e: e.name)
def test_every_column_of_attached_records_is_classified(entity):
    # evidence, assessments and redaction decisions print in dossiers: a new column needs a class
    model, system = ATTACHED_MODELS[entity]
    unclassified = set(model.__table__.c.keys()) - set(entity.codes) - system
    assert not unclassified, f"declare {unclassified} in records/spec/attached.py with a class"
    assert set(entity.codes) <= set(model.__table__.c.keys())
    for field in entity:
        assert field.privacy in spec.CLASSES


@pytest.mark.parametrize(
    ("entity", "field"),
    ALL + [(e, f) for e in spec.ATTACHED for f in e],
    ids=IDS + [f"{e.name}.{f.code}" for e in spec.ATTACHED for f in e],
)
def test_every_direct_identifier_says_how_redaction_finds_it_in_text(entity, field):
    assert field.redact_as is None or field.redact_as in spec.REDACT_AS
    if field.privacy == "direct":
        assert field.redact_as, f"{entity.name}.{field.code}: say how it is found in free text"


AUDITED_ROW = {"id", "organization_id", "created_at", "created_by_id", "updated_at"}
AUDITED_ROW |= {"updated_by_id"}
WORKBENCH_MODELS = {
    spec.REVIEW_EVENT: (ReviewEvent, {"id", "organization_id", "incident_id", "actor_id"}),
    spec.LEGAL_ACTION: (
        LegalAction,
        AUDITED_ROW | {"incident_id", "archived_at", "archived_by_id"},
    ),
    spec.DEADLINE: (Deadline, AUDITED_ROW | {"incident_id", "legal_action_id"}),
    spec.RECORDS_REQUEST: (RecordsRequest, AUDITED_ROW | {"archived_at", "archived_by_id"}),
    spec.FORM_DRAFT: (FormDraft, {"id", "organization_id", "user_id", "saved_at"}),
}


@pytest.mark.parametrize("entity", spec.WORKBENCH, ids=lambda e: e.name)
def test_every_column_of_workbench_records_is_classified(entity):
    # claims, deadlines, records requests and review comments print in dossiers and calendars
    model, system = WORKBENCH_MODELS[entity]
    unclassified = set(model.__table__.c.keys()) - set(entity.codes) - system
    assert not unclassified, f"declare {unclassified} in records/spec/workbench.py with a class"
    assert set(entity.codes) <= set(model.__table__.c.keys())
    assert {f.privacy for f in entity} <= set(spec.CLASSES)


JOB_MODELS = {
    spec.JOB: (
        Job,
        {"id", "organization_id", "started_by_id", "created_at", "started_at", "finished_at"}
        | {"expires_at", "beat_at"},
    ),
}


@pytest.mark.parametrize("entity", spec.JOBS, ids=lambda e: e.name)
def test_every_column_of_background_jobs_is_classified(entity):
    # a job's inputs and messages: ids, codes and words written by the code, never typed data
    model, system = JOB_MODELS[entity]
    unclassified = set(model.__table__.c.keys()) - set(entity.codes) - system
    assert not unclassified, f"declare {unclassified} in records/spec/jobs.py with a class"
    assert set(entity.codes) <= set(model.__table__.c.keys())
    assert {f.privacy for f in entity} <= {"analytic"}


# Tables that hold no case data of their own: accounts, the audit chain, the policy library,
# the agency registry, stored bytes, link tables, derived tables.
NOT_CASE_DATA = {
    "organizations",
    "users",
    "user_sessions",
    "login_attempts",
    "recovery_codes",
    "audit_events",
    "audit_head",
    "policies",
    "provisions",
    "agencies",
    "incident_agencies",
    "evidence_files",
    "evidence_pins",
    "custody_events",
    "incident_search",
    "research_facts",
    "research_releases",
    "redaction_reviews",
    "records_request_incidents",
}


def test_every_table_of_case_data_is_classified_somewhere():
    from sqlmodel import SQLModel

    classified = {m.__tablename__ for m in MODELS.values()}
    classified |= {m.__tablename__ for m, _ in ATTACHED_MODELS.values()}
    classified |= {m.__tablename__ for m, _ in WORKBENCH_MODELS.values()}
    classified |= {m.__tablename__ for m, _ in JOB_MODELS.values()}
    tables = set(SQLModel.metadata.tables) - {"incident_people"}  # PERSON_LINK: the role
    assert tables - classified - NOT_CASE_DATA == set(), "classify the new table in records/spec/"
