"""The applicant hears about every step, in their language: by email, or by a letter when they have none."""

import subprocess
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from portal.applications.services import application_transition
from portal.applications.states import Status
from portal.notifications.models import Notification
from portal.notifications.services import notification_send
from portal.notifications.tasks import notifications_sweep
from tests.support.servers import free_port

# Real commits: sending starts when the status change is committed, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = {"line_1": "Gedimino pr. 1", "line_2": "", "town": "Vilnius", "postcode": "01103", "country": "LT"}


class Mailbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback, and the portal sending to it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    try:
        yield mailbox
    finally:
        controller.stop()


def _body(message) -> str:  # type: ignore[no-untyped-def]
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_applicant_gets_we_received_it_in_their_language(smtp, make_application):
    application = make_application(email="jonas@example.lt")

    message = smtp.messages[0]
    assert message["To"] == "jonas@example.lt"
    assert message["Subject"] == f"Gavome Jūsų prašymą {application.reference}"
    body = _body(message)
    assert application.reference in body
    assert f"/applications/{application.pk}/" in body
    # The pipeline ran (receipt, delivery to the file drop): "received by the institution" followed.
    assert [m["Subject"].strip() for m in smtp.messages][1:] == [
        f"Jūsų prašymas {application.reference}: Gautas įstaigoje"
    ]
    assert {n.status for n in Notification.objects.all()} == {Notification.Status.SENT}


def test_every_status_change_is_emailed_without_the_institutions_message(smtp, make_application):
    application = make_application(email="jonas@example.lt")  # delivered: "received" at once
    application_transition(application=application, to_status=Status.IN_REVIEW)
    application_transition(
        application=application,
        to_status=Status.MORE_INFORMATION_REQUESTED,
        message="Asmens kodas 39006210214",
    )

    subjects = [message["Subject"].strip() for message in smtp.messages]  # unfolded
    assert subjects[1:] == [
        f"Jūsų prašymas {application.reference}: Gautas įstaigoje",
        f"Jūsų prašymas {application.reference}: Nagrinėjamas",
        f"Jūsų prašymas {application.reference}: Reikia daugiau informacijos",
    ]
    # The message may hold personal data; email is not the place for it. The page behind eID is.
    assert "39006210214" not in _body(smtp.messages[-1])


def test_english_applicants_get_english_emails(smtp, make_application):
    from portal.accounts.models import ContactDetails

    application = make_application(email="jonas@example.lt")
    # The language of letters and e-mails is the one on the account (the application's until changed).
    ContactDetails.objects.filter(user=application.applicant).update(language="en")
    application_transition(application=application, to_status=Status.IN_REVIEW)
    assert smtp.messages[-1]["Subject"] == f"Your application {application.reference}: Being reviewed"


def test_an_email_that_fails_is_retried_later_and_sent_once(settings, make_application):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    application = make_application(email="jonas@example.lt")  # the send on commit finds no server

    # "We received it" and "received by the institution": both wait; the application went on regardless.
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    notifications = Notification.objects.all()
    assert {(n.status, n.attempts) for n in notifications} == {(Notification.Status.FAILED, 1)}
    assert all("jonas" not in n.last_error for n in notifications)
    assert notifications_sweep() == 0  # not due yet: it waits for its backoff

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    try:
        Notification.objects.update(next_attempt_at=timezone.now())
        assert notifications_sweep() == 2
        assert notifications_sweep() == 0
    finally:
        controller.stop()
    assert {(n.status, n.attempts) for n in notifications.all()} == {(Notification.Status.SENT, 2)}
    assert len(mailbox.messages) == 2
    for notification in notifications.all():
        assert notification_send(notification_id=notification.pk) is None  # done: never sent twice


def test_after_the_last_attempt_an_email_needs_attention(settings, make_application):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.NOTIFY_MAX_ATTEMPTS = "127.0.0.1", free_port(), 2
    make_application(email="jonas@example.lt")
    Notification.objects.update(next_attempt_at=timezone.now())
    notifications_sweep()
    assert {n.status for n in Notification.objects.all()} == {Notification.Status.DEAD}


