from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The first page after a staff sign-in."""
    if not getattr(request.user, "is_staff_member", False):
        raise PermissionDenied
    return render(request, "accounts/staff_home.html")
