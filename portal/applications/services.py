"""Drafts and applications: every write goes through these functions."""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from portal.accounts.models import User
from portal.applications.models import Application, ApplicationEvent, Draft, ReferenceCounter
from portal.applications.states import Status, transition_allowed
from portal.audit.services import audit_record
from portal.crypto.locations import EncryptedLocation, encrypted_storage
from portal.crypto.storage import EncryptedFileSystemStorage
from portal.documents.filenames import document_filename
from portal.institutions.models import Institution
from portal.notifications.tasks import notifications_queue

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "envelope-v1.json"


class TransitionNotAllowed(Exception):
    """An operator-facing error: the status change breaks the state machine."""

    def __init__(self, reference: str, current: str, target: str) -> None:
        self.current = current
        self.target = target
        super().__init__(f"{reference}: {current} -> {target} is not allowed")


@dataclass(frozen=True)
class Submission:
    """What a procedure hands over when a draft is sent."""

    reference_prefix: str
    beneficiary: dict[str, Any]
    answers: dict[str, Any]
    institution: dict[str, str]
    # Who filed it and in which role (self, parent, guardian, employer_representative, caseworker).
    filed_by: dict[str, Any] = field(default_factory=lambda: {"role": "self"})
    # A parent, guardian or authorised person who signs for the beneficiary: names and ``basis``.
    representative: dict[str, Any] | None = None
    # Where news of the application goes when it is not the beneficiary's own details (a child's
    # application: the parent's e-mail, phone and address; filed at an office: the address, e-mail and
    # language of letters the person gave there); None: the beneficiary block's.
    contact: dict[str, Any] | None = None
    sed_hints: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    level_of_assurance: str = ""
    person_identifier: str = ""
    attachments: list[dict[str, str]] = field(default_factory=list)
    summary: list[dict[str, str]] = field(default_factory=list)  # label and value of every answer shown
    channel: str = "online"  # or "assisted": a caseworker filled it in with the person
    # How it was filled in on that channel (assisted: the identity document seen, when the declaration
    # was signed); the envelope keeps it under the channel's name.
    channel_details: dict[str, Any] | None = None


def _expiry(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(days=settings.DRAFT_RETENTION_DAYS)


def draft_start(*, owner: User, procedure: str) -> Draft:
    draft = Draft.objects.create(owner=owner, procedure=procedure, expires_at=_expiry(timezone.now()))
    return draft


def draft_step_save(*, draft: Draft, step: str, data: dict[str, Any], current_step: str) -> Draft:
    """Save one step's valid answers at once, so nothing typed on a completed page is ever lost."""
    draft.answers = {**draft.answers, step: data}
    draft.current_step = current_step
    draft.expires_at = _expiry(timezone.now())
    draft.save(update_fields=["answers", "current_step", "expires_at", "updated_at"])
    return draft


def draft_wizard_save(*, draft: Draft, data: dict[str, Any]) -> Draft:
    """Store the wizard's state (its validated steps) in the draft, and push its expiry back."""
    if draft.answers.get("wizard") == data:
        return draft
    now = timezone.now()
    draft.answers = {**draft.answers, "wizard": data}
    draft.current_step = str(data.get("step") or "")
    draft.expires_at = _expiry(now)
    # update(), not save(): once the draft has been sent (and deleted) this writes nothing.
    Draft.objects.filter(pk=draft.pk).update(
        answers=draft.answers, current_step=draft.current_step, expires_at=draft.expires_at, updated_at=now
    )
    return draft


def document_storage() -> EncryptedFileSystemStorage:
    """Private, encrypted storage of the documents sent with applications (``<draft id>/<sha256>``)."""
    return encrypted_storage(EncryptedLocation.DOCUMENTS)


def document_path(*, draft_id: Any, sha256: str) -> str:
    return f"{draft_id}/{sha256}"


def document_store(*, draft_id: Any, upload: File, content_type: str) -> dict[str, str]:
    """Keep an uploaded document, encrypted, under its checksum; returns its envelope entry."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    upload.seek(0)
    storage = document_storage()
    path = document_path(draft_id=draft_id, sha256=sha256)
    if not storage.exists(path):  # the same document sent twice: its checksum names it already
        storage.save(path, upload)
    return {
        "name": document_filename(upload.name or "", content_type),
        "sha256": sha256,
        "content_type": content_type,
    }


def draft_delete(*, draft: Draft, request: HttpRequest | None = None) -> None:
    """The owner deletes a draft (authorised by the caller, e.g. found through ``draft_of``)."""
    with transaction.atomic():
        audit_record(action="applications.draft_deleted", target=draft, request=request)
        draft.delete()


def drafts_purge_expired(*, now: datetime.datetime | None = None) -> int:
    deleted, _details = Draft.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def reference_next(*, prefix: str, year: int) -> str:
    """The next reference for a prefix and year; the counter row is locked, so no number repeats."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
        except IntegrityError:
            pass  # created concurrently by another submission
        counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{counter.last_number:06d}"


@cache
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text())


