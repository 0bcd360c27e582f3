import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.crypto.services import encrypted_fields_reencrypt, encrypted_files_reencrypt
from portal.crypto.storage import Reencrypted


class Command(BaseCommand):
    help = (
        "Re-encrypt personal data in the database and every encrypted file under MEDIA_ROOT (documents "
        "sent, uploads in progress, receipts, decisions and letters) that an older key protects, so that "
        "the newest key in FIELD_ENCRYPTION_KEYS protects everything. Safe to run while the portal is "
        "serving, and to run again: what is current already is left alone. Prints counts, never data."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        media_root = Path(settings.MEDIA_ROOT)
        if not media_root.is_dir() or not os.access(media_root, os.W_OK | os.X_OK):
            # Where the media volume is not mounted (the migration job: an empty, read-only directory
            # from the image) this would re-encrypt the database only and report success; removing the
            # old key afterwards would lose every file.
            raise CommandError(
                f"MEDIA_ROOT ({media_root}) does not exist here or cannot be written. Run "
                "reencrypt_fields where the web and worker processes keep their files."
            )
        values = encrypted_fields_reencrypt(batch_size=batch_size)
        self._report(values, unit="value(s)")
        files = {f"MEDIA_ROOT/{name}": found for name, found in encrypted_files_reencrypt().items()}
        self._report(files, unit="file(s)")
        unreadable = sum(found.unreadable for found in [*values.values(), *files.values()])
        summary = (
            f"Done: {sum(found.reencrypted for found in values.values())} value(s) and "
            f"{sum(found.reencrypted for found in files.values())} file(s) re-encrypted; "
            f"{sum(found.current for found in values.values())} value(s) and "
            f"{sum(found.current for found in files.values())} file(s) were current already."
        )
        if unreadable:
            warning = f"{summary} {unreadable} could not be decrypted (see above)."
            self.stdout.write(self.style.WARNING(warning))
        else:
            self.stdout.write(self.style.SUCCESS(summary))

    def _report(self, found: dict[str, Reencrypted], *, unit: str) -> None:
        for label, result in found.items():
            self.stdout.write(
                f"{label}: {result.reencrypted} {unit} re-encrypted, {result.current} current already"
            )
            if result.unreadable:
                self.stderr.write(
                    self.style.WARNING(
                        f"{label}: {result.unreadable} {unit} cannot be decrypted with any configured key "
                        "(written before encryption, or with a key that was removed); left as they are."
                    )
                )
