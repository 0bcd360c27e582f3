"""The keys that protect personal data at rest.

``FIELD_ENCRYPTION_KEYS`` is a list of Fernet keys, newest first: values are written with the first key
and every key still decrypts, so a new key can be introduced without downtime and old values re-encrypted
afterwards (``manage.py reencrypt_fields``). ``BLIND_INDEX_KEY`` makes keyed hashes for lookups of values
that are stored encrypted (an eIDAS PersonIdentifier, a personal code).
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any configured key."""


@cache
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: personal data cannot be stored.")
    try:
        fernets = [Fernet(key.encode()) for key in keys]
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must hold url-safe base64-encoded 32-byte Fernet keys."
        ) from exc
    return MultiFernet(fernets), fernets[0]


def _current() -> tuple[MultiFernet, Fernet]:
    return _fernets(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    """Encrypt with the newest key; the token carries a timestamp and an authentication tag."""
    return _current()[0].encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    """Decrypt with whichever configured key made the token."""
    try:
        return _current()[0].decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("The value was encrypted with a key that is no longer configured.") from exc


def encrypt_bytes(plaintext: bytes) -> bytes:
    """Like :func:`encrypt`, for file content: bytes in, an (ASCII) token out."""
    return _current()[0].encrypt(plaintext)


def decrypt_bytes(token: bytes) -> bytes:
    """Like :func:`decrypt`, for file content."""
    try:
        return _current()[0].decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError("The file was encrypted with a key that is no longer configured.") from exc


def is_current(token: str | bytes) -> bool:
    """True when the token was made with the newest key (nothing to re-encrypt)."""
    try:
        _current()[1].decrypt(token.encode() if isinstance(token, str) else token)
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """Re-encrypt a token with the newest key."""
    try:
        return _current()[0].rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("The value was encrypted with a key that is no longer configured.") from exc


def rotate_bytes(token: bytes) -> bytes:
    """Re-encrypt a file's token with the newest key."""
    try:
        return _current()[0].rotate(token)
    except InvalidToken as exc:
        raise DecryptionError("The file was encrypted with a key that is no longer configured.") from exc


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed hash of ``value`` for equality lookups; ``purpose`` separates unrelated indexes."""
    key = settings.BLIND_INDEX_KEY.encode()
    if not key:
        raise ImproperlyConfigured("BLIND_INDEX_KEY is empty.")
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
