"""What an institution's report must carry is the service's rule, whoever calls it (API, admin, a screen)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.applications.models import ApplicationEvent
from portal.applications.services import application_transition
from portal.applications.states import Status
from portal.backoffice.inbound import ReportIncomplete, institution_event_post
from portal.backoffice.models import ApiCredential
from portal.documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(make_application):
    application = make_application()
    application_transition(application=application, to_status=Status.RECEIVED)
    application_transition(application=application, to_status=Status.IN_REVIEW)
    return application


@pytest.fixture
def credential(sodra_token):
    return ApiCredential.objects.get()


def _pdf(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("decision.pdf", content, content_type="application/pdf")


def _nothing_recorded(application) -> bool:  # type: ignore[no-untyped-def]
    application.refresh_from_db()
    return (
        application.status == Status.IN_REVIEW
        and ApplicationEvent.objects.filter(application=application).count() == 3
        and not Document.objects.filter(application=application, kind=Document.Kind.DECISION).exists()
    )


@pytest.mark.parametrize("message", ["", "   \n"])
def test_asking_for_more_information_without_saying_what_is_refused(in_review, credential, message):
    with pytest.raises(ReportIncomplete) as refused:
        institution_event_post(
            credential=credential,
            application=in_review,
            status=Status.MORE_INFORMATION_REQUESTED,
            message=message,
        )
    assert (refused.value.field, refused.value.code) == ("message", "message_required")
    assert _nothing_recorded(in_review)


@pytest.mark.parametrize("status", [Status.GRANTED, Status.REFUSED])
def test_a_decision_without_its_pdf_is_refused(in_review, credential, status):
    with pytest.raises(ReportIncomplete) as refused:
        institution_event_post(credential=credential, application=in_review, status=status)
    assert (refused.value.field, refused.value.code) == ("decision", "decision_required")
    assert _nothing_recorded(in_review)


def test_a_decision_that_is_not_a_pdf_is_refused(in_review, credential):
    with pytest.raises(ReportIncomplete) as refused:
        institution_event_post(
            credential=credential, application=in_review, status=Status.GRANTED, decision=_pdf(b"<html>")
        )
    assert (refused.value.field, refused.value.code) == ("decision", "decision_not_pdf")
    assert _nothing_recorded(in_review)


def test_a_decision_document_goes_only_with_a_decision(in_review, credential, decision_pdf):
    with pytest.raises(ReportIncomplete) as refused:
        institution_event_post(
            credential=credential,
            application=in_review,
            status=Status.MORE_INFORMATION_REQUESTED,
            message="Atsiųskite darbo sutartį.",
            decision=_pdf(decision_pdf),
        )
    assert (refused.value.field, refused.value.code) == ("decision", "decision_not_allowed")
    assert _nothing_recorded(in_review)


def test_a_complete_report_is_recorded(in_review, credential, decision_pdf):
    event, document = institution_event_post(
        credential=credential, application=in_review, status=Status.REFUSED, decision=_pdf(decision_pdf)
    )
    assert event.to_status == Status.REFUSED
    assert document is not None and document.kind == Document.Kind.DECISION
