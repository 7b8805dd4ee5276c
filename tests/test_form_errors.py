"""Failed forms, without a browser (issue 18): the error summary at the top of the form lists
each error as a link to its field, and groups of radio buttons or checkboxes are fieldsets with
a legend whose inputs (not their list) are marked invalid."""

from __future__ import annotations

import re

from tests.case_forms import form_data
from tests.conftest import post_form


def group_of(html: str, field_id: str) -> str:
    """The fieldset of a group of radio buttons or checkboxes: legend, then its list."""
    match = re.search(
        r'<fieldset class="field field--group[^"]*"[^>]*>\s*<legend>[^<]*</legend>\s*'
        rf'<ul id="{field_id}">.*?</fieldset>',
        html,
        re.S,
    )
    assert match, f"{field_id} is not a fieldset with a legend"
    return match.group(0)


def summary_of(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The error summary's opening tag and its (link target, text) pairs."""
    match = re.search(r'(<div class="error-summary"[^>]*>)(.*?)</div>', html, re.S)
    assert match, "no error summary"
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', match.group(2))
    return match.group(1), links


def test_a_failed_form_lists_each_error_as_a_link_to_its_field(client, signed_in):
    signed_in("admin")
    response = post_form(client, "/admin/users/new", {"email": "", "role": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    tag, links = summary_of(html)
    assert 'role="alert"' in tag and 'tabindex="-1"' in tag
    assert "There is a problem" in html
    assert ("email", "Email address: This field is required.") in links
    assert ("role", "Role: Choose a role.") in links
    for target, _ in links:
        assert re.search(rf'<(input|select)[^>]*aria-invalid="true"[^>]*id="{target}"', html)


def test_a_form_that_did_not_fail_has_no_summary(client, signed_in):
    signed_in("admin")
    assert 'class="error-summary"' not in client.get("/admin/users/new").get_data(as_text=True)


def test_radio_and_checkbox_groups_are_fieldsets_with_a_legend(client, caseworker):
    response = post_form(client, "/incidents/new", form_data(research_consent=None))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    group = group_of(html, "research_consent")
    assert "<legend>Did the client consent to anonymized research use?</legend>" in group
    radios = re.findall(r'<input[^>]*type="radio"[^>]*>', group)
    assert len(radios) >= 2 and all('aria-invalid="true"' in r for r in radios)
    assert '<ul id="research_consent">' in group  # the list itself is not marked
    assert 'aria-describedby="research_consent-error"' in group
    assert '<label for="research_consent">' not in html
    _, links = summary_of(html)
    assert links[0][0] == "research_consent-0"

    agencies = group_of(html, "agencies")
    assert "<legend>Agencies involved</legend>" in agencies
    assert "aria-invalid" not in agencies
