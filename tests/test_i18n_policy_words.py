"""The policy pages' generated words in Spanish (issue 21): the "Binds:" scope line as whole
phrases per combination of levels, and the reasons the library generates on web pages (the
engine's own sentences), while policy names, citations, quotations and the dossier stay English."""

from __future__ import annotations

import re

from incidents.models import Provision
from incidents.policies.provenance import LEVEL_PHRASES, scope_words
from incidents.policies.reason_words import reason_words
from tests.test_i18n_pages import _spanish


def test_the_binds_line_and_a_reason_read_in_spanish(client, signed_in, library, make_incident):
    user, _ = signed_in("lawyer")
    case = make_incident(user)
    english = client.get("/policies").get_data(as_text=True)
    assert "Binds: State and local agencies in Colorado." in english
    page = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert ": No agency is recorded for this incident.</li>" in page
    _spanish(client, "/policies")
    listing = client.get("/policies").get_data(as_text=True)
    assert "Agencias estatales y locales en Colorado" in listing
    assert "Agencias locales en Míchigan, ciudad de Detroit" in listing
    assert "State and local agencies" not in listing
    assert "(8 C.F.R. § 287.8)" in listing  # a policy's name and citation as written
    spanish = client.get(f"/incidents/{case.reference}").get_data(as_text=True)
    assert ": No hay ninguna agencia registrada para este incidente.</li>" in spanish
    assert "No agency is recorded" not in spanish
    assert "Standards for enforcement activities (8 C.F.R. § 287.8)" in spanish


def test_every_combination_of_levels_is_one_phrase_and_english_is_unchanged(app):
    provision = Provision(scope_levels="local,state", scope_state="CO", scope_county="Denver")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert scope_words(provision) == "Local and state agencies in Colorado, Denver County"
        reason = "No facial recognition use is recorded. A note from the library."
        assert reason_words(reason) == reason
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert (
            scope_words(provision) == "Agencias estatales y locales en Colorado, condado de Denver"
        )
        for levels in LEVEL_PHRASES:
            words = scope_words(Provision(scope_levels=",".join(sorted(levels))))
            assert words.startswith("Agencias ") and " and " not in words, levels
        # the engine's sentences translated; a note it did not write (the library's) as written
        assert reason_words("No facial recognition use is recorded. A note from the library.") == (
            "No se registra ningún uso de reconocimiento facial. A note from the library."
        )
        # its dates as the page writes them; a month known no better, "en" that month
        assert reason_words("Not yet in force on 2023-09: in force from 2024-01-01.") == (
            "Todavía no estaba vigente en septiembre de 2023: vigente desde el 1 ene 2024."
        )
        assert reason_words("No longer in force on 2023-09-14: it ended on 2023-01-01.") == (
            "Ya no estaba vigente el 14 sept 2023: terminó el 1 ene 2023."
        )
        unknown = "Carl Client (US citizen) said so."
        assert reason_words(unknown) == unknown
        # why a provision is left out: the levels and kinds of agency it binds
        assert reason_words("It binds local agencies; the agencies here are federal.") == (
            "Obliga a las agencias locales; las agencias de este caso son federales."
        )
        assert reason_words(
            "It binds state and local agencies; the agencies here are federal "
            "(and none under 287(g))."
        ) == (
            "Obliga a las agencias estatales y locales; las agencias de este caso son "
            "federales (y ninguna actúa en virtud de un acuerdo 287(g))."
        )
        kinds = "It binds only these kinds of agency: County sheriff's office."
        assert reason_words(kinds) == (
            "Solo obliga a estos tipos de agencia: Oficina del alguacil (sheriff) del condado."
        )
        # a sentence naming agencies or places stays as written
        named = "It binds only agencies of Detroit; the agency involved is of Flint (Flint PD)."
        assert reason_words(named) == named
    with app.test_request_context(headers={"Accept-Language": "en"}):
        english = "It binds local agencies; the agencies here are federal."
        assert reason_words(english) == english  # stored and shown in English as written


def test_published_counts_and_shares_follow_the_language(app):
    from incidents.dashboard.research_figures import published
    from incidents.exports.aggregates import share

    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert published(share(999, 1000)) == "más del 99 %"
        assert published(share(1, 1000)) == "menos del 1 %"
        assert published(share(37, 100)) == "37 %"
        assert published("12,345") == "12.345" and published("<11") == "<11"
        assert published("too few to report") != "too few to report"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert published(share(999, 1000)) == "over 99 %"  # as published, exactly
        assert published("12,345") == "12,345"


def test_the_library_s_own_notes_and_paraphrases_are_marked_english(client, signed_in, library):
    """Legal content is not translated: on a Spanish page the library's notes, paraphrases
    and quotations are marked `lang="en"` (a screen reader reads them as English)."""
    signed_in("lawyer")
    _spanish(client, "/policies")
    listing = client.get("/policies").get_data(as_text=True)
    assert '<span lang="en">Entry into force not verified here.' in listing
    assert '<span lang="en">Effective date not verified.</span>' in listing
    policy = re.search(r'href="(/policies/\d+)"', listing).group(1)
    page = client.get(policy).get_data(as_text=True)
    assert 'class="paraphrase" lang="en">' in page or 'class="quote" lang="en">' in page
