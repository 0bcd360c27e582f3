"""The assertion consumer service: what is accepted, and every way a response must be refused.

Responses come from the demo node (pysaml2, a different SAML implementation); forged ones are built by
decrypting, changing and (where the attack allows) re-signing them — see saml_tools.
"""

import base64
import copy
import datetime

import pytest
import time_machine
from django.test import Client
from lxml import etree

from portal.accounts.models import CitizenIdentity
from portal.audit.models import AuditEvent
from portal.eidas import constants as c
from tests.portal.eidas.saml_tools import (
    NS,
    assert_refused,
    attribute_value,
    decode,
    encode,
    forge,
    node_response,
    post_acs,
    resign,
    start_login,
    unsign,
)

pytestmark = pytest.mark.django_db


def signed_in_identifier(client) -> str:  # type: ignore[no-untyped-def]
    user_id = client.session.get("_auth_user_id")
    return CitizenIdentity.objects.get(user_id=user_id).person_identifier if user_id else ""


# --- accepted -------------------------------------------------------------------------------------------


def test_a_valid_response_signs_the_citizen_in_and_records_the_level(client):
    request = start_login(client, next_url="/my/")
    response = post_acs(client, node_response(request, "lt-worker"))
    assert response.status_code == 302 and response["Location"] == "/my/"
    assert signed_in_identifier(client) == "LT/LT/39006210214"
    assert client.session["eidas_loa"] == c.LOA_SUBSTANTIAL
    event = AuditEvent.objects.get(action="eidas.login")
    assert event.details == {"loa": c.LOA_SUBSTANTIAL, "eid_country": "LT"}
    assert "39006210214" not in str(event.details) + event.actor_label


def test_a_higher_level_than_required_is_accepted(client):
    request = start_login(client)
    response = post_acs(client, node_response(request, "pl-worker", loa=c.LOA_HIGH))
    assert response.status_code == 302
    assert client.session["eidas_loa"] == c.LOA_HIGH


def test_names_in_another_script_are_kept_beside_the_latin_ones(client):
    post_acs(client, node_response(start_login(client), "el-citizen"))
    identity = CitizenIdentity.objects.get()
    assert (identity.given_name, identity.family_name) == ("Eleni", "Papadopoulou")
    assert (identity.given_name_native, identity.family_name_native) == ("Ελένη", "Παπαδοπούλου")


def test_the_next_login_updates_names_of_the_same_person(client):
    post_acs(client, node_response(start_login(client), "lt-worker"))

    def rename(response, assertion):  # type: ignore[no-untyped-def]
        attribute_value(assertion, c.FAMILY_NAME).text = "Kazlauskaitė-Jonaitis"

    second = Client()
    post_acs(second, forge(node_response(start_login(second), "lt-worker"), rename))
    assert CitizenIdentity.objects.count() == 1
    assert CitizenIdentity.objects.get().family_name == "Kazlauskaitė-Jonaitis"


# --- refused: signatures --------------------------------------------------------------------------------


def test_an_unsigned_response_is_refused(client):
    request = start_login(client)
    assert_refused(
        post_acs(client, forge(node_response(request), resign_response=False, mutate=lambda r, a: unsign(r))),
        "invalid_response",
        "Message of the Response is not signed",
    )


def test_an_unsigned_assertion_is_refused(client):
    request = start_login(client)
    forged = forge(node_response(request), lambda r, a: unsign(a), resign_assertion=False)
    assert_refused(post_acs(client, forged), "invalid_response", "Assertion of the Response is not signed")


def test_a_tampered_attribute_value_is_refused(client):
    def change(response, assertion):  # type: ignore[no-untyped-def]
        attribute_value(assertion, c.PERSON_IDENTIFIER).text = "LT/LT/45802150117"

    request = start_login(client)
    # The attacker can re-encrypt (the SP's certificate is public) but cannot sign as the node.
    assert_refused(
        post_acs(client, forge(node_response(request), change, resign_assertion=False)),
        "invalid_response",
        "Signature validation failed",
    )


def test_a_response_signed_by_another_key_is_refused(client, tmp_path, settings):
    from portal.eidas.keys import generate_pair, write_pair

    request = start_login(client)
    genuine = node_response(request)
    evil = generate_pair(common_name="evil node", kind="rsa")
    write_pair(evil, tmp_path / "demo-node" / "signing.key", tmp_path / "demo-node" / "signing.crt")
    settings.EIDAS_KEY_DIR = tmp_path  # forge() signs with the key found here
    assert_refused(post_acs(client, forge(genuine)), "invalid_response", "Signature validation failed")


# --- refused: signature wrapping ------------------------------------------------------------------------


