from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal.applications.selectors import application_of, applications_of, attachment_of, drafts_of
from portal.audit.services import audit_record
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
    receipt = application.documents.filter(kind="receipt").first()
    return render(
        request,
        "applications/confirmation.html",
        {"application": application, "procedure": procedure, "receipt": receipt},
    )


@citizen_login_required
def attachment_download(request: HttpRequest, application_id: str, sha256: str) -> HttpResponse:
    """A document the citizen sent with their application, decrypted for its owner only."""
    found = attachment_of(owner=request.user, application_id=application_id, sha256=sha256)  # type: ignore[arg-type]
    if found is None:
        raise Http404
    entry, document = found
    audit_record(
        action="applications.document_downloaded",
        request=request,
        target=application_of(owner=request.user, application_id=application_id),  # type: ignore[arg-type]
    )
    response = FileResponse(
        document,
        as_attachment=True,
        filename=entry["name"],
        content_type=entry.get("content_type") or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # streamed; citizen_login_required expects HttpResponse
