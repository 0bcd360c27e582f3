"""Reads of drafts and applications, always scoped to their owner (no object is found by ID alone)."""

import re
import uuid
from dataclasses import dataclass

from django.core.files import File
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.applications.models import Application, ApplicationEvent, Draft
from portal.applications.services import document_path, document_storage
from portal.applications.states import STATUS_EXPLAINED, Status
from portal.institutions.selectors import institution_name as institution_name_of

SHA256 = re.compile(r"[0-9a-f]{64}")


def drafts_of(*, owner: User) -> QuerySet[Draft]:
    return Draft.objects.filter(owner=owner)


def draft_of(*, owner: User, draft_id: uuid.UUID | str) -> Draft | None:
    return Draft.objects.filter(owner=owner, pk=draft_id).first()


def applications_of(*, owner: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=owner)


def application_of(*, owner: User, application_id: uuid.UUID | str) -> Application | None:
    return Application.objects.filter(applicant=owner, pk=application_id).first()


@dataclass(frozen=True)
class TimelineEntry:
    event: ApplicationEvent
    label: str
    explained: str
    by: str  # who made the change, as the applicant knows them


def application_timeline(*, application: Application) -> list[TimelineEntry]:
    """The status history, newest first, in the current language."""
    events = application.events.select_related("institution").order_by("-created_at", "-pk")
    institution_name = institution_name_of(snapshot=application.payload.get("competent_institution", {}))
    entries = []
    for event in events:
        if event.institution is not None:
            by = event.institution.name
        elif event.to_status == Status.SUBMITTED:
            by = str(_("You"))
        elif event.to_status == Status.RECEIVED:
            by = institution_name
        else:
            by = ""
        entries.append(
            TimelineEntry(
                event=event,
                label=str(Status(event.to_status).label),
                explained=str(STATUS_EXPLAINED[event.to_status]),
                by=by,
            )
        )
    return entries


def attachment_of(
    *, owner: User, application_id: uuid.UUID | str, sha256: str
) -> tuple[dict[str, str], File] | None:
    """A document sent with the owner's application: its envelope entry and its decrypted content."""
    application = application_of(owner=owner, application_id=application_id)
    return attachment_open(application=application, sha256=sha256) if application else None


def attachment_open(*, application: Application, sha256: str) -> tuple[dict[str, str], File] | None:
    """A document sent with ``application`` (already authorised by the caller), or ``None``."""
    if not SHA256.fullmatch(sha256) or application.source_draft is None:
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
