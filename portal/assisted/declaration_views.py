"""The declaration to print and have signed, for a caseworker of the case's office."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from portal.assisted.declaration import declaration_render
from portal.assisted.decorators import caseworker_required
from portal.assisted.selectors import case_of
from portal.audit.services import audit_record


@caseworker_required
@require_GET
def declaration(request: HttpRequest, case_id: Any) -> HttpResponse:
    """The PDF, opened in the browser to print; a page still to answer comes first."""
    case = case_of(caseworker=request.user, case_id=case_id)  # type: ignore[arg-type]
    if case is None:
        raise Http404
    rendered = declaration_render(request=request, case=case)
    if rendered is None:  # not started, or sent already: nothing left to sign
        return redirect("assisted:procedure", case_id=case.pk)
    if rendered.unfinished_url:
        return redirect(rendered.unfinished_url)
    audit_record(action="assisted.declaration_printed", request=request, target=case)
    response = HttpResponse(rendered.pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="declaration.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
