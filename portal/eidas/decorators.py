from collections.abc import Callable
from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from portal.eidas.config import loa_at_least
from portal.eidas.services import LOA_SESSION_KEY


def citizen_login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A citizen signed in through eIDAS at the required level of assurance, or off to the login.

    A signed-in staff member is refused, not sent to the eID login: a caseworker never sees a citizen's
    own applications or drafts, and an eID login in their browser would end their staff session."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        user = request.user
        if getattr(user, "is_staff_member", False):
            raise PermissionDenied
        if (
            user.is_authenticated
            and hasattr(user, "citizen_identity")
            and loa_at_least(request.session.get(LOA_SESSION_KEY), settings.EIDAS_REQUIRED_LOA)
        ):
            return view(request, *args, **kwargs)
        return HttpResponseRedirect(f"{reverse('eidas:login')}?next={quote(request.get_full_path())}")

    return wrapped
