from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def caseworker_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Caseworkers only (signed in with their second factor: the staff middleware sees to it)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "is_caseworker", False) or request.user.office_id is None:  # type: ignore[union-attr]
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
