"""The person signs in with their own eID on the caseworker's device.

The caseworker starts an eIDAS login for the purpose "identify the person of this assisted application";
the portal's ACS validates the node's response exactly as for a login and hands the identity to
:func:`eid_identified`, which attaches it to that one case and signs nobody in: the browser stays the
caseworker's, and no account of the person is made. The person's names and date of birth then come from
the eID, and their personal code when the eIDAS identifier carries one.
"""

import datetime
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.accounts.models import User
from portal.assisted.decorators import caseworker_required
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import case_application, case_of
from portal.assisted.services import document_expired, personal_code_index
from portal.audit.services import audit_record
from portal.eidas.forms import CountryForm
from portal.eidas.purposes import purpose_register
from portal.eidas.responses import EidasIdentity, EidasLoginError
from portal.eidas.services import eidas_login_start
from portal.eidas.views import failure_page, node_post_page
from procedures.engine.prefill import identity_personal_number

PURPOSE = "assisted-identify"
COUNTRY = "LT"  # the personal code an assisted case records is Lithuanian

REFUSALS = {
    "mismatch": _(
        "This eID belongs to someone else: its date of birth or personal code is not the one in the "
        "identity document you saw. Nothing was attached to the application."
    ),
    "other_eid": _("Another eID is already attached to this application. Nothing was changed."),
    "sent": _("The application has already been sent. An eID can no longer be attached to it."),
}

LEVELS = {"low": _("low"), "substantial": _("substantial"), "high": _("high")}


class EidRefused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class PersonCountryForm(CountryForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].label = _("Which country issued the person's eID?")
        self.fields["country"].help_text = _(
            "The person will use their ID card, mobile ID or bank login on this device."
        )
        self.fields["country"].error_messages["required"] = _("Select the country that issued the eID")


# --- services -------------------------------------------------------------------------------------------


def _from_eid(identity: EidasIdentity) -> dict[str, Any]:
    return {
        "family_name": identity.family_name,
        "given_name": identity.given_name,
        "date_of_birth": identity.date_of_birth.isoformat(),
        "eidas": {"person_identifier": identity.person_identifier, "loa": identity.level_of_assurance},
    }


def case_start_from_eid(
    *, caseworker: User, identity: EidasIdentity, request: HttpRequest | None = None
) -> AssistedCase:
    """A case whose person is identified by their eID alone (no identity document needed)."""
    if caseworker.office_id is None:
        raise PermissionError(f"caseworker {caseworker.pk} has no office")
    code = identity_personal_number(identity, COUNTRY) or ""
    person = {**_from_eid(identity), "personal_code": code, "identity_verified_by": "eid"}
    with transaction.atomic():
        case = AssistedCase.objects.create(
            caseworker=caseworker,
            office_id=caseworker.office_id,
            person=person,
            personal_code_index=personal_code_index(code) if code else "",
        )
        audit_record(
            action="assisted.person_identified",
            actor=caseworker,
            target=case,
            request=request,
            details={"by": "eid"},
        )
        _audit_attached(case, identity, caseworker=caseworker, request=request)
    return case


def eid_refusal(case: AssistedCase, identity: EidasIdentity) -> str:
    """Why this eID may not be attached to ``case`` ("" when it may): the case already has another eID,
    or it was identified with a document whose date of birth or personal code is not the eID's."""
    person = case.person
    attached = (person.get("eidas") or {}).get("person_identifier")
    if attached:
        return "" if attached == identity.person_identifier else "other_eid"
    if person.get("date_of_birth") != identity.date_of_birth.isoformat():
        return "mismatch"
    code = identity_personal_number(identity, COUNTRY)
    if code and person.get("personal_code") and code != person["personal_code"]:
        return "mismatch"
    return ""


def case_eid_attach(
    *, case: AssistedCase, identity: EidasIdentity, caseworker: User, request: HttpRequest | None = None
) -> AssistedCase:
    """Attach the person's eID to their case (names from the eID); raises :class:`EidRefused`."""
    with transaction.atomic():
        case = AssistedCase.objects.select_for_update().get(pk=case.pk)
        refusal = "sent" if case_application(case=case) is not None else eid_refusal(case, identity)
        if not refusal:
            person = {**case.person, **_from_eid(identity)}
            code = identity_personal_number(identity, COUNTRY)
            if code and not person.get("personal_code"):
                person["personal_code"] = code
                case.personal_code_index = personal_code_index(code)
            case.person = person
            case.save(update_fields=["person", "personal_code_index"])
            _audit_attached(case, identity, caseworker=caseworker, request=request)
    if refusal:
        audit_record(
            action="assisted.eid_refused",
            actor=caseworker,
            target=case,
            request=request,
            details={"reason": refusal},
        )
        raise EidRefused(refusal)
    return case


