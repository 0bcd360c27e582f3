"""Turning an application into PDFs (WeasyPrint), storing them encrypted, and finding them again."""

import base64
import datetime
import hashlib
import json
import logging
import mimetypes
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.applications.models import Application
from portal.audit.services import audit_record
from portal.documents.models import Document, document_number_new
from portal.documents.storage import issued_storage
from portal.institutions.selectors import institution_shown
from procedures.engine.registry import registry

logger = logging.getLogger(__name__)


def verification_url(number: str) -> str:
    return f"{settings.PORTAL_SITE_URL.rstrip('/')}/verify/{number}/"


def _qr_code(url: str) -> str:
    import segno

    return str(segno.make(url, error="m").svg_data_uri(scale=3, border=2))


_fonts = threading.local()


def _seal_image(path: Path) -> str:
    """The institution's seal (``INSTITUTION_SEAL_IMAGE``) as a data URI, so the PDF needs no file access
    while it renders."""
    content_type = mimetypes.guess_type(path.name)[0] or "image/png"
    return f"data:{content_type};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _font_config() -> Any:
    """One WeasyPrint font configuration per thread, kept between renders: a fresh one (WeasyPrint's
    default) loads and shapes the same system fonts again for every PDF. Our PDF templates use system
    fonts only (no ``@font-face``, which would add to it on every render)."""
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def pdf_render(*, html: str, language: str, attachments: dict[str, bytes] | None = None) -> bytes:
    """A tagged PDF/A-3a (accessible, archivable, may carry files) in ``language``."""
    import weasyprint  # slow to import: only where PDFs are made

    files = [
        weasyprint.Attachment(string=content, name=name, relationship="Data")
        for name, content in (attachments or {}).items()
    ]
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    pdf = document.write_pdf(
        pdf_variant="pdf/a-3a", attachments=files, pdf_tags=True, font_config=_font_config()
    )
    return bytes(pdf)


def _receipt_html(application: Application, number: str) -> str:
    procedure = registry.get(application.procedure)
    url = verification_url(number)
    context: dict[str, Any] = {
        "application": application,
        "procedure": procedure,
        "institution": institution_shown(snapshot=application.payload.get("competent_institution", {})),
        "submitted_at": timezone.localtime(application.submitted_at),
        "summary": application.summary,
        "attachments": application.payload.get("attachments", []),
        "number": number,
        "verification_url": url,
        "qr_code": _qr_code(url),
        "facts": procedure.receipt_facts(application) if procedure and procedure.receipt_facts else None,
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "contact_phone": settings.PORTAL_CONTACT_PHONE,
    }
    return render_to_string("documents/receipt.html", context)


def receipt_render(*, application_id: Any) -> Document:
    """The application's receipt, rendered once in the applicant's language; a second call (a retried
    or repeated task) returns the stored one."""
    existing = Document.objects.filter(application_id=application_id, kind=Document.Kind.RECEIPT).first()
    if existing is not None:
        return existing
    application = Application.objects.get(pk=application_id)
    number = document_number_new()
    with translation.override(application.language):
        html = _receipt_html(application, number)
    envelope = json.dumps(application.payload, ensure_ascii=False, indent=2).encode()
    pdf = pdf_render(html=html, language=application.language, attachments={"envelope.json": envelope})
    try:
        document = document_issue(
            application=application,
            kind=Document.Kind.RECEIPT,
            content=pdf,
            file_name=f"{application.reference}-receipt.pdf",
            number=number,
        )
    except IntegrityError:
        # Another worker stored its receipt first: keep that one (ours was removed).
        return Document.objects.get(application_id=application_id, kind=Document.Kind.RECEIPT)
    audit_record(action="documents.receipt_issued", target=application)
    logger.info("receipt issued for application %s", application.pk)
    return document


def certificate_render(*, application_id: Any) -> Document | None:
    """The document the application's procedure issues at Send (a provisional certificate), rendered once
    in the applicant's language with the institution's seal and a verification QR code; None when the
    procedure issues nothing for this application. A second call returns the stored one."""
    application = Application.objects.get(pk=application_id)
    procedure = registry.get(application.procedure)
    if procedure is None or procedure.issued_at_send is None:
        return None
    number = document_number_new()
    url = verification_url(number)
    with translation.override(application.language):
        issued = procedure.issued_at_send(application)
        if issued is None:
            return None
        existing = Document.objects.filter(application_id=application_id, kind=issued.kind).first()
        if existing is not None:
            return existing
        context = {
            **issued.context,
            "language": application.language,
            "reference": application.reference,
            "number": number,
            "verification_url": url,
            "qr_code": _qr_code(url),
            "seal": _seal_image(Path(settings.INSTITUTION_SEAL_IMAGE)),
        }
        html = render_to_string(issued.template, context)
    pdf = pdf_render(html=html, language=application.language)
    try:
        document = document_issue(
            application=application,
            kind=issued.kind,
            content=pdf,
            file_name=issued.file_name,
            number=number,
            valid_from=issued.valid_from,
            valid_to=issued.valid_to,
        )
    except IntegrityError:
        # Another worker stored its certificate first: keep that one (ours was removed).
        return Document.objects.get(application_id=application_id, kind=issued.kind)
    audit_record(action="documents.certificate_issued", target=application)
    logger.info("%s issued for application %s", issued.kind, application.pk)
    return document


def document_issue(
    *,
    application: Application,
    kind: str,
    content: bytes,
    file_name: str,
    number: str | None = None,
    content_type: str = "application/pdf",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> Document:
    """Store a document for an application, encrypted, and give it a verifiable number.

    Raises ``IntegrityError`` (after removing the stored file) when the application already has its one
    receipt or certificate.
    """
    sha256 = hashlib.sha256(content).hexdigest()
    path = f"{application.pk}/{kind}-{sha256[:16]}.pdf"
    storage = issued_storage()
    if not storage.exists(path):
        storage.save(path, ContentFile(content, name=path))
    try:
        with transaction.atomic():
            return Document.objects.create(
                number=number or document_number_new(),
                application=application,
                kind=kind,
                language=application.language,
                file_name=file_name,
                content_type=content_type,
                sha256=sha256,
                storage_path=path,
                valid_from=valid_from,
                valid_to=valid_to,
            )
    except IntegrityError:
        if not Document.objects.filter(storage_path=path).exists():
            storage.delete(path)
        raise


def document_content(document: Document) -> bytes:
    with issued_storage().open(document.storage_path) as stored:
        return bytes(stored.read())
