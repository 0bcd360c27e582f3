"""A slow mail server holds up nobody: the notification is claimed, sent and recorded in short steps."""

import asyncio
import datetime
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, transaction
from django.utils import timezone

from portal.applications.models import Application
from portal.applications.states import Status
from portal.notifications.models import Notification
from portal.notifications.services import notification_send
from portal.notifications.tasks import notifications_sweep
from tests.support.servers import free_port

# Real commits and real PostgreSQL connections: the sender runs in a thread of its own.
pytestmark = pytest.mark.django_db(transaction=True)


class SlowMailbox:
    """A mail server that takes the message and answers only when the test lets it."""

    def __init__(self) -> None:
        self.messages: list = []
        self.receiving = threading.Event()
        self.answer = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.receiving.set()
        await asyncio.get_running_loop().run_in_executor(None, self.answer.wait, 30)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def slow_smtp(settings):
    """Asked for after ``waiting_email``: the application goes through with the test's outbox first."""
    mailbox = SlowMailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 30
    try:
        yield mailbox
    finally:
        mailbox.answer.set()
        controller.stop()


@pytest.fixture
def waiting_email(make_application):
    """A "we received it" email still to send (the application went through with the test's outbox)."""
    application = make_application(email="jonas@example.lt")
    notification = Notification.objects.get(event__to_status=Status.SUBMITTED)
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.QUEUED, attempts=0, sent_at=None
    )
    return application, notification


def test_while_the_mail_server_is_slow_the_rows_can_be_locked_at_once(waiting_email, slow_smtp):
    application, notification = waiting_email
    outcome: list = []

    def worker() -> None:
        try:
            outcome.append(notification_send(notification_id=notification.pk))
        finally:
            connection.close()

    sender = threading.Thread(target=worker)
    sender.start()
    try:
        assert slow_smtp.receiving.wait(10), "the email never reached the mail server"
        # Another connection (a status change, an operator) takes both rows without waiting (NOWAIT
        # fails at once if a lock is held) and sees the attempt in progress.
        with transaction.atomic():
            locked = Notification.objects.select_for_update(nowait=True).get(pk=notification.pk)
            Application.objects.select_for_update(nowait=True).get(pk=application.pk)
        assert (locked.status, locked.attempts) == (Notification.Status.SENDING, 1)
        # A second worker asked to send it meanwhile walks on instead of sending it twice.
        assert notification_send(notification_id=notification.pk) is None
    finally:
        slow_smtp.answer.set()
        sender.join(timeout=30)
    assert not sender.is_alive()

    assert outcome[0].status == Notification.Status.SENT
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.next_attempt_at) == (
        Notification.Status.SENT,
        1,
        None,
    )
    assert len(slow_smtp.messages) == 1
    assert slow_smtp.messages[0]["To"] == "jonas@example.lt"


def test_an_attempt_whose_worker_stopped_is_sent_again_by_the_sweeper(waiting_email, slow_smtp):
    _application, notification = waiting_email
    slow_smtp.answer.set()  # a mail server that answers at once
    now = timezone.now()
    claimed = Notification.objects.filter(pk=notification.pk)
    # A worker claimed it and stopped (killed, or lost between the mail server's answer and the record).
    claimed.update(
        status=Notification.Status.SENDING, attempts=1, next_attempt_at=now + datetime.timedelta(minutes=4)
    )

    assert notifications_sweep() == 0  # the claim has not lapsed: the worker may still be at it
    assert notification_send(notification_id=notification.pk) is None
    assert not slow_smtp.messages

    claimed.update(next_attempt_at=now - datetime.timedelta(seconds=1))
    assert notifications_sweep() == 1
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Notification.Status.SENT, 2)
    assert len(slow_smtp.messages) == 1


def test_an_attempt_that_stops_every_worker_ends_up_needing_attention(settings, waiting_email, slow_smtp):
    _application, notification = waiting_email
    settings.NOTIFY_MAX_ATTEMPTS = 3
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENDING, attempts=3, next_attempt_at=timezone.now()
    )

    assert notification_send(notification_id=notification.pk) is None

    notification.refresh_from_db()
    assert notification.status == Notification.Status.DEAD
    assert "did not finish" in notification.last_error
    assert not slow_smtp.messages
