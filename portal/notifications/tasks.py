from typing import Any

from celery import shared_task

from portal.core.queue import queued_taken
from portal.notifications.services import notification_send, notifications_sweep


@shared_task(name="portal.notifications.tasks.send", soft_time_limit=60, time_limit=90)
def send(notification_id: Any) -> None:
    """Send one notification. A failed email records when to try again; the sweeper queues it then (a
    Celery countdown would be lost with the worker, and eager mode would retry at once)."""
    queued_taken("portal.notifications.tasks.send", notification_id)
    notification_send(notification_id=notification_id)


@shared_task(name="portal.notifications.tasks.sweep", soft_time_limit=50, time_limit=60)
def sweep() -> None:
    notifications_sweep()
