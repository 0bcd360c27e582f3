"""Never ask twice: a second application offers the person block of the first, and what the eID says
is taken without asking (procedures.engine.prefill, declared by the A1 request's flow)."""

import datetime
import re

import pytest
from django.test import Client

from portal.accounts.services import contact_details_change
from portal.applications.models import Application
from portal.applications.selectors import person_block_last
from portal.eidas.constants import LOA_SUBSTANTIAL
from portal.eidas.demo_node import idp
from portal.eidas.demo_node.identities import DemoIdentity
from procedures.engine.prefill import identity_personal_number
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.procedures.applicable_legislation.journey import (
    ABOUT_YOU,
    BIRTH,
    CONTACT,
    EMPLOYER,
    SITUATION,
    post_step,
    step_url,
    to_check,
)

pytestmark = pytest.mark.django_db

PL_NUMBER = {
    "other_numbers-TOTAL_FORMS": "1",
    "other_numbers-INITIAL_FORMS": "0",
    "other_numbers-0-country": "PL",
    "other_numbers-0-number": "4405-1401-359",
    "other_numbers-0-institution": "ZUS",
}
BIRTH_IN_KAUNAS = {**BIRTH, "birth-family_name_at_birth": "Petraitis", "birth-other_nationality": "PL"}


def _signed_in(identity: str | DemoIdentity = "lt-worker") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    request = start_login(client)
    if isinstance(identity, DemoIdentity):
        post_acs(client, idp.authn_response(request=request, identity=identity, loa=LOA_SUBSTANTIAL))
    else:
        post_acs(client, node_response(request, identity))
    return client


def _begin(client: Client) -> str:
    """Start a request; returns where its first page sends the person (the offer, or the first step)."""
    first = client.post("/applicable-legislation/begin/")["Location"]
    response = client.get(first)
    return response["Location"] if response.status_code == 302 else first


def _send(client: Client, url: str) -> Application:
    """From the situation page (the person's pages answered): a posting, then Send."""
    assert url.endswith("/situation/"), url
    url = post_step(client, url, "situation", SITUATION)["Location"]
    url = to_check(client, post_step(client, url, "employer", EMPLOYER)["Location"])
    done = client.get(post_step(client, url, "check", {"check-truthful": "on"})["Location"])
    sent = re.search(r"/applications/([0-9a-f-]+)/", done.get("Location", ""))
    assert sent, done
    return Application.objects.get(pk=sent.group(1))


def _first_application(client: Client, about_you: dict | None = None) -> Application:
    url = _begin(client)
    assert url.endswith("/about_you/"), "the first application has nothing to offer"
    url = post_step(client, url, "about_you", about_you or ABOUT_YOU)["Location"]
    url = post_step(client, url, "birth", BIRTH_IN_KAUNAS)["Location"]
    url = post_step(client, url, "contact", {**CONTACT, "contact-phone": "+370 600 00000"})["Location"]
    return _send(client, post_step(client, url, "other_numbers", PL_NUMBER)["Location"])


def _choose(client: Client, offer_url: str, choice: str) -> str:
    response = client.post(offer_url, {"use": choice})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def test_a_second_application_offers_the_details_of_the_first_and_asks_only_the_rest():
    client = _signed_in()
    first = _first_application(client)
    offer_url = _begin(client)
    assert offer_url.endswith("/your-details/")
    page = client.get(offer_url).content.decode()
    assert first.reference in page
    for shown in ("Kaunas", "Petraitis", "jonas@example.lt", "+37060000000", "Gedimino pr. 1", "44051401359"):
        assert shown in page, shown
    assert "Use these details" in page and "Enter different details" in page

    url = _choose(client, offer_url, "yes")
    assert url.endswith("/situation/")  # about you, birth, contact and other numbers are not asked again
    second = _send(client, url)
    assert second.pk != first.pk
    for part in ("holder", "contact"):
        assert second.payload["answers"][part] == first.payload["answers"][part]
    assert second.payload["answers"]["holder"]["personal_numbers"] == [
        {"country": "LT", "number": "39006211001", "institution": ""},
        {"country": "PL", "number": "44051401359", "institution": "ZUS"},
    ]


def test_prefilled_details_are_ordinary_answers_the_person_can_change():
    client = _signed_in()
    _first_application(client)
    url = _choose(client, _begin(client), "yes")
    about_you = step_url(url, "about_you")
    page = client.get(about_you).content.decode()
    assert 'value="Gedimino pr. 1"' in page and 'value="39006211001"' in page
    moved = {**ABOUT_YOU, "about_you-address_0": "Laisvės al. 10", "about_you-address_2": "Kaunas"}
    assert post_step(client, about_you, "about_you", moved)["Location"].endswith("/birth/")
    second = _send(client, url)
    assert second.payload["answers"]["holder"]["address"]["line_1"] == "Laisvės al. 10"
    assert second.payload["answers"]["holder"]["place_of_birth"]["town"] == "Kaunas"  # kept as offered


def test_entering_different_details_asks_every_question_and_the_offer_does_not_come_back():
    client = _signed_in()
    _first_application(client)
    offer_url = _begin(client)
    url = _choose(client, offer_url, "no")
    assert url.endswith("/about_you/")
    page = client.get(url)
    assert page.status_code == 200 and "Gedimino" not in page.content.decode()
    assert client.get(url).status_code == 200  # asked once: the first page no longer sends to the offer


