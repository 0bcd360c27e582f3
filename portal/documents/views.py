from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.audit.services import audit_record
from portal.documents.selectors import document_by_number, document_of, document_title, document_validity
from portal.documents.services import document_content
from portal.eidas.decorators import citizen_login_required


@citizen_login_required
@require_GET
def document_download(request: HttpRequest, document_id: str) -> HttpResponse:
    """A document issued for an application (the receipt, a decision), for its owner only."""
    document = document_of(owner=request.user, document_id=document_id)  # type: ignore[arg-type]
    if document is None:
        raise Http404
    audit_record(action="documents.downloaded", request=request, target=document.application)
    response = HttpResponse(document_content(document), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@never_cache
def document_verify(request: HttpRequest, number: str) -> HttpResponse:
    """Public: is this a document we issued? What it is, its reference and date, the period a certificate
    is valid for, and nothing more (no names, no personal code)."""
    document = document_by_number(number=number)
    context = {
        "document": document,
        "title": document_title(document) if document else "",
        "validity": document_validity(document, today=timezone.localdate()) if document else "",
    }
    return render(request, "documents/verify.html", context, status=200 if document else 404)
