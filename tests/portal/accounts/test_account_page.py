"""/my/: the citizen's own page — who the eID says they are, their applications and drafts, and the
contact details that letters and e-mails use; and the greeting after an eIDAS login."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test import Client

from portal.accounts.models import CitizenIdentity, ContactDetails
from portal.applications.services import draft_start
from portal.audit.models import AuditEvent
from portal.pipeline.services import application_submit
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.portal.pipeline.conftest import SUBMISSION

pytestmark = pytest.mark.django_db

ADDRESS = {
    "line_1": "Gedimino pr. 1",
    "line_2": "",
    "town": "Vilnius",
    "postcode": "LT-01103",
    "country": "LT",
}
NEW_ADDRESS = {
    "address_0": "Laisvės al. 10",
    "address_1": "",
    "address_2": "Kaunas",
    "address_3": "LT-44001",
    "address_4": "LT",
}


def sign_in(client: Client, identity: str = "lt-worker", language: str = "en") -> Client:
    post_acs(client, node_response(start_login(client), identity))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def send(user, **beneficiary):  # type: ignore[no-untyped-def]
    draft = draft_start(owner=user, procedure="applicable-legislation")
    submission = replace(SUBMISSION, beneficiary={**SUBMISSION.beneficiary, **beneficiary})
    return application_submit(draft_id=draft.pk, owner=user, submission=submission, language="lt")


@pytest.fixture
def jonas(client):
    return sign_in(client)


def jonas_user():  # type: ignore[no-untyped-def]
    return CitizenIdentity.objects.get().user


def test_the_account_page_lists_sent_applications_and_drafts_with_their_status(jonas):
    user = jonas_user()
    first = send(user, email="jonas@example.lt", address=ADDRESS)
    second = send(user, email="jonas@example.lt", address=ADDRESS)
    draft_start(owner=user, procedure="applicable-legislation")

    html = jonas.get("/my/").content.decode()

    assert "You have not sent any applications yet" not in html
    assert first.reference in html and second.reference in html
    assert f'href="/applications/{first.pk}/"' in html
    assert html.count(">Sent</strong>") == 2  # each with its status
    assert "Not sent yet" in html and "Continue" in html  # the draft, to continue
    assert 'href="/applications/"' in html  # and a link to all of them


def test_the_account_page_names_the_eid_country_and_hides_most_of_the_identifier(jonas):
    html = jonas.get("/my/").content.decode()
    assert "Jonas Kazlauskas" in html
    assert ">Lithuania<" in html and ">LT<" not in html
    assert "•••••••0214" in html and "39006210214" not in html
    assert "ending in 0214" in html  # what a screen reader says instead of the bullets

    lithuanian = jonas.get("/my/", HTTP_ACCEPT_LANGUAGE="lt").content.decode()
    assert ">Lietuva<" in lithuanian


def test_a_new_account_says_there_are_no_applications_and_asks_for_contact_details(jonas):
    html = jonas.get("/my/").content.decode()
    assert "You have not sent any applications yet" in html
    assert 'href="/my/contact/"' in html
    assert "You have not given contact details yet" in html


def test_the_contact_details_of_the_latest_application_are_the_account_s(jonas):
    user = jonas_user()
    send(user, email="old@example.lt", phone="+37060000001", address=ADDRESS)
    send(user, email="", phone="", address={**ADDRESS, "line_1": "Pylimo g. 5"})  # letters by post now

    html = jonas.get("/my/").content.decode()

    assert "old@example.lt" not in html
    assert "Pylimo g. 5" in html
    assert "by letter, because you have not given an e-mail address" in html


def test_the_citizen_changes_their_contact_details_encrypted_and_audited(jonas):
    user = jonas_user()
    send(user, email="jonas@example.lt", address=ADDRESS)
    form = jonas.get("/my/contact/").content.decode()
    assert 'value="jonas@example.lt"' in form and 'value="Gedimino pr. 1"' in form  # what is there now

    response = jonas.post(
        "/my/contact/",
        {"email": "jonas.k@example.lt", "phone": "+370 612 34567", "language": "en", **NEW_ADDRESS},
    )

    assert response.status_code == 302 and response["Location"] == "/my/"
    page = jonas.get("/my/").content.decode()
    assert "Your contact details have been saved." in page
    assert "jonas.k@example.lt" in page and "+37061234567" in page and "Laisvės al. 10" in page
    assert "English" in page  # the language of letters and e-mails
    details = ContactDetails.objects.get(user=user)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT email, phone, address FROM accounts_contactdetails WHERE id = %s", [details.pk]
        )
        raw = " ".join(cursor.fetchone())
    assert "jonas.k@example.lt" not in raw and "Laisv" not in raw and "612" not in raw
    event = AuditEvent.objects.filter(action="accounts.contact_details_changed").latest("id")
    assert event.details == {"changed": ["email", "phone", "address", "language"], "source": "account"}
    assert event.actor == user
    assert "jonas" not in str(event.details)


def test_wrong_contact_details_are_refused_with_a_message_and_nothing_changes(jonas):
    user = jonas_user()
    send(user, email="jonas@example.lt", address=ADDRESS)
    response = jonas.post(
        "/my/contact/",
        {"email": "not an address", "phone": "12", "language": "en", **NEW_ADDRESS, "address_0": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter an email address in the right format" in html
    assert "Enter a phone number with 7 to 15 digits" in html
    assert 'href="#id_address_0"' in html  # the address's first part, where the error is
    assert ContactDetails.objects.get(user=user).email == "jonas@example.lt"


def test_only_citizens_signed_in_with_eidas_see_the_contact_page(client):
    response = client.get("/my/contact/")
    assert response.status_code == 302 and response["Location"].startswith("/eidas/login/")


def test_after_an_eidas_login_the_banner_greets_by_name_not_by_username(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the banner is written in the language of the login
    response = post_acs(client, node_response(start_login(client), "lv-parent"))
    html = client.get(response["Location"]).content.decode()
    assert "You are signed in as Anna Bērziņa." in html
    assert "citizen-" not in html and "Successfully signed in" not in html
