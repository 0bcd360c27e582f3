"""Staff must have a second factor before they can do anything else."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.selectors import user_has_second_factor

# Setting up the factor itself, leaving, and what every page needs to render.
ALLOWED_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/static/",
    "/session/",
    "/language/",
    "/healthz/",
    "/readyz/",
)


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "is_staff_member", False)
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not user_has_second_factor(user=user)
        ):
            messages.warning(
                request, _("Set up a second factor before you continue. Staff accounts need one.")
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
