"""Validating the node's Response: python3-saml's checks plus what the eIDAS profile adds.

Every failure raises :class:`EidasLoginError` with a short code; the code decides what the person is told
and is what the log and audit trail record (never the personal data inside the response).
"""

import base64
import datetime
import secrets
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import xmlsec
from lxml import etree
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.response import OneLogin_Saml2_Response
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML
from onelogin.saml2.xmlparser import fromstring  # hardened lxml parser (no DTD, no entities)

from portal.eidas import constants as c
from portal.eidas.config import ServiceProvider, loa_at_least

STATUS_REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester"
STATUS_RESPONDER = "urn:oasis:names:tc:SAML:2.0:status:Responder"
STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"


class EidasLoginError(Exception):
    """Why a login failed, as a stable code (``cancelled``, ``loa_too_low``, ``invalid_response``…)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class EidasIdentity:
    person_identifier: str
    family_name: str
    given_name: str
    family_name_native: str
    given_name_native: str
    date_of_birth: datetime.date
    level_of_assurance: str
    assertion_id: str
    not_on_or_after: datetime.datetime
    name_id: str = ""
    name_id_format: str = ""
    session_index: str = ""

    @property
    def country(self) -> str:
        return self.person_identifier.split("/", 1)[0].upper()


class EidasSamlResponse(OneLogin_Saml2_Response):
    """python3-saml's Response with decryption that keeps the assertion exactly as the node signed it.

    python3-saml decrypts the assertion in place inside the response tree, where it inherits the
    response's namespace prefixes; an assertion whose prefixes differ from the response's (pysaml2's
    ns0/ns1, and real eIDAS nodes) then fails its own signature check. Here the decrypted assertion is
    serialised on its own and parsed back before it replaces the EncryptedAssertion, so its canonical
    form — and signature — is unchanged.
    """

    def _decrypt_assertion(self, xml: etree._Element) -> etree._Element:
        encrypted = OneLogin_Saml2_XML.query(xml, "/samlp:Response/saml:EncryptedAssertion")
        if not encrypted:
            return xml
        data = OneLogin_Saml2_XML.query(encrypted[0], "./xenc:EncryptedData")
        if len(data) != 1:
            raise EidasLoginError("invalid_response", "EncryptedAssertion without exactly one EncryptedData")
        # A document of its own, without the response's namespace declarations in scope, so that the
        # decrypted assertion keeps the prefixes it was signed with.
        standalone = fromstring(etree.tostring(data[0]), forbid_dtd=True)
        etree.cleanup_namespaces(standalone)
        manager = xmlsec.KeysManager()
        manager.add_key(xmlsec.Key.from_memory(self._settings.get_sp_key(), xmlsec.KeyFormat.PEM))
        decrypted = etree.tostring(xmlsec.EncryptionContext(manager).decrypt(standalone))
        # Splice the assertion in as text and parse the whole response again: moving an element between
        # lxml trees would reconcile (rename) its namespace prefixes.
        placeholder = f"portalDecryptedAssertion{secrets.token_hex(8)}"
        xml.replace(encrypted[0], etree.Element(placeholder))
        text = etree.tostring(xml).replace(f"<{placeholder}/>".encode(), decrypted, 1)
        return fromstring(text, forbid_dtd=True)

    def get_bearer_recipients(self) -> list[str | None]:
        """The Recipient of every bearer SubjectConfirmation of the signed assertion (None where absent)."""
        recipients: list[str | None] = []
        for confirmation in self._query_assertion("/saml:Subject/saml:SubjectConfirmation"):
            if confirmation.get("Method") != OneLogin_Saml2_Constants.CM_BEARER:
                continue
            data = confirmation.find("saml:SubjectConfirmationData", OneLogin_Saml2_Constants.NSMAP)
            recipients.append(data.get("Recipient") if data is not None else None)
        return recipients

    def get_audience_restrictions(self) -> list[list[str]]:
        """The Audiences of each AudienceRestriction of the signed assertion, one list per restriction."""
        return [
            [
                audience.text or ""
                for audience in restriction.iterfind("saml:Audience", OneLogin_Saml2_Constants.NSMAP)
            ]
            for restriction in self._query_assertion("/saml:Conditions/saml:AudienceRestriction")
        ]


def _algorithms(root: etree._Element) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"signature": set(), "digest": set(), "data": set(), "key": set()}
    for node in root.iter(f"{{{c.NS_DS}}}SignatureMethod"):
        found["signature"].add(node.get("Algorithm", ""))
    for node in root.iter(f"{{{c.NS_DS}}}DigestMethod"):
        found["digest"].add(node.get("Algorithm", ""))
    for node in root.iter(f"{{{c.NS_XENC}}}EncryptedData"):
        method = node.find(f"{{{c.NS_XENC}}}EncryptionMethod")
        found["data"].add(method.get("Algorithm", "") if method is not None else "")
    for node in root.iter(f"{{{c.NS_XENC}}}EncryptedKey"):
        method = node.find(f"{{{c.NS_XENC}}}EncryptionMethod")
        found["key"].add(method.get("Algorithm", "") if method is not None else "")
    return found


def _check_algorithms(*roots: etree._Element) -> None:
    """Our own allow-list: python3-saml's checks only signature and digest, and lets 3DES and RSA-1_5 in."""
    allowed = {
        "signature": c.SIGNATURE_ALGORITHMS,
        "digest": c.DIGEST_ALGORITHMS,
        "data": c.DATA_ENCRYPTION_ALGORITHMS,
        "key": c.KEY_TRANSPORT_ALGORITHMS,
    }
    for root in roots:
        for kind, algorithms in _algorithms(root).items():
            refused = algorithms - allowed[kind]
            if refused:
                raise EidasLoginError("deprecated_algorithm", f"{kind} algorithm {sorted(refused)[0]}")


