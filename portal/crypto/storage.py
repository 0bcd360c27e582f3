"""File storage that keeps every file encrypted on disk (Fernet over ``FIELD_ENCRYPTION_KEYS``).

``save()`` writes a token made with the newest key; ``open()`` returns the plaintext in memory, so this
storage never writes the plaintext to disk. Files are read whole: fine for uploads of a few megabytes.
Build storages through :mod:`portal.crypto.locations`, so that key rotation knows every place.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from portal.crypto import keyring


@dataclass
class Reencrypted:
    """What a re-encryption pass found in one place (a column or a directory)."""

    reencrypted: int = 0
    current: int = 0  # made with the newest key already
    unreadable: int = 0  # not a token of any configured key (an older key removed, or never encrypted)


class EncryptedFileSystemStorage(FileSystemStorage):
    """A private ``FileSystemStorage`` whose files hold Fernet tokens, never the plaintext."""

    def save(self, name: str | None, content: IO[Any], max_length: int | None = None) -> str:
        if name is None:
            name = str(getattr(content, "name", "") or "")
        chunks = content.chunks() if isinstance(content, File) else [content.read()]
        plaintext = b"".join(chunk.encode() if isinstance(chunk, str) else chunk for chunk in chunks)
        return super().save(name, ContentFile(keyring.encrypt_bytes(plaintext)), max_length=max_length)

    def open(self, name: str, mode: str = "rb") -> File:
        if mode != "rb":
            raise ValueError("Encrypted files can only be read; write them with save().")
        with super().open(name, "rb") as stored:
            token = stored.read()
        return ContentFile(keyring.decrypt_bytes(token), name=name)

    def size(self, name: str) -> int:
        # The token on disk is larger than the content.
        return len(self.open(name).read())

    def reencrypt(self) -> Reencrypted:
        """Re-encrypt files written with an older key with the newest one (atomically, file by file)."""
        result = Reencrypted()
        root = Path(self.location)
        if not root.is_dir():
            return result
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            try:
                token = path.read_bytes()
                permissions = path.stat().st_mode & 0o777
            except FileNotFoundError:
                continue  # deleted meanwhile (an upload in progress was sent or abandoned)
            if keyring.is_current(token):
                result.current += 1
                continue
            try:
                fresh = keyring.rotate_bytes(token)
            except keyring.DecryptionError:
                result.unreadable += 1
                continue
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".reencrypt-")
            try:
                with os.fdopen(handle, "wb") as new:
                    new.write(fresh)
                os.chmod(temporary, permissions)
                if not path.exists():
                    continue  # deleted meanwhile: an upload that was sent must not come back
                os.replace(temporary, path)
            finally:
                Path(temporary).unlink(missing_ok=True)  # gone already once it replaced the file
            result.reencrypted += 1
        return result
