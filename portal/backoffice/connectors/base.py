import hashlib
import json
from dataclasses import dataclass, field
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
    reference: str
    envelope: dict[str, Any]
    idempotency_key: str
    files: list[File] = field(default_factory=list)

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
