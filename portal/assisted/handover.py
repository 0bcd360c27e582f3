"""The hand-over after Send: the reference, the receipt (and a certificate issued at Send) to print, and
the hand-over sheet with the claim code the person uses to follow the application online.

The sheet is an HTML page printed from the browser (print styles leave out everything else), written in
the person's language. It is the answer to the POST that makes its code: the code is never in a URL,
never stored in clear, and cannot be shown again (printing again makes a new one).
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.applications.models import Application
from portal.assisted.claim import ClaimCode, claim_code_issue, claim_code_valid
from portal.assisted.decorators import caseworker_required
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import case_application, case_of
from portal.assisted.services import document_expired
from portal.audit.services import audit_record
from portal.documents.models import Document
from portal.documents.selectors import certificate_expected, document_title
from portal.documents.services import document_content
from portal.institutions.selectors import institution_shown
from procedures.engine.registry import registry


def _case(request: HttpRequest, case_id: Any) -> AssistedCase:
    case = case_of(caseworker=request.user, case_id=case_id)  # type: ignore[arg-type]
    if case is None:
        raise Http404
    return case


def claim_url() -> str:
    """The address printed on the sheet and in its QR code: the claim page only, never a code."""
    return f"{settings.PORTAL_SITE_URL.rstrip('/')}{reverse('claim')}"


def _qr_code(url: str) -> str:
    import segno  # only where a sheet is printed

    return str(segno.make(url, error="m").svg_data_uri(scale=3, border=2))


def _documents(application: Application) -> list[tuple[Document, str]]:
    """The receipt and a certificate issued at Send, each with its name in the caseworker's language."""
    issued = application.documents.filter(kind__in=[Document.Kind.RECEIPT, Document.Kind.CERTIFICATE])
    ordered = sorted(issued, key=lambda document: document.kind != Document.Kind.CERTIFICATE)
    return [(document, document_title(document)) for document in ordered]


def handover_sheet(*, case: AssistedCase, application: Application, claim: ClaimCode) -> dict[str, Any]:
    """What the printed sheet for the person says; the page renders it in the language of their letters
    (``language``, with Django's ``{% language %}`` tag)."""
    url = claim_url()
    procedure = registry.get(application.procedure)
    return {
        "language": str(case.contact.get("language") or application.language),
        "case": case,
        "application": application,
        "procedure_title": procedure.title if procedure else application.procedure,
        "institution": institution_shown(snapshot=application.payload.get("competent_institution", {})),
        "office_name": case.office.name,
        "office_address": case.office.address,
        "claim": claim,
        "claim_url": url,
        "qr_code": _qr_code(url),
        "by_post": not case.contact.get("email"),
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "contact_phone": settings.PORTAL_CONTACT_PHONE,
    }


def _page(request: HttpRequest, case: AssistedCase, application: Application, **context: Any) -> HttpResponse:
    documents = _documents(application)
    context.update(
        assisted_case=case,
        document_expired=document_expired(case),
        application=application,
        documents=documents,
        receipt_ready=any(document.kind == Document.Kind.RECEIPT for document, _title in documents),
        certificate_expected=not any(document.kind == Document.Kind.CERTIFICATE for document, _t in documents)
        and certificate_expected(application=application),
        claim_code_valid=claim_code_valid(case),
    )
    return render(request, "assisted/handover.html", context)


@caseworker_required
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, case_id: Any) -> HttpResponse:
    """After Send: the reference, the documents to print and the hand-over sheet. "Print the hand-over
    sheet" (POST) makes a new claim code, so any earlier one stops working, and shows the sheet."""
    case = _case(request, case_id)
    application = case_application(case=case)
    if application is None:
        return redirect("assisted:procedure", case_id=case.pk)
    audit_record(action="assisted.application_viewed", request=request, target=application)
    if request.method != "POST":
        return _page(request, case, application)
    if case.claimed_at is not None:
        messages.info(request, _("The person has already added this application to their account."))
        return redirect("assisted:handover", case_id=case.pk)
    claim = claim_code_issue(case=case, request=request)
    sheet = handover_sheet(case=case, application=application, claim=claim)
    response = _page(request, case, application, sheet=sheet)
    response["Cache-Control"] = "private, no-store"  # the code is in it: no copy in any cache
    return response


@caseworker_required
@require_GET
def document_download(request: HttpRequest, case_id: Any, document_id: Any) -> HttpResponse:
    """The receipt or a certificate of the office's application, to print for the person."""
    case = _case(request, case_id)
    application = case_application(case=case)
    document = (
        application.documents.filter(
            pk=document_id, kind__in=[Document.Kind.RECEIPT, Document.Kind.CERTIFICATE]
        ).first()
        if application is not None
        else None
    )
    if document is None:
        raise Http404
    audit_record(
        action="assisted.document_downloaded",
        request=request,
        target=application,
        details={"kind": document.kind},
    )
    response = HttpResponse(document_content(document), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
