"""The outbox: delivery rows made with the application, attempts that lock them, retries, the sweeper.

The database is the source of truth. A delivery is claimed by moving it to ``in_progress`` under a row
lock (``skip_locked``: a second worker walks on), the connector is called outside the transaction, and
the outcome is recorded under the lock again. A worker that dies leaves the row ``in_progress``; the
sweeper hands it out again after ``BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS``, with the same idempotency
key, so the institution sees one case.

This module only delivers: it never renders a document, queues a task or changes an application's
status. What comes before and after a delivery (the receipt; "received" once every delivery is
through) and the queueing of attempts belong to ``portal.pipeline.tasks``.
"""

import datetime
import logging
import random
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.applications.models import Application, Reply
from portal.applications.replies import reply_document_path
from portal.applications.services import document_storage
from portal.audit.services import audit_record
from portal.backoffice.connectors import Package, PermanentFailure, TemporaryFailure, connector_get
from portal.backoffice.connectors.base import File
from portal.backoffice.models import Delivery, DeliveryRoute
from portal.documents.models import Document
from portal.documents.services import document_content

logger = logging.getLogger(__name__)


def routes_for(*, procedure: str) -> list[tuple[str, DeliveryRoute | None]]:
    """The connectors an application of ``procedure`` goes to; the file drop when none is configured."""
    routes = list(DeliveryRoute.objects.filter(procedure=procedure, active=True))
    if routes:
        return [(route.connector, route) for route in routes]
    return [("filedrop", None)]


def route_settings(delivery: Delivery) -> tuple[dict[str, Any], str]:
    if delivery.route is not None:
        return dict(delivery.route.options), delivery.route.secret
    return {"directory": str(settings.BACKOFFICE_OUTBOX_DIR)}, ""


def deliveries_create(*, application: Application, reply: Reply | None = None) -> list[Delivery]:
    """Called inside the submit (or reply) transaction: the outbox rows exist exactly when the application
    (or the applicant's reply) does. A reply goes the way its application went."""
    now = timezone.now()
    return [
        Delivery.objects.create(
            application=application, reply=reply, route=route, connector=name, next_attempt_at=now
        )
        for name, route in routes_for(procedure=application.procedure)
    ]


def _reply_package(delivery: Delivery, reply: Reply) -> Package:
    storage = document_storage()
    files = []
    for entry in reply.attachments:
        path = reply_document_path(application_id=reply.application_id, sha256=entry["sha256"])
        with storage.open(path) as stored:
            files.append(
                File(f"{entry['sha256'][:12]}-{entry['name']}", stored.read(), entry["content_type"])
            )
    return Package(
        reference=delivery.application.reference,
        envelope=reply.payload,
        idempotency_key=str(delivery.idempotency_key),
        files=files,
        name=f"{delivery.application.reference}-reply-{reply.number}",
        kind=Package.Kind.REPLY,
    )


def _package(delivery: Delivery) -> Package | None:
    if delivery.reply is not None:
        return _reply_package(delivery, delivery.reply)
    application = delivery.application
    receipt = Document.objects.filter(application=application, kind=Document.Kind.RECEIPT).first()
    if receipt is None:
        return None  # the pipeline queues the deliveries again once the receipt exists
    files = [File(receipt.file_name, document_content(receipt), receipt.content_type)]
    storage = document_storage()
    for entry in application.payload.get("attachments", []):
        with storage.open(f"{application.source_draft}/{entry['sha256']}") as stored:
            files.append(
                File(f"{entry['sha256'][:12]}-{entry['name']}", stored.read(), entry["content_type"])
            )
    return Package(
        reference=application.reference,
        envelope=application.payload,
        idempotency_key=str(delivery.idempotency_key),
        files=files,
    )


def _backoff(attempts: int) -> datetime.timedelta:
    base = settings.BACKOFFICE_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    seconds = min(base, settings.BACKOFFICE_RETRY_MAX_SECONDS)
    return datetime.timedelta(seconds=seconds * random.uniform(0.8, 1.2))  # noqa: S311 - jitter, not secrecy


