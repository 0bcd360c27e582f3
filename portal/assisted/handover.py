"""The hand-over after Send: the reference, the receipt to print and the claim code for the person."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal.assisted.decorators import caseworker_required
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import case_application, case_of
from portal.assisted.services import document_expired
from portal.audit.services import audit_record


def _case(request: HttpRequest, case_id: Any) -> AssistedCase:
    case = case_of(caseworker=request.user, case_id=case_id)  # type: ignore[arg-type]
    if case is None:
        raise Http404
    return case


@caseworker_required
def handover(request: HttpRequest, case_id: Any) -> HttpResponse:
    """After Send: the reference, the receipt to print and the claim code for the person."""
    case = _case(request, case_id)
    application = case_application(case=case)
    if application is None:
        return redirect("assisted:procedure", case_id=case.pk)
    audit_record(action="assisted.application_viewed", request=request, target=application)
    context = {"assisted_case": case, "document_expired": document_expired(case), "application": application}
    return render(request, "assisted/handover.html", context)
