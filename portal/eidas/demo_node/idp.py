"""The demo eIDAS node: an identity provider built on pysaml2, a SAML implementation independent of the
portal's python3-saml, so that every login in development and tests is a real interoperability test.

pysaml2 signs through Debian's ``xmlsec1`` (RSA-SHA256 here; that xmlsec1 cannot do RSA-PSS) and would
encrypt assertions with 3DES; its encryption step is replaced by one with an AES-256-GCM template, as
the eIDAS crypto requirements ask.
"""

import base64
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from saml2 import BINDING_HTTP_POST, samlp
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.sigver import get_pem_wrapped_unwrapped, make_temp, pre_encryption_part
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from portal.eidas import constants as c
from portal.eidas.config import service_provider, site_url
from portal.eidas.demo_node.identities import DemoIdentity
from portal.eidas.sp_metadata import sp_metadata_xml

AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm"
RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"


def _key_dir() -> Path:
    return Path(settings.EIDAS_KEY_DIR) / "demo-node"


def entity_id() -> str:
    return f"{site_url()}/demo-eidas/metadata/"


class AesGcmServer(Server):
    """pysaml2's Server, encrypting assertions with AES-256-GCM and RSA-OAEP instead of 3DES."""

    def _encrypt_assertion(self, encrypt_cert, sp_entity_id, response, node_xpath=None):
        wrapped, unwrapped = get_pem_wrapped_unwrapped(encrypt_cert)
        certificate_file = make_temp(wrapped.encode("ascii"), decode=False, delete_tmpfiles=True)
        template = pre_encryption_part(msg_enc=AES256_GCM, key_enc=RSA_OAEP_MGF1P, encrypt_cert=unwrapped)
        return self.sec.encrypt_assertion(
            response, certificate_file.name, template, key_type="aes-256", node_xpath=node_xpath
        )


def _config() -> IdPConfig:
    keys = _key_dir()
    config = IdPConfig()
    config.load(
        {
            "entityid": entity_id(),
            "name": "Demo eIDAS node",
            "valid_for": 24,
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{site_url()}/demo-eidas/sso/", BINDING_HTTP_POST)],
                        "single_logout_service": [(f"{site_url()}/demo-eidas/slo/", BINDING_HTTP_POST)],
                    },
                    "want_authn_requests_signed": True,
                    "sign_response": True,
                    "sign_assertion": True,
                    "signing_algorithm": SIG_RSA_SHA256,
                    "digest_algorithm": DIGEST_SHA256,
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
                },
            },
            "key_file": str(keys / "signing.key"),
            "cert_file": str(keys / "signing.crt"),
            "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
            "metadata": {"inline": [sp_metadata_xml(service_provider(), sign=False).decode()]},
            "accepted_time_diff": settings.EIDAS_CLOCK_SKEW_SECONDS,
            "delete_tmpfiles": True,
        }
    )
    return config


def server() -> AesGcmServer:
    return AesGcmServer(config=_config())


def demo_node_metadata() -> tuple[bytes, str]:
    """The node's signed metadata and the certificate that checks it (what an operator would hand over)."""
    config = _config()
    xml = create_metadata_string(
        None, config=config, valid=24, sign=True, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256
    )
    body = xml.encode() if isinstance(xml, str) else xml
    return body, (_key_dir() / "signing.crt").read_text()


def _attribute_values(identity: DemoIdentity) -> dict[str, list[str]]:
    family = [identity.family_name] + ([identity.family_name_native] if identity.family_name_native else [])
    given = [identity.given_name] + ([identity.given_name_native] if identity.given_name_native else [])
    return {
        c.PERSON_IDENTIFIER: [identity.person_identifier],
        c.FAMILY_NAME: family,
        c.GIVEN_NAME: given,
        c.DATE_OF_BIRTH: [identity.date_of_birth],
        c.GENDER: [identity.gender],
    }


def authn_response(*, request: dict[str, Any], identity: DemoIdentity, loa: str) -> str:
    """A signed Response carrying a signed, AES-GCM encrypted assertion; base64 for the POST form."""
    idp = server()
    sp = service_provider()
    response = idp.create_authn_response(
        identity=_attribute_values(identity),
        in_response_to=request["id"],
        destination=request["acs_url"],
        sp_entity_id=request["issuer"],
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=identity.person_identifier),
        authn={"class_ref": loa, "authn_auth": entity_id()},
        sign_response=True,
        sign_assertion=True,
        encrypt_assertion=True,
        encrypt_cert_assertion=sp.encryption.cert_pem,
        sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    return base64.b64encode(str(response).encode()).decode()


def error_response(*, request: dict[str, Any], status: str, second_level: str, message: str) -> str:
    """A signed Response without assertion. pysaml2's own error factory always says Responder; eIDAS
    nodes answer a cancelled login with Requester, so the status is built here."""
    saml_status = samlp.Status(
        status_message=samlp.StatusMessage(text=message),
        status_code=samlp.StatusCode(value=status, status_code=samlp.StatusCode(value=second_level)),
    )
    response = server()._response(
        request["id"],
        request["acs_url"],
        saml_status,
        None,
        True,
        sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    return base64.b64encode(str(response).encode()).decode()


def parse_request(saml_request: str) -> dict[str, Any]:
    """Read and verify our AuthnRequest with pysaml2; what the identity page needs from it."""
    parsed = server().parse_authn_request(saml_request, BINDING_HTTP_POST)
    message = parsed.message
    requested_loa = ""
    if message.requested_authn_context is not None:
        requested_loa = message.requested_authn_context.authn_context_class_ref[0].text
    requested = []
    for extension in message.extensions.extension_elements if message.extensions else []:
        for child in extension.children:
            if child.attributes.get("isRequired") == "true":
                requested.append(child.attributes.get("FriendlyName", ""))
    return {
        "id": message.id,
        "issuer": message.issuer.text,
        "acs_url": message.assertion_consumer_service_url,
        "requested_loa": requested_loa,
        "required_attributes": requested,
    }


def logout_response(saml_request: str) -> tuple[str, str]:
    """Read the portal's LogoutRequest; answer with a signed LogoutResponse (url, base64)."""
    idp = server()
    parsed = idp.parse_logout_request(saml_request, BINDING_HTTP_POST)
    destination = service_provider().logout_url
    response = idp.create_logout_response(
        parsed.message, [BINDING_HTTP_POST], sign=True, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256
    )
    return destination, base64.b64encode(str(response).encode()).decode()
