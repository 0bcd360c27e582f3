"""Sending notifications on the ``notify`` queue, and the only place that queues them.

``portal.notifications.services`` records and sends; it never queues a task, so this module may import
it without the services importing their own tasks back.
"""

import datetime
from functools import partial
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.applications.models import ApplicationEvent
from portal.core.queue import enqueue, enqueue_once, queued_taken
from portal.notifications.models import Notification
from portal.notifications.services import notification_send, notifications_due, notifications_plan


@shared_task(name="portal.notifications.tasks.send", soft_time_limit=60, time_limit=90)
def send(notification_id: Any) -> None:
    """Send one notification. A failed email records when to try again; the sweeper queues it then (a
    Celery countdown would be lost with the worker, and eager mode would retry at once)."""
    queued_taken("portal.notifications.tasks.send", notification_id)
    notification_send(notification_id=notification_id)


@shared_task(name="portal.notifications.tasks.sweep", soft_time_limit=50, time_limit=60)
def sweep() -> None:
    notifications_sweep()


def notifications_queue(*, event: ApplicationEvent) -> list[Notification]:
    """Record who must hear about ``event`` (call inside the transaction that wrote it); each is sent
    once that transaction commits, so no email tells of a change that was rolled back."""
    planned = notifications_plan(event=event)
    for notification in planned:
        transaction.on_commit(partial(enqueue, send, str(notification.pk)))
    return planned


def notifications_sweep(*, now: datetime.datetime | None = None) -> int:
    """Every minute: queue what is due again (a failed email whose wait is over, a lost message)."""
    hold = settings.BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS
    due = notifications_due(now=now or timezone.now())
    return sum(enqueue_once(send, str(pk), hold_seconds=hold) for pk in due)
