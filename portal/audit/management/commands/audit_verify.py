from typing import Any

from django.core.management.base import BaseCommand, CommandError

from portal.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail and report the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.intact:
            raise CommandError(
                f"Audit trail broken at event #{report.broken_at}: {report.reason}. "
                f"{report.checked} event(s) before it are intact."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {report.checked} event(s) verified."))
