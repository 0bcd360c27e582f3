"""Reads of drafts and applications, always scoped to their owner (no object is found by ID alone)."""

import datetime
import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.applications.models import Application, ApplicationEvent, Draft, Reply
from portal.applications.replies import reply_document_path
from portal.applications.services import document_path, document_storage
from portal.applications.states import STATUS_EXPLAINED, Status
from portal.documents.models import Document
from portal.institutions.selectors import institution_name as institution_name_of
from portal.notifications.models import Notification

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
class PersonBlockSent:
    reference: str
    submitted_at: datetime.datetime
    person: dict[str, Any]  # the beneficiary: the person section of the application


PERSON_BLOCK_LOOKBACK = 20  # the owner's latest applications looked at


def person_block_last(
    *, owner: User, person_identifier: str, date_of_birth: datetime.date
) -> PersonBlockSent | None:
    """The person block of the owner's latest application *about the same person*, of any procedure.

    Object-level authorisation: only applications sent from the owner's account, and of those only the
    ones whose beneficiary is the person the eID identifies (the same eIDAS identifier in the envelope
    and the same date of birth): an application the account sent about someone else (a child, a worker)
    never fills in this person's details."""
    latest = (
        applications_of(owner=owner)
        .order_by("-submitted_at")
        .only("reference", "submitted_at", "beneficiary", "payload")
    )
    for application in latest[:PERSON_BLOCK_LOOKBACK]:
        eidas = (application.payload.get("applicant") or {}).get("eidas") or {}
        beneficiary = application.beneficiary or {}
        if (
            eidas.get("person_identifier") == person_identifier
            and beneficiary.get("date_of_birth") == date_of_birth.isoformat()
        ):
            return PersonBlockSent(application.reference, application.submitted_at, dict(beneficiary))
    return None


def reply_of(*, owner: User, submission_key: uuid.UUID) -> Reply | None:
    return Reply.objects.filter(application__applicant=owner, submission_key=submission_key).first()


@dataclass(frozen=True)
class TimelineEntry:
    event: ApplicationEvent
    label: str
    explained: str
    by: str  # who made the change, as the applicant knows them
    reply: Reply | None = None  # the applicant's answer that made this change


def _reply_of(event: ApplicationEvent) -> Reply | None:
    try:
        return event.reply
    except Reply.DoesNotExist:
        return None


def application_timeline(*, application: Application) -> list[TimelineEntry]:
    """The status history, newest first, in the current language."""
    events = application.events.select_related("institution", "reply").order_by("-created_at", "-pk")
    institution_name = institution_name_of(snapshot=application.payload.get("competent_institution", {}))
    entries = []
    for event in events:
        reply = _reply_of(event)
        if event.institution is not None:
            by = event.institution.name
        elif event.to_status == Status.SUBMITTED or reply is not None:
            by = str(_("You"))
        elif event.to_status == Status.RECEIVED:
            by = institution_name
        else:
            by = ""
        if reply is not None:
            label = str(_("You sent more information"))
            explained = str(_("The institution gets your answer and goes on reviewing your application."))
        else:
            label = str(Status(event.to_status).label)
            explained = str(STATUS_EXPLAINED[event.to_status])
        entries.append(TimelineEntry(event=event, label=label, explained=explained, by=by, reply=reply))
    return entries


def attachment_of(
    *, owner: User, application_id: uuid.UUID | str, sha256: str
) -> tuple[dict[str, str], File] | None:
    """A document sent with the owner's application: its envelope entry and its decrypted content."""
    application = application_of(owner=owner, application_id=application_id)
    return attachment_open(application=application, sha256=sha256) if application else None


def attachment_open(*, application: Application, sha256: str) -> tuple[dict[str, str], File] | None:
    """A document sent with ``application`` or with one of the applicant's replies (already authorised by
    the caller), or ``None``."""
    if not SHA256.fullmatch(sha256):
        return None
    entry = next(
        (item for item in application.payload.get("attachments", []) if item.get("sha256") == sha256), None
    )
    if entry is not None and application.source_draft is not None:
        path = document_path(draft_id=application.source_draft, sha256=sha256)
    else:
        entry = next(
            (
                item
                for reply in application.replies.all()
                for item in reply.attachments
                if item.get("sha256") == sha256
            ),
            None,
        )
        path = reply_document_path(application_id=application.pk, sha256=sha256)
    if entry is None:
        return None
    try:
        return entry, document_storage().open(path)
    except FileNotFoundError:
        return None


# A letter is named by the news it brought, so two letters on one page never look the same.
LETTER_TITLES: dict[str, Promise] = {
    Status.SUBMITTED: _("Letter: we received your application"),
    Status.RECEIVED: _("Letter: the institution received your application"),
    Status.IN_REVIEW: _("Letter: your application is being reviewed"),
    Status.MORE_INFORMATION_REQUESTED: _("Letter: we need more information"),
    Status.GRANTED: _("Letter: your application was granted"),
    Status.REFUSED: _("Letter: your application was refused"),
    Status.WITHDRAWN: _("Letter: your application was withdrawn"),
}


@dataclass(frozen=True)
class NamedDocument:
    """A document of the application with the name the applicant sees: what it is and what it is about."""

    document: Document
    title: str


def application_documents(*, application: Application) -> list[NamedDocument]:
    """The receipt first, then decisions and letters in the order they were issued, each named."""
    letters = dict(
        Notification.objects.filter(application=application, letter__isnull=False).values_list(
            "letter_id", "event__to_status"
        )
    )
    named = []
    for document in application.documents.order_by("created_at", "pk"):
        if document.kind == Document.Kind.LETTER:
            status = letters.get(document.pk)
            title = LETTER_TITLES[status] if status else document.get_kind_display()
        else:
            title = document.get_kind_display()
        named.append(NamedDocument(document=document, title=str(title)))
    named.sort(key=lambda item: item.document.kind != Document.Kind.RECEIPT)
    return named
