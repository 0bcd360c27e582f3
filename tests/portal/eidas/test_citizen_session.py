import pytest

from portal.audit.models import AuditEvent
from portal.eidas import constants as c
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login

pytestmark = pytest.mark.django_db


def test_citizen_pages_send_anonymous_visitors_to_the_eidas_login(client):
    response = client.get("/my/")
    assert response["Location"] == "/eidas/login/?next=/my/"


def test_citizen_pages_need_the_required_level_of_assurance(client, citizen, settings):
    client.force_login(citizen)
    session = client.session
    session["eidas_loa"] = c.LOA_SUBSTANTIAL
    session.save()
    assert client.get("/my/").status_code == 200
    settings.EIDAS_REQUIRED_LOA = c.LOA_HIGH  # a procedure configured to need "high"
    assert client.get("/my/")["Location"].startswith("/eidas/login/")


def test_staff_are_not_citizens(client, caseworker_with_totp):
    # Refused rather than sent to the eID login, which would end the staff session.
    client.force_login(caseworker_with_totp)
    assert client.get("/my/").status_code == 403


def test_the_header_shows_the_citizens_name_and_a_sign_out_button(client):
    post_acs(client, node_response(start_login(client), "lv-parent"))
    html = client.get("/").content.decode()
    assert "Anna Bērziņa" in html
    assert 'action="/eidas/logout/"' in html


def _form_fields(html: str) -> tuple[str, dict[str, str]]:
    import re
    from html import unescape

    action = unescape(re.search(r'<form method="post" action="([^"]+)"', html).group(1))
    fields = {name: unescape(value) for name, value in re.findall(r'name="(SAML\w+)" value="([^"]+)"', html)}
    return action, fields


def test_signing_out_ends_the_session_and_the_nodes_session_too(client):
    import base64

    from lxml import etree

    from portal.eidas.config import service_provider
    from portal.eidas.xmlsign import verify_enveloped

    post_acs(client, node_response(start_login(client), "lt-worker"))
    page = client.post("/eidas/logout/")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="eidas.logout").exists()
    action, fields = _form_fields(page.content.decode())
    assert action == "http://portal.example.org/demo-eidas/slo/"
    logout_request = etree.fromstring(base64.b64decode(fields["SAMLRequest"]))
    verify_enveloped(logout_request, cert_pem=service_provider().signing.cert_pem)
    assert logout_request.findtext("{urn:oasis:names:tc:SAML:2.0:assertion}NameID") == "LT/LT/39006210214"

    node_page = client.post("/demo-eidas/slo/", fields)  # the demo node (pysaml2) answers
    action, fields = _form_fields(node_page.content.decode())
    assert action == "http://portal.example.org/eidas/slo/"
    done = client.post("/eidas/slo/", fields, follow=True, headers={"Accept-Language": "en"})
    assert done.redirect_chain[-1][0] == "/"
    assert "You have signed out." in done.content.decode()
    assert client.get("/my/").status_code == 302


def test_a_forged_logout_response_is_not_trusted_but_does_no_harm(client):
    import base64

    response = client.post(
        "/eidas/slo/",
        {"SAMLResponse": base64.b64encode(b"<x/>").decode()},
        follow=True,
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "Close your browser to end your eID session." in response.content.decode()


def test_without_a_node_session_signing_out_is_local(client, citizen):
    client.force_login(citizen)
    response = client.post("/eidas/logout/")
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_the_name_id_kept_for_logout_is_encrypted_in_the_session(client):
    from django.contrib.sessions.models import Session

    post_acs(client, node_response(start_login(client), "pl-worker"))
    import json

    decoded = Session.objects.get(session_key=client.session.session_key).get_decoded()
    assert "eidas_logout" in decoded
    assert "87110312345" not in json.dumps(decoded)


def test_the_login_goes_through_allauths_social_account_flow(client):
    from allauth.socialaccount.models import SocialAccount

    post_acs(client, node_response(start_login(client), "de-self-employed"))
    account = SocialAccount.objects.get(provider="eidas")
    assert account.user_id == int(client.session["_auth_user_id"])
    # The uid is a keyed hash, never the PersonIdentifier (personal data stays encrypted).
    assert "DE/LT" not in account.uid and len(account.uid) == 64
    assert account.extra_data == {}
    # A second login finds the same account.
    again = type(client)()
    post_acs(again, node_response(start_login(again), "de-self-employed"))
    assert SocialAccount.objects.count() == 1


def test_signing_out_after_the_field_key_was_rotated_still_signs_out(client, settings):
    from cryptography.fernet import Fernet

    post_acs(client, node_response(start_login(client), "lt-worker"))
    # The session's NameID was encrypted with the key that the operator has since removed.
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    response = client.post("/eidas/logout/", follow=True, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "You have signed out." in response.content.decode()
    assert "_auth_user_id" not in client.session
