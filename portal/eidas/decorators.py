from collections.abc import Callable
from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from portal.eidas.config import loa_at_least
from portal.eidas.services import LOA_SESSION_KEY


def citizen_login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A citizen signed in through eIDAS at the required level of assurance, or off to the login."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and hasattr(user, "citizen_identity")
            and loa_at_least(request.session.get(LOA_SESSION_KEY), settings.EIDAS_REQUIRED_LOA)
        ):
            return view(request, *args, **kwargs)
        return HttpResponseRedirect(f"{reverse('eidas:login')}?next={quote(request.get_full_path())}")

    return wrapped
