"""``/claim/``: a person who applied at an office signs in with their eID and enters the code from their
hand-over sheet; the application then joins their account ("Your applications")."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.accounts.models import User
from portal.assisted.claim import case_claim, claim_code_normalise
from portal.core.formats.dates import human_date
from portal.eidas.decorators import citizen_login_required

NO_MATCH = gettext_lazy(
    "This code does not work for you. Check that you typed it as it is printed on your hand-over sheet. "
    "If it still does not work, ask the office for a new hand-over sheet."
)


class ClaimForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your hand-over sheet"),
        help_text=gettext_lazy("12 letters and numbers, for example K7QM-3XPA-9D2F"),
        max_length=40,
        error_messages={"required": gettext_lazy("Enter the code from your hand-over sheet")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self) -> str:
        typed = str(self.cleaned_data["code"])
        if claim_code_normalise(typed) is None:
            raise forms.ValidationError(
                gettext_lazy("Enter the code as it is printed: 12 letters and numbers, like K7QM-3XPA-9D2F")
            )
        return typed


@citizen_login_required
@require_http_methods(["GET", "POST"])
@never_cache
def claim(request: HttpRequest) -> HttpResponse:
    """The code's form; a code that matches adds the application to the account and opens it. Whatever
    else is wrong with a code gets one and the same answer."""
    citizen: User = request.user  # type: ignore[assignment]  # citizen_login_required: a signed-in citizen
    form = ClaimForm(data=request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = case_claim(typed=form.cleaned_data["code"], citizen=citizen, request=request)
        if result.application is not None:
            messages.success(
                request,
                _("The application %(reference)s is now in your applications.")
                % {"reference": result.application.reference},
            )
            return redirect("applications:detail", application_id=result.application.pk)
        if result.try_again_at is not None:
            status = 429
            form.add_error(
                "code",
                _("You have tried too many times. Try again after %(time)s.")
                % {"time": human_date(result.try_again_at)},
            )
        else:
            form.add_error("code", NO_MATCH)
    return render(request, "assisted/claim.html", {"form": form}, status=status)
