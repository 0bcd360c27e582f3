import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class TemporaryFailure(Exception):
    """Worth retrying: the institution's side is down, slow or busy."""


class PermanentFailure(Exception):
    """Retrying will not help (refused as invalid, misconfigured): an administrator must look at it."""


@dataclass(frozen=True)
class File:
    name: str
    content: bytes
    content_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Package:
    """What one delivery carries: an application (schema ``portal.application/1``), or a later reply of
    its applicant (``portal.reply/1``) with the documents that came with it."""

    class Kind(StrEnum):
        APPLICATION = "application"
        REPLY = "reply"

    reference: str  # the application's
    envelope: dict[str, Any]
    idempotency_key: str
    files: list[File] = field(default_factory=list)
    # What the institution files it under: empty for the application (its reference), else
    # "<reference>-reply-<n>".
    name: str = ""
    kind: Kind = Kind.APPLICATION

    @property
    def file_as(self) -> str:
        return self.name or self.reference

    def envelope_bytes(self) -> bytes:
        return json.dumps(self.envelope, ensure_ascii=False, indent=2, sort_keys=True).encode()


class Connector(Protocol):
    name: str

    def deliver(self, package: Package, options: dict[str, Any], secret: str) -> str:
        """Deliver; returns the institution's reference. Raises TemporaryFailure or PermanentFailure."""
        ...

    def check_config(self, options: dict[str, Any], secret: str) -> list[str]:
        """Problems an administrator should fix (empty when the connector is ready)."""
        ...
