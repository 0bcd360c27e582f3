"""Who is calling /api/v1/: an institution's bearer token, its procedures, and how often it may call."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from portal.backoffice.credentials import api_credential_check
from portal.backoffice.models import ApiCredential
from portal.core.http import client_ip


class InstitutionClient:
    """``request.user`` for an API call: the institution's system, not a person."""

    is_authenticated = True
    is_staff = False

    def __init__(self, credential: ApiCredential) -> None:
        self.credential = credential

    def __str__(self) -> str:
        return f"api:{self.credential.key_id}"


class InstitutionTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer ssp_<key id>.<secret>`` over TLS."""

    def authenticate(self, request: Request) -> tuple[InstitutionClient, ApiCredential] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Send the token as: Authorization: Bearer <token>.")
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The API token is not valid or was revoked.") from None
        credential = api_credential_check(token)
        if credential is None:
            raise exceptions.AuthenticationFailed("The API token is not valid or was revoked.")
        return InstitutionClient(credential), credential

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class IsInstitution(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, ApiCredential)


class InstitutionRateThrottle(SimpleRateThrottle):
    """Per credential; calls without a valid token are limited per client address."""

    scope = "institution"

    def get_ident(self, request: Request) -> str:
        """The client's address as the audit trail and the sign-in limits see it: the entry the last
        trusted proxy appended, never what the client wrote in front of it."""
        return client_ip(request._request) or "unknown"

    def get_cache_key(self, request: Request, view: Any) -> str:
        if isinstance(request.auth, ApiCredential):
            ident = f"key:{request.auth.key_id}"
        else:
            ident = f"ip:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class InstitutionTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.backoffice.api.authentication.InstitutionTokenAuthentication"
    name = "institutionToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "One token per institution system, issued in admin and shown once.",
        }
