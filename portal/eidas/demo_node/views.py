"""Pages of the demo eIDAS node. Every view answers 404 unless EIDAS_DEMO_NODE is on."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.eidas.demo_node import idp
from portal.eidas.demo_node.forms import LOA_LABELS, IdentityForm
from portal.eidas.demo_node.identities import BY_KEY

SESSION_KEY = "demo_eidas_request"
STATUS_REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester"
STATUS_RESPONDER = "urn:oasis:names:tc:SAML:2.0:status:Responder"


def demo_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not settings.EIDAS_DEMO_NODE:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@demo_only
@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    xml, _cert = idp.demo_node_metadata()
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


@demo_only
@csrf_exempt  # the AuthnRequest arrives from the service provider, signed
@require_POST
def single_sign_on(request: HttpRequest) -> HttpResponse:
    try:
        parsed = idp.parse_request(request.POST.get("SAMLRequest", ""))
    except Exception:  # noqa: BLE001 - pysaml2 raises many kinds; all mean "not a request we accept"
        return render(request, "demo_eidas/bad_request.html", status=400)
    parsed["country"] = request.POST.get("country", "")
    request.session[SESSION_KEY] = parsed
    return redirect("demo_eidas:identities")


@demo_only
@never_cache
@require_http_methods(["GET", "POST"])
def identities(request: HttpRequest) -> HttpResponse:
    saml_request = request.session.get(SESSION_KEY)
    if saml_request is None:
        return render(request, "demo_eidas/bad_request.html", status=400)
    form = IdentityForm(request.POST or None)
    if request.method == "POST" and "cancel" in request.POST:
        response = idp.error_response(
            request=saml_request,
            status=STATUS_REQUESTER,
            second_level="urn:oasis:names:tc:SAML:2.0:status:RequestDenied",
            message="Citizen cancelled",
        )
    elif request.method == "POST" and "fail" in request.POST:
        response = idp.error_response(
            request=saml_request,
            status=STATUS_RESPONDER,
            second_level="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
            message="Authentication failed",
        )
    elif request.method == "POST" and form.is_valid():
        response = idp.authn_response(
            request=saml_request, identity=BY_KEY[form.cleaned_data["identity"]], loa=form.cleaned_data["loa"]
        )
    else:
        requested = saml_request.get("requested_loa", "")
        context = {"form": form, "requested_loa": LOA_LABELS.get(requested, requested)}
        return render(request, "demo_eidas/identities.html", context)
    del request.session[SESSION_KEY]
    return render(
        request,
        "eidas/post_form.html",
        {
            "action": saml_request["acs_url"],
            "fields": {"SAMLResponse": response},
            "heading": _("Taking you back to the service"),
        },
    )


@demo_only
@csrf_exempt  # the LogoutRequest arrives from the service provider, signed
@require_POST
def single_logout(request: HttpRequest) -> HttpResponse:
    try:
        destination, response = idp.logout_response(request.POST.get("SAMLRequest", ""))
    except Exception:  # noqa: BLE001 - pysaml2 raises many kinds; all mean "not a request we accept"
        return render(request, "demo_eidas/bad_request.html", status=400)
    return render(
        request,
        "eidas/post_form.html",
        {
            "action": destination,
            "fields": {"SAMLResponse": response},
            "heading": _("Taking you back to the service"),
        },
    )
