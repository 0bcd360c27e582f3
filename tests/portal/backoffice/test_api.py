"""/api/v1/: an institution fetches its applications and reports their status back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.applications.models import Application
from portal.applications.states import Status
from portal.audit.models import AuditEvent
from portal.backoffice.models import ApiCredential
from portal.documents.models import Document
from portal.documents.services import document_content, receipt_render

pytestmark = pytest.mark.django_db


def _events(application: Application) -> str:
    return f"/api/v1/applications/{application.reference}/events/"


def _report(api, token, application, **data):  # type: ignore[no-untyped-def]
    return api("post", _events(application), token, data=data)


def test_without_a_valid_token_nothing_is_shown(api, make_application, sodra_token):
    application = make_application()
    assert api("get", "/api/v1/applications/").status_code == 401
    assert api("get", "/api/v1/applications/", "ssp_nothing.wrong").status_code == 401
    key_id = sodra_token.split("_", 1)[1].split(".")[0]
    tampered = f"ssp_{key_id}.{'x' * 43}"
    response = api("get", f"/api/v1/applications/{application.reference}/", tampered)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_only_a_hash_of_the_token_is_stored(sodra_token):
    credential = ApiCredential.objects.get()
    secret = sodra_token.split(".", 1)[1]
    assert secret not in credential.secret_hash
    assert len(credential.secret_hash) == 64


def test_a_deactivated_credential_stops_working_at_once(api, sodra_token):
    assert api("get", "/api/v1/applications/", sodra_token).status_code == 200
    ApiCredential.objects.update(active=False)
    assert api("get", "/api/v1/applications/", sodra_token).status_code == 401


def test_the_list_shows_the_institutions_applications_filtered_by_status(api, make_application, sodra_token):
    first, second = make_application(), make_application()
    Application.objects.filter(pk=second.pk).update(status=Status.RECEIVED)

    everything = api("get", "/api/v1/applications/", sodra_token).json()
    assert [row["reference"] for row in everything["results"]] == [first.reference, second.reference]
    received = api("get", "/api/v1/applications/?status=received", sodra_token).json()
    assert [row["reference"] for row in received["results"]] == [second.reference]
    assert received["results"][0]["url"].endswith(f"/api/v1/applications/{second.reference}/")


def test_a_filter_that_makes_no_sense_is_a_clear_400(api, sodra_token):
    response = api("get", "/api/v1/applications/?status=lost", sodra_token)
    assert response.status_code == 400
    assert "status" in response.json()


def test_an_institution_never_sees_another_institutions_procedures(
    api, make_application, vlk_token, sodra_token
):
    a1 = make_application()
    card = make_application(procedure="ehic")

    vlk_list = api("get", "/api/v1/applications/", vlk_token).json()["results"]
    assert [row["reference"] for row in vlk_list] == [card.reference]
    assert (
        api("get", "/api/v1/applications/?procedure=applicable-legislation", vlk_token).json()["results"]
        == []
    )
    assert api("get", f"/api/v1/applications/{a1.reference}/", vlk_token).status_code == 404
    assert _report(api, vlk_token, a1, status="received").status_code == 404
    receipt = receipt_render(application_id=a1.pk)
    document_url = f"/api/v1/applications/{a1.reference}/documents/{receipt.number}/"
    assert api("get", document_url, vlk_token).status_code == 404
    assert api("get", document_url, sodra_token).status_code == 200
    a1.refresh_from_db()
    assert a1.status == Status.SUBMITTED


def test_one_application_comes_with_its_envelope_and_document_links(api, make_application, sodra_token):
    application = make_application()
    receipt = receipt_render(application_id=application.pk)

    body = api("get", f"/api/v1/applications/{application.reference}/", sodra_token).json()
    assert body["envelope"]["reference"] == application.reference
    assert body["envelope"]["applicant"]["eidas"]["person_identifier"] == "LT/LT/39006210214"
    assert [event["status"] for event in body["events"]] == ["submitted"]
    [document] = body["documents"]
    assert (document["kind"], document["number"]) == ("receipt", receipt.number)
    pdf = api("get", document["url"].split("testserver")[1], sodra_token)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == document_content(receipt)


def test_the_institution_reports_review_then_asks_for_more_information(api, make_application, sodra_token):
    application = make_application()
    assert _report(api, sodra_token, application, status="received").status_code == 201
    assert _report(api, sodra_token, application, status="in_review").status_code == 201

    response = _report(
        api,
        sodra_token,
        application,
        status="more_information_requested",
        message="Atsiųskite darbo sutartį.",
    )
    assert response.status_code == 201
    assert response.json()["from_status"] == "in_review"
    application.refresh_from_db()
    assert application.status == Status.MORE_INFORMATION_REQUESTED
    event = application.events.last()
    assert (event.message, event.institution.code) == ("Atsiųskite darbo sutartį.", "sodra-test")


def test_asking_for_information_without_saying_what_is_refused(api, make_application, sodra_token):
    application = make_application()
    _report(api, sodra_token, application, status="received")
    _report(api, sodra_token, application, status="in_review")
    response = _report(api, sodra_token, application, status="more_information_requested", message="  ")
    assert response.status_code == 400
    assert response.json() == {"message": ["Say what information the applicant must send."]}
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_a_decision_is_stored_with_its_pdf_and_verifiable(
    api, client, make_application, sodra_token, decision_pdf
):
    application = make_application()
    _report(api, sodra_token, application, status="received")
    _report(api, sodra_token, application, status="in_review")
    without = _report(api, sodra_token, application, status="granted")
    assert without.status_code == 400
    assert without.json() == {"decision": ["Attach the decision as a PDF."]}

    upload = SimpleUploadedFile("sprendimas.pdf", decision_pdf, content_type="application/pdf")
    response = _report(api, sodra_token, application, status="granted", decision=upload)
    assert response.status_code == 201, response.content
    decision = Document.objects.get(application=application, kind=Document.Kind.DECISION)
    assert response.json()["document"] == decision.number
    assert document_content(decision) == decision_pdf
    assert client.get(f"/verify/{decision.number}/").status_code == 200
    application.refresh_from_db()
    assert application.status == Status.GRANTED


def test_something_that_is_not_a_pdf_is_not_accepted_as_a_decision(api, make_application, sodra_token):
    application = make_application()
    _report(api, sodra_token, application, status="received")
    _report(api, sodra_token, application, status="in_review")
    fake = SimpleUploadedFile("decision.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = _report(api, sodra_token, application, status="refused", decision=fake)
    assert response.status_code == 400
    assert response.json() == {"decision": ["The decision must be a PDF document."]}
    assert not Document.objects.filter(kind=Document.Kind.DECISION).exists()


def test_a_change_the_state_machine_forbids_is_a_clear_409(api, make_application, sodra_token, decision_pdf):
    application = make_application()
    upload = SimpleUploadedFile("decision.pdf", decision_pdf, content_type="application/pdf")
    response = _report(api, sodra_token, application, status="granted", decision=upload)

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "transition_not_allowed"
    assert body["current_status"] == "submitted"
    assert body["allowed"] == ["received"]
    assert application.reference in body["detail"]
    assert not Document.objects.filter(kind=Document.Kind.DECISION).exists()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_an_unknown_or_applicant_only_status_is_a_400(api, make_application, sodra_token):
    application = make_application()
    assert _report(api, sodra_token, application, status="withdrawn").status_code == 400
    assert _report(api, sodra_token, application, status="approved").status_code == 400
    json_body = api(
        "post", _events(application), sodra_token, data="{not json", content_type="application/json"
    )
    assert json_body.status_code == 400


def test_every_call_is_audited_with_the_key_but_never_the_token(api, make_application, sodra_token):
    application = make_application()
    api("get", f"/api/v1/applications/{application.reference}/", sodra_token)
    api("get", "/api/v1/applications/", "ssp_wrong.token")

    calls = AuditEvent.objects.filter(action="api.get").order_by("id")
    assert [event.details["status"] for event in calls] == [200, 401]
    assert calls[0].details["credential"] == ApiCredential.objects.get().key_id
    assert calls[0].object_id == str(application.pk)
    secret = sodra_token.split(".", 1)[1]
    assert all(secret not in str(event.details) for event in AuditEvent.objects.all())


def test_a_credential_that_calls_too_often_is_slowed_down(api, settings, sodra_token):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "institution": "3/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        codes = [api("get", "/api/v1/applications/", sodra_token).status_code for _ in range(4)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert codes == [200, 200, 200, 429]
