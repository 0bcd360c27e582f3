"""The language switcher: plain links (GOV.UK language navigation) that work without JavaScript."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache

from portal.accounts.services import user_set_language
from portal.core.http import safe_next_url


@never_cache
def language_switch(request: HttpRequest, code: str) -> HttpResponse:
    if code not in dict(settings.LANGUAGES) or not check_for_language(code):
        raise Http404
    response = HttpResponseRedirect(safe_next_url(request, request.GET.get("next"), "/"))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # "Lax", from settings
    )
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=code)
    return response
