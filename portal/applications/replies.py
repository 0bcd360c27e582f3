"""The applicant's reply to a request for more information: the writes (services) for replies.

A reply is one transaction: the application row is locked, the state machine moves it from "more
information needed" back to "being reviewed" (an event on the timeline), the reply with its frozen
payload is stored, and the audit trail records it. The delivery outbox is added to the same transaction
by ``portal.pipeline.services.reply_submit``, which owns what happens after.

Documents chosen with a form that had to be corrected wait, encrypted, among the uploads in progress
(``replies/<application id>/<submission key>/``), so the person does not choose them again; once the
reply is sent they are kept with the application's documents (``replies/<application id>/<sha256>``).
"""

import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import jsonschema
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.applications.models import Application, Reply
from portal.applications.services import TransitionNotAllowed, application_transition, document_storage
from portal.applications.states import Status
from portal.audit.services import audit_record
from portal.crypto.locations import EncryptedLocation, encrypted_storage
from portal.documents.filenames import document_filename

REPLY_SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "reply-v1.json"
REPLY_MESSAGE_MAX_LENGTH = 4000  # as long as the institution's own message may be
REPLY_MAX_DOCUMENTS = 10


@dataclass(frozen=True)
class ReplyDocument:
    """A document for a reply: its safe name, the type read from its content, and the bytes."""

    name: str
    content_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def entry(self) -> dict[str, str]:
        return {"name": self.name, "sha256": self.sha256, "content_type": self.content_type}


def reply_document_path(*, application_id: Any, sha256: str) -> str:
    """Where a document sent with a reply is kept in the documents' storage."""
    return f"replies/{application_id}/{sha256}"


def _waiting_folder(application_id: Any, submission_key: uuid.UUID) -> str:
    return f"replies/{application_id}/{submission_key}"


def reply_document_wait(
    *, application: Application, submission_key: uuid.UUID, document: ReplyDocument
) -> dict[str, str]:
    """Keep a valid document of a form that must be corrected, until the reply is sent."""
    storage = encrypted_storage(EncryptedLocation.UPLOADS_IN_PROGRESS)
    folder = _waiting_folder(application.pk, submission_key)
    entry = document.entry()
    if not storage.exists(f"{folder}/{document.sha256}"):
        storage.save(f"{folder}/{document.sha256}", ContentFile(document.content))
        chosen = {**entry, "chosen": time.time_ns()}  # the order the person chose them in
        storage.save(f"{folder}/{document.sha256}.json", ContentFile(json.dumps(chosen).encode()))
    return entry


def reply_documents_waiting(*, application: Application, submission_key: uuid.UUID) -> list[ReplyDocument]:
    """The documents kept for the form sent with ``submission_key``, in the order they were chosen."""
    storage = encrypted_storage(EncryptedLocation.UPLOADS_IN_PROGRESS)
    folder = _waiting_folder(application.pk, submission_key)
    if not storage.exists(folder):
        return []
    documents = []
    _folders, names = storage.listdir(folder)
    for name in names:
        if not name.endswith(".json"):
            continue
        with storage.open(f"{folder}/{name}") as handle:
            entry = json.loads(handle.read())
        with storage.open(f"{folder}/{entry['sha256']}") as handle:
            content = handle.read()
        documents.append((entry["chosen"], ReplyDocument(entry["name"], entry["content_type"], content)))
    return [document for _chosen, document in sorted(documents, key=lambda item: item[0])]


def reply_documents_forget(*, application: Application) -> None:
    """Remove every document waiting for a reply of ``application`` (sent, or abandoned)."""
    storage = encrypted_storage(EncryptedLocation.UPLOADS_IN_PROGRESS)
    root = f"replies/{application.pk}"
    if not storage.exists(root):
        return
    folders, _files = storage.listdir(root)
    for folder in folders:
        for name in storage.listdir(f"{root}/{folder}")[1]:
            storage.delete(f"{root}/{folder}/{name}")
        Path(storage.path(f"{root}/{folder}")).rmdir()
    Path(storage.path(root)).rmdir()


def reply_document_make(*, name: str, content_type: str, content: bytes) -> ReplyDocument:
    """A document from an upload that ``DocumentField`` accepted (``content_type`` read from its bytes)."""
    return ReplyDocument(document_filename(name, content_type), content_type, content)


@cache
def _schema() -> dict[str, Any]:
    return json.loads(REPLY_SCHEMA_PATH.read_text())


def reply_payload_validate(payload: dict[str, Any]) -> None:
    jsonschema.validate(payload, _schema(), format_checker=jsonschema.FormatChecker())


def _store(application: Application, documents: list[ReplyDocument]) -> None:
    storage = document_storage()
    for document in documents:
        path = reply_document_path(application_id=application.pk, sha256=document.sha256)
        if not storage.exists(path):  # the same document twice: its checksum names it already
            storage.save(path, ContentFile(document.content))


def application_reply(
    *,
    application: Application,
    owner: User,
    submission_key: uuid.UUID,
    message: str,
    documents: list[ReplyDocument],
) -> tuple[Reply, bool]:
    """The owner's answer to "more information needed", exactly once; ``True`` when this call made it.

    The application row is locked (``select_for_update``): a double submit waits, then finds the reply
    the first one made under the same ``submission_key``. Raises ``TransitionNotAllowed`` when the
    application no longer waits for information, and ``Application.DoesNotExist`` for someone else's.
    """
    unique = list({document.sha256: document for document in documents}.values())
    _store(application, unique)  # content-addressed and private: harmless if the transaction fails
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk, applicant=owner)
        existing = Reply.objects.filter(submission_key=submission_key, application=locked).first()
        if existing is not None:
            return existing, False
        if locked.status != Status.MORE_INFORMATION_REQUESTED:
            raise TransitionNotAllowed(locked.reference, locked.status, Status.IN_REVIEW)
        request = locked.events.filter(to_status=Status.MORE_INFORMATION_REQUESTED).order_by(
            "-created_at", "-pk"
        )
        asked = request.first()
        event = application_transition(application=locked, to_status=Status.IN_REVIEW, actor=owner)
        number = locked.replies.count() + 1
        attachments = [document.entry() for document in unique]
        payload = {
            "schema": "portal.reply/1",
            "procedure": locked.procedure,
            "reference": locked.reference,
            "reply_number": number,
            "replied_at": timezone.localtime(event.created_at).isoformat(timespec="seconds"),
            "language": locked.language,
            "in_reply_to": {
                "requested_at": timezone.localtime(asked.created_at if asked else event.created_at).isoformat(
                    timespec="seconds"
                ),
                "message": asked.message if asked else "",
            },
            "message": message.strip(),
            "attachments": attachments,
        }
        reply_payload_validate(payload)
        reply = Reply.objects.create(
            application=locked,
            event=event,
            number=number,
            message=message.strip(),
            attachments=attachments,
            payload=payload,
            submission_key=submission_key,
        )
        audit_record(
            action="applications.reply_sent",
            actor=owner,
            target=locked,
            details={"reply": number, "documents": len(attachments)},
        )
        application.status = locked.status
        transaction.on_commit(partial(reply_documents_forget, application=application))
    return reply, True
