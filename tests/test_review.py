"""The review workflow as the team uses it: a caseworker submits, a lawyer verifies or returns
with a comment, a change after verification sends the case back; who may do what; the edit
history and the list filters show it."""

from __future__ import annotations

from sqlmodel import select

from incidents.models import AuditEvent, ReviewEvent
from tests.conftest import login, logout, post_form
from tests.workbench_helpers import assign, review_moves


def _reload(session, row):
    session.rollback()  # a new snapshot: the app wrote in its own session
    session.refresh(row)


def _page(client, incident):
    return client.get(f"/incidents/{incident.reference}").get_data(as_text=True)


def _move(client, incident, action, comment=""):
    return post_form(
        client,
        f"/incidents/{incident.reference}/review",
        {"action": action, "comment": comment},
        token_from=f"/incidents/{incident.reference}",
    )


def test_a_caseworker_submits_and_a_lawyer_verifies(app, session, client, make_user, make_incident):
    caseworker, cw_password = make_user(role="caseworker")
    lawyer, law_password = make_user(role="lawyer", display_name="Lena Lawyer")
    incident = make_incident(caseworker)
    login(client, caseworker.email, cw_password)
    page = _page(client, incident)
    assert "Submit for review" in page and ">Verify<" not in page
    refused = _move(client, incident, "verified")  # a caseworker cannot verify: said in place
    assert refused.status_code == 400
    assert (
        "Verify: not done. Your role cannot make this change of status."
        in refused.get_data(as_text=True).split('id="error-summary"')[1]
    )
    _reload(session, incident)
    assert incident.documentation_status == "draft"
    _move(client, incident, "submitted")
    _reload(session, incident)
    assert incident.documentation_status == "under_review"
    assert "Waiting for a lawyer" in _page(client, incident)
    logout(client)
    login(client, lawyer.email, law_password)
    response = _move(client, incident, "verified")
    assert response.headers["Location"].endswith(f"/incidents/{incident.reference}#review")
    _reload(session, incident)
    assert incident.documentation_status == "verified" and incident.verified_by_id == lawyer.id
    page = _page(client, incident)
    assert "verified by Lena Lawyer" in page
    assert "submitted it for review" in page and "verified it" in page  # the edit history
    actions = session.exec(
        select(AuditEvent.action).where(AuditEvent.object_id == str(incident.id))
    ).all()
    assert {"incident_submitted", "incident_verified"} <= set(actions)


def test_returning_for_changes_needs_a_comment_that_the_caseworker_sees(
    app, session, client, make_user, make_incident
):
    caseworker, cw_password = make_user(role="caseworker")
    lawyer, law_password = make_user(role="lawyer")
    incident = make_incident(caseworker)
    login(client, caseworker.email, cw_password)
    _move(client, incident, "submitted")
    logout(client)
    login(client, lawyer.email, law_password)
    refused = _move(client, incident, "returned", "  ")
    _reload(session, incident)
    assert incident.documentation_status == "under_review"
    # the case page again, the summary at the top of the panel leading to the comment box
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    required = "Say what needs changing: the comment is required."
    assert f'<a href="#comment">Comment: {required}</a>' in summary
    assert (
        'id="comment-error"' in page and 'aria-invalid="true"' in page.split("<textarea")[1][:200]
    )
    _move(client, incident, "returned", "Add the time of release from the I-213.")
    _reload(session, incident)
    assert incident.documentation_status == "draft"
    logout(client)
    login(client, caseworker.email, cw_password)
    page = _page(client, incident)
    assert "Returned for changes:</strong> Add the time of release from the I-213." in page
    # the comment is kept with the move, never in the audit trail
    details = session.exec(
        select(AuditEvent.details).where(AuditEvent.action == "incident_returned")
    ).one()
    assert "I-213" not in details
    assert session.exec(select(ReviewEvent.comment)).all()[-1].startswith("Add the time")


def test_a_change_after_verification_sends_the_case_back_to_review(
    app, session, client, make_user, make_incident
):
    lawyer, _ = make_user(role="lawyer")
    incident = make_incident(lawyer)
    review_moves(app, session, incident, lawyer, "submitted", "verified")
    caseworker, password = make_user(role="caseworker")
    login(client, caseworker.email, password)
    from tests.case_forms import edit_form_fields  # the form as the edit page fills it

    edit = f"/incidents/{incident.reference}/edit"
    data = edit_form_fields(client.get(edit).get_data(as_text=True))
    data["narrative"] = "A new paragraph about the release."
    assert post_form(client, edit, data).status_code == 302
    _reload(session, incident)
    assert incident.documentation_status == "under_review" and incident.verified_by_id is None
    assert "changed it after verification: back to review" in _page(client, incident)


def test_assignments_and_the_assigned_to_me_filter(app, session, client, make_user, make_incident):
    caseworker, password = make_user(role="caseworker", display_name="Cara Caseworker")
    lawyer, _ = make_user(role="lawyer", display_name="Lou Lawyer")
    researcher, _ = make_user(role="researcher")
    mine, other = make_incident(caseworker), make_incident(caseworker)
    login(client, caseworker.email, password)
    url = f"/incidents/{mine.reference}/assign"
    post_form(client, url, {"caseworker": caseworker.id, "lawyer": lawyer.id})
    _reload(session, mine)  # a caseworker assigns the caseworker, never the lawyer
    assert (mine.assigned_caseworker_id, mine.assigned_lawyer_id) == (caseworker.id, None)
    assign(app, session, mine, caseworker=caseworker, lawyer=lawyer)  # as an administrator
    post_form(client, url, {"caseworker": caseworker.id, "lawyer": ""})
    _reload(session, mine)
    assert mine.assigned_lawyer_id == lawyer.id  # the lawyer stays on the case
    page = _page(client, mine)
    assert "Cara Caseworker" in page and "Lou Lawyer" in page
    # a researcher is not a caseworker: refused in place, nothing changed
    refused = post_form(client, url, {"caseworker": researcher.id})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert '<a href="#caseworker">Caseworker: Not a valid choice.</a>' in summary
    assert "<details open>\n    <summary>Change assignments" in page
    _reload(session, mine)
    assert mine.assigned_caseworker_id == caseworker.id
    first = session.exec(
        select(AuditEvent.details).where(AuditEvent.action == "incident_assigned")
    ).first()
    assert first == (
        f'{{"caseworker_id":{{"from":null,"to":{caseworker.id}}},'
        '"lawyer_id":{"from":null,"to":null}}'
    )
    listed = client.get("/incidents?assigned=me").get_data(as_text=True)
    assert mine.reference in listed and other.reference not in listed
    unassigned = client.get("/incidents?assigned=nobody").get_data(as_text=True)
    assert other.reference in unassigned and mine.reference not in unassigned


def test_another_organizations_incident_cannot_be_moved(
    app, session, client, make_user, make_incident
):
    stranger, _ = make_user(role="caseworker", org="Other Group")
    incident = make_incident(stranger)
    lawyer, password = make_user(role="lawyer")
    login(client, lawyer.email, password)
    assert _move(client, incident, "submitted").status_code == 404
