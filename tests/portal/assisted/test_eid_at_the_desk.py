"""The person signs in with their own eID on the caseworker's device (through the demo eIDAS node): the
identity is attached to that one application, the caseworker stays signed in as themselves, and nobody
else is signed in or given an account."""

import datetime
import re
from html import unescape

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from django.test import Client

from portal.accounts.models import CitizenIdentity, User
from portal.applications.models import Application
from portal.applications.services import envelope_validate
from portal.assisted.models import AssistedCase
from portal.assisted.services import personal_code_index
from portal.audit.models import AuditEvent
from portal.eidas import constants as c
from portal.eidas.demo_node import idp
from portal.institutions.services import institutions_load
from portal.registers.demo_people import lithuanian_code
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory
from tests.portal.assisted.journey import contact_data, identify_data
from tests.portal.eidas.saml_tools import attribute_value, forge, node_response, post_acs
from tests.procedures.applicable_legislation.journey import date_boxes, post_step
from tests.procedures.ehic.journey import address, insured, step

pytestmark = pytest.mark.django_db

PARENT_CODE = "48604121238"  # the demo eIDAS identity lt-parent: Rūta Vaitkienė, born 12 April 1986
PARENT_BORN = datetime.date(1986, 4, 12)
PARENT_IDENTIFIER = f"LT/LT/{PARENT_CODE}"


@pytest.fixture
def desk(client, caseworker_with_totp):  # type: ignore[no-untyped-def]
    client.force_login(caseworker_with_totp)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    institutions_load(country="LT")
    return client


def start_eid(client: Client, url: str) -> dict:  # type: ignore[type-arg]
    """Choose the country on the portal's eID page; return the AuthnRequest as the demo node read it."""
    response = client.post(url, {"country": "LT"})
    assert response.status_code == 200, response.content[:500]
    encoded = unescape(re.search(r'name="SAMLRequest" value="([^"]+)"', response.content.decode()).group(1))
    return idp.parse_request(encoded)


def document_case(client: Client, **changes: str) -> AssistedCase:
    """A person identified at the desk with their identity document (Ona Petraitienė unless changed)."""
    response = client.post("/assisted/new/", {**identify_data(), **changes})
    assert response.status_code == 302, response.content.decode()[:3000]
    return AssistedCase.objects.get()


def parent_document(code: str = PARENT_CODE) -> dict[str, str]:
    return {
        "given_name": "Ruta",
        "family_name": "Vaitkiene",
        **date_boxes("date_of_birth", PARENT_BORN),
        "personal_code": code,
    }


def assert_still_the_caseworker(client: Client, response, caseworker: User, session_key: str) -> None:  # type: ignore[no-untyped-def]
    assert response.wsgi_request.user.pk == caseworker.pk
    assert client.session.session_key == session_key  # not rotated: nobody else signed in
    assert client.session["_auth_user_id"] == str(caseworker.pk)
    assert "eidas_loa" not in client.session
    assert not CitizenIdentity.objects.exists() and not SocialAccount.objects.exists()
    assert list(User.objects.values_list("pk", flat=True)) == [caseworker.pk]
    assert not AuditEvent.objects.filter(action="eidas.login").exists()


def test_a_case_starts_from_the_persons_eid_and_the_caseworker_stays_signed_in(desk, caseworker_with_totp):
    assert 'href="/assisted/new/eid/"' in desk.get("/assisted/").content.decode()
    session_key = desk.session.session_key
    request = start_eid(desk, "/assisted/new/eid/")
    response = post_acs(desk, node_response(request, "lt-parent"))

    case = AssistedCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/assisted/{case.pk}/eid/"
    assert_still_the_caseworker(desk, response, caseworker_with_totp, session_key)
    assert case.caseworker == caseworker_with_totp
    assert case.person == {
        "family_name": "Vaitkienė",
        "given_name": "Rūta",
        "date_of_birth": "1986-04-12",
        "personal_code": PARENT_CODE,
        "identity_verified_by": "eid",
        "eidas": {"person_identifier": PARENT_IDENTIFIER, "loa": c.LOA_SUBSTANTIAL},
    }
    assert case.personal_code_index == personal_code_index(PARENT_CODE)
    attached = AuditEvent.objects.get(action="assisted.eid_attached")
    assert attached.actor == caseworker_with_totp and attached.object_id == str(case.pk)
    assert attached.details == {"loa": c.LOA_SUBSTANTIAL, "eid_country": "LT"}
    confirmed = AuditEvent.objects.get(action="eidas.identity_confirmed")
    assert confirmed.details["purpose"] == "assisted-identify"
    assert PARENT_CODE not in str(attached.details) + str(confirmed.details)

    page = desk.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "You are applying for Rūta Vaitkienė" in html
    assert PARENT_CODE in html and "confirmed who they are" in html
    viewed = AuditEvent.objects.filter(action="assisted.case_viewed", object_id=str(case.pk)).latest("id")
    assert viewed.details == {"page": "eid"} and viewed.actor == caseworker_with_totp
    assert f'href="/assisted/{case.pk}/representative/"' in html


