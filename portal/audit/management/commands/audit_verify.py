from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Verify the audit trail: the keyed hash chain, the signed checkpoints of its head (from "
        "AUDIT_CHECKPOINT_FILE, or a file of log lines given with --checkpoints) and the sealer's backlog. "
        "Exits non-zero and says what is wrong if anything is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints",
            type=Path,
            help="checkpoints to check instead of AUDIT_CHECKPOINT_FILE, e.g. an extract of the log store",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify(checkpoint_file=options["checkpoints"])
        if not report.intact:
            raise CommandError(
                "Audit trail check failed:\n"
                + "\n".join(f"- {problem}" for problem in report.problems)
                + f"\n{report.checked} sealed event(s) verified in chain order up to there."
            )
        if not report.checkpoint_file_found:
            self.stdout.write(self.style.WARNING("No checkpoint file found: only the chain was checked."))
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.checked} event(s) verified, {report.checkpoints} checkpoint(s) "
                f"match, {report.unsealed} recent event(s) waiting to be sealed."
            )
        )
