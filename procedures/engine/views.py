from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal.institutions.models import Institution
from procedures.engine.registry import registry


def procedure_start(request: HttpRequest, slug: str) -> HttpResponse:
    """The start page of one procedure: what it is, who can use it, what to have ready."""
    procedure = registry.get(slug)
    if procedure is None:
        raise Http404
    institution = Institution.objects.filter(code=procedure.institution_code).first()
    return render(request, "procedures/start.html", {"procedure": procedure, "institution": institution})
