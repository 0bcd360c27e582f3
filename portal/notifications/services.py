"""Telling the applicant about their application, in their language, without ever blocking anything.

``notifications_plan`` runs inside the transaction that records a status change; sending happens later on
the ``notify`` queue (``portal.notifications.tasks`` queues it; nothing here queues a task). An email
that fails is retried with backoff; the sweeper queues anything a lost message left behind. People
without an email address get a letter, made as a PDF and queued for printing.
"""

import datetime
import logging
import random
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries

from portal.accounts.selectors import Contact, contact_for
from portal.applications.models import Application, ApplicationEvent
from portal.applications.states import STATUS_EXPLAINED, Status
from portal.audit.services import audit_record
from portal.institutions.selectors import institution_shown
from portal.notifications.models import Notification
from procedures.engine.registry import registry

logger = logging.getLogger(__name__)


def notifications_plan(*, event: ApplicationEvent) -> list[Notification]:
    """Record who must hear about ``event``; call inside the transaction that wrote it. Returns the
    notifications recorded now (none when ``event`` had them already), for the caller to queue.

    One rule for both channels: every status change is told, "received by the institution" included
    (it is when the institution has the application; a delivery that waits for days makes it news), by
    e-mail when there is an address, otherwise by a letter. One exception: no letter says "we received
    your application" of an application filed at an office; the person took its receipt home.
    """
    application = event.application
    contact = application_contact(application)
    if contact.email:
        channel = Notification.Channel.EMAIL
    elif contact.address and not _handed_over(event):
        channel = Notification.Channel.LETTER
    else:
        return []
    notification, created = Notification.objects.get_or_create(
        event=event,
        channel=channel,
        defaults={
            "application": application,
            "language": contact.language,
            "next_attempt_at": timezone.now(),
        },
    )
    return [notification] if created else []


def _handed_over(event: ApplicationEvent) -> bool:
    return event.to_status == Status.SUBMITTED and event.application.channel == Application.Channel.ASSISTED


def application_contact(application: Application) -> Contact:
    """Where news of ``application`` goes: its applicant's account contact details (changed on the
    account page), else the contact the application gives (its ``contact``: filed at an office, the
    person's; a child's application, the parent's; else its beneficiary's), in the application's language.

    An application filed at an office is held by the caseworker's account until the person claims it
    with their eID: that account's details never apply to it, whatever the account holds."""
    given = application.contact or application.beneficiary
    return contact_for(user=_account_of(application), given=given, language=application.language)


def _account_of(application: Application) -> Any:
    """The account whose contact details apply to ``application``, if any."""
    applicant = application.applicant
    if applicant is None or application.channel != Application.Channel.ASSISTED:
        return applicant
    if applicant.pk == application.filed_by_id or applicant.is_staff_member:
        return None  # not claimed yet
    return applicant


def _backoff(attempts: int) -> datetime.timedelta:
    base = settings.NOTIFY_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(base, 6 * 60 * 60) * random.uniform(0.8, 1.2))  # noqa: S311 - jitter


def application_url(application: Application) -> str:
    path = reverse("applications:detail", kwargs={"application_id": application.pk})
    return f"{settings.PORTAL_SITE_URL.rstrip('/')}{path}"


def _site_url(path: str) -> str:
    return f"{settings.PORTAL_SITE_URL.rstrip('/')}{path}"


def _unclaimed(application: Application) -> bool:
    """An application filed at an office that the person has not yet added to their own account."""
    return application.channel == Application.Channel.ASSISTED and bool(
        getattr(application.applicant, "is_staff_member", False)
    )


def _context(notification: Notification) -> dict[str, Any]:
    application = notification.application
    event = notification.event
    procedure = registry.get(application.procedure)
    return {
        "application": application,
        "event": event,
        "procedure_title": procedure.title if procedure else application.procedure,
        "status_label": Status(event.to_status).label,
        "status_explained": STATUS_EXPLAINED[event.to_status],
        "is_submission": event.to_status == Status.SUBMITTED,
        "institution": institution_shown(snapshot=application.payload.get("competent_institution", {})),
        "url": application_url(application),
        # Filed at an office and not yet added to the person's account: the way in is the claim code.
        "claim_url": f"{settings.PORTAL_SITE_URL.rstrip('/')}{reverse('claim')}"
        if _unclaimed(application)
        else "",
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "contact_phone": settings.PORTAL_CONTACT_PHONE,
    }


def email_compose(notification: Notification) -> EmailMessage:
    """The email in the applicant's language. It names no personal detail beyond the reference: the
    institution's messages and decisions are read after signing in."""
    with translation.override(notification.language):
        context = _context(notification)
        reference = notification.application.reference
        if context["is_submission"]:
            subject = _("We received your application {reference}").format(reference=reference)
        else:
            subject = _("Your application {reference}: {status}").format(
                reference=reference, status=context["status_label"]
            )
        body = render_to_string("notifications/email.txt", context)
    domain = settings.PORTAL_SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "localhost"
    return EmailMessage(
        subject=subject,
        body=body,
        to=[application_contact(notification.application).email],
        # The same Message-ID on every attempt lets a mail system drop a copy sent twice.
        headers={"Message-ID": f"<{notification.pk}@{domain}>", "Auto-Submitted": "auto-generated"},
    )