def _audit_attached(
    case: AssistedCase, identity: EidasIdentity, *, caseworker: User, request: HttpRequest | None
) -> None:
    audit_record(
        action="assisted.eid_attached",
        actor=caseworker,
        target=case,
        request=request,
        details={"loa": identity.level_of_assurance, "eid_country": identity.country},
    )


@purpose_register(PURPOSE)
def eid_identified(*, request: HttpRequest, identity: Any, data: dict[str, Any]) -> HttpResponse:
    """The ACS validated the person's eID: attach it to the case (or start one) of the caseworker who
    started the login. The node's POST may come without the caseworker's session cookie (SameSite), so
    the outstanding request says who; the session is never touched here. Refusals are audited."""
    caseworker = User.objects.filter(pk=int(data.get("caseworker") or 0), is_active=True).first()
    if caseworker is None or not caseworker.is_caseworker or caseworker.office_id is None:
        raise EidasLoginError("not_allowed", "the account that started it may not apply for people")
    if request.user.is_authenticated and request.user.pk != caseworker.pk:
        raise EidasLoginError("not_allowed", "another account is signed in in this browser")
    if not data.get("case"):
        case = case_start_from_eid(caseworker=caseworker, identity=identity, request=request)
        return redirect("assisted:eid", case_id=case.pk)
    found = case_of(caseworker=caseworker, case_id=data["case"])
    if found is None:
        raise EidasLoginError("not_allowed", "the case is not one of the caseworker's office")
    page = reverse("assisted:eid", kwargs={"case_id": found.pk})
    try:
        case_eid_attach(case=found, identity=identity, caseworker=caseworker, request=request)
    except EidRefused as refused:
        return redirect(f"{page}?refused={refused.code}")
    return redirect(page)


# --- views ----------------------------------------------------------------------------------------------


@never_cache
@caseworker_required
@require_http_methods(["GET", "POST"])
def identify_with_eid(request: HttpRequest) -> HttpResponse:
    """A new case: the person signs in with their eID, and the case starts from what it says."""
    return _eid_login(request, None, back=reverse("assisted:home"))


@never_cache
@caseworker_required
@require_http_methods(["GET", "POST"])
def case_eid(request: HttpRequest, case_id: Any) -> HttpResponse:
    """The person of an existing case signs in with their eID; afterwards, what it confirmed."""
    case = case_of(caseworker=request.user, case_id=case_id)  # type: ignore[arg-type]
    if case is None:
        raise Http404
    back, page = reverse("assisted:home"), reverse("assisted:eid", kwargs={"case_id": case.pk})
    if case.person.get("eidas"):
        if request.method == "POST":
            return redirect(f"{page}?refused=other_eid")
        return render(request, "assisted/eid.html", _context(request, case, back=back, next_url=_next(case)))
    if case_application(case=case) is not None:
        if request.method == "POST":
            return redirect(f"{page}?refused=sent")
        return render(request, "assisted/eid.html", _context(request, case, back=back, sent=True))
    return _eid_login(request, case, back=back)


def _eid_login(request: HttpRequest, case: AssistedCase | None, *, back: str) -> HttpResponse:
    form = PersonCountryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        here = request.path
        try:
            start = eidas_login_start(
                request=request,
                country=form.cleaned_data["country"],
                next_url="",
                purpose=PURPOSE,
                purpose_data={"caseworker": request.user.pk, "case": str(case.pk) if case else ""},
                retry_url=here,
            )
        except EidasLoginError as error:
            request.eidas_retry = here  # type: ignore[attr-defined]
            return failure_page(request, error)
        return node_post_page(request, start, country=form.cleaned_data["country"])
    return render(request, "assisted/eid.html", _context(request, case, back=back, form=form))


def _context(request: HttpRequest, case: AssistedCase | None, **context: Any) -> dict[str, Any]:
    if case is not None:
        context.update(assisted_case=case, document_expired=document_expired(case))
        # The page shows the person (the banner at least): audited as every case page is.
        audit_record(action="assisted.case_viewed", request=request, target=case, details={"page": "eid"})
        eidas = case.person.get("eidas") or {}
        if eidas:
            context["eid"] = {
                "country": str(eidas.get("person_identifier", "")).split("/", 1)[0].upper(),
                "loa": LEVELS.get(str(eidas.get("loa", "")).rsplit("/", 1)[-1], ""),
                "born": datetime.date.fromisoformat(case.person["date_of_birth"]),
            }
    context["refusal"] = REFUSALS.get(request.GET.get("refused", ""), "")
    return context


def _next(case: AssistedCase) -> str:
    if case.contact:
        return reverse("assisted:procedure", kwargs={"case_id": case.pk})
    return reverse("assisted:representative", kwargs={"case_id": case.pk})
