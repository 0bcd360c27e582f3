from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.applications.services import document_storage
from portal.crypto.services import encrypted_fields_reencrypt
from portal.crypto.storage import EncryptedFileSystemStorage


def encrypted_file_storages() -> dict[str, EncryptedFileSystemStorage]:
    """Where encrypted files are kept: documents sent, and uploads in progress (the wizard's file_storage)."""
    return {
        "documents": document_storage(),
        "uploads in progress": EncryptedFileSystemStorage(
            location=Path(settings.MEDIA_ROOT) / "uploads-in-progress"
        ),
    }


class Command(BaseCommand):
    help = (
        "Re-encrypt personal data and stored files written with an older key so that the newest key in "
        "FIELD_ENCRYPTION_KEYS protects everything. Safe to run while the portal is serving."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        changed = encrypted_fields_reencrypt(batch_size=batch_size)
        for label, count in changed.items():
            self.stdout.write(f"{label}: {count} value(s) re-encrypted")
        files = 0
        for label, storage in encrypted_file_storages().items():
            result = storage.reencrypt()
            files += result.reencrypted
            self.stdout.write(f"{label}: {result.reencrypted} file(s) re-encrypted")
            if result.unreadable:
                self.stderr.write(
                    self.style.WARNING(
                        f"{label}: {result.unreadable} file(s) cannot be decrypted with any configured key "
                        "(written before encryption, or with a key that was removed); left as they are."
                    )
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {sum(changed.values())} value(s) re-encrypted. {files} file(s) re-encrypted."
            )
        )
