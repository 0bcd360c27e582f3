from typing import Any

from celery import shared_task

from portal.core.queue import queued_taken
from portal.documents.services import receipt_render


@shared_task(name="portal.documents.tasks.receipt", soft_time_limit=60, time_limit=90)
def receipt(application_id: Any) -> None:
    """Render the receipt, then hand the application to delivery (which sends the receipt along)."""
    queued_taken("portal.documents.tasks.receipt", application_id)
    receipt_render(application_id=application_id)
    from portal.backoffice.services import deliveries_enqueue

    deliveries_enqueue(application_id=application_id)
