import logging

from celery import shared_task
from django.core.mail import mail_admins

from portal.audit.selectors import audit_chain_verify

logger = logging.getLogger(__name__)


@shared_task(name="portal.audit.tasks.audit_chain_verify")
def audit_chain_verify_task() -> bool:
    """Nightly check of the audit chain; administrators are told at once when it is broken."""
    report = audit_chain_verify()
    if not report.intact:
        message = f"Audit trail broken at event #{report.broken_at}: {report.reason}."
        logger.error(message)
        mail_admins("Audit trail integrity check failed", message)
    return report.intact
