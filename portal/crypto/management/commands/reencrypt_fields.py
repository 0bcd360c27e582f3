from typing import Any

from django.core.management.base import BaseCommand

from portal.crypto.services import encrypted_fields_reencrypt


class Command(BaseCommand):
    help = (
        "Re-encrypt personal data written with an older key so that the newest key in "
        "FIELD_ENCRYPTION_KEYS protects everything. Safe to run while the portal is serving."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        changed = encrypted_fields_reencrypt(batch_size=batch_size)
        for label, count in changed.items():
            self.stdout.write(f"{label}: {count} value(s) re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Done: {sum(changed.values())} value(s) re-encrypted."))
