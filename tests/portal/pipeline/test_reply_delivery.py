"""The applicant's reply reaches the institution through the outbox, exactly once, by every connector:
a real HTTP receiver on loopback, a real SMTP server and a real directory."""

import base64
import hashlib
import json
import uuid
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from portal.applications.models import Application, Reply
from portal.applications.replies import reply_document_make
from portal.applications.services import application_transition
from portal.applications.states import Status
from portal.backoffice.models import Delivery, DeliveryRoute
from portal.backoffice.services import delivery_attempt
from portal.documents.services import receipt_render
from portal.pipeline.services import reply_submit
from portal.pipeline.tasks import deliver, pipeline_sweep
from tests.portal.pipeline.test_delivery import SECRET, Mailbox
from tests.support.receiver import Receiver
from tests.support.servers import free_port

pytestmark = pytest.mark.django_db

CONTRACT = b"%PDF-1.4\nEmployment contract\n%%EOF\n"


@pytest.fixture
def receiver():
    with Receiver(SECRET) as running:
        yield running


def _delivered_and_asked(application: Application) -> Application:
    """The application went out (receipt, every delivery through) and the institution asked for more."""
    receipt_render(application_id=application.pk)
    for delivery in Delivery.objects.filter(application=application):
        assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.DELIVERED
    application_transition(application=application, to_status=Status.RECEIVED)
    application_transition(application=application, to_status=Status.IN_REVIEW)
    application_transition(
        application=application, to_status=Status.MORE_INFORMATION_REQUESTED, message="Send your contract."
    )
    return application


def _answer(application: Application, citizen) -> Reply:  # type: ignore[no-untyped-def]
    return reply_submit(
        application=application,
        owner=citizen,
        submission_key=uuid.uuid4(),
        message="My contract is attached.",
        documents=[
            reply_document_make(name="contract.pdf", content_type="application/pdf", content=CONTRACT)
        ],
    )


def test_the_reply_is_posted_signed_once_with_its_document_after_a_server_error(submitted, citizen, receiver):
    DeliveryRoute.objects.create(
        procedure="applicable-legislation",
        connector="rest",
        options={"url": receiver.url, "read_timeout": 2, "allow_http": True},
        secret=SECRET,
    )
    # The application itself went by the file drop before this route existed; the reply goes by REST
    # because replies follow the routes configured when they are sent.
    application = _delivered_and_asked(submitted)
    reply = _answer(application, citizen)
    [delivery] = Delivery.objects.filter(reply=reply)
    assert delivery.connector == "rest"

    receiver.plan = ["500"]
    deliver(delivery.pk)
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.FAILED
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert pipeline_sweep() == 1  # the sweeper hands out due reply deliveries like any other
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.DELIVERED
    deliver(delivery.pk)  # a repeated message finds it delivered: nothing is sent again

    assert receiver.requests == 2 and len(receiver.cases) == 1
    case = receiver.cases[str(delivery.idempotency_key)]
    envelope = case["envelope"]
    assert envelope["schema"] == "portal.reply/1"
    assert envelope["reference"] == application.reference and envelope["reply_number"] == 1
    assert envelope["message"] == "My contract is attached."
    assert envelope["in_reply_to"]["message"] == "Send your contract."
    [document] = case["documents"]
    assert base64.b64decode(document["content_base64"]) == CONTRACT
    assert document["sha256"] == hashlib.sha256(CONTRACT).hexdigest() == envelope["attachments"][0]["sha256"]
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW  # a delivered reply changes no status


def test_the_file_drop_writes_the_reply_in_its_own_folder(submitted, citizen, settings):
    application = _delivered_and_asked(submitted)
    first = _answer(application, citizen)
    application_transition(
        application=application, to_status=Status.MORE_INFORMATION_REQUESTED, message="And your payslip."
    )
    second = _answer(application, citizen)

    for reply in (first, second):
        [delivery] = Delivery.objects.filter(reply=reply)
        assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.DELIVERED
        assert delivery.connector == "filedrop"

    outbox = settings.BACKOFFICE_OUTBOX_DIR
    assert sorted(path.name for path in outbox.iterdir()) == sorted(
        [application.reference, f"{application.reference}-reply-1", f"{application.reference}-reply-2"]
    )
    folder = outbox / f"{application.reference}-reply-2"
    envelope = json.loads((folder / "envelope.json").read_text())
    assert envelope["reply_number"] == 2 and envelope["in_reply_to"]["message"] == "And your payslip."
    for line in (folder / "manifest.sha256").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert (folder / f"{hashlib.sha256(CONTRACT).hexdigest()[:12]}-contract.pdf").read_bytes() == CONTRACT


def test_the_email_connector_sends_the_reply_with_its_document(submitted, citizen):
    application = _delivered_and_asked(submitted)
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        DeliveryRoute.objects.create(
            procedure="applicable-legislation",
            connector="email",
            options={"to": "cases@institution.example", "host": "127.0.0.1", "port": controller.port},
        )
        reply = _answer(application, citizen)
        [delivery] = Delivery.objects.filter(reply=reply)
        assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.DELIVERED
    finally:
        controller.stop()
    [sent] = mailbox.messages
    message = message_from_bytes(sent.content, policy=policy.default)
    assert message["Subject"] == f"{application.reference}: reply from the applicant"
    assert str(delivery.idempotency_key) in message["Message-ID"]
    parts = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert json.loads(parts["envelope.json"])["schema"] == "portal.reply/1"
    assert parts[f"{hashlib.sha256(CONTRACT).hexdigest()[:12]}-contract.pdf"] == CONTRACT
