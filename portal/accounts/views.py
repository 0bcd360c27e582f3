from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.forms import ContactDetailsForm
from portal.accounts.models import User
from portal.accounts.selectors import contact_details_of, identifier_masked
from portal.accounts.services import contact_details_change
from portal.applications.selectors import applications_of, drafts_of
from portal.eidas.decorators import citizen_login_required
from procedures.engine.fields import country_name
from procedures.engine.registry import registry

RECENT = 3  # applications and drafts shown on the account page; the rest are on "Your applications"
# eIDAS uses EL for Greece (as the EU does); ISO 3166 says GR.
_ISO_CODES = {"EL": "GR"}


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The first page after a staff sign-in."""
    if not getattr(request.user, "is_staff_member", False):
        raise PermissionDenied
    return render(request, "accounts/staff_home.html")


@citizen_login_required
def citizen_home(request: HttpRequest) -> HttpResponse:
    """A citizen's own page: who the eID says they are, their recent applications and drafts, and where
    letters and e-mails about them go."""
    user: User = request.user  # type: ignore[assignment]  # citizen_login_required: a signed-in citizen
    identity = user.citizen_identity
    applications = list(applications_of(owner=user)[: RECENT + 1])
    drafts = list(drafts_of(owner=user)[: RECENT + 1])
    masked = identifier_masked(identity.person_identifier)
    contact = contact_details_of(user=user)
    context = {
        "identity": identity,
        "eid_country": country_name(_ISO_CODES.get(identity.country, identity.country)),
        "identifier_masked": masked,
        "identifier_last": masked.lstrip("•"),
        "applications": [(app, registry.get(app.procedure)) for app in applications[:RECENT]],
        "drafts": [(draft, registry.get(draft.procedure)) for draft in drafts[:RECENT]],
        "more": len(applications) > RECENT or len(drafts) > RECENT,
        "contact": contact,
        "address_country": country_name(contact.address.get("country", "")) if contact else "",
        "contact_language": dict(settings.LANGUAGES).get(contact.language, "") if contact else "",
    }
    return render(request, "accounts/citizen_home.html", context)


@citizen_login_required
@require_http_methods(["GET", "POST"])
def contact_details_edit(request: HttpRequest) -> HttpResponse:
    """Change the e-mail address, phone, postal address and language of letters and e-mails."""
    user: User = request.user  # type: ignore[assignment]  # citizen_login_required: a signed-in citizen
    current = contact_details_of(user=user)
    initial = (
        {
            "email": current.email,
            "phone": current.phone,
            "address": current.address,
            "language": current.language,
        }
        if current
        else {}
    )
    form = ContactDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        contact_details_change(
            user=user,
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            address=form.cleaned_data["address"],
            language=form.cleaned_data["language"],
            request=request,
        )
        messages.success(request, _("Your contact details have been saved."))
        return redirect("citizen-home")
    return render(request, "accounts/contact_details.html", {"form": form})
