import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from portal.core.sessions import idle_timeout_for


def portal(request: HttpRequest) -> dict[str, Any]:
    """Names, branding and session timing that every page's layout needs."""
    user = getattr(request, "user", None)
    timeout = idle_timeout_for(user) if user is not None and user.is_authenticated else None
    warning = min(settings.SESSION_TIMEOUT_WARNING, timeout // 2) if timeout else None
    identity = getattr(user, "citizen_identity", None) if user is not None and user.is_authenticated else None
    return {
        "citizen_name": f"{identity.given_name} {identity.family_name}" if identity else "",
        "service_name": settings.PORTAL_SERVICE_NAME or _("Social security across borders"),
        "institution_name": settings.PORTAL_INSTITUTION_NAME or _("State Social Insurance Fund Board"),
        "brand_colour": settings.PORTAL_BRAND_COLOUR,
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "contact_phone": settings.PORTAL_CONTACT_PHONE,
        "session_timeout": timeout,
        "session_warning": warning,
        "session_warning_minutes": math.ceil(warning / 60) if warning else None,
    }
