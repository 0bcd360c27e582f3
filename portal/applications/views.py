from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal.applications.selectors import application_of, applications_of, drafts_of
from portal.eidas.decorators import citizen_login_required
from procedures.engine.registry import registry


@citizen_login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """Your drafts (continue or delete) and the applications you sent, with their status."""
    drafts = [(draft, registry.get(draft.procedure)) for draft in drafts_of(owner=request.user)]  # type: ignore[arg-type]
    applications = [(app, registry.get(app.procedure)) for app in applications_of(owner=request.user)]  # type: ignore[arg-type]
    return render(request, "applications/list.html", {"drafts": drafts, "applications": applications})


@citizen_login_required
def application_confirmation(request: HttpRequest, application_id: str) -> HttpResponse:
    """Bookmarkable: works again after a reload, and only for the person who sent it."""
    application = application_of(owner=request.user, application_id=application_id)  # type: ignore[arg-type]
    if application is None:
        raise Http404
    procedure = registry.get(application.procedure)
    return render(
        request, "applications/confirmation.html", {"application": application, "procedure": procedure}
    )
