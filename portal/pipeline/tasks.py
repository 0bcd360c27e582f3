"""The order after Send, in one place: the certificate, the receipt, then the deliveries, then "received".

1. ``receipt`` issues the certificate the procedure gives at Send, if any (a provisional replacement
   certificate: the person needs it now), then renders the receipt (documents), then queues an attempt
   for each delivery.
2. ``deliver`` makes one attempt (backoffice); when every delivery of the application is through,
3. the application becomes "received" (applications), and that status change tells the applicant
   (notifications queues the email or letter once it commits).

Rendering never delivers and delivering never renders: documents, backoffice and notifications each do
their one thing and queue nothing that comes after it; only this module knows what comes next.

The database is the source of truth. A message may be lost, repeated or late: each step reads the state,
is idempotent and records its outcome. ``sweep`` (every minute, from beat) queues again what a lost
message or a stopped worker left behind: step 1 until the receipt exists, and a certificate that failed
(it never holds up the receipt and the deliveries) for a day after Send (``CERTIFICATE_RETRY_SECONDS``).
Tasks are named after this module; messages queued under the former names (``portal.documents.tasks.
receipt``, ``portal.backoffice.tasks.deliver``) are dropped as unknown by the workers and queued again by
the sweeper from the database.
"""

import contextlib
import datetime
import logging
from typing import Any

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from portal.applications.models import Application
from portal.applications.services import TransitionNotAllowed, application_transition
from portal.applications.states import Status
from portal.backoffice.models import Delivery
from portal.backoffice.selectors import (
    applications_waiting_for_receipt,
    deliveries_all_delivered,
    deliveries_due,
)
from portal.backoffice.services import deliveries_release_stuck, delivery_attempt
from portal.core.queue import enqueue, enqueue_once, queued_taken
from portal.documents.selectors import applications_missing_certificate
from portal.documents.services import certificate_render, receipt_render

logger = logging.getLogger(__name__)


# Two PDFs at most (a certificate and the receipt).
@shared_task(name="portal.pipeline.tasks.receipt", soft_time_limit=90, time_limit=120)
def receipt(application_id: Any) -> None:
    """Step 1: the certificate issued at Send, if any, and the receipt (each rendered once), then the
    deliveries, which send the receipt along."""
    queued_taken("portal.pipeline.tasks.receipt", application_id)
    try:
        certificate_render(application_id=application_id)
    except Exception:
        logger.exception("certificate of application %s failed; the sweeper tries it again", application_id)
    receipt_render(application_id=application_id)
    deliveries_queue(application_id=application_id)


@shared_task(name="portal.pipeline.tasks.deliver", soft_time_limit=120, time_limit=150)
def deliver(delivery_id: Any) -> None:
    """Step 2: one attempt at one delivery; the last one through makes the application received."""
    queued_taken("portal.pipeline.tasks.deliver", delivery_id)
    delivery = delivery_attempt(delivery_id=delivery_id)
    if delivery is not None and delivery.status == Delivery.Status.DELIVERED:
        application_received(application_id=delivery.application_id)


@shared_task(name="portal.pipeline.tasks.certificate", soft_time_limit=60, time_limit=90)
def certificate(application_id: Any) -> None:
    """Step 1 again, for a certificate alone: its first rendering failed or was lost."""
    queued_taken("portal.pipeline.tasks.certificate", application_id)
    certificate_render(application_id=application_id)


@shared_task(name="portal.pipeline.tasks.sweep", soft_time_limit=50, time_limit=60)
def sweep() -> None:
    pipeline_sweep()


def pipeline_start(application_id: Any) -> bool:
    """After Send commits. Never fails the person's Send: a broker that is down only delays the receipt
    (the sweeper queues it)."""
    return enqueue(receipt, str(application_id))


def deliveries_queue(*, application_id: Any) -> int:
    """Queue an attempt for each delivery of the application that is due (a lost message is harmless:
    the sweeper queues it again)."""
    due = deliveries_due(now=timezone.now(), application_id=application_id)
    return sum(enqueue(deliver, str(delivery_id)) for delivery_id in due)


def application_received(*, application_id: Any) -> None:
    """Step 3: every delivery is through, so the institutions have the application."""
    if not deliveries_all_delivered(application_id=application_id):
        return
    application = Application.objects.get(pk=application_id)
    if application.status == Status.SUBMITTED:
        with contextlib.suppress(TransitionNotAllowed):  # changed meanwhile (withdrawn): nothing to do
            application_transition(application=application, to_status=Status.RECEIVED)


def pipeline_sweep(*, now: datetime.datetime | None = None) -> int:
    """Every minute: release attempts a stopped worker left in progress, then queue the receipts and the
    deliveries that are due. Returns how many tasks it queued."""
    now = now or timezone.now()
    deliveries_release_stuck(now=now)
    hold = settings.BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS
    queued = sum(
        enqueue_once(receipt, str(application_id), hold_seconds=hold)
        for application_id in applications_waiting_for_receipt()
    )
    queued += sum(
        enqueue_once(deliver, str(delivery_id), hold_seconds=hold)
        for delivery_id in deliveries_due(now=now, receipt_issued=True)
    )
    since = now - datetime.timedelta(seconds=settings.CERTIFICATE_RETRY_SECONDS)
    queued += sum(
        enqueue_once(certificate, str(application_id), hold_seconds=hold)
        for application_id in applications_missing_certificate(since=since)
    )
    return queued
