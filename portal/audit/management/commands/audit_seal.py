from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.audit.checkpoints import checkpoint_write
from portal.audit.services import audit_seal


class Command(BaseCommand):
    help = (
        "Chain the audit events not sealed yet (beat does it every few seconds), then write a signed "
        "checkpoint of the chain's head to AUDIT_CHECKPOINT_FILE and the log."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_seal()
        if report.busy:
            self.stdout.write("Another sealer is running; it seals the waiting events.")
        else:
            self.stdout.write(f"{report.sealed} audit event(s) sealed.")
        path = Path(settings.AUDIT_CHECKPOINT_FILE)
        checkpoint = checkpoint_write(key=settings.AUDIT_CHAIN_KEY, path=path)
        self.stdout.write(
            self.style.SUCCESS(f"Checkpoint of seal #{checkpoint.sequence} written to {path} and the log.")
        )
