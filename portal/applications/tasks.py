from celery import shared_task

from portal.applications.services import drafts_purge_expired


@shared_task(name="portal.applications.tasks.drafts_purge")
def drafts_purge() -> int:
    """Delete drafts nobody touched for DRAFT_RETENTION_DAYS."""
    return drafts_purge_expired()
