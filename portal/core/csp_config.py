"""The Content Security Policy (django-csp): only the portal's own files, scripts and styles with the
request's nonce, no frames; the eIDAS login may post to the national node's origin."""

from typing import Any

from csp.constants import NONCE, NONE, SELF


def content_security_policy(*, form_action_extra: list[str], production: bool) -> dict[str, Any]:
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            "style-src": [SELF, NONCE],
            "img-src": [SELF, "data:"],
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [NONE],
            "frame-ancestors": [NONE],
            # The eIDAS login posts a form to the national node; its origin is added here.
            "form-action": [SELF, *form_action_extra],
            **({"upgrade-insecure-requests": True} if production else {}),
        },
    }
