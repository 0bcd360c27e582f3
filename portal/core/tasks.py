from celery import shared_task
from django.core.management import call_command


@shared_task(name="portal.core.tasks.sessions_clear_expired")
def sessions_clear_expired() -> None:
    """Remove expired sessions from the database."""
    call_command("clearsessions")


@shared_task(name="portal.core.tasks.ping")
def ping() -> str:
    return "pong"
