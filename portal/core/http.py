"""Facts about the HTTP request that depend on the deployment (proxies in front of the portal)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly ``TRUSTED_PROXY_COUNT`` proxies in front of the portal.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the entry that
    many places from the right; anything further left was sent by the client and cannot be trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def safe_next_url(request: HttpRequest, target: str | None, fallback: str) -> str:
    """``target`` when it points inside this site, else ``fallback`` (no open redirects)."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
