from typing import Any

from celery import shared_task

from portal.backoffice.services import dead_deliveries_digest, deliveries_sweep, delivery_attempt
from portal.core.queue import queued_taken


@shared_task(name="portal.backoffice.tasks.deliver", soft_time_limit=120, time_limit=150)
def deliver(delivery_id: Any) -> None:
    queued_taken("portal.backoffice.tasks.deliver", delivery_id)
    delivery_attempt(delivery_id=delivery_id)


@shared_task(name="portal.backoffice.tasks.sweep", soft_time_limit=50, time_limit=60)
def sweep() -> None:
    deliveries_sweep()


@shared_task(name="portal.backoffice.tasks.dead_digest", soft_time_limit=50, time_limit=60)
def dead_digest() -> None:
    dead_deliveries_digest()
