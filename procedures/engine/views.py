from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal.institutions.selectors import institution_by_code
from procedures.engine.registry import registry


def procedure_start(request: HttpRequest, slug: str) -> HttpResponse:
    """The start page of one procedure: what it is, who can use it, what to have ready."""
    procedure = registry.get(slug)
    if procedure is None:
        raise Http404
    institution = institution_by_code(code=procedure.institution_code)
    return render(request, "procedures/start.html", {"procedure": procedure, "institution": institution})