def test_the_offer_needs_a_choice():
    client = _signed_in()
    _first_application(client)
    offer_url = _begin(client)
    page = client.post(offer_url, {})
    assert page.status_code == 200
    assert "Select whether you want to use these details" in page.content.decode()


def test_a_detail_that_no_longer_validates_is_asked_again_not_offered():
    client = _signed_in()
    first = _first_application(client)
    first.beneficiary = {**first.beneficiary, "birth_country": "XX"}  # a country that is no longer listed
    first.save(update_fields=["beneficiary"])
    offer_url = _begin(client)
    assert "Kaunas" not in client.get(offer_url).content.decode()
    assert _choose(client, offer_url, "yes").endswith("/birth/")


def test_another_persons_application_is_never_offered():
    worker = _signed_in("lt-worker")
    _first_application(worker)
    other = _signed_in("pl-worker")
    url = _begin(other)
    assert url.endswith("/about_you/")
    assert "Gedimino" not in other.get(url).content.decode()


def test_the_selector_gives_only_applications_about_the_signed_in_person():
    client = _signed_in()
    application = _first_application(client)
    user = application.applicant
    identity = user.citizen_identity
    found = person_block_last(
        owner=user, person_identifier=identity.person_identifier, date_of_birth=identity.date_of_birth
    )
    assert found is not None and found.reference == application.reference
    assert found.person["birth_town"] == "Kaunas"
    # The same account's application about someone else (another date of birth: a child, a worker).
    application.beneficiary = {**application.beneficiary, "date_of_birth": "2015-03-01"}
    application.save(update_fields=["beneficiary"])
    assert (
        person_block_last(
            owner=user, person_identifier=identity.person_identifier, date_of_birth=identity.date_of_birth
        )
        is None
    )


def test_contact_details_kept_on_the_account_are_offered_instead_of_the_applications():
    client = _signed_in()
    first = _first_application(client)
    contact_details_change(
        user=first.applicant,
        email="jonas.naujas@example.lt",
        phone="",
        address={
            "line_1": "Pylimo g. 5",
            "line_2": "",
            "town": "Vilnius",
            "postcode": "LT-01117",
            "country": "LT",
        },
        language="lt",
    )
    offer_url = _begin(client)
    page = client.get(offer_url).content.decode()
    assert "jonas.naujas@example.lt" in page and "Pylimo g. 5" in page and "Gedimino" not in page
    second = _send(client, _choose(client, offer_url, "yes"))
    assert second.payload["answers"]["contact"]["email"] == "jonas.naujas@example.lt"
    assert second.payload["answers"]["holder"]["address"]["line_1"] == "Pylimo g. 5"


# --- what the eID gives --------------------------------------------------------------------------

BORN = datetime.date(1990, 6, 21)
CODE_IN_EID = DemoIdentity(
    "lt-code", "LT/LT/39006211001", "Kazlauskas", "Jonas", BORN.isoformat(), "Male", "Lithuanian with a code"
)


class _Identity:
    def __init__(self, person_identifier: str, date_of_birth: datetime.date = BORN) -> None:
        self.person_identifier = person_identifier
        self.date_of_birth = date_of_birth


@pytest.mark.parametrize(
    ("identifier", "born", "expected"),
    [
        ("LT/LT/39006211001", BORN, "39006211001"),
        ("lt/DE/39006211001", BORN, "39006211001"),
        ("LT/LT/39006210214", BORN, None),  # wrong check digit: not a personal code
        ("LT/LT/39006211001", datetime.date(1990, 6, 22), None),  # not this person's date of birth
        ("LT/LT/a9f3c2e1b8d74f60b2e7", BORN, None),  # a pseudonym
        ("PL/LT/39006211001", BORN, None),  # another country's identifier
        ("LT/39006211001", BORN, None),
    ],
)
def test_a_lithuanian_personal_code_is_read_from_the_eid_only_when_it_is_one(identifier, born, expected):
    assert identity_personal_number(_Identity(identifier, born), "LT") == expected


def test_a_personal_code_the_eid_gives_is_shown_from_the_eid_and_never_asked():
    client = _signed_in(CODE_IN_EID)
    url = _begin(client)
    page = client.get(url).content.decode()
    assert "From your eID" in page and "39006211001" in page
    assert not re.search(r'<input(?![^>]*type="hidden")[^>]*name="about_you-personal_code"', page)
    # Whatever is posted under its name is ignored: the eID's code is the one sent.
    other_code = {**ABOUT_YOU, "about_you-personal_code": "45802151009"}
    url = post_step(client, url, "about_you", other_code)["Location"]
    url = post_step(client, url, "birth", BIRTH)["Location"]
    url = post_step(client, url, "contact", CONTACT)["Location"]
    url = post_step(client, url, "other_numbers", PL_NUMBER)["Location"]
    application = _send(client, url)
    assert application.payload["answers"]["holder"]["personal_code"] == "39006211001"
    assert "45802151009" not in str(application.answers)  # what was posted for it is not even kept


def test_an_eid_without_a_personal_code_still_asks_for_it():
    client = _signed_in("lt-worker")  # its identifier is not a valid personal code
    page = client.get(_begin(client)).content.decode()
    assert re.search(r'<input[^>]*type="text"[^>]*name="about_you-personal_code"', page) or re.search(
        r'<input[^>]*name="about_you-personal_code"[^>]*type="text"', page
    )
