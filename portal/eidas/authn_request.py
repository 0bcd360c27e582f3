"""The eIDAS AuthnRequest: python3-saml's request with the eIDAS extensions, signed, sent by HTTP-POST."""

import base64
from dataclasses import dataclass
from typing import Any

from lxml import etree
from onelogin.saml2.authn_request import OneLogin_Saml2_Authn_Request

from portal.eidas import constants as c
from portal.eidas.config import ServiceProvider
from portal.eidas.xmlsign import sign_enveloped


@dataclass(frozen=True)
class SignedAuthnRequest:
    id: str
    xml: bytes

    @property
    def encoded(self) -> str:
        """The value of the SAMLRequest form field (HTTP-POST binding: base64, not deflated)."""
        return base64.b64encode(self.xml).decode()


class EidasAuthnRequest(OneLogin_Saml2_Authn_Request):
    """python3-saml builds the core request; this class adds what the eIDAS profile requires.

    python3-saml 1.16 has no hook for ``<samlp:Extensions>`` and can only sign for the Redirect binding,
    so the extensions are inserted into its XML and the whole request is signed with python-xmlsec.
    """

    _authn_request: str

    def __init__(self, settings: Any, *, sp: ServiceProvider) -> None:
        super().__init__(settings, force_authn=True, is_passive=False, set_nameid_policy=True)
        root = etree.fromstring(self._authn_request.encode())
        root.set("ProviderName", sp.provider_name)
        root.set("IsPassive", "false")
        issuer = root.find(f"{{{c.NS_SAML}}}Issuer")
        extensions = etree.Element(f"{{{c.NS_SAMLP}}}Extensions", nsmap={"eidas": c.NS_EIDAS})
        etree.SubElement(extensions, f"{{{c.NS_EIDAS}}}SPType").text = sp.sp_type
        requested = etree.SubElement(extensions, f"{{{c.NS_EIDAS}}}RequestedAttributes")
        for uri, friendly in c.MANDATORY_ATTRIBUTES.items():
            self._requested(requested, uri, friendly, required=True)
        for name in sp.optional_attributes:
            uri, friendly = c.OPTIONAL_ATTRIBUTES[name]
            self._requested(requested, uri, friendly, required=False)
        issuer.addnext(extensions)
        sign_enveloped(root, key_pem=sp.signing.key_pem, cert_pem=sp.signing.cert_pem)
        self._authn_request = etree.tostring(root).decode()

    @staticmethod
    def _requested(parent: etree._Element, uri: str, friendly: str, *, required: bool) -> None:
        etree.SubElement(
            parent,
            f"{{{c.NS_EIDAS}}}RequestedAttribute",
            Name=uri,
            FriendlyName=friendly,
            NameFormat=c.NAME_FORMAT_URI,
            isRequired="true" if required else "false",
        )

    def signed(self) -> SignedAuthnRequest:
        return SignedAuthnRequest(id=self.get_id(), xml=self._authn_request.encode())