def envelope_validate(envelope: dict[str, Any]) -> None:
    jsonschema.validate(envelope, _schema(), format_checker=jsonschema.FormatChecker())


def application_create(
    *, draft_id: Any, owner: User, submission: Submission, language: str
) -> tuple[Application, bool]:
    """Turn a draft into an application, exactly once; ``True`` when this call created it.

    One transaction: the draft row is locked (``select_for_update``), so a double click or a second tab
    waits and then finds the application the first one created (``source_draft`` is unique). Send is
    ``portal.pipeline.services.application_submit``, which adds the delivery outbox to this transaction.
    """
    with transaction.atomic():
        existing = Application.objects.filter(source_draft=draft_id, applicant=owner).first()
        if existing is not None:
            return existing, False
        draft = Draft.objects.select_for_update().filter(pk=draft_id, owner=owner).first()
        if draft is None:
            existing = Application.objects.filter(source_draft=draft_id, applicant=owner).first()
            if existing is None:
                raise Draft.DoesNotExist(f"draft {draft_id} does not exist")
            return existing, False
        now = timezone.now()
        reference = reference_next(prefix=submission.reference_prefix, year=timezone.localdate(now).year)
        applicant: dict[str, Any] = dict(submission.beneficiary)
        if submission.person_identifier:
            applicant["eidas"] = {
                "person_identifier": submission.person_identifier,
                "loa": submission.level_of_assurance,
            }
        envelope = {
            "schema": "portal.application/1",
            "procedure": draft.procedure,
            "reference": reference,
            "submitted_at": timezone.localtime(now).isoformat(timespec="seconds"),
            "language": language,
            "channel": Application.Channel(submission.channel).value,
            "competent_institution": submission.institution,
            "applicant": applicant,
            "filed_by": submission.filed_by,
            "answers": submission.answers,
            "warnings": submission.warnings,
            "sed_hints": submission.sed_hints,
            "attachments": submission.attachments,
        }
        if submission.representative:
            envelope["representative"] = submission.representative
        if submission.channel_details:
            envelope[submission.channel] = submission.channel_details
        envelope_validate(envelope)
        application = Application.objects.create(
            reference=reference,
            procedure=draft.procedure,
            applicant=owner,
            beneficiary=submission.beneficiary,
            answers=draft.answers,
            payload=envelope,
            summary=submission.summary,
            level_of_assurance=submission.level_of_assurance,
            language=language,
            source_draft=draft.pk,
            submitted_at=now,
            channel=submission.channel,
            contact=dict(submission.contact or {}),
            # At an office the caseworker's account holds it until the person claims it.
            filed_by=owner if submission.channel == Application.Channel.ASSISTED else None,
        )
        event = ApplicationEvent.objects.create(
            application=application, to_status=Status.SUBMITTED, actor=owner
        )
        notifications_queue(event=event)  # sent once this commits
        audit_record(action="applications.submitted", actor=owner, target=application)
        draft.delete()
    return application, True


def application_transition(
    *,
    application: Application,
    to_status: str,
    actor: User | None = None,
    on_behalf_of: User | None = None,
    note: str = "",
    institution: Institution | None = None,
    message: str = "",
) -> ApplicationEvent:
    """Change the status if the state machine allows it, and tell the applicant.

    The application row is locked (``select_for_update``) while it changes, so two concurrent changes
    are checked one after the other against the state machine.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not transition_allowed(locked.status, to_status):
            raise TransitionNotAllowed(locked.reference, locked.status, to_status)
        event = ApplicationEvent.objects.create(
            application=locked,
            from_status=locked.status,
            to_status=to_status,
            actor=actor,
            on_behalf_of=on_behalf_of,
            note=note,
            institution=institution,
            message=message,
        )
        locked.status = to_status
        locked.save(update_fields=["status"])
        application.status = to_status
        notifications_queue(event=event)  # sent once this commits
    return event


def application_claim(
    *, application: Application, citizen: User, request: HttpRequest | None = None
) -> Application:
    """An application filed at an office joins the account of the person it is for: its ``applicant``
    becomes the citizen, so it is theirs to follow in "Your applications" (the caseworker who filed it
    stays in ``filed_by``). The caller has checked that the citizen is that person (the claim code of
    ``portal.assisted``); an application sent online is never moved to another account.

    The application row is locked (``select_for_update``), so two claims at once are made one after the
    other.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.channel != Application.Channel.ASSISTED:
            raise ValueError(f"{locked.reference}: only an application filed at an office can be claimed")
        previous = locked.applicant_id
        locked.applicant = citizen
        locked.save(update_fields=["applicant"])
        audit_record(
            action="applications.claimed",
            actor=citizen,
            target=locked,
            request=request,
            details={"previous_applicant": previous},
        )
    application.applicant = citizen
    return locked