def test_without_an_email_a_letter_is_made_for_printing(make_application, tmp_path):
    application = make_application(address=ADDRESS)  # delivered: "received" at once
    application_transition(application=application, to_status=Status.IN_REVIEW)
    application_transition(
        application=application,
        to_status=Status.MORE_INFORMATION_REQUESTED,
        message="Atsiųskite darbo sutartį.",
    )

    letters = Notification.objects.filter(channel=Notification.Channel.LETTER).order_by("created_at")
    assert [letter.event.to_status for letter in letters] == [
        "submitted",
        "received",
        "in_review",
        "more_information_requested",
    ]
    assert all(letter.status == Notification.Status.TO_PRINT for letter in letters)
    assert not mail.outbox
    from portal.documents.services import document_content

    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(document_content(letters.last().letter))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    for expected in [
        "Jonas Kazlauskas",
        "Gedimino pr. 1",
        "01103 Vilnius",
        "Lietuva",
        application.reference,
        "Reikia daugiau informacijos",
        "Atsiųskite darbo sutartį.",
    ]:
        assert expected in text, expected
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "lt"


def test_the_print_room_sees_letters_to_print_and_marks_them_posted(make_application, admin_client):
    application = make_application(address=ADDRESS)
    letter = Notification.objects.get(event__to_status=Status.SUBMITTED)

    listing = admin_client.get("/admin/notifications/notification/?status__exact=to_print").content.decode()
    assert application.reference in listing
    download = admin_client.get(f"/admin/notifications/notification/{letter.pk}/letter/")
    assert download.status_code == 200
    assert download.content.startswith(b"%PDF-")

    admin_client.post(
        "/admin/notifications/notification/",
        {"action": "mark_printed", "_selected_action": [str(letter.pk)]},
    )
    letter.refresh_from_db()
    assert letter.status == Notification.Status.PRINTED


def _status_changes_told(application) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    told: dict[str, list[str]] = {}
    for notification in Notification.objects.filter(application=application).order_by("created_at"):
        told.setdefault(notification.channel, []).append(notification.event.to_status)
    return told


def _application_of_another_citizen(**beneficiary: object):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from portal.accounts.services import citizen_identity_upsert
    from portal.applications.services import draft_start
    from portal.pipeline.services import application_submit
    from tests.factories import citizen_identity_kwargs
    from tests.portal.pipeline.conftest import SUBMISSION

    other = citizen_identity_upsert(**citizen_identity_kwargs(person_identifier="LT/LT/45802150117"))
    draft = draft_start(owner=other, procedure="applicable-legislation")
    submission = replace(SUBMISSION, beneficiary={**SUBMISSION.beneficiary, **beneficiary})
    return application_submit(draft_id=draft.pk, owner=other, submission=submission, language="lt")


def test_email_and_letter_applicants_are_told_the_same_status_changes(smtp, make_application, tmp_path):
    """One rule for both channels: every status change, "received by the institution" included."""
    by_email = make_application(email="jonas@example.lt")
    by_post = _application_of_another_citizen(address=ADDRESS)
    for application in (by_email, by_post):
        application_transition(application=application, to_status=Status.IN_REVIEW)
        application_transition(application=application, to_status=Status.GRANTED)

    every_change = ["submitted", "received", "in_review", "granted"]
    assert _status_changes_told(by_email) == {Notification.Channel.EMAIL: every_change}
    assert _status_changes_told(by_post) == {Notification.Channel.LETTER: every_change}
    # What the person reads: the email says so in its subject, the letter in its text.
    assert f"Jūsų prašymas {by_email.reference}: Gautas įstaigoje" in [
        message["Subject"].strip() for message in smtp.messages
    ]
    from portal.documents.services import document_content

    received = Notification.objects.get(application=by_post, event__to_status=Status.RECEIVED)
    assert received.status == Notification.Status.TO_PRINT
    pdf = tmp_path / "received.pdf"
    pdf.write_bytes(document_content(received.letter))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert by_post.reference in text
    assert "Gautas įstaigoje" in text