def letter_render(notification: Notification) -> Any:
    from portal.documents.models import Document
    from portal.documents.services import document_issue, pdf_render

    application = notification.application
    with translation.override(notification.language):
        address = application_contact(application).address
        country = address.get("country", "")
        context = {
            **_context(notification),
            "address": address,
            "today": timezone.localdate(),
            "address_country": str(countries.name(country)) if country else "",
        }
        html = render_to_string("notifications/letter.html", context)
    pdf = pdf_render(html=html, language=notification.language)
    return document_issue(
        application=application,
        kind=Document.Kind.LETTER,
        content=pdf,
        file_name=f"{application.reference}-letter-{notification.event.to_status}.pdf",
    )


def notification_send(*, notification_id: Any) -> Notification | None:
    """Send one notification (or make its letter). Returns it with its new status, or ``None`` when it
    is done already or another worker holds it.

    As the delivery outbox does: the row is claimed in a short transaction (``skip_locked``, status
    "being sent", ``next_attempt_at`` = when the claim lapses), the letter is rendered or the mail server
    is talked to outside any transaction, and the outcome is recorded in a second short transaction. No
    row lock is held while SMTP or WeasyPrint work, so status changes and the admin never wait on them.

    At least once: a worker that stops after the mail server accepted the email but before the outcome
    is recorded leaves the claim to lapse; the sweeper then sends it again, with the same Message-ID so
    a mail system can drop the copy. A letter made twice so is printed once (the notification names one).
    """
    notification = _claim(notification_id)
    if notification is None:
        return None
    letter = None
    try:
        if notification.channel == Notification.Channel.LETTER:
            letter = letter_render(notification)
        else:
            email_compose(notification).send()
    except (smtplib.SMTPException, OSError) as error:
        return _failed(notification, error)
    except Exception as error:  # a template or PDF bug must not leave the claim to lapse silently
        logger.exception("notification %s could not be made", notification.pk)
        return _failed(notification, error)
    if letter is not None:
        return _record(notification, status=Notification.Status.TO_PRINT, letter=letter)
    return _record(notification, status=Notification.Status.SENT, sent_at=timezone.now())


def _claim(notification_id: Any) -> Notification | None:
    now = timezone.now()
    lapsed = Q(status=Notification.Status.SENDING, next_attempt_at__lte=now)
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("application", "event")
            .filter(Q(status__in=[Notification.Status.QUEUED, Notification.Status.FAILED]) | lapsed)
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            return None
        if notification.status == Notification.Status.SENDING:
            notification.last_error = "the attempt did not finish (worker stopped)"
            if notification.attempts >= settings.NOTIFY_MAX_ATTEMPTS:  # it stops every worker it meets
                notification.status = Notification.Status.DEAD
                notification.next_attempt_at = None
                notification.save(update_fields=["status", "next_attempt_at", "last_error"])
                return None
        notification.status = Notification.Status.SENDING
        notification.attempts += 1
        lease = datetime.timedelta(seconds=settings.BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS)
        notification.next_attempt_at = now + lease
        notification.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])
    return notification


_DONE = frozenset({Notification.Status.SENT, Notification.Status.TO_PRINT, Notification.Status.PRINTED})


def _record(notification: Notification, **changes: Any) -> Notification:
    """The outcome of an attempt, under the row lock for a moment; never undoes a twin's success."""
    with transaction.atomic():
        locked = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("application", "event")
            .get(pk=notification.pk)
        )
        if locked.status in _DONE:
            return locked  # a twin started after a lapsed claim finished first
        fields = {"status", "next_attempt_at", "last_error", *changes}
        changes = {"next_attempt_at": None, "last_error": "", **changes}
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=sorted(fields))
        if locked.status in _DONE:
            audit_record(action=f"notifications.{locked.channel}_{locked.status}", target=locked.application)
    return locked


def _failed(notification: Notification, error: Exception) -> Notification:
    # The class and SMTP code only: a mail server's message can quote the address.
    code = getattr(error, "smtp_code", "")
    last_error = f"{type(error).__name__} {code}".strip()
    dead = notification.attempts >= settings.NOTIFY_MAX_ATTEMPTS
    logger.warning(
        "notification %s failed (%s), attempt %s", notification.pk, last_error, notification.attempts
    )
    return _record(
        notification,
        status=Notification.Status.DEAD if dead else Notification.Status.FAILED,
        last_error=last_error,
        next_attempt_at=None if dead else timezone.now() + _backoff(notification.attempts),
    )


def notifications_due(*, now: datetime.datetime) -> list[Any]:
    """What must be sent now: failed emails whose wait is over, anything a lost message left, and
    attempts whose claim lapsed (their worker stopped)."""
    return list(
        Notification.objects.filter(
            status__in=[Notification.Status.QUEUED, Notification.Status.FAILED, Notification.Status.SENDING],
            next_attempt_at__lte=now,
        ).values_list("pk", flat=True)
    )


def letters_mark_printed(*, letters: QuerySet[Notification], actor: Any, request: Any = None) -> int:
    """The print room printed and posted these letters: each is marked with who and when, and audited.
    A letter marked already (by someone else meanwhile) is left as it is. Returns how many were marked."""
    with transaction.atomic():
        printed = 0
        chosen = list(letters.values_list("pk", flat=True))
        waiting = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("event", "application")
            .filter(pk__in=chosen, status=Notification.Status.TO_PRINT, channel=Notification.Channel.LETTER)
        )
        for notification in waiting:
            notification.status = Notification.Status.PRINTED
            notification.sent_at = timezone.now()
            notification.printed_by = actor
            notification.save(update_fields=["status", "sent_at", "printed_by"])
            audit_record(
                action="notifications.letter_printed",
                actor=actor,
                target=notification.application,
                request=request,
                details={"notification": str(notification.pk), "status": notification.event.to_status},
            )
            printed += 1
    return printed
