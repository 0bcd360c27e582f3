"""Reads of drafts and applications, always scoped to their owner (no object is found by ID alone)."""

import re
import uuid

from django.core.files import File
from django.db.models import QuerySet

from portal.accounts.models import User
from portal.applications.models import Application, Draft
from portal.applications.services import document_path, document_storage

SHA256 = re.compile(r"[0-9a-f]{64}")


def drafts_of(*, owner: User) -> QuerySet[Draft]:
    return Draft.objects.filter(owner=owner)


def draft_of(*, owner: User, draft_id: uuid.UUID | str) -> Draft | None:
    return Draft.objects.filter(owner=owner, pk=draft_id).first()


def applications_of(*, owner: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=owner)


def application_of(*, owner: User, application_id: uuid.UUID | str) -> Application | None:
    return Application.objects.filter(applicant=owner, pk=application_id).first()


def attachment_of(
    *, owner: User, application_id: uuid.UUID | str, sha256: str
) -> tuple[dict[str, str], File] | None:
    """A document sent with the owner's application: its envelope entry and its decrypted content."""
    if not SHA256.fullmatch(sha256):
        return None
    application = application_of(owner=owner, application_id=application_id)
    if application is None or application.source_draft is None:
        return None
    entry = next(
        (item for item in application.payload.get("attachments", []) if item.get("sha256") == sha256), None
    )
    if entry is None:
        return None
    path = document_path(draft_id=application.source_draft, sha256=sha256)
    try:
        return entry, document_storage().open(path)
    except FileNotFoundError:
        return None
