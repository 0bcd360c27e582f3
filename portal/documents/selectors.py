import datetime
from typing import Any

from portal.accounts.models import User
from portal.applications.models import Application
from portal.documents.models import Document
from procedures.engine.registry import registry


def documents_of(*, owner: User, application_id: Any) -> list[Document]:
    return list(Document.objects.filter(application_id=application_id, application__applicant=owner))


def document_of(*, owner: User, document_id: Any) -> Document | None:
    return (
        Document.objects.select_related("application")
        .filter(pk=document_id, application__applicant=owner)
        .first()
    )


def document_by_number(*, number: str) -> Document | None:
    return Document.objects.select_related("application").filter(number=number.strip().upper()).first()


def document_title(document: Document) -> str:
    """What the document is, in the current language: the procedure's own name for it ("Provisional
    replacement certificate"), else its kind ("Certificate")."""
    procedure = registry.get(document.application.procedure)
    title = procedure.document_titles.get(document.kind) if procedure else None
    return str(title or document.get_kind_display())


def document_validity(document: Document, *, today: datetime.date) -> str:
    """Whether a document with a validity period holds on ``today``: "valid", "not_yet" or "expired";
    "" for a document without one (a receipt)."""
    if document.valid_from is None and document.valid_to is None:
        return ""
    if document.valid_from is not None and today < document.valid_from:
        return "not_yet"
    if document.valid_to is not None and today > document.valid_to:
        return "expired"
    return "valid"


def certificate_expected(*, application: Application) -> bool:
    """True when the application's procedure issues a certificate at Send for it (so a page can say
    "being prepared" until it is there)."""
    procedure = registry.get(application.procedure)
    return bool(procedure and procedure.issued_at_send and procedure.issued_at_send(application))


def applications_missing_certificate(*, since: datetime.datetime) -> list[Any]:
    """Applications sent since ``since`` whose procedure issues a certificate at Send for them, without
    one yet (its rendering failed or its task was lost)."""
    slugs = [procedure.slug for procedure in registry.all() if procedure.issued_at_send]
    waiting = (
        Application.objects.filter(procedure__in=slugs, submitted_at__gte=since)
        .exclude(documents__kind=Document.Kind.CERTIFICATE)
        .only("pk", "procedure", "payload", "beneficiary")
    )
    return [application.pk for application in waiting if certificate_expected(application=application)]
