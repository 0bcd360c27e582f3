"""News of an application filed at an office goes to the person it is for, never to the caseworker.

A caseworker files a card application for Ona Petraitienė, who has no e-mail address: every status change
from "received" on is a letter in Lithuanian to her postal address; the caseworker's account keeps no
contact details of hers and hears nothing. With an e-mail address given at the desk, she gets e-mails.
Once she claims the application, her own account's contact details apply.
"""

import subprocess

import pytest
from django.core import mail

from portal.accounts.models import ContactDetails
from portal.accounts.services import contact_details_change
from portal.applications.models import Application
from portal.applications.services import application_claim, application_transition
from portal.applications.states import Status
from portal.documents.services import document_content
from portal.notifications.models import Notification
from portal.notifications.services import application_contact
from tests.portal.assisted.journey import contact_data, identify_data, start_case
from tests.procedures.applicable_legislation.journey import post_step
from tests.procedures.ehic.journey import address, insured, step

pytestmark = pytest.mark.django_db

# The address contact_data() gives (tests.procedures.ehic.journey.ADDRESS), as the letter prints it.
ON_THE_LETTER = ["Ona Petraitienė", "Gedimino pr. 1", "01103 Vilnius", "Lietuva"]


@pytest.fixture
def desk(client, caseworker_with_totp):  # type: ignore[no-untyped-def]
    client.force_login(caseworker_with_totp)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def start_case_with_email(client, procedure: str, email: str) -> str:  # type: ignore[no-untyped-def]
    """As start_case, with an e-mail address among the contact details given at the desk."""
    from portal.institutions.services import institutions_load
    from tests.portal.assisted.journey import CODE

    institutions_load(country="LT")
    insured(CODE)
    response = client.post("/assisted/new/", identify_data())
    response = client.post(response["Location"], {"basis": ""})
    response = client.post(response["Location"], {**contact_data(), "email": email})
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], {"procedure": procedure})
    assert response.status_code == 302, response.content.decode()[:3000]
    return str(response["Location"])


def file_card_application(desk, first_url: str, capture) -> Application:  # type: ignore[no-untyped-def]
    """The steps of the assisted card application; Send runs the pipeline (receipt, delivery, received)."""
    url = step(desk, first_url, "for_whom", {"for_whom-for_whom": "me"})
    url = step(desk, url, "about_you", {"about_you-nationality": "LT", **address("about_you-address")})
    url = step(desk, url, "insurance")
    url = step(desk, url, "work_abroad", {"work_abroad-work_abroad": "no"})
    url = step(desk, url, "entitlement_document", {"entitlement_document-entitlement_document": "no"})
    url = step(desk, url, "request", {"request-kind": "first_card"})
    url = step(desk, url, "delivery", {"delivery-method": "post"})
    url = step(desk, url, "delivery_address", address("delivery_address-address"))
    url = step(desk, url, "contact", {"contact-post_only": "on"})
    done = post_step(desk, url, "check", {"check-signed": "on"})
    with capture(execute=True):
        sent = desk.get(done["Location"])  # the wizard sends on its "done" page
    assert sent.status_code == 302 and "/handover/" in sent["Location"], sent
    application = Application.objects.get()
    assert application.status == Status.RECEIVED  # the pipeline ran and delivered it
    return application


def told(application: Application) -> list[tuple[str, str]]:
    notifications = Notification.objects.filter(application=application).order_by("created_at")
    return [(notification.channel, notification.event.to_status) for notification in notifications]


