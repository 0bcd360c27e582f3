"""Idle timeout of signed-in sessions (WCAG 2.2.1: the page warns before and lets people stay).

Each request of a signed-in user records the time of activity in the session. A request that comes
later than the user's idle timeout signs them out and lands on a page that says why. The status
endpoint answers without counting as activity, so the warning dialog can ask how much time is left.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

LAST_ACTIVITY_KEY = "portal_last_activity"
STATUS_PATH_NAME = "session-status"


def idle_timeout_for(user: Any) -> int:
    """Seconds of inactivity after which this user is signed out."""
    if getattr(user, "is_staff_member", False):
        return int(settings.SESSION_IDLE_TIMEOUT_STAFF)
    return int(settings.SESSION_IDLE_TIMEOUT_CITIZEN)


def session_remaining(request: HttpRequest) -> int:
    """Seconds left before the signed-in user of this request is signed out for inactivity."""
    last = request.session.get(LAST_ACTIVITY_KEY)
    timeout = idle_timeout_for(request.user)
    if last is None:
        return timeout
    return max(0, int(last + timeout - time.time()))


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)
        is_status = request.path == reverse(STATUS_PATH_NAME)
        if LAST_ACTIVITY_KEY in request.session and session_remaining(request) <= 0:
            logout(request)
            if is_status:
                return JsonResponse({"authenticated": False, "remaining": 0})
            return HttpResponseRedirect(reverse("session-ended"))
        if not is_status:
            request.session[LAST_ACTIVITY_KEY] = int(time.time())
        return self.get_response(request)
