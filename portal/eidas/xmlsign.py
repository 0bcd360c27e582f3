"""XML signatures made and checked with python-xmlsec directly.

python3-saml's own signing knows only RSA/DSA (and writes PKCS#1 v1.5 under an RSA-PSS name when asked for
PSS), so the portal's AuthnRequests and metadata are signed here, with the algorithm the key calls for.
"""

import xmlsec
from lxml import etree

from portal.eidas import constants as c

ALGORITHMS = {
    c.SIGNING_ALGORITHM_EC: xmlsec.Transform.ECDSA_SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": xmlsec.Transform.RSA_SHA256,
}


def sign_enveloped(
    element: etree._Element, *, key_pem: str, cert_pem: str, algorithm: str = c.SIGNING_ALGORITHM_EC
) -> None:
    """Add an enveloped signature over ``element`` (referenced by its ID), right after its Issuer."""
    signature = xmlsec.template.create(element, xmlsec.Transform.EXCL_C14N, ALGORITHMS[algorithm], ns="ds")
    issuer = element.find(f"{{{c.NS_SAML}}}Issuer")
    if issuer is not None:
        issuer.addnext(signature)
    else:
        element.insert(0, signature)
    reference = xmlsec.template.add_reference(signature, xmlsec.Transform.SHA256, uri=f"#{element.get('ID')}")
    xmlsec.template.add_transform(reference, xmlsec.Transform.ENVELOPED)
    xmlsec.template.add_transform(reference, xmlsec.Transform.EXCL_C14N)
    key_info = xmlsec.template.ensure_key_info(signature)
    xmlsec.template.add_x509_data(key_info)
    xmlsec.tree.add_ids(element, ["ID"])
    context = xmlsec.SignatureContext()
    key = xmlsec.Key.from_memory(key_pem.encode(), xmlsec.KeyFormat.PEM)
    key.load_cert_from_memory(cert_pem.encode(), xmlsec.KeyFormat.PEM)
    context.key = key
    context.sign(signature)


def verify_enveloped(element: etree._Element, *, cert_pem: str) -> None:
    """Check the signature of ``element`` with the given certificate (never the one in KeyInfo).

    Raises ``xmlsec.Error`` (or ValueError) when the signature is missing, does not cover ``element``,
    or does not verify.
    """
    signature = element.find(f"{{{c.NS_DS}}}Signature")
    if signature is None:
        raise ValueError("the element is not signed")
    reference = signature.find(f"{{{c.NS_DS}}}SignedInfo/{{{c.NS_DS}}}Reference")
    if reference is None or reference.get("URI") != f"#{element.get('ID')}":
        raise ValueError("the signature does not cover the signed element")
    xmlsec.tree.add_ids(element, ["ID"])
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(cert_pem.encode(), xmlsec.KeyFormat.CERT_PEM)
    context.verify(signature)
