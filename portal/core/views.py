from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from portal.core.http import safe_next_url
from portal.core.sessions import session_remaining


@never_cache
@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the current session has left. Does not count as activity."""
    if not request.user.is_authenticated:
        return JsonResponse({"authenticated": False, "remaining": 0})
    return JsonResponse({"authenticated": True, "remaining": session_remaining(request)})


@never_cache
@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """'Stay signed in': the request itself counts as activity (see IdleTimeoutMiddleware)."""
    if "application/json" in request.headers.get("Accept", ""):
        remaining = session_remaining(request) if request.user.is_authenticated else 0
        return JsonResponse({"authenticated": request.user.is_authenticated, "remaining": remaining})
    return HttpResponseRedirect(safe_next_url(request, request.POST.get("next"), reverse("pages:start")))


@never_cache
@require_GET
def session_ended(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        # Another tab kept the session alive.
        return redirect("pages:start")
    return render(request, "session/ended.html")
