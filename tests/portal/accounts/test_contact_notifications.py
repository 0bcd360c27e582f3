"""Letters and e-mails go where the account's contact details say, as the citizen last changed them."""

import io
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from pypdf import PdfReader

from portal.accounts.services import contact_details_change
from portal.applications.services import application_transition
from portal.applications.states import Status
from portal.documents.services import document_content
from portal.notifications.models import Notification
from tests.portal.accounts.test_account_page import ADDRESS, send
from tests.support.servers import free_port

pytestmark = pytest.mark.django_db(transaction=True)  # sending starts when the change is committed


class Mailbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    try:
        yield mailbox
    finally:
        controller.stop()


def test_a_changed_e_mail_address_and_language_reach_an_application_sent_before(smtp, citizen):
    application = send(citizen, email="old@example.lt", address=ADDRESS)
    assert smtp.messages[-1]["To"] == "old@example.lt"

    contact_details_change(user=citizen, email="new@example.lt", phone="", address=ADDRESS, language="en")
    application_transition(application=application, to_status=Status.IN_REVIEW)

    assert smtp.messages[-1]["To"] == "new@example.lt"
    assert smtp.messages[-1]["Subject"] == f"Your application {application.reference}: Being reviewed"


def test_without_an_e_mail_address_the_letter_goes_to_the_account_s_postal_address(smtp, citizen):
    application = send(citizen, email="jonas@example.lt", address=ADDRESS)
    kaunas = {
        "line_1": "Laisvės al. 10",
        "line_2": "",
        "town": "Kaunas",
        "postcode": "LT-44001",
        "country": "LT",
    }

    contact_details_change(user=citizen, email="", phone="", address=kaunas, language="lt")
    sent_before = len(smtp.messages)
    application_transition(application=application, to_status=Status.IN_REVIEW)

    assert len(smtp.messages) == sent_before  # no e-mail any more
    letter = Notification.objects.get(channel=Notification.Channel.LETTER)
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(document_content(letter.letter))).pages
    )
    assert "Laisvės al. 10" in text and "Kaunas" in text
    assert "Gedimino" not in text
