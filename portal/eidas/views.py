import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.audit.services import audit_record
from portal.core.http import safe_next_url
from portal.eidas.config import service_provider
from portal.eidas.forms import CountryForm
from portal.eidas.logout import logout_request_build, logout_response_accepted
from portal.eidas.responses import EidasLoginError
from portal.eidas.services import (
    BINDING_COOKIE,
    OUTSTANDING_SECONDS,
    LoginStart,
    eidas_login_complete,
    eidas_login_failed,
    eidas_login_start,
)
from portal.eidas.sp_metadata import sp_metadata_xml

logger = logging.getLogger(__name__)

FAILURE_MESSAGES = {
    "cancelled": gettext_lazy(
        "You cancelled the login, or your country's eID service could not complete it."
    ),
    "authentication_failed": gettext_lazy("Your country's eID service could not confirm who you are."),
    "loa_too_low": gettext_lazy(
        "The eID you used is not secure enough for this service. Use an eID with a 'substantial' or 'high' "
        "level of assurance, such as an ID card or mobile ID."
    ),
    "node_unavailable": gettext_lazy("The login service is not available at the moment. Try again later."),
}


def failure_page(request: HttpRequest, error: EidasLoginError, *, next_url: str = "") -> HttpResponse:
    """The friendly page of a failed eIDAS exchange: what happened, "try again" (``request.eidas_retry``
    when the login was started for another purpose) and a support reference; the cause is audited."""
    reference = eidas_login_failed(request=request, error=error)
    message = FAILURE_MESSAGES.get(error.code, _("Something went wrong while you were logging in."))
    retry = getattr(request, "eidas_retry", "") or (
        reverse("eidas:login") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    )
    status = 503 if error.code == "node_unavailable" else 400
    return render(
        request,
        "eidas/failure.html",
        {"message": message, "reference": reference, "retry_url": retry},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: choose the country of your eID. Step 2: a signed AuthnRequest posted to the eIDAS node."""
    next_url = safe_next_url(request, request.POST.get("next") or request.GET.get("next"), "")
    form = CountryForm(request.POST or None, initial={"next": next_url})
    if request.method != "POST" or not form.is_valid():
        return render(request, "eidas/country.html", {"form": form})
    try:
        start = eidas_login_start(request=request, country=form.cleaned_data["country"], next_url=next_url)
    except EidasLoginError as error:
        return failure_page(request, error, next_url=next_url)
    return node_post_page(request, start, country=form.cleaned_data["country"])


def node_post_page(request: HttpRequest, start: LoginStart, *, country: str) -> HttpResponse:
    """The page that posts a started login's AuthnRequest to the node, with the browser's binding cookie."""
    response = render(
        request,
        "eidas/post_form.html",
        {
            "action": start.node.sso_url,
            "fields": {"SAMLRequest": start.authn_request.encoded, "country": country},
            "heading": _("Taking you to your country's eID service"),
        },
    )
    # SameSite=None lets the node's cross-site POST carry it back; browsers accept that only with Secure.
    secure = request.is_secure()
    response.set_cookie(
        BINDING_COOKIE,
        start.binding_token,
        max_age=OUTSTANDING_SECONDS,
        httponly=True,
        secure=secure,
        samesite="None" if secure else "Lax",
    )
    return response


@never_cache
@csrf_exempt  # posted by the eIDAS node; the signed response and the one-time request binding replace CSRF
@require_POST
def acs_view(request: HttpRequest) -> HttpResponse:
    saml_response = request.POST.get("SAMLResponse", "")
    try:
        return eidas_login_complete(request=request, saml_response=saml_response)
    except EidasLoginError as error:
        return failure_page(request, error, next_url=getattr(request, "eidas_next", ""))
    except Exception as exc:  # a response nobody foresaw still gets the friendly page, never a 500
        logger.exception("Unexpected failure while consuming an eIDAS response")
        unforeseen = EidasLoginError("invalid_response", f"unexpected {type(exc).__name__}")
        return failure_page(request, unforeseen, next_url=getattr(request, "eidas_next", ""))


@never_cache
@require_GET
def metadata_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(sp_metadata_xml(service_provider()), content_type="application/samlmetadata+xml")


@never_cache
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Ends the portal session, then asks the node to end its own when its metadata offer logout."""
    saml_logout = logout_request_build(request=request)
    if request.user.is_authenticated:
        audit_record(action="eidas.logout", actor=request.user, request=request)
    logout(request)
    if saml_logout is None:
        messages.success(request, _("You have signed out."))
        return redirect("pages:start")
    return render(
        request,
        "eidas/post_form.html",
        {
            "action": saml_logout.url,
            "fields": {"SAMLRequest": saml_logout.encoded},
            "heading": _("Signing you out of your country's eID service"),
        },
    )


@never_cache
@csrf_exempt  # the node's signed LogoutResponse; it can only confirm a logout that already happened here
@require_POST
def single_logout_view(request: HttpRequest) -> HttpResponse:
    if logout_response_accepted(request.POST.get("SAMLResponse", "")):
        messages.success(request, _("You have signed out."))
    else:
        messages.warning(
            request, _("You have signed out of this service. Close your browser to end your eID session.")
        )
    return redirect("pages:start")
