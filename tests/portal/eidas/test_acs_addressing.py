"""A node-signed response must be addressed to us exactly: Destination, Recipient and Audience.

SAML Bindings 3.5.5.2 and Profiles 4.1.4.2: the Response's Destination and the Recipient of every bearer
SubjectConfirmationData are our ACS URL, and the assertion's AudienceRestriction names our entity ID.
Each bad response here is re-signed with the demo node's key (and re-encrypted for the portal), so it is
refused only because of the one field that was changed.
"""

import copy
import logging

import pytest

from portal.audit.models import AuditEvent
from portal.eidas.config import service_provider
from tests.portal.eidas.saml_tools import NS, assert_refused, forge, node_response, post_acs, start_login

pytestmark = pytest.mark.django_db

# What an attacker or a misconfigured node might put where our exact ACS URL or entity ID belongs.
NEAR_MISSES = pytest.mark.parametrize(
    "tail", ["x", "/evil", "?a=b"], ids=["suffix", "path-below", "query-string"]
)


def forged_for(client, mutate) -> str:  # type: ignore[no-untyped-def]
    return forge(node_response(start_login(client), "lt-worker"), mutate)


def refused_without_personal_data(response, detail: str, caplog) -> None:  # type: ignore[no-untyped-def]
    assert_refused(response, "invalid_response", detail)
    event = AuditEvent.objects.filter(action="eidas.login_failed").latest("id")
    assert "39006210214" not in str(event.details) + caplog.text
    assert not AuditEvent.objects.filter(action="eidas.login").exists()


@pytest.fixture(autouse=True)
def _capture_warnings(caplog):
    caplog.set_level(logging.WARNING, logger="portal.eidas.services")


def test_a_resigned_response_addressed_to_us_is_accepted(client):
    """The control: re-signing and re-encrypting alone does not make a response unacceptable."""
    response = post_acs(client, forged_for(client, lambda response, assertion: None))
    assert response.status_code == 302 and response["Location"] == "/my/"


# --- Destination (on the Response) ----------------------------------------------------------------------


def test_a_response_without_destination_is_refused(client, caplog):
    def drop(response, assertion):  # type: ignore[no-untyped-def]
        del response.attrib["Destination"]

    refused_without_personal_data(post_acs(client, forged_for(client, drop)), "Destination missing", caplog)


@NEAR_MISSES
def test_a_destination_that_only_starts_with_our_acs_url_is_refused(client, caplog, tail):
    wrong = service_provider().acs_url + tail

    def change(response, assertion):  # type: ignore[no-untyped-def]
        response.set("Destination", wrong)

    refused_without_personal_data(
        post_acs(client, forged_for(client, change)), f"Destination '{wrong}'", caplog
    )


# --- Recipient (on the bearer SubjectConfirmationData) --------------------------------------------------


def _confirmation_data(assertion):  # type: ignore[no-untyped-def]
    return assertion.find("saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData", NS)


def test_a_response_without_recipient_is_refused(client, caplog):
    def drop(response, assertion):  # type: ignore[no-untyped-def]
        del _confirmation_data(assertion).attrib["Recipient"]

    refused_without_personal_data(post_acs(client, forged_for(client, drop)), "Recipient missing", caplog)


@NEAR_MISSES
def test_a_recipient_that_only_contains_our_acs_url_is_refused(client, caplog, tail):
    wrong = service_provider().acs_url + tail

    def change(response, assertion):  # type: ignore[no-untyped-def]
        _confirmation_data(assertion).set("Recipient", wrong)

    refused_without_personal_data(
        post_acs(client, forged_for(client, change)), f"Recipient '{wrong}'", caplog
    )


def test_a_second_bearer_confirmation_for_another_recipient_is_refused(client, caplog):
    """Profiles 4.1.4.2: *any* bearer SubjectConfirmation must name our ACS URL, not just one of them."""
    wrong = service_provider().acs_url + "x"

    def add(response, assertion):  # type: ignore[no-untyped-def]
        confirmation = _confirmation_data(assertion).getparent()
        second = copy.deepcopy(confirmation)
        second.find("saml:SubjectConfirmationData", NS).set("Recipient", wrong)
        confirmation.addnext(second)

    refused_without_personal_data(post_acs(client, forged_for(client, add)), f"Recipient '{wrong}'", caplog)


# --- Audience (in the assertion's AudienceRestriction) --------------------------------------------------


def _restriction(assertion):  # type: ignore[no-untyped-def]
    return assertion.find("saml:Conditions/saml:AudienceRestriction", NS)


def test_a_response_without_audience_restriction_is_refused(client, caplog):
    def drop(response, assertion):  # type: ignore[no-untyped-def]
        restriction = _restriction(assertion)
        restriction.getparent().remove(restriction)

    refused_without_personal_data(
        post_acs(client, forged_for(client, drop)), "no AudienceRestriction", caplog
    )


@NEAR_MISSES
def test_an_audience_that_only_starts_with_our_entity_id_is_refused(client, caplog, tail):
    def change(response, assertion):  # type: ignore[no-untyped-def]
        _restriction(assertion).find("saml:Audience", NS).text = service_provider().entity_id + tail

    # python3-saml's own audience check (exact membership) answers first here; either way it is refused.
    refused_without_personal_data(post_acs(client, forged_for(client, change)), "audience", caplog)


def test_a_second_audience_restriction_for_another_service_is_refused(client, caplog):
    """Core 2.5.1.4: every AudienceRestriction must name us, not just one of them."""
    other = service_provider().entity_id + "x"

    def add(response, assertion):  # type: ignore[no-untyped-def]
        restriction = _restriction(assertion)
        second = copy.deepcopy(restriction)
        second.find("saml:Audience", NS).text = other
        restriction.addnext(second)

    refused_without_personal_data(
        post_acs(client, forged_for(client, add)),
        f"AudienceRestriction '{other}' does not name us as an audience",
        caplog,
    )