def _claim(delivery_id: Any) -> Delivery | None:
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("application", "route", "reply")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status not in (Delivery.Status.PENDING, Delivery.Status.FAILED):
            return None
        if delivery.next_attempt_at > now:
            return None
        delivery.status = Delivery.Status.IN_PROGRESS
        delivery.started_at = now
        delivery.attempts += 1
        delivery.save(update_fields=["status", "started_at", "attempts"])
    return delivery


def _record(delivery: Delivery, **changes: Any) -> Delivery:
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status == Delivery.Status.DELIVERED:
            return locked  # a sweeper-started twin finished first; never undo a delivery
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
    return locked


def delivery_attempt(*, delivery_id: Any) -> Delivery | None:
    """One attempt: claim the row, call the connector, record the outcome."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return None
    package = _package(delivery)
    if package is None:
        return _record(delivery, status=Delivery.Status.PENDING, attempts=delivery.attempts - 1)
    options, secret = route_settings(delivery)
    try:
        remote = connector_get(delivery.connector).deliver(package, options, secret)
    except PermanentFailure as exc:
        return _failed(delivery, str(exc), permanent=True)
    except TemporaryFailure as exc:
        return _failed(delivery, str(exc), permanent=False)
    except Exception as exc:  # a connector bug must not lose the delivery either
        logger.exception("connector %s crashed", delivery.connector)
        return _failed(delivery, f"{delivery.connector}: {exc.__class__.__name__}", permanent=False)
    delivered = _record(
        delivery,
        status=Delivery.Status.DELIVERED,
        delivered_at=timezone.now(),
        remote_reference=remote,
        last_error="",
    )
    audit_record(action="backoffice.delivered", target=delivery.application)
    return delivered


def _failed(delivery: Delivery, error: str, *, permanent: bool) -> Delivery:
    dead = permanent or delivery.attempts >= settings.BACKOFFICE_MAX_ATTEMPTS
    logger.warning("delivery %s attempt %s failed: %s", delivery.pk, delivery.attempts, error)
    recorded = _record(
        delivery,
        status=Delivery.Status.DEAD if dead else Delivery.Status.FAILED,
        last_error=error[:1000],
        next_attempt_at=timezone.now() + _backoff(delivery.attempts),
    )
    if dead:
        audit_record(action="backoffice.delivery_dead", target=delivery.application)
    return recorded


def delivery_reopen(*, delivery: Delivery, actor: Any = None) -> Delivery:
    """An administrator's "retry now": a dead or failed delivery gets a fresh round of attempts, due at
    once (``portal.pipeline.services.delivery_retry_now`` queues the attempt)."""
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status in (Delivery.Status.DEAD, Delivery.Status.FAILED):
            locked.status = Delivery.Status.PENDING
            locked.attempts = 0
            locked.next_attempt_at = timezone.now()
            locked.save(update_fields=["status", "attempts", "next_attempt_at"])
            audit_record(action="backoffice.retry_requested", actor=actor, target=locked.application)
    return locked


def deliveries_release_stuck(*, now: datetime.datetime) -> int:
    """Attempts that never finished (the worker stopped) are due again, with the same idempotency key."""
    stale = now - datetime.timedelta(seconds=settings.BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS)
    released = Delivery.objects.filter(status=Delivery.Status.IN_PROGRESS, started_at__lt=stale).update(
        status=Delivery.Status.FAILED,
        next_attempt_at=now,
        last_error="the attempt did not finish (worker stopped)",
    )
    if released:
        logger.warning("sweeper released %s stuck deliveries", released)
    return released


def dead_deliveries_digest() -> int:
    """The daily email to administrators listing deliveries that need attention (no personal data)."""
    from django.core.mail import mail_admins

    dead = list(Delivery.objects.filter(status=Delivery.Status.DEAD).select_related("application", "reply"))
    if not dead:
        return 0
    lines = [
        f"{d.application.reference}{f' reply {d.reply.number}' if d.reply else ''}  {d.connector}  "
        f"attempts={d.attempts}  {d.last_error}"
        for d in dead
    ]
    mail_admins(
        subject=f"{len(dead)} deliveries need attention",
        message="Deliveries that failed for good (retry them in admin):\n\n" + "\n".join(lines) + "\n",
    )
    return len(dead)
