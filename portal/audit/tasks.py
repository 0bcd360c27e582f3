import logging
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.mail import mail_admins

from portal.audit.checkpoints import checkpoint_write
from portal.audit.selectors import audit_chain_verify
from portal.audit.services import audit_seal

logger = logging.getLogger(__name__)


@shared_task(name="portal.audit.tasks.audit_seal")
def audit_seal_task() -> int:
    """Every few seconds (beat): chain the events recorded since the last run."""
    return audit_seal().sealed


@shared_task(name="portal.audit.tasks.audit_checkpoint")
def audit_checkpoint_task() -> int:
    """Every few minutes (beat): seal, then write a signed checkpoint of the chain's head outside the
    database (file and log)."""
    audit_seal()
    return checkpoint_write(key=settings.AUDIT_CHAIN_KEY, path=Path(settings.AUDIT_CHECKPOINT_FILE)).sequence


@shared_task(name="portal.audit.tasks.audit_chain_verify")
def audit_chain_verify_task() -> bool:
    """Nightly check of the audit chain, its checkpoints and the sealer's backlog; administrators are
    told at once when something is wrong."""
    report = audit_chain_verify()
    if not report.intact:
        message = "Audit trail check failed:\n" + "\n".join(f"- {problem}" for problem in report.problems)
        logger.error(message)
        mail_admins("Audit trail integrity check failed", message)
    return report.intact