def _status(document: etree._Element) -> tuple[str, str]:
    codes = document.findall(f"{{{c.NS_SAMLP}}}Status/{{{c.NS_SAMLP}}}StatusCode")
    if not codes:
        raise EidasLoginError("invalid_response", "no status")
    top = codes[0].get("Value", "")
    second = codes[0].find(f"{{{c.NS_SAMLP}}}StatusCode")
    return top, second.get("Value", "") if second is not None else ""


def _latin(value: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in value)


def _split_scripts(values: list[str]) -> tuple[str, str]:
    """(Latin, original script): a name may come in both, marked LatinScript="false" on the original."""
    latin = next((value for value in values if _latin(value)), "")
    native = next((value for value in values if not _latin(value)), "")
    return latin or native, native


def _single(attributes: dict[str, list[str]], name: str) -> str:
    values = attributes.get(name) or []
    if not values or not values[0].strip():
        raise EidasLoginError("missing_attribute", c.MANDATORY_ATTRIBUTES.get(name, name))
    return values[0].strip()


def response_validate(
    *, saml_response: str, sp: ServiceProvider, settings: object, request_id: str, acs_url: str
) -> EidasIdentity:
    """Check the base64 ``SAMLResponse`` completely and return the identity it asserts."""
    try:
        raw = base64.b64decode(saml_response, validate=True)
        original = fromstring(raw, forbid_dtd=True, forbid_entities=True)
    except Exception as exc:
        raise EidasLoginError("invalid_response", f"unreadable XML ({type(exc).__name__})") from exc

    top, second = _status(original)
    if top == STATUS_REQUESTER:
        raise EidasLoginError("cancelled", second)
    if top != STATUS_SUCCESS:
        raise EidasLoginError("authentication_failed", f"{top} {second}".strip())
    _check_algorithms(original)

    try:
        response = EidasSamlResponse(settings, saml_response)
    except EidasLoginError:
        raise
    except Exception as exc:
        raise EidasLoginError("invalid_response", f"decryption failed ({type(exc).__name__})") from exc
    if response.decrypted_document is None:
        raise EidasLoginError("invalid_response", "the assertion is not encrypted")
    _check_algorithms(response.decrypted_document)

    if not response.is_valid(_request_data(acs_url), request_id=request_id):
        raise EidasLoginError("invalid_response", response.get_error() or "not valid")
    if response.get_in_response_to() != request_id:
        raise EidasLoginError("unsolicited", "InResponseTo does not match the outstanding request")
    _check_addressed_to_us(response, acs_url=acs_url, entity_id=sp.entity_id)

    contexts = response.get_authn_contexts()
    achieved = contexts[0] if len(contexts) == 1 else None
    if not loa_at_least(achieved, sp.required_loa):
        raise EidasLoginError("loa_too_low", achieved or "no level")

    attributes = response.get_attributes()
    person_identifier = _single(attributes, c.PERSON_IDENTIFIER)
    _single(attributes, c.FAMILY_NAME)
    _single(attributes, c.GIVEN_NAME)
    family_name, family_native = _split_scripts(attributes[c.FAMILY_NAME])
    given_name, given_native = _split_scripts(attributes[c.GIVEN_NAME])
    try:
        date_of_birth = datetime.date.fromisoformat(_single(attributes, c.DATE_OF_BIRTH))
    except ValueError as exc:
        raise EidasLoginError("invalid_response", "DateOfBirth is not a date") from exc

    not_on_or_after = response.get_assertion_not_on_or_after()
    return EidasIdentity(
        person_identifier=person_identifier,
        family_name=family_name,
        given_name=given_name,
        family_name_native=family_native,
        given_name_native=given_native,
        date_of_birth=date_of_birth,
        level_of_assurance=achieved or "",
        assertion_id=response.get_assertion_id() or "",
        name_id=response.get_nameid() or "",
        name_id_format=response.get_nameid_format() or "",
        session_index=response.get_session_index() or "",
        not_on_or_after=datetime.datetime.fromtimestamp(not_on_or_after, tz=datetime.UTC)
        if not_on_or_after
        else datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=5),
    )


