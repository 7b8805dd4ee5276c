"""Everything a dossier shows, gathered once and already redacted for the chosen profile.

Profiles: `full` for counsel; `redacted` for partners or press — people appear as labels
("Client", "Witness 1"), their identifying fields are left out, and every free-text value goes
through the redaction engine (incidents.redaction) with the reviewers' decisions applied."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from incidents.db import utcnow
from incidents.dossier import pins as dossier_pins
from incidents.dossier import when_where, workbench
from incidents.dossier.exhibits import Exhibit, exhibit_index, label
from incidents.dossier.review import RedactionSummary, redaction_summary
from incidents.dossier.texts import Redaction, active_decisions, redactor_for
from incidents.dossier.translated import person_label, source_line, status_line
from incidents.dossier.translated import shown as as_text
from incidents.dossier.words import _, country, day, figure, moment, ngettext, tl
from incidents.dossier.workbench import Workbench
from incidents.evidence import queries as evidence_queries
from incidents.models import Incident, Organization, User
from incidents.policies.analysis import case_analysis
from incidents.policies.applicability import enforcement_context
from incidents.policies.left_out import left_out
from incidents.records.bundle import load_bundle
from incidents.records.countries import country_name
from incidents.records.custody_chain import Step, custody_chain, hours_by_place
from incidents.records.display import detail_sections
from incidents.records.keyfacts import KeyFacts, detention_hours_from_timeline, key_facts
from incidents.records.spec import FRT_USE
from incidents.records.validation import format_a_number
from incidents.redaction.engine import person_labels
from incidents.vocab import ENCOUNTER_TYPE, US_STATE

PROFILES = ("full", "redacted")


@dataclass
class DossierContent:
    """The dossier, ready to lay out."""

    reference: str
    title: str
    organization: str
    generated_by: str
    generated_at: datetime
    profile: str
    facts: KeyFacts
    when_where: list[tuple[str, str | None]] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    agents: list[dict] = field(default_factory=list)
    paperwork: list[dict] = field(default_factory=list)
    details: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    frt_uses: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    custody: list[dict] = field(default_factory=list)
    hours_by_place: list[tuple[str, float | None]] = field(default_factory=list)
    total_hours: float | None = None
    hours_source: str = ""
    analysis: list[dict] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (provision, why not)
    context: str = ""  # the enforcement context and how it was found
    narrative: str = ""
    exhibits: list[Exhibit] = field(default_factory=list)
    redaction: RedactionSummary | None = None  # the redacted profile's counts and review
    printed_keys: set[str] = field(default_factory=set)  # the free-text values printed
    agents_hidden: bool = False
    review_line: str = ""  # the documentation status and who verified it (cover)
    workbench: Workbench | None = None  # claims, deadlines, records requests (full profile)


def gather(
    *,
    session: Session,
    incident: Incident,
    actor: User | None,
    profile: str,
    hide_agents: bool = False,
) -> DossierContent:
    """Collect the dossier's content for a profile; in the redacted profile every free-text
    value goes through the redaction engine (`texts.Redaction`) and people are labels —
    agents too when the lawyer hides them (`hide_agents`)."""
    redacted = profile == "redacted"
    hide_agents = hide_agents and redacted
    bundle = load_bundle(session, incident)
    items = list(reversed(evidence_queries.incident_items(session, incident.id)))
    analysis = case_analysis(session, bundle)
    redaction = Redaction(None)
    labels = [p.full_name for _, p in bundle.people]
    if redacted:
        decisions = active_decisions(session, incident)
        redaction = Redaction(redactor_for(bundle, decisions, hide_agents=hide_agents))
        labels = [person_label(x) for x in person_labels([link.role for link, _ in bundle.people])]
    scrub = redaction.text
    org = session.get(Organization, incident.organization_id)
    place = ", ".join(x for x in (incident.city, US_STATE.label(incident.state)) if x)
    content = DossierContent(
        reference=incident.reference,
        title=f"{tl(ENCOUNTER_TYPE.label(incident.encounter_type))} — {place} — "
        f"{when_where.date_text(incident.occurred_on, incident.date_precision)}",
        organization=org.name,
        generated_by=actor.display_name if actor else _("command line"),
        generated_at=utcnow(),
        profile=profile,
        facts=key_facts(bundle),
        when_where=when_where.rows(bundle, redacted),
        narrative=scrub("narrative", incident.narrative),
    )
    exhibits = exhibit_index(session, incident, items, redacted, scrub)
    by_id = {e.evidence_id: e.label for e in exhibits}
    pins = evidence_queries.pins_by_item(session, [item.id for item, _ in items])
    pinned = dossier_pins.gather(session, bundle, items, pins, by_id, redacted)
    for exhibit in exhibits:
        exhibit.pinned_to = pinned.of.get(exhibit.evidence_id, [])
    person_names = {}
    for (link, person), shown in zip(bundle.people, labels, strict=True):
        person_names[person.id] = shown
        details = {
            "name": shown,
            # redacted, the name is the role's label ("Client"): the role is not said twice
            "role": None if redacted else label("person_role", link.role),
            "legal_status": label("legal_status", person.legal_status),
            "nationality": country(person.nationality, country_name(person.nationality))
            if person.nationality
            else None,
            "language": person.language,
            "gender": label("gender", person.gender),
        }
        if not redacted:  # the redacted profile leaves these out entirely
            state = US_STATE.label(person.state) if person.state else None
            address = (person.street_address, person.city, state, person.zip)
            details.update(
                aliases=person.aliases,
                date_of_birth=day(person.date_of_birth) if person.date_of_birth else None,
                a_number=format_a_number(person.a_number) or None,
                phone=person.phone,
                email=person.email,
                address=", ".join(x for x in address if x) or None,
            )
        content.people.append(details)
    for title, rows in detail_sections(incident):
        content.details.append(
            (
                tl(title),
                [
                    (
                        tl(f.label),
                        scrub(f.code, text)
                        if f.privacy == "free_text"
                        else as_text(f, getattr(incident, f.code)),
                    )
                    for f, text in rows
                ],
            )
        )
    agencies = bundle.agency_by_id
    for n, agent in enumerate(bundle.agents, 1):
        # officers' names and badges are kept in the redacted profile: their acts are public
        content.agents.append(
            {
                "title": bundle.agent_title(agent.id, named=not hide_agents),
                "agency": agencies[agent.agency_id].name if agent.agency_id in agencies else None,
                "badge": _("withheld") if hide_agents and agent.badge else agent.badge,
                "role": scrub(f"agent.{n}.role", agent.role),
                "attire": label("agent_attire", agent.attire),
                "masked": label("yes_no_unknown", agent.masked),
                "identified_self": label("yes_no_unknown", agent.identified_self),
                "stated_reason": label("yes_no_unknown", agent.stated_reason),
                "description": scrub(f"agent.{n}.description", agent.description),
            }
        )
    for n, use in enumerate(bundle.frt_uses, 1):
        content.frt_uses.append(
            {
                "n": n,
                "system": label("frt_system", use.system),
                "operator": agencies[use.operator_agency_id].name
                if use.operator_agency_id in agencies
                else "—",
                "scanned_by": bundle.agent_title(use.scanned_by_id, named=not hide_agents) or "—",
                "mode": label("frt_mode", use.mode),
                "capture_source": label("frt_capture_source", use.capture_source),
                "disclosed": label("yes_no_unknown", use.disclosed_to_person),
                "result": label("frt_result", use.result),
                "treated_as": label("frt_treated_as", use.treated_as),
                "sole_basis": label("yes_no_unknown", use.sole_basis),
                "human_review": label("human_review", use.human_review),
                "corroboration": label("yes_no_unknown", use.independent_corroboration),
                "misidentified": label("yes_no_unknown", use.misidentified),
                "score": None if use.score is None else figure(use.score),
                "scan_consent": label("scan_consent", use.scan_consent),
                "conditions": as_text(FRT_USE["conditions"], use.conditions),
                "returned": as_text(FRT_USE["returned"], use.returned),
                "gallery": scrub(f"frt.{n}.gallery", use.gallery),
                "identity_differed": as_text(FRT_USE["identity_differed"], use.identity_differed),
                "notes": scrub(f"frt.{n}.notes", use.notes),
                "exhibits": pinned.exhibits(f"frt:{use.id}") or _("none"),
            }
        )
    for n, document in enumerate(bundle.documents, 1):
        content.documents.append(
            {
                "type": label("id_document", document.document_type),
                "by": person_names.get(document.presented_by_id, "—"),
                "response": label("agent_response", document.agent_response),
                "notes": scrub(f"document.{n}.notes", document.notes),
                "exhibits": pinned.exhibits(f"document:{document.id}"),
            }
        )
    facilities = [
        scrub(f"timeline.{n}.facility", e.facility) for n, e in enumerate(bundle.timeline, 1)
    ]
    for n, event in enumerate(bundle.timeline, 1):
        hours = (event.ends_at - event.starts_at).total_seconds() / 3600 if event.ends_at else None
        content.timeline.append(
            {
                "start": moment(event.starts_at),
                "end": moment(event.ends_at) if event.ends_at else "",
                "hours": hours,
                "kind": label("timeline_kind", event.kind),
                "place": scrub(f"timeline.{n}.place", event.place),
                "facility": facilities[n - 1] or None,
                "agent": bundle.agent_title(event.agent_id, named=not hide_agents),
                "description": scrub(f"timeline.{n}.description", event.description),
                "exhibits": pinned.exhibits(f"timeline:{event.id}"),
            }
        )
    for n, paper in enumerate(bundle.paperwork, 1):
        content.paperwork.append(
            {
                "kind": label("paperwork", paper.kind),
                "dated": day(paper.issued_on),
                "served": label("yes_no_unknown", paper.served),
                # the copy in the locker is an exhibit of this dossier: its label, not "No"
                "in_locker": pinned.exhibits(f"paperwork:{paper.id}")
                or label("yes_no_unknown", paper.in_locker),
                "notes": scrub(f"paperwork.{n}.notes", paper.notes),
            }
        )
    stays = custody_chain(  # with the facility names as this profile prints them
        [
            Step(e.kind, e.starts_at, e.place_type, facility or None)
            for e, facility in zip(bundle.timeline, facilities, strict=True)
        ]
    )
    for stay in stays:
        content.custody.append(
            {
                "place": tl(stay.place),
                "kind": label("detention_place", stay.place_type),
                "start": moment(stay.start),
                "end": moment(stay.end) if stay.end else _("not recorded"),
                "hours": stay.hours,
            }
        )
    content.hours_by_place = hours_by_place(stays)
    content.total_hours = content.facts.hours_detained
    content.hours_source = content.facts.hours_source
    if detention_hours_from_timeline(bundle.timeline) is None and content.total_hours is None:
        content.hours_source = "not known"
    for row in analysis:
        assessment = row.assessment
        key = row.provision.id
        cited = [
            by_id.get(int(i), _("archived evidence"))
            for i in (
                assessment.evidence_ids.split(",") if assessment and assessment.evidence_ids else []
            )
        ]
        content.analysis.append(
            {
                "policy": row.policy.title,
                "section": row.provision.section,
                "text": row.provision.text,
                "quotation": row.provision.is_quotation,
                "source": source_line(row.provision),
                "status": status_line(row.policy),
                "requirement": label("policy_requirement", row.provision.requirement_type),
                "suggested": label("assessment", row.suggestion.value),
                "suggested_reason": scrub(f"suggestion.{key}", row.suggestion.reason),
                "decision": label("assessment", assessment.decision) if assessment else None,
                "reasoning": scrub(f"assessment.{key}.reasoning", assessment.reasoning)
                if assessment
                else None,
                "decided_by": row.decided_by if assessment else None,
                "cited": cited,
            }
        )
    county = incident.county if redacted else None  # the redacted profile names no county
    context, how = enforcement_context(bundle)
    content.context = f"{label('enforcement_context', context)} ({tl(how)})"
    content.left_out = _grouped(
        (
            policy.title
            + (
                f" {provision.section}"
                if provision.section and not policy.title.endswith(provision.section)
                else ""
            ),
            why.replace(county, "[county]") if county else why,
        )
        for policy, provision, why in left_out(session, bundle)
    )
    content.exhibits = exhibits
    content.review_line = workbench.review_line(session, incident)
    if not redacted:
        content.workbench = workbench.gather(session, incident, by_id)
    if redacted:
        content.redaction = redaction_summary(session, incident, bundle, items, analysis, redaction)
    content.printed_keys = redaction.printed
    content.agents_hidden = hide_agents
    return content


def _grouped(rows) -> list[tuple[str, str]]:
    """(provision, why) rows in order, the same row said once with how many provisions it
    stands for ("… (2 provisions)": provisions of one policy without a section of their own)."""
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[row] = counts.get(row, 0) + 1
    return [
        (
            ngettext(
                "%(title)s (%(num)s provision)", "%(title)s (%(num)s provisions)", n, title=title
            )
            if n > 1
            else title,
            why,
        )
        for (title, why), n in counts.items()
    ]
