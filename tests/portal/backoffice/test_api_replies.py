"""The institution reads the applicant's replies through /api/v1/: in the events of the application,
with each document downloadable the way the application's own attachments are."""

import hashlib
import uuid

import pytest

from portal.applications.replies import reply_document_make
from portal.applications.services import application_transition
from portal.applications.states import Status
from portal.audit.models import AuditEvent
from portal.pipeline.services import reply_submit

pytestmark = pytest.mark.django_db

CONTRACT = b"%PDF-1.4\nEmployment contract\n%%EOF\n"


@pytest.fixture
def replied(make_application, citizen):
    application = make_application()
    application_transition(application=application, to_status=Status.RECEIVED)
    application_transition(application=application, to_status=Status.IN_REVIEW)
    application_transition(
        application=application, to_status=Status.MORE_INFORMATION_REQUESTED, message="Send your contract."
    )
    reply_submit(
        application=application,
        owner=citizen,
        submission_key=uuid.uuid4(),
        message="Attached.",
        documents=[
            reply_document_make(name="contract.pdf", content_type="application/pdf", content=CONTRACT)
        ],
    )
    return application


def test_the_events_show_the_reply_and_its_document_downloads(api, sodra_token, replied):
    response = api("get", f"/api/v1/applications/{replied.reference}/events/", sodra_token)

    assert response.status_code == 200
    events = response.json()
    assert [event["status"] for event in events] == [
        "submitted",
        "received",
        "in_review",
        "more_information_requested",
        "in_review",
    ]
    assert [event["reply"] is not None for event in events] == [False] * 4 + [True]
    asked, answered = events[-2:]
    assert asked["message"] == "Send your contract."
    assert answered["from_status"] == "more_information_requested"
    reply = answered["reply"]
    assert reply["number"] == 1 and reply["message"] == "Attached."
    [document] = reply["attachments"]
    assert document["name"] == "contract.pdf" and document["sha256"] == hashlib.sha256(CONTRACT).hexdigest()
    assert document["url"].startswith("http://testserver/api/v1/applications/")

    download = api("get", document["url"].removeprefix("http://testserver"), sodra_token)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == CONTRACT
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Cache-Control"] == "private, no-store"

    detail = api("get", f"/api/v1/applications/{replied.reference}/", sodra_token).json()
    assert detail["events"][-1]["reply"] == reply  # the application's own view says the same
    audited = AuditEvent.objects.filter(action="api.get", object_id=str(replied.pk))
    assert {event.details["view"] for event in audited} == {
        "ApplicationEvents",
        "ApplicationAttachment",
        "ApplicationDetail",
    }


def test_another_institution_sees_neither_the_events_nor_the_reply_document(api, vlk_token, replied):
    sha256 = hashlib.sha256(CONTRACT).hexdigest()
    base = f"/api/v1/applications/{replied.reference}"
    assert api("get", f"{base}/events/", vlk_token).status_code == 404
    assert api("get", f"{base}/attachments/{sha256}/", vlk_token).status_code == 404
    assert api("get", f"{base}/events/").status_code == 401
