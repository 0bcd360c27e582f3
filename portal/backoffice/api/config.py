"""The institution API's framework configuration (read by portal/settings.py; pure data, no Django imports).

Only the rate limit and the number of trusted proxies come from the environment; the rest is how the API
is built.
"""

from typing import Any

_AUTH = "portal.backoffice.api.authentication"


def rest_framework_settings(*, rate_limit: str, trusted_proxy_count: int) -> dict[str, Any]:
    return {
        "DEFAULT_AUTHENTICATION_CLASSES": [f"{_AUTH}.InstitutionTokenAuthentication"],
        "DEFAULT_PERMISSION_CLASSES": [f"{_AUTH}.IsInstitution"],
        "DEFAULT_THROTTLE_CLASSES": [f"{_AUTH}.InstitutionRateThrottle"],
        "DEFAULT_THROTTLE_RATES": {"institution": rate_limit},
        # Unset, DRF keys calls without a token on the whole X-Forwarded-For header, which the client
        # writes: every made-up prefix was a fresh limit. Our throttle asks portal.core.http.client_ip;
        # this keeps any stock DRF throttle on the same rule.
        "NUM_PROXIES": trusted_proxy_count,
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    }


SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Institution API",
    "DESCRIPTION": "Applications sent through the portal: fetch them, and report their status back.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,  # labels are translated; the schema must not depend on it
    "ENUM_NAME_OVERRIDES": {
        "ApplicationStatusEnum": "portal.applications.states.Status",
        "ReportedStatusEnum": "portal.backoffice.api.serializers.INSTITUTION_STATUS_VALUES",
    },
}