def test_the_wizard_uses_the_eid_identity_and_the_envelope_carries_it(desk, caseworker_with_totp):
    insured(PARENT_CODE)
    post_acs(desk, node_response(start_eid(desk, "/assisted/new/eid/"), "lt-parent"))
    case = AssistedCase.objects.get()
    assert desk.post(f"/assisted/{case.pk}/representative/", {"basis": ""}).status_code == 302
    assert desk.post(f"/assisted/{case.pk}/contact/", contact_data()).status_code == 302
    started = desk.post(f"/assisted/{case.pk}/procedure/", {"procedure": "ehic"})
    assert started.status_code == 302, started.content.decode()[:2000]

    url = step(desk, started["Location"], "for_whom", {"for_whom-for_whom": "me"})
    about_you = desk.get(url).content.decode()
    assert "You are applying for Rūta Vaitkienė" in about_you
    assert PARENT_CODE in about_you  # from the eID: not asked
    url = step(desk, url, "about_you", {"about_you-nationality": "LT", **address("about_you-address")})
    url = step(desk, url, "insurance")
    url = step(desk, url, "work_abroad", {"work_abroad-work_abroad": "no"})
    url = step(desk, url, "entitlement_document", {"entitlement_document-entitlement_document": "no"})
    url = step(desk, url, "request", {"request-kind": "first_card"})
    url = step(desk, url, "delivery", {"delivery-method": "post"})
    url = step(desk, url, "delivery_address", address("delivery_address-address"))
    url = step(desk, url, "contact", {"contact-post_only": "on"})
    done = post_step(desk, url, "check", {"check-signed": "on"})
    assert done.status_code == 302, done.content.decode()[:2000]
    desk.get(done["Location"])

    envelope = Application.objects.get().payload
    envelope_validate(envelope)
    assert envelope["applicant"]["eidas"] == {
        "person_identifier": PARENT_IDENTIFIER,
        "loa": c.LOA_SUBSTANTIAL,
    }
    assert envelope["applicant"]["given_name"] == "Rūta"
    assert envelope["filed_by"]["role"] == "caseworker"
    assert envelope["assisted"]["identity_verified_by"] == "eid"
    assert "identity_document" not in envelope["assisted"]


def test_an_eid_is_attached_to_a_case_identified_with_the_same_persons_document(desk, caseworker_with_totp):
    case = document_case(desk, **parent_document())
    session_key = desk.session.session_key
    page = desk.get(f"/assisted/{case.pk}/eid/")
    assert page.status_code == 200 and "must be the ones in the identity document" in page.content.decode()

    response = post_acs(desk, node_response(start_eid(desk, f"/assisted/{case.pk}/eid/"), "lt-parent"))
    assert response.status_code == 302 and response["Location"] == f"/assisted/{case.pk}/eid/"
    assert_still_the_caseworker(desk, response, caseworker_with_totp, session_key)
    case.refresh_from_db()
    assert case.person["eidas"] == {"person_identifier": PARENT_IDENTIFIER, "loa": c.LOA_SUBSTANTIAL}
    assert (case.person["given_name"], case.person["family_name"]) == ("Rūta", "Vaitkienė")  # the eID's
    assert case.person["document"]["number"] == "12345678" and case.person["seen_original"] is True
    assert case.person["personal_code"] == PARENT_CODE
    assert AuditEvent.objects.filter(action="assisted.eid_attached", object_id=str(case.pk)).count() == 1
    # Once attached, another eID cannot replace it.
    again = desk.post(f"/assisted/{case.pk}/eid/", {"country": "LT"})
    assert again.status_code == 302 and again["Location"].endswith("?refused=other_eid")


def test_the_nodes_post_without_the_session_cookie_attaches_and_leaves_the_session_alone(
    desk, caseworker_with_totp, settings
):
    """A browser sends no SameSite=Lax session cookie with the node's cross-site POST: the outstanding
    request (bound by its own cookie) says whose case it is, and no session cookie is set in reply (one
    would replace the caseworker's)."""
    from portal.eidas.services import BINDING_COOKIE

    case = document_case(desk, **parent_document())
    session_key = desk.session.session_key
    genuine = node_response(start_eid(desk, f"/assisted/{case.pk}/eid/"), "lt-parent")
    cross_site = Client()
    cross_site.cookies[BINDING_COOKIE] = desk.cookies[BINDING_COOKIE].value
    response = post_acs(cross_site, genuine)
    assert response.status_code == 302 and response["Location"] == f"/assisted/{case.pk}/eid/"
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    case.refresh_from_db()
    assert case.person["eidas"]["person_identifier"] == PARENT_IDENTIFIER
    assert AuditEvent.objects.get(action="assisted.eid_attached").actor == caseworker_with_totp
    page = desk.get(response["Location"])
    assert page.status_code == 200 and PARENT_CODE in page.content.decode()
    assert_still_the_caseworker(desk, page, caseworker_with_totp, session_key)