def _object(signature: etree._Element) -> etree._Element:
    return etree.SubElement(signature, f"{{{c.NS_DS}}}Object")


def test_response_wrapping_with_the_signed_response_hidden_inside_is_refused(client):
    """XSW: a new, unsigned response wraps the original signed one (which an SP might verify instead)."""
    request = start_login(client)
    original = decode(node_response(request, "lt-worker"))
    evil = copy.deepcopy(original)
    evil.set("ID", "_evil-response")
    unsign(evil)
    extensions = etree.Element(f"{{{c.NS_SAMLP}}}Extensions")
    evil.find("saml:Issuer", NS).addnext(extensions)
    extensions.append(original)
    assert_refused(post_acs(client, encode(evil)), "invalid_response", "must contain 1 assertion")


def test_response_wrapping_with_the_original_inside_the_signature_is_refused(client):
    """XSW: the evil response carries the original signature; the signed original hides in ds:Object."""
    request = start_login(client)
    original = decode(node_response(request, "lt-worker"))
    evil = copy.deepcopy(original)
    evil.set("ID", "_evil-response")
    hidden = copy.deepcopy(original)
    unsign(hidden)
    _object(evil.find("ds:Signature", NS)).append(hidden)
    assert_refused(post_acs(client, encode(evil)), "invalid_response", "must contain 1 assertion")


def test_assertion_wrapping_with_an_extra_plain_assertion_is_refused(client):
    """XSW: an attacker's unsigned assertion is slipped into the response's signature, outside its digest."""
    request = start_login(client)
    response = decode(node_response(request, "lt-worker"))
    evil_assertion = etree.SubElement(
        _object(response.find("ds:Signature", NS)), f"{{{c.NS_SAML}}}Assertion", ID="_evil", Version="2.0"
    )
    etree.SubElement(
        evil_assertion, f"{{{c.NS_SAML}}}Issuer"
    ).text = "http://portal.example.org/demo-eidas/metadata/"
    assert_refused(post_acs(client, encode(response)), "invalid_response", "must contain 1 assertion")


def test_assertion_wrapping_with_a_second_encrypted_assertion_is_refused(client):
    """XSW: a second, attacker-made encrypted assertion placed beside the genuine one."""
    request = start_login(client)
    genuine = node_response(request, "lt-worker")
    other = decode(forge(node_response(start_login(Client()), "lt-pensioner"), resign_assertion=False))
    response = decode(genuine)
    response.find("saml:EncryptedAssertion", NS).addprevious(other.find("saml:EncryptedAssertion", NS))
    assert_refused(post_acs(client, encode(response)), "invalid_response", "must contain 1 assertion")


def test_a_comment_injected_into_a_value_does_not_shorten_it(client):
    """CVE-2017-11427 class: a node-signed value with a comment must be read whole, never truncated."""
    victim = Client()
    post_acs(victim, node_response(start_login(victim), "lt-worker"))

    def inject(response, assertion):  # type: ignore[no-untyped-def]
        value = attribute_value(assertion, c.PERSON_IDENTIFIER)
        value.text = "LT/LT/39006210214"
        value.append(etree.Comment("x"))
        value[-1].tail = ".attacker"

    post_acs(client, forge(node_response(start_login(client), "lt-worker"), inject))
    assert signed_in_identifier(client) == "LT/LT/39006210214.attacker"
    assert signed_in_identifier(client) != signed_in_identifier(victim)


# --- refused: wrong recipient, time, request binding ------------------------------------------------------


def test_a_response_for_another_service_provider_is_refused(client):
    def other_audience(response, assertion):  # type: ignore[no-untyped-def]
        assertion.find(
            "saml:Conditions/saml:AudienceRestriction/saml:Audience", NS
        ).text = "https://other.example/sp"

    assert_refused(
        post_acs(client, forge(node_response(start_login(client)), other_audience)),
        "invalid_response",
        "not a valid audience",
    )


def test_a_response_for_another_destination_is_refused(client):
    def other_destination(response, assertion):  # type: ignore[no-untyped-def]
        response.set("Destination", "https://other.example/acs")

    assert_refused(
        post_acs(client, forge(node_response(start_login(client)), other_destination)),
        "invalid_response",
        "instead of https://other.example/acs",
    )


def test_an_expired_response_is_refused(client):
    genuine = node_response(start_login(client))
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10)):
        assert_refused(post_acs(client, genuine), "invalid_response", "expired")


def test_a_response_that_is_not_yet_valid_is_refused(client):
    request = start_login(client)
    with time_machine.travel(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10), tick=False
    ):
        future = node_response(request)
    assert_refused(post_acs(client, future), "invalid_response", "not yet valid")


