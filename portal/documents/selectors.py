from typing import Any

from portal.accounts.models import User
from portal.documents.models import Document


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
