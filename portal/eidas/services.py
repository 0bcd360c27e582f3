"""The eIDAS login: start (signed AuthnRequest), complete (validated Response -> signed-in citizen), fail.

A login may be started for another purpose (portal.eidas.purposes): the response is validated the same
way, then handed to that purpose's handler and nobody is signed in.

Outstanding requests are bound to the browser by a cookie of their own rather than the session cookie:
the node posts the response cross-site, and a ``SameSite=Lax`` session cookie is not sent with such a
POST. Each request can be answered once; each assertion can be used once (replay cache until it expires).
"""

import base64
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from onelogin.saml2.xmlparser import fromstring  # hardened lxml parser (no DTD, no entities)

from portal.accounts.models import User
from portal.accounts.services import citizen_identity_upsert
from portal.audit.services import audit_record
from portal.eidas.authn_request import EidasAuthnRequest, SignedAuthnRequest
from portal.eidas.config import service_provider
from portal.eidas.logout import logout_details_remember
from portal.eidas.node_metadata import NodeMetadata, NodeMetadataError, node_metadata
from portal.eidas.provider import EidasProvider
from portal.eidas.purposes import purpose_handler
from portal.eidas.responses import EidasIdentity, EidasLoginError, response_validate
from portal.eidas.saml_settings import saml_settings

logger = logging.getLogger(__name__)

BINDING_COOKIE = "portal_eidas"
OUTSTANDING_SECONDS = 15 * 60  # how long a person may take at their country's eID service
LOA_SESSION_KEY = "eidas_loa"


@dataclass(frozen=True)
class LoginStart:
    authn_request: SignedAuthnRequest
    node: NodeMetadata
    binding_token: str


def _outstanding_key(token: str, request_id: str) -> str:
    return f"eidas:outstanding:{token}:{request_id}"


def eidas_login_start(
    *,
    request: HttpRequest,
    country: str,
    next_url: str,
    purpose: str = "",
    purpose_data: dict[str, Any] | None = None,
    retry_url: str = "",
) -> LoginStart:
    """Create and remember a signed AuthnRequest for this browser.

    With ``purpose`` (a registered handler's name) the response goes to that handler with
    ``purpose_data`` instead of signing anyone in; ``retry_url`` is where "try again" leads then.
    """
    if purpose and purpose_handler(purpose) is None:
        raise ValueError(f"no eIDAS purpose {purpose!r} is registered")
    try:
        node = node_metadata()
    except NodeMetadataError as exc:
        raise EidasLoginError("node_unavailable", str(exc)) from exc
    sp = service_provider()
    authn_request = EidasAuthnRequest(saml_settings(sp, node), sp=sp).signed()
    token = request.COOKIES.get(BINDING_COOKIE) or ""
    if len(token) != 43:  # secrets.token_urlsafe(32)
        token = secrets.token_urlsafe(32)
    outstanding: dict[str, Any] = {"next": next_url, "country": country}
    if purpose:
        outstanding.update(purpose=purpose, data=purpose_data or {}, retry=retry_url)
    cache.set(_outstanding_key(token, authn_request.id), outstanding, timeout=OUTSTANDING_SECONDS)
    return LoginStart(authn_request, node, token)


def _in_response_to(saml_response: str) -> str:
    try:
        root = fromstring(
            base64.b64decode(saml_response, validate=True), forbid_dtd=True, forbid_entities=True
        )
    except Exception as exc:
        raise EidasLoginError("invalid_response", f"unreadable XML ({type(exc).__name__})") from exc
    return root.get("InResponseTo") or ""