def pdf_text(tmp_path, notification: Notification) -> str:  # type: ignore[no-untyped-def]
    pdf = tmp_path / f"{notification.pk}.pdf"
    pdf.write_bytes(document_content(notification.letter))
    command = ["pdftotext", "-layout", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def test_a_person_without_email_gets_letters_in_lithuanian_and_the_caseworker_nothing(
    desk, caseworker_with_totp, django_capture_on_commit_callbacks, tmp_path
):
    application = file_card_application(desk, start_case(desk, "ehic"), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, to_status=Status.IN_REVIEW)
        application_transition(
            application=application, to_status=Status.MORE_INFORMATION_REQUESTED, message="Atsiųskite S1."
        )

    # "Sent" is on the receipt she took home; every later change is a letter to be printed.
    letter = Notification.Channel.LETTER
    assert told(application) == [
        (letter, Status.RECEIVED),
        (letter, Status.IN_REVIEW),
        (letter, Status.MORE_INFORMATION_REQUESTED),
    ]
    letters = Notification.objects.filter(application=application).order_by("created_at")
    assert {(n.status, n.language) for n in letters} == {(Notification.Status.TO_PRINT, "lt")}
    received = pdf_text(tmp_path, letters[0])
    for expected in [*ON_THE_LETTER, application.reference, "Gautas įstaigoje"]:
        assert expected in received, expected
    assert "Atsiųskite S1." in pdf_text(tmp_path, letters[2])
    assert not mail.outbox

    # The caseworker's account holds the application, and nothing of Ona's.
    assert application.applicant == caseworker_with_totp
    assert application.filed_by == caseworker_with_totp
    assert not ContactDetails.objects.filter(user=caseworker_with_totp).exists()
    assert application.contact["address"]["line_1"] == "Gedimino pr. 1"
    assert application.contact["language"] == "lt"


def test_the_caseworkers_own_contact_details_never_apply(
    desk, caseworker_with_totp, django_capture_on_commit_callbacks
):
    """Even a caseworker who has contact details on their account does not get the person's news."""
    contact_details_change(
        user=caseworker_with_totp, email="desk@example.lt", phone="", address={}, language="en"
    )
    application = file_card_application(desk, start_case(desk, "ehic"), django_capture_on_commit_callbacks)

    assert told(application) == [(Notification.Channel.LETTER, Status.RECEIVED)]
    assert not mail.outbox
    details = ContactDetails.objects.get(user=caseworker_with_totp)
    assert (details.email, details.address, details.language) == ("desk@example.lt", {}, "en")


def test_with_an_email_given_at_the_desk_the_person_gets_emails(
    desk, caseworker_with_totp, django_capture_on_commit_callbacks
):
    first_url = start_case_with_email(desk, "ehic", "ona@example.lt")
    application = file_card_application(desk, first_url, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, to_status=Status.IN_REVIEW)

    email = Notification.Channel.EMAIL
    assert told(application) == [
        (email, Status.SUBMITTED),
        (email, Status.RECEIVED),
        (email, Status.IN_REVIEW),
    ]
    assert [message.to for message in mail.outbox] == [["ona@example.lt"]] * 3
    assert mail.outbox[1].subject == f"Jūsų prašymas {application.reference}: Gautas įstaigoje"
    assert not ContactDetails.objects.filter(user=caseworker_with_totp).exists()
    # Not yet added to her account: the e-mail leads to the claim page, not to a page she cannot open.
    body = mail.outbox[1].body
    assert "http://portal.example.org/claim/" in body
    assert f"/applications/{application.pk}/" not in body


def test_once_claimed_the_persons_account_details_apply(desk, django_capture_on_commit_callbacks, citizen):
    application = file_card_application(desk, start_case(desk, "ehic"), django_capture_on_commit_callbacks)
    # The claim joins the application to Ona's account: until she gives contact details there, the
    # application's own still apply; then hers do.
    application = application_claim(application=application, citizen=citizen)
    assert application_contact(application).address["line_1"] == "Gedimino pr. 1"
    assert not application_contact(application).on_account

    contact_details_change(user=citizen, email="ona@example.lt", phone="", address={}, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, to_status=Status.IN_REVIEW)

    assert told(application)[-1] == (Notification.Channel.EMAIL, Status.IN_REVIEW)
    assert [message.to for message in mail.outbox] == [["ona@example.lt"]]
    assert mail.outbox[0].subject == f"Your application {application.reference}: Being reviewed"
    assert f"/applications/{application.pk}/" in mail.outbox[0].body  # claimed: her own page
