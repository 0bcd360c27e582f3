from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.eidas.decorators import citizen_login_required


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The first page after a staff sign-in."""
    if not getattr(request.user, "is_staff_member", False):
        raise PermissionDenied
    return render(request, "accounts/staff_home.html")


@citizen_login_required
def citizen_home(request: HttpRequest) -> HttpResponse:
    """A citizen's own page: who the eID says they are. Applications join it as procedures arrive."""
    identity = getattr(request.user, "citizen_identity", None)
    return render(request, "accounts/citizen_home.html", {"identity": identity})
