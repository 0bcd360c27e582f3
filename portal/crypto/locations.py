"""Every place on disk where the portal keeps files encrypted with ``FIELD_ENCRYPTION_KEYS``, named once.

The storages that write the files and ``manage.py reencrypt_fields`` both read this list: a file kept
anywhere else would be missed by key rotation and lost when the old key is removed. A new kind of
encrypted file gets a member here and its storage from :func:`encrypted_storage`, never a path of its own.

Not ``settings.STORAGES``: Django builds those once per process, while these follow ``MEDIA_ROOT`` at
the time of the call.
"""

from enum import StrEnum
from pathlib import Path

from django.conf import settings

from portal.crypto.storage import EncryptedFileSystemStorage


class EncryptedLocation(StrEnum):
    """A directory under ``MEDIA_ROOT`` whose files are Fernet tokens."""

    # Documents people sent with their applications: ``<draft id>/<sha256>``; with their replies to a
    # request for more information: ``replies/<application id>/<sha256>``.
    DOCUMENTS = "documents"
    # The wizard's uploads, until the application is sent or the draft is deleted; a reply's documents
    # while its form is being corrected (``replies/<application id>/<submission key>/``).
    UPLOADS_IN_PROGRESS = "uploads-in-progress"
    # What the portal issues: receipts, the institutions' decisions, letters: ``<application id>/...``.
    ISSUED = "issued"


def encrypted_storage(location: EncryptedLocation) -> EncryptedFileSystemStorage:
    """The private, encrypted storage of ``location`` under the current ``MEDIA_ROOT``."""
    return EncryptedFileSystemStorage(location=Path(settings.MEDIA_ROOT) / location.value)
