"""The eIDAS node's metadata: fetched from a URL or a file, signature-checked, cached and refreshed.

A copy is used only while it is valid (``validUntil``, or 24 hours from the fetch when the node sets no
end); the beat task refreshes it every 30 minutes. An expired copy is never used: logins then fail with
an operator-facing error until fresh metadata can be read.
"""

import datetime
import logging
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xmlparser import fromstring  # hardened lxml parser (no DTD, no entities)

from portal.eidas import constants as c
from portal.eidas.xmlsign import verify_enveloped

logger = logging.getLogger(__name__)

CACHE_KEY = "eidas:node-metadata"
DEFAULT_VALIDITY = datetime.timedelta(hours=24)
FETCH_TIMEOUT_SECONDS = 10
MAX_BYTES = 2_000_000


class NodeMetadataError(Exception):
    """The node's metadata cannot be used (operator-facing: names the source and the cause)."""


@dataclass(frozen=True)
class NodeMetadata:
    entity_id: str
    sso_url: str
    slo_url: str
    signing_certs: tuple[str, ...]
    valid_until: datetime.datetime

    def idp_settings(self) -> dict[str, Any]:
        """The ``idp`` section of python3-saml's settings."""
        return {
            "entityId": self.entity_id,
            "singleSignOnService": {"url": self.sso_url, "binding": c.BINDING_POST},
            "singleLogoutService": {"url": self.slo_url, "binding": c.BINDING_POST},
            "x509certMulti": {"signing": list(self.signing_certs), "encryption": []},
        }


def _source() -> tuple[str, bytes, str]:
    """(description, metadata XML, trusted signing certificate PEM) from the configured source."""
    trust_path = settings.EIDAS_NODE_METADATA_SIGNING_CERT
    if settings.EIDAS_NODE_METADATA_URL:
        url = settings.EIDAS_NODE_METADATA_URL
        if not url.startswith(("https://", "http://")):
            raise NodeMetadataError(f"EIDAS_NODE_METADATA_URL must be an http(s) URL, not {url!r}")
        # The scheme is checked above (http or https only).
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310  # nosec B310
            body = response.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise NodeMetadataError(f"metadata at {url} is larger than {MAX_BYTES} bytes")
        return url, body, Path(trust_path).read_text() if trust_path else ""
    if settings.EIDAS_NODE_METADATA_FILE:
        path = settings.EIDAS_NODE_METADATA_FILE
        return path, Path(path).read_bytes(), Path(trust_path).read_text() if trust_path else ""
    if settings.EIDAS_DEMO_NODE:
        from portal.eidas.demo_node.idp import demo_node_metadata

        body, cert = demo_node_metadata()
        return "the demo eIDAS node", body, cert
    raise NodeMetadataError(
        "No eIDAS node configured: set EIDAS_NODE_METADATA_URL or EIDAS_NODE_METADATA_FILE."
    )


def parse_verified(
    body: bytes, *, trusted_cert_pem: str, source: str, now: datetime.datetime
) -> NodeMetadata:
    if not trusted_cert_pem:
        raise NodeMetadataError(f"no certificate to check the signature of the metadata from {source}")
    root = fromstring(body, forbid_dtd=True)
    try:
        verify_enveloped(root, cert_pem=trusted_cert_pem)
    except Exception as exc:
        raise NodeMetadataError(
            f"the signature of the metadata from {source} does not verify: {exc}"
        ) from exc
    valid_until_text = root.get("validUntil")
    valid_until = (
        datetime.datetime.fromtimestamp(
            OneLogin_Saml2_Utils.parse_SAML_to_time(valid_until_text), tz=datetime.UTC
        )
        if valid_until_text
        else now + DEFAULT_VALIDITY
    )
    if valid_until <= now:
        raise NodeMetadataError(f"the metadata from {source} expired at {valid_until.isoformat()}")
    parsed = OneLogin_Saml2_IdPMetadataParser.parse(
        body, required_sso_binding=c.BINDING_POST, required_slo_binding=c.BINDING_POST
    )["idp"]
    if "singleSignOnService" not in parsed:
        raise NodeMetadataError(f"the metadata from {source} has no HTTP-POST single sign-on service")
    certs = parsed.get("x509certMulti", {}).get("signing") or [parsed.get("x509cert", "")]
    return NodeMetadata(
        entity_id=parsed["entityId"],
        sso_url=parsed["singleSignOnService"]["url"],
        slo_url=parsed.get("singleLogoutService", {}).get("url", ""),
        signing_certs=tuple(cert for cert in certs if cert),
        valid_until=valid_until,
    )


def node_metadata_refresh() -> NodeMetadata:
    """Fetch, verify and cache the node's metadata now."""
    now = timezone.now()
    try:
        source, body, trusted = _source()
    except OSError as exc:
        raise NodeMetadataError(f"the eIDAS node metadata cannot be read: {exc}") from exc
    metadata = parse_verified(body, trusted_cert_pem=trusted, source=source, now=now)
    timeout = max(1, int((metadata.valid_until - now).total_seconds()))
    cache.set(CACHE_KEY, metadata, timeout=timeout)
    return metadata


def node_metadata() -> NodeMetadata:
    """The cached metadata while it is valid, else freshly fetched."""
    metadata: NodeMetadata | None = cache.get(CACHE_KEY)
    if metadata is not None and metadata.valid_until > timezone.now():
        return metadata
    return node_metadata_refresh()
