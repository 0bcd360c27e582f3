"""Driving the SAML exchange in tests: real requests from the portal, real responses from the demo node
(pysaml2), and forged responses built the way an attacker or a misbehaving node would."""

import base64
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import xmlsec
from django.conf import settings
from lxml import etree

from portal.audit.models import AuditEvent
from portal.eidas import constants as c
from portal.eidas.config import service_provider
from portal.eidas.demo_node import idp
from portal.eidas.demo_node.identities import BY_KEY
from portal.eidas.xmlsign import sign_enveloped

RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
NS = {"samlp": c.NS_SAMLP, "saml": c.NS_SAML, "ds": c.NS_DS, "xenc": c.NS_XENC}


def start_login(client, country: str = "LT", next_url: str = "") -> dict:  # type: ignore[no-untyped-def]
    """POST the country page; return the AuthnRequest as the demo node read it (and the raw form)."""
    response = client.post("/eidas/login/", {"country": country, "next": next_url})
    assert response.status_code == 200, response.content[:500]
    html = response.content.decode()
    encoded = unescape(re.search(r'name="SAMLRequest" value="([^"]+)"', html).group(1))
    parsed = idp.parse_request(encoded)
    parsed["encoded"] = encoded
    return parsed


def node_response(request: dict, identity: str = "lt-worker", loa: str = c.LOA_SUBSTANTIAL) -> str:
    return idp.authn_response(request=request, identity=BY_KEY[identity], loa=loa)


def post_acs(client, saml_response: str):  # type: ignore[no-untyped-def]
    return client.post("/eidas/acs/", {"SAMLResponse": saml_response})


def _node_keys() -> tuple[str, str]:
    directory = Path(settings.EIDAS_KEY_DIR) / "demo-node"
    return (directory / "signing.key").read_text(), (directory / "signing.crt").read_text()


def decode(saml_response: str) -> etree._Element:
    return etree.fromstring(base64.b64decode(saml_response))


def encode(root: etree._Element) -> str:
    return base64.b64encode(etree.tostring(root)).decode()


def decrypt_assertion(response: etree._Element) -> etree._Element:
    data = response.find("saml:EncryptedAssertion/xenc:EncryptedData", NS)
    standalone = etree.fromstring(etree.tostring(data))
    etree.cleanup_namespaces(standalone)
    manager = xmlsec.KeysManager()
    manager.add_key(xmlsec.Key.from_memory(service_provider().encryption.key_pem, xmlsec.KeyFormat.PEM))
    return etree.fromstring(etree.tostring(xmlsec.EncryptionContext(manager).decrypt(standalone)))


def encrypt_assertion(assertion: etree._Element) -> etree._Element:
    """An EncryptedAssertion for the portal's encryption certificate (AES-256-GCM, RSA-OAEP)."""
    # Encrypt the assertion as the root of a document of its own, so the plaintext carries every
    # namespace declaration it needs (moving it under a wrapper first would rename its prefixes).
    assertion = etree.fromstring(etree.tostring(assertion))
    template = xmlsec.template.encrypted_data_create(
        assertion, xmlsec.Transform.AES256_GCM, type=xmlsec.EncryptionType.ELEMENT, ns="xenc"
    )
    xmlsec.template.encrypted_data_ensure_cipher_value(template)
    key_info = xmlsec.template.encrypted_data_ensure_key_info(template, ns="ds")
    encrypted_key = xmlsec.template.add_encrypted_key(key_info, xmlsec.Transform.RSA_OAEP)
    xmlsec.template.encrypted_data_ensure_cipher_value(encrypted_key)
    manager = xmlsec.KeysManager()
    manager.add_key(xmlsec.Key.from_memory(service_provider().encryption.cert_pem, xmlsec.KeyFormat.CERT_PEM))
    context = xmlsec.EncryptionContext(manager)
    context.key = xmlsec.Key.generate(xmlsec.KeyData.AES, 256, xmlsec.KeyDataType.SESSION)
    encrypted = context.encrypt_xml(template, assertion)
    wrapper = etree.Element(f"{{{c.NS_SAML}}}EncryptedAssertion", nsmap={"saml": c.NS_SAML})
    wrapper.append(encrypted)
    return wrapper


def resign(element: etree._Element) -> None:
    """Sign ``element`` again with the demo node's key, as the node itself would."""
    old = element.find("ds:Signature", NS)
    if old is not None:
        element.remove(old)
    key, cert = _node_keys()
    sign_enveloped(element, key_pem=key, cert_pem=cert, algorithm=RSA_SHA256)


def unsign(element: etree._Element) -> None:
    element.remove(element.find("ds:Signature", NS))


def forge(
    saml_response: str,
    mutate: Callable[[etree._Element, etree._Element], None] | None = None,
    *,
    resign_assertion: bool = True,
    resign_response: bool = True,
) -> str:
    """Decrypt the assertion, let ``mutate(response, assertion)`` change things, encrypt and sign again."""
    response = decode(saml_response)
    assertion = decrypt_assertion(response)
    if mutate is not None:
        mutate(response, assertion)
    if resign_assertion:
        resign(assertion)
    old = response.find("saml:EncryptedAssertion", NS)
    old.addprevious(encrypt_assertion(assertion))
    response.remove(old)
    if resign_response:
        resign(response)
    return encode(response)


def attribute_value(assertion: etree._Element, uri: str) -> etree._Element:
    return assertion.find(f"saml:AttributeStatement/saml:Attribute[@Name='{uri}']/saml:AttributeValue", NS)


def assert_refused(response, reason: str, detail: str = "", *, signed_out: bool = True) -> None:  # type: ignore[no-untyped-def]
    """A friendly page with "try again" and a support reference; nobody signed in; the cause audited
    (``detail``: a piece of the technical cause, so a test cannot pass for the wrong reason)."""
    assert response.status_code == 400, response.content[:300]
    html = response.content.decode()
    assert "/eidas/login/" in html and "govuk-inset-text" in html
    if signed_out:
        assert "_auth_user_id" not in response.wsgi_request.session
    event = AuditEvent.objects.filter(action="eidas.login_failed").latest("id")
    assert event.details["reason"] == reason, event.details
    assert detail in event.details["detail"], event.details
    assert event.details["reference"] in html