@pytest.mark.parametrize(
    ("document", "identity"),
    [
        ({}, "lt-pensioner"),  # Ona Petraitienė of the eID was born on another day than the document's
        (parent_document(lithuanian_code(PARENT_BORN, female=True, serial=999)), "lt-parent"),  # other code
    ],
    ids=["date-of-birth", "personal-code"],
)
def test_another_persons_eid_is_refused_and_nothing_is_attached(
    desk, caseworker_with_totp, document, identity
):
    case = document_case(desk, **document)
    before = case.person
    session_key = desk.session.session_key
    response = post_acs(desk, node_response(start_eid(desk, f"/assisted/{case.pk}/eid/"), identity))
    assert response.status_code == 302
    assert response["Location"] == f"/assisted/{case.pk}/eid/?refused=mismatch"
    assert_still_the_caseworker(desk, response, caseworker_with_totp, session_key)
    case.refresh_from_db()
    assert case.person == before and "eidas" not in case.person
    refused = AuditEvent.objects.get(action="assisted.eid_refused")
    assert refused.details == {"reason": "mismatch"} and refused.actor == caseworker_with_totp
    assert not AuditEvent.objects.filter(action="assisted.eid_attached").exists()
    page = desk.get(response["Location"]).content.decode()
    assert "This eID belongs to someone else" in page and "govuk-error-summary" in page


def test_a_tampered_response_is_refused_as_for_a_login(desk, caseworker_with_totp):
    case = document_case(desk, **parent_document())
    session_key = desk.session.session_key

    def change(response, assertion):  # type: ignore[no-untyped-def]
        attribute_value(assertion, c.PERSON_IDENTIFIER).text = "LT/LT/45802150117"

    genuine = node_response(start_eid(desk, f"/assisted/{case.pk}/eid/"), "lt-parent")
    refused = post_acs(desk, forge(genuine, change, resign_assertion=False))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert f'href="/assisted/{case.pk}/eid/"' in html  # "try again" leads back to the case, not a login
    failed = AuditEvent.objects.filter(action="eidas.login_failed").latest("id")
    assert failed.details["reason"] == "invalid_response"
    assert "Signature validation failed" in failed.details["detail"]
    assert failed.details["reference"] in html
    # The request was used up by the forged response: the genuine one is refused too.
    assert post_acs(desk, genuine).status_code == 400
    assert (
        AuditEvent.objects.filter(action="eidas.login_failed").latest("id").details["reason"] == "unsolicited"
    )
    assert_still_the_caseworker(desk, refused, caseworker_with_totp, session_key)
    case.refresh_from_db()
    assert "eidas" not in case.person
    assert not AuditEvent.objects.filter(action="assisted.eid_attached").exists()


def test_a_response_is_refused_when_another_account_has_signed_in_in_the_meantime(desk, citizen):
    case = document_case(desk, **parent_document())
    genuine = node_response(start_eid(desk, f"/assisted/{case.pk}/eid/"), "lt-parent")
    desk.force_login(citizen)
    refused = post_acs(desk, genuine)
    assert refused.status_code == 400
    failed = AuditEvent.objects.filter(action="eidas.login_failed").latest("id")
    assert failed.details["reason"] == "not_allowed"
    case.refresh_from_db()
    assert "eidas" not in case.person


def test_only_the_caseworkers_of_the_office_can_use_the_eid_pages(desk, citizen):
    case = document_case(desk)
    elsewhere = UserFactory(caseworker=True)  # a caseworker of another office
    TOTP.activate(elsewhere, TOTP_SECRET)
    other_desk = Client()
    other_desk.force_login(elsewhere)
    assert other_desk.get(f"/assisted/{case.pk}/eid/").status_code == 404
    assert other_desk.post(f"/assisted/{case.pk}/eid/", {"country": "LT"}).status_code == 404
    citizen_browser = Client()
    citizen_browser.force_login(citizen)
    for url in (f"/assisted/{case.pk}/eid/", "/assisted/new/eid/"):
        assert citizen_browser.get(url).status_code == 403
        assert citizen_browser.post(url, {"country": "LT"}).status_code == 403
    assert Client().get(f"/assisted/{case.pk}/eid/").status_code == 302  # to the staff login
    case.refresh_from_db()
    assert "eidas" not in case.person