def _check_addressed_to_us(response: EidasSamlResponse, *, acs_url: str, entity_id: str) -> None:
    """Destination, Recipient and Audience must be present and name exactly our ACS URL and entity ID.

    python3-saml checks them only when present, and loosely: a Destination that merely starts with the
    ACS URL and a Recipient that merely contains it pass. Runs after ``is_valid``, so every value read
    here is one the node signed.
    """

    def shown(value: str | None) -> str:
        return "missing" if value is None else f"{value[:120]!r}"  # node-signed URLs, no personal data

    # Bindings 3.5.5.2: a signed message's Destination must match where it was received.
    destination = response.document.get("Destination")
    if destination != acs_url:
        raise EidasLoginError("invalid_response", f"Destination {shown(destination)} is not our ACS URL")
    # Profiles 4.1.4.2: every bearer SubjectConfirmation carries our ACS URL as its Recipient.
    recipients = response.get_bearer_recipients()
    if not recipients:
        raise EidasLoginError("invalid_response", "no bearer SubjectConfirmation")
    for recipient in recipients:
        if recipient != acs_url:
            raise EidasLoginError("invalid_response", f"Recipient {shown(recipient)} is not our ACS URL")
    # Profiles 4.1.4.2 and Core 2.5.1.4: an AudienceRestriction naming us, and every one must name us.
    restrictions = response.get_audience_restrictions()
    if not restrictions:
        raise EidasLoginError("invalid_response", "no AudienceRestriction")
    for audiences in restrictions:
        if entity_id not in audiences:
            raise EidasLoginError(
                "invalid_response",
                f"AudienceRestriction {shown(' '.join(audiences))} does not name us as an audience",
            )


def _request_data(acs_url: str) -> dict[str, object]:
    """What python3-saml compares Destination and Recipient with: our configured ACS URL."""
    parts = urlsplit(acs_url)
    return {
        "https": "on" if parts.scheme == "https" else "off",
        "http_host": parts.netloc,
        "script_name": parts.path,
        "post_data": {},
    }
