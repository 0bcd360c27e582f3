from celery import shared_task

from portal.backoffice.services import dead_deliveries_digest

# Delivery attempts and the sweeper are steps of the order after Send: portal.pipeline.tasks.


@shared_task(name="portal.backoffice.tasks.dead_digest", soft_time_limit=50, time_limit=60)
def dead_digest() -> None:
    dead_deliveries_digest()
