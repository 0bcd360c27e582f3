"""SAML single logout towards the eIDAS node, for nodes whose metadata offer it.

The portal's own session always ends first; the LogoutRequest then asks the node to end its session
too. The NameID needed for it is kept in the session encrypted (it can be the PersonIdentifier).
"""

import base64
import logging
from dataclasses import dataclass

from django.http import HttpRequest
from lxml import etree
from onelogin.saml2.logout_request import OneLogin_Saml2_Logout_Request
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xmlparser import fromstring  # hardened lxml parser (no DTD, no entities)

from portal.crypto import keyring
from portal.eidas import constants as c
from portal.eidas.config import service_provider
from portal.eidas.node_metadata import NodeMetadataError, node_metadata
from portal.eidas.responses import EidasIdentity
from portal.eidas.saml_settings import saml_settings
from portal.eidas.xmlsign import sign_enveloped, verify_enveloped

logger = logging.getLogger(__name__)
SESSION_KEY = "eidas_logout"


@dataclass(frozen=True)
class LogoutRequest:
    url: str
    encoded: str


def logout_details_remember(*, request: HttpRequest, identity: EidasIdentity) -> None:
    request.session[SESSION_KEY] = {
        "name_id": keyring.encrypt(identity.name_id),
        "format": identity.name_id_format,
        "session_index": identity.session_index,
    }


def logout_request_build(*, request: HttpRequest) -> LogoutRequest | None:
    """A signed LogoutRequest for the node, or None when the node offers no single logout."""
    details = request.session.get(SESSION_KEY)
    if not details:
        return None
    try:
        node = node_metadata()
    except NodeMetadataError:
        return None
    if not node.slo_url:
        return None
    try:
        name_id = keyring.decrypt(details["name_id"])
    except keyring.DecryptionError:
        # Kept under a field key that has since been rotated out: sign out here, as without single logout.
        logger.warning("eIDAS single logout skipped: the session's NameID was encrypted with a retired key")
        return None
    sp = service_provider()
    saml_request = OneLogin_Saml2_Logout_Request(
        saml_settings(sp, node),
        name_id=name_id,
        session_index=details["session_index"] or None,
        name_id_format=details["format"] or None,
    )
    root = etree.fromstring(saml_request.get_xml().encode())
    sign_enveloped(root, key_pem=sp.signing.key_pem, cert_pem=sp.signing.cert_pem)
    return LogoutRequest(node.slo_url, base64.b64encode(etree.tostring(root)).decode())


def logout_response_accepted(saml_response: str) -> bool:
    """True when the node's LogoutResponse is signed by the node, meant for us, and successful."""
    try:
        root = fromstring(base64.b64decode(saml_response, validate=True))
        node = node_metadata()
    except Exception as exc:  # noqa: BLE001 - the local session has ended anyway; only log it
        logger.warning("Unreadable eIDAS LogoutResponse: %s", type(exc).__name__)
        return False
    certificates = [OneLogin_Saml2_Utils.format_cert(cert) for cert in node.signing_certs]
    if not any(_verifies(root, cert) for cert in certificates):
        logger.warning("eIDAS LogoutResponse with a signature that does not verify")
        return False
    status = root.find(f"{{{c.NS_SAMLP}}}Status/{{{c.NS_SAMLP}}}StatusCode")
    return (
        root.get("Destination") == service_provider().logout_url
        and status is not None
        and status.get("Value") == "urn:oasis:names:tc:SAML:2.0:status:Success"
    )


def _verifies(root: etree._Element, cert_pem: str) -> bool:
    try:
        verify_enveloped(root, cert_pem=cert_pem)
    except Exception:  # noqa: BLE001 - any failure means "not this certificate"
        return False
    return True