def eidas_login_complete(*, request: HttpRequest, saml_response: str) -> HttpResponse:
    """Validate the node's response and sign the citizen in; returns allauth's response (a redirect to
    where the person was going).

    The outstanding request is consumed before validation, so a response can never be tried twice.
    """
    token = request.COOKIES.get(BINDING_COOKIE, "")
    request_id = _in_response_to(saml_response)
    key = _outstanding_key(token, request_id)
    outstanding = cache.get(key) if token and request_id else None
    if outstanding is None:
        raise EidasLoginError("unsolicited", "no outstanding request of this browser matches InResponseTo")
    cache.delete(key)
    request.eidas_next = outstanding["next"]  # type: ignore[attr-defined]  # for the failure page's "try again"
    request.eidas_retry = outstanding.get("retry", "")  # type: ignore[attr-defined]

    try:
        node = node_metadata()
    except NodeMetadataError as exc:
        raise EidasLoginError("node_unavailable", str(exc)) from exc
    sp = service_provider()
    identity = response_validate(
        saml_response=saml_response,
        sp=sp,
        settings=saml_settings(sp, node),
        request_id=request_id,
        acs_url=sp.acs_url,
    )
    lifetime = (identity.not_on_or_after - timezone.now()).total_seconds()
    replay_seconds = max(60, int(lifetime) + 300)
    if not cache.add(f"eidas:assertion:{identity.assertion_id}", True, timeout=replay_seconds):
        raise EidasLoginError("replayed", "assertion ID already used")
    if outstanding.get("purpose"):
        return _purpose_complete(request, outstanding, identity)

    user = citizen_identity_upsert(
        person_identifier=identity.person_identifier,
        family_name=identity.family_name,
        given_name=identity.given_name,
        family_name_native=identity.family_name_native,
        given_name_native=identity.given_name_native,
        date_of_birth=identity.date_of_birth,
        level_of_assurance=identity.level_of_assurance,
    )
    response = _social_login(request, user=user, next_url=outstanding["next"] or reverse("citizen-home"))
    if not request.user.is_authenticated or request.user.pk != user.pk:
        raise EidasLoginError("invalid_response", "the account could not be signed in")
    request.session[LOA_SESSION_KEY] = identity.level_of_assurance
    logout_details_remember(request=request, identity=identity)
    audit_record(
        action="eidas.login",
        actor=user,
        request=request,
        details={"loa": identity.level_of_assurance, "eid_country": identity.country},
    )
    return response


def _purpose_complete(
    request: HttpRequest, outstanding: dict[str, Any], identity: EidasIdentity
) -> HttpResponse:
    """The identity goes to the purpose's handler; the session is left as it is (nobody signs in)."""
    handler = purpose_handler(outstanding["purpose"])
    if handler is None:
        raise EidasLoginError("invalid_response", f"no handler for purpose {outstanding['purpose']!r}")
    audit_record(
        action="eidas.identity_confirmed",
        request=request,
        details={
            "purpose": outstanding["purpose"],
            "loa": identity.level_of_assurance,
            "eid_country": identity.country,
        },
    )
    return handler(request=request, identity=identity, data=dict(outstanding.get("data") or {}))


def _social_login(request: HttpRequest, *, user: User, next_url: str) -> HttpResponse:
    """Hand the validated identity to django-allauth's social-account flow (portal.eidas.provider)."""
    uid = user.citizen_identity.person_identifier_index
    SocialAccount.objects.get_or_create(provider=EidasProvider.id, uid=uid, defaults={"user": user})
    provider = get_social_adapter().get_provider(request, EidasProvider.id)
    sociallogin = provider.sociallogin_from_response(request, {"uid": uid})
    sociallogin.state = {"process": "login", "next": next_url}
    return complete_social_login(request, sociallogin)


def eidas_login_failed(*, request: HttpRequest, error: EidasLoginError) -> str:
    """Record a failed login (technical cause, no personal data); returns the support reference."""
    reference = secrets.token_hex(4).upper()
    logger.warning("eIDAS login failed [%s]: %s", reference, error)
    audit_record(
        action="eidas.login_failed",
        request=request,
        details={"reason": error.code, "detail": error.detail[:300], "reference": reference},
    )
    return reference
