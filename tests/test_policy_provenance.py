"""The library as a lawyer reads it (issue 16, points 1, 4 and 7): the limits and corrections
the reference insists on, each provision's source and each policy's status on the case page, the
library and the dossier, and the contexts each provision governs."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from incidents.models import Policy, Provision
from incidents.policies.provenance import source_line
from tests.conftest import fresh
from tests.policy_helpers import agency, pdf_text


def test_the_library_keeps_the_limits_the_reference_insists_on(library):
    from incidents.models import Policy, Provision

    def provision(key):
        return library.exec(select(Provision).where(Provision.key == key)).one()

    opt_out = provision("dhs-026-11:opt-out")
    assert opt_out.is_quotation and opt_out.text.endswith("unless otherwise authorized or required")
    dhs = library.exec(select(Policy).where(Policy.key == "dhs-026-11")).one()
    assert "public summary of January 16 2025" in dhs.source_note
    assert (dhs.status, dhs.effective_from) == ("disputed", date(2023, 9, 14))
    alabama = provision("al-15-10-111:sole-basis")
    assert "criminal investigation" in alabama.text and not alabama.is_quotation


def test_the_library_keeps_the_corrections(library):
    def provision(key):
        return library.exec(select(Provision).where(Provision.key == key)).one()

    virginia = provision("va-15-2-1723-2:probable-cause")
    assert "in an affidavit to establish probable cause" in virginia.text
    assert virginia.source_kind == "official_summary"
    lineup = provision("detroit-williams-2024:independent-evidence")
    assert "photo lineup" in lineup.text and "without independent and reliable evidence" in (
        lineup.text
    )
    assert "criminal discovery" in provision("md-cp-2-504:disclosure").text
    for key in ("wa-rcw-43-386:immigration-status", "co-crs-24-18-307:immigration-status"):
        assert "race, ethnicity, citizenship, place of origin or immigration status" in (
            provision(key).text
        )
    for key in ("md-cp-2-504:disclosure", "wa-rcw-43-386:discovery", "co-crs-24-18-308:discovery"):
        assert provision(key).contexts == "criminal"
    warrant = provision("cfr-8-287-8:c2ii")
    assert warrant.is_quotation and warrant.text == (
        "A warrant of arrest shall be obtained whenever possible prior to the arrest"
    )
    everything = library.exec(select(Provision).where(Provision.key.is_not(None))).all()
    assert all(p.source_kind for p in everything)
    dhs = provision("dhs-026-11:sole-basis")
    assert source_line(dhs).startswith("Quotation of an official summary: DHS, 2024 Update")
    assert source_line(dhs).endswith("16 Jan 2025")
    ice = provision("ice-16001-2:no-citizen-detention")
    assert source_line(ice) == (
        'Quotation of the primary text: ICE Directive 16001.2, §1, after "As a matter of law,", '
        "10 Nov 2015"
    )
    statute = library.exec(select(Policy).where(Policy.key == "usc-8-1357")).one()
    assert statute.effective_from is None and statute.in_force_by == date(2011, 6, 30)


def test_the_case_page_and_the_library_show_source_and_status(client, signed_in, library):
    from tests.case_forms import submit_new

    signed_in("lawyer")
    ice = str(agency(library, "ice_ero"))
    page = client.get(submit_new(client, agencies=[ice]).headers["Location"]).get_data(as_text=True)
    assert "Quotation of an official summary: DHS, 2024 Update" in page
    assert "Status: Disputed" in page and "Status: In force" in page
    listing = client.get("/policies").get_data(as_text=True)
    assert "in force by 2011-06-30 (entry into force not verified)" in listing
    assert "since 2023-09-14" in listing and "Governs: criminal investigations only." in listing
    assert "Binds: Federal agencies: ICE Enforcement and Removal Operations" in listing
    assert "Marked effective until July 1 2026; its successor is not verified" in listing


def test_the_dossier_gives_each_provision_its_source_and_status(
    client, signed_in, library, make_incident
):

    user, _ = signed_in("lawyer")
    incident = make_incident(user, agency_ids=[agency(library, "ice_ero")])
    text = " ".join(pdf_text(client, f"/incidents/{incident.reference}/dossier.pdf").split())
    assert "Quotation of an official summary: DHS, 2024 Update" in text
    assert "Disputed — Reported withdrawn: 2025 reporting" in text
    assert "Paraphrase of the primary text: 8 C.F.R. § 287.8, (c)(2)(iii)" in text
    assert "Enforcement context: Civil immigration enforcement (from the agencies involved)." in (
        text
    )


def test_the_case_page_says_the_context_and_the_form_sets_it(client, signed_in, library):
    from tests.case_forms import submit_new

    signed_in("caseworker")
    ice = str(agency(library, "ice_ero"))
    page = client.get(submit_new(client, agencies=[ice]).headers["Location"]).get_data(as_text=True)
    assert (
        "<dt>Enforcement context</dt><dd>Civil immigration enforcement "
        '<span class="muted">(from the agencies involved)</span></dd>'
    ) in page
    chosen = submit_new(
        client,
        agencies=[ice],
        enforcement_context="both",
        **{"people-0-full_name": "Ana Ruiz Soto", "people-0-date_of_birth": "1990-01-02"},
    )
    page = client.get(chosen.headers["Location"]).get_data(as_text=True)
    assert '<dd>Both <span class="muted">(as recorded)</span></dd>' in page


def test_the_library_says_what_each_provision_governs_and_a_copy_keeps_it(
    client, signed_in, library
):
    from incidents.models import Policy, Provision
    from tests.conftest import post_form

    signed_in("lawyer")
    colorado = library.exec(select(Policy).where(Policy.key == "co-crs-24-18-307")).one()
    page = client.get(f"/policies/{colorado.id}").get_data(as_text=True)
    assert "governs: criminal investigations only." in page and "governs: any enforcement." in page
    post_form(client, f"/policies/{colorado.id}/copy", {}, token_from=f"/policies/{colorado.id}")
    copy = fresh(library).exec(select(Policy).where(Policy.organization_id.is_not(None))).one()
    contexts = {
        p.text[:20]: p.contexts
        for p in fresh(library).exec(select(Provision).where(Provision.policy_id == copy.id))
    }
    assert sorted(contexts.values()) == ["any", "criminal", "criminal"]  # (4), (2), 308(1)
    form = client.get(f"/policies/{copy.id}/provisions/new").get_data(as_text=True)
    assert 'name="contexts"' in form and "Criminal investigations only" in form
