"""The caseworker's home in assisted mode."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.assisted.decorators import caseworker_required
from portal.assisted.selectors import cases_of_office
from portal.audit.services import audit_record

RECENT = 20


@caseworker_required
def home(request: HttpRequest) -> HttpResponse:
    """Start an application for someone; the office's recent assisted applications."""
    cases = list(cases_of_office(caseworker=request.user)[:RECENT])  # type: ignore[arg-type]
    audit_record(action="assisted.cases_listed", request=request, details={"count": len(cases)})
    return render(request, "assisted/home.html", {"cases": cases})
