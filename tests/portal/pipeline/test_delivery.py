"""Delivery to the institution, exactly once: against a real HTTP receiver, a real SMTP server on
loopback and a real directory."""

import datetime
import hashlib
import json

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from portal.applications.models import Application
from portal.applications.states import Status
from portal.backoffice.models import Delivery, DeliveryRoute
from portal.backoffice.services import dead_deliveries_digest, delivery_attempt
from portal.documents.services import receipt_render
from portal.pipeline.services import delivery_retry_now
from portal.pipeline.tasks import deliver, pipeline_sweep
from tests.support.receiver import Receiver
from tests.support.servers import free_port

pytestmark = pytest.mark.django_db

SECRET = "institution-shared-secret"


@pytest.fixture
def receiver():
    with Receiver(SECRET) as running:
        yield running


@pytest.fixture
def rest_route(receiver):
    return DeliveryRoute.objects.create(
        procedure="applicable-legislation",
        connector="rest",
        options={"url": receiver.url, "read_timeout": 0.5, "allow_http": True},
        secret=SECRET,
    )


@pytest.fixture
def sent_to_rest(rest_route, submitted_factory):
    application = submitted_factory()
    receipt_render(application_id=application.pk)
    return application, Delivery.objects.get(application=application)


@pytest.fixture
def submitted_factory(citizen):
    from portal.applications.services import draft_start
    from portal.pipeline.services import application_submit
    from tests.portal.pipeline.conftest import SUBMISSION

    def make() -> Application:
        draft = draft_start(owner=citizen, procedure="applicable-legislation")
        return application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")

    return make


def _due_now(delivery: Delivery) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def test_rest_delivery_is_signed_and_marks_the_application_received(sent_to_rest, receiver):
    application, delivery = sent_to_rest
    deliver(delivery.pk)  # the pipeline's step: the attempt, then "received" once all are delivered
    done = Delivery.objects.get(pk=delivery.pk)
    assert done.status == Delivery.Status.DELIVERED and done.remote_reference == "CASE-1"
    case = receiver.cases[str(delivery.idempotency_key)]
    assert case["envelope"]["reference"] == application.reference
    assert [document["name"] for document in case["documents"]] == [f"{application.reference}-receipt.pdf"]
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_a_server_error_then_success_delivers_once(sent_to_rest, receiver):
    _application, delivery = sent_to_rest
    receiver.plan = ["500"]
    failed = delivery_attempt(delivery_id=delivery.pk)
    assert failed.status == Delivery.Status.FAILED and "HTTP 500" in failed.last_error
    assert failed.next_attempt_at > timezone.now()  # backed off
    assert delivery_attempt(delivery_id=delivery.pk) is None  # not due yet: nothing happens
    _due_now(delivery)
    assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.DELIVERED
    assert len(receiver.cases) == 1 and receiver.requests == 2


def test_a_timeout_after_the_receiver_stored_the_case_is_retried_with_the_same_key(sent_to_rest, receiver):
    _application, delivery = sent_to_rest
    receiver.plan = ["slow-after-store"]
    failed = delivery_attempt(delivery_id=delivery.pk)
    assert failed.status == Delivery.Status.FAILED and "timed out" in failed.last_error
    _due_now(delivery)
    assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.DELIVERED
    assert list(receiver.cases) == [str(delivery.idempotency_key)]  # one case at the institution


def test_a_permanent_refusal_is_dead_in_the_digest_and_can_be_retried(sent_to_rest, receiver, settings):
    settings.ADMINS = [("Operations", "ops@example.test")]
    application, delivery = sent_to_rest
    receiver.plan = ["400"]
    dead = delivery_attempt(delivery_id=delivery.pk)
    assert dead.status == Delivery.Status.DEAD and "HTTP 400" in dead.last_error
    assert dead_deliveries_digest() == 1
    assert application.reference in mail.outbox[-1].body and "Kazlauskas" not in mail.outbox[-1].body
    delivery_retry_now(delivery=dead)  # eager in tests: the attempt runs at once
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.DELIVERED


def test_after_the_last_allowed_attempt_a_delivery_is_dead(sent_to_rest, receiver, settings):
    settings.BACKOFFICE_MAX_ATTEMPTS = 2
    _application, delivery = sent_to_rest
    receiver.plan = ["500", "500"]
    assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.FAILED
    _due_now(delivery)
    assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.DEAD


def test_the_sweeper_redelivers_what_a_dead_worker_left_in_progress(sent_to_rest, receiver, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    _application, delivery = sent_to_rest
    started = timezone.now() - datetime.timedelta(minutes=10)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.IN_PROGRESS, started_at=started, attempts=1
    )
    assert pipeline_sweep() == 1
    swept = Delivery.objects.get(pk=delivery.pk)
    assert swept.status == Delivery.Status.DELIVERED and len(receiver.cases) == 1


def test_a_delivery_waits_for_its_receipt(rest_route, submitted_factory, receiver):
    application = submitted_factory()
    delivery = Delivery.objects.get(application=application)
    assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.PENDING
    assert receiver.requests == 0


def test_the_file_drop_writes_a_complete_folder_once(submitted, settings):
    receipt_render(application_id=submitted.pk)
    delivery = Delivery.objects.get(application=submitted)
    assert delivery.connector == "filedrop"  # no route configured: the default
    assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.DELIVERED
    folder = settings.BACKOFFICE_OUTBOX_DIR / submitted.reference
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(["envelope.json", f"{submitted.reference}-receipt.pdf", "manifest.sha256"])
    for line in (folder / "manifest.sha256").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert json.loads((folder / "envelope.json").read_text())["reference"] == submitted.reference
    assert not [path for path in settings.BACKOFFICE_OUTBOX_DIR.iterdir() if path.name.startswith(".")]


class Mailbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def test_the_email_connector_sends_the_envelope_and_pdf_over_smtp(submitted_factory):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        DeliveryRoute.objects.create(
            procedure="applicable-legislation",
            connector="email",
            options={"to": "cases@institution.example", "host": "127.0.0.1", "port": controller.port},
        )
        application = submitted_factory()
        receipt_render(application_id=application.pk)
        delivery = Delivery.objects.get(application=application)
        assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.DELIVERED
    finally:
        controller.stop()
    [message] = mailbox.messages
    assert message.rcpt_tos == ["cases@institution.example"]
    raw = message.content.decode()
    assert application.reference in raw and "envelope.json" in raw and "receipt.pdf" in raw
    assert str(delivery.idempotency_key) in raw


def test_an_unreachable_mailbox_is_retried(submitted_factory):
    DeliveryRoute.objects.create(
        procedure="applicable-legislation",
        connector="email",
        options={"to": "cases@institution.example", "host": "127.0.0.1", "port": free_port(), "timeout": 2},
    )
    application = submitted_factory()
    receipt_render(application_id=application.pk)
    delivery = Delivery.objects.get(application=application)
    assert delivery_attempt(delivery_id=delivery.pk).status == Delivery.Status.FAILED
