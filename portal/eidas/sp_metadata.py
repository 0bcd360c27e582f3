"""The service provider's metadata (what the eIDAS node operator registers), signed and time-limited."""

import datetime
import secrets

from django.utils import timezone
from lxml import etree

from portal.eidas import constants as c
from portal.eidas.config import ServiceProvider
from portal.eidas.keys import KeyPair
from portal.eidas.xmlsign import sign_enveloped

VALIDITY = datetime.timedelta(hours=24)
NSMAP = {"md": c.NS_MD, "ds": c.NS_DS, "eidas": c.NS_EIDAS, "alg": c.NS_ALG}


def _md(tag: str) -> str:
    return f"{{{c.NS_MD}}}{tag}"


def _key_descriptor(parent: etree._Element, use: str, cert_base64: str) -> etree._Element:
    descriptor = etree.SubElement(parent, _md("KeyDescriptor"), use=use)
    key_info = etree.SubElement(descriptor, f"{{{c.NS_DS}}}KeyInfo")
    x509 = etree.SubElement(key_info, f"{{{c.NS_DS}}}X509Data")
    etree.SubElement(x509, f"{{{c.NS_DS}}}X509Certificate").text = cert_base64
    return descriptor


def sp_metadata_xml(sp: ServiceProvider, *, sign: bool = True) -> bytes:
    """Entity ID = the metadata URL; valid for 24 hours from now; regenerated on every request."""
    valid_until = (timezone.now() + VALIDITY).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = etree.Element(
        _md("EntityDescriptor"),
        nsmap=NSMAP,
        entityID=sp.entity_id,
        ID=f"_{secrets.token_hex(16)}",
        validUntil=valid_until,
    )
    extensions = etree.SubElement(root, _md("Extensions"))
    etree.SubElement(extensions, f"{{{c.NS_EIDAS}}}SPType").text = sp.sp_type
    for digest in sorted(c.DIGEST_ALGORITHMS):
        etree.SubElement(extensions, f"{{{c.NS_ALG}}}DigestMethod", Algorithm=digest)
    for algorithm in sorted(c.SIGNATURE_ALGORITHMS):
        etree.SubElement(extensions, f"{{{c.NS_ALG}}}SigningMethod", Algorithm=algorithm)

    descriptor = etree.SubElement(
        root,
        _md("SPSSODescriptor"),
        AuthnRequestsSigned="true",
        WantAssertionsSigned="true",
        protocolSupportEnumeration=c.NS_SAMLP,
    )
    _key_descriptor(descriptor, "signing", sp.signing.cert_base64)
    if sp.next_signing_cert_pem:
        # Published ahead of a rollover, so the node trusts it before the portal starts using it.
        _key_descriptor(descriptor, "signing", KeyPair("", sp.next_signing_cert_pem).cert_base64)
    encryption = _key_descriptor(descriptor, "encryption", sp.encryption.cert_base64)
    for algorithm in sorted(c.DATA_ENCRYPTION_ALGORITHMS | c.KEY_TRANSPORT_ALGORITHMS):
        etree.SubElement(encryption, _md("EncryptionMethod"), Algorithm=algorithm)
    etree.SubElement(descriptor, _md("SingleLogoutService"), Binding=c.BINDING_POST, Location=sp.logout_url)
    etree.SubElement(descriptor, _md("NameIDFormat")).text = c.NAMEID_UNSPECIFIED
    etree.SubElement(
        descriptor,
        _md("AssertionConsumerService"),
        Binding=c.BINDING_POST,
        Location=sp.acs_url,
        index="0",
        isDefault="true",
    )
    if sign:
        sign_enveloped(root, key_pem=sp.signing.key_pem, cert_pem=sp.signing.cert_pem)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
