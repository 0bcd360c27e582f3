from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal.applications.selectors import (
    application_of,
    application_timeline,
    applications_of,
    attachment_of,
    drafts_of,
)
from portal.applications.states import DECIDED, STATUS_EXPLAINED, Status
from portal.audit.services import audit_record
from portal.documents.filenames import document_filename
from portal.eidas.decorators import citizen_login_required
from procedures.engine.registry import registry


@citizen_login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """Your drafts (continue or delete) and the applications you sent, with their status."""
    drafts = [(draft, registry.get(draft.procedure)) for draft in drafts_of(owner=request.user)]  # type: ignore[arg-type]
    applications = [(app, registry.get(app.procedure)) for app in applications_of(owner=request.user)]  # type: ignore[arg-type]
    return render(request, "applications/list.html", {"drafts": drafts, "applications": applications})


@citizen_login_required
def application_detail(request: HttpRequest, application_id: str) -> HttpResponse:
    """The application page: "sent" with the reference at first, then its status history, the
    institution's messages and the documents. Bookmarkable, and only for the person who sent it."""
    application = application_of(owner=request.user, application_id=application_id)  # type: ignore[arg-type]
    if application is None:
        raise Http404
    timeline = application_timeline(application=application)
    documents = [document for document in application.documents.all() if document.kind != "receipt"]
    context = {
        "application": application,
        "procedure": registry.get(application.procedure),
        "receipt": next((d for d in application.documents.all() if d.kind == "receipt"), None),
        "documents": documents,
        "timeline": timeline,
        "messages_from_institution": [entry for entry in timeline if entry.event.message],
        "status_explained": STATUS_EXPLAINED[application.status],
        "decided": application.status in DECIDED,
        # "Sent" until the institution starts on it (delivery can make it "received" within the second).
        "just_sent": application.status in (Status.SUBMITTED, Status.RECEIVED),
        "needs_information": application.status == Status.MORE_INFORMATION_REQUESTED,
    }
    return render(request, "applications/detail.html", context)


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
        filename=document_filename(entry["name"], entry.get("content_type", "")),
        content_type=entry.get("content_type") or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # streamed; citizen_login_required expects HttpResponse