def test_an_unsolicited_response_is_refused(client):
    stranger = Client()
    genuine = node_response(start_login(stranger))
    assert_refused(post_acs(client, genuine), "unsolicited")


def test_a_response_to_a_request_of_another_browser_is_refused(client):
    other_browser = Client()
    request = start_login(other_browser)
    start_login(client)  # this browser has a request of its own outstanding, but not that one
    assert_refused(post_acs(client, node_response(request)), "unsolicited")


def test_a_replayed_response_is_refused(client):
    genuine = node_response(start_login(client))
    assert post_acs(client, genuine).status_code == 302
    assert_refused(post_acs(client, genuine), "unsolicited", signed_out=False)
    attacker = Client()  # someone who captured the response, in another browser
    assert_refused(post_acs(attacker, genuine), "unsolicited")


def test_a_replayed_assertion_is_refused_even_if_its_request_were_still_open(client):
    from django.core.cache import cache

    from portal.eidas.services import BINDING_COOKIE, _outstanding_key

    request = start_login(client)
    genuine = node_response(request)
    assert post_acs(client, genuine).status_code == 302
    # As if the request store had lost track of the consumption: the assertion cache still refuses.
    cache.set(
        _outstanding_key(client.cookies[BINDING_COOKIE].value, request["id"]), {"next": "", "country": "LT"}
    )
    assert_refused(post_acs(client, genuine), "replayed", signed_out=False)


# --- refused: level of assurance, attributes, statuses, XML ------------------------------------------------


def test_a_low_level_of_assurance_is_refused_when_substantial_is_required(client):
    response = post_acs(client, node_response(start_login(client), loa=c.LOA_LOW))
    assert_refused(response, "loa_too_low")
    assert "substantial" in response.content.decode() or "pakankam" in response.content.decode()


def test_a_missing_mandatory_attribute_is_refused(client):
    def drop_birth_date(response, assertion):  # type: ignore[no-untyped-def]
        attribute = assertion.find(f"saml:AttributeStatement/saml:Attribute[@Name='{c.DATE_OF_BIRTH}']", NS)
        attribute.getparent().remove(attribute)

    assert_refused(
        post_acs(client, forge(node_response(start_login(client)), drop_birth_date)),
        "missing_attribute",
        "DateOfBirth",
    )


def test_a_requester_status_shows_that_the_login_was_cancelled(client):
    from portal.eidas.demo_node import idp

    request = start_login(client)
    cancelled = idp.error_response(
        request=request,
        status="urn:oasis:names:tc:SAML:2.0:status:Requester",
        second_level="urn:oasis:names:tc:SAML:2.0:status:RequestDenied",
        message="x",
    )
    response = post_acs(client, cancelled)
    assert_refused(response, "cancelled", "RequestDenied")


def test_a_responder_status_shows_that_authentication_failed(client):
    from portal.eidas.demo_node import idp

    request = start_login(client)
    failed = idp.error_response(
        request=request,
        status="urn:oasis:names:tc:SAML:2.0:status:Responder",
        second_level="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
        message="x",
    )
    assert_refused(post_acs(client, failed), "authentication_failed")


def test_xml_with_a_doctype_or_entities_is_refused(client):
    start_login(client)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="x">&b;</samlp:Response>'
    )
    assert_refused(post_acs(client, base64.b64encode(bomb).decode()), "invalid_response", "DTDForbidden")


def test_a_response_encrypted_with_a_deprecated_algorithm_is_refused(client):
    def triple_des(response, assertion):  # type: ignore[no-untyped-def]
        pass

    forged = decode(forge(node_response(start_login(client)), triple_des))
    method = forged.find("saml:EncryptedAssertion/xenc:EncryptedData/xenc:EncryptionMethod", NS)
    method.set("Algorithm", "http://www.w3.org/2001/04/xmlenc#tripledes-cbc")
    resign(forged)
    assert_refused(post_acs(client, encode(forged)), "deprecated_algorithm", "tripledes")


def test_garbage_instead_of_a_response_is_refused(client):
    start_login(client)
    assert_refused(post_acs(client, "not base64 at all!"), "invalid_response")


def test_an_unforeseen_failure_still_gets_the_friendly_page(client, monkeypatch):
    from portal.eidas import services

    def explode(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("unforeseen")

    monkeypatch.setattr(services, "response_validate", explode)
    assert_refused(post_acs(client, node_response(start_login(client))), "invalid_response", "RuntimeError")


def test_try_again_keeps_where_the_person_was_going(client):
    request = start_login(client, next_url="/contact/?from=start&x=1")
    response = post_acs(client, node_response(request, loa=c.LOA_LOW))
    assert 'href="/eidas/login/?next=%2Fcontact%2F%3Ffrom%3Dstart%26x%3D1"' in response.content.decode()
