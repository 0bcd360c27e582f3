from pathlib import Path

from django.conf import settings

from portal.crypto.storage import EncryptedFileSystemStorage


def issued_storage() -> EncryptedFileSystemStorage:
    """Private, encrypted storage of the documents the portal issues (never served directly)."""
    return EncryptedFileSystemStorage(location=Path(settings.MEDIA_ROOT) / "issued")
