from portal.crypto.locations import EncryptedLocation, encrypted_storage
from portal.crypto.storage import EncryptedFileSystemStorage


def issued_storage() -> EncryptedFileSystemStorage:
    """Private, encrypted storage of the documents the portal issues (never served directly)."""
    return encrypted_storage(EncryptedLocation.ISSUED)
