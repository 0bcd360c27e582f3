"""The hash that chains audit events: SHA-256 over a canonical JSON of the event and the previous hash."""

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portal.audit.models import AuditEvent

GENESIS_HASH = "0" * 64


def event_digest(event: "AuditEvent") -> str:
    document: dict[str, Any] = {
        "sequence": event.sequence,
        "created_at": event.created_at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "on_behalf_of": event.on_behalf_of_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "ip_address": event.ip_address,
        "details": event.details,
        "previous_hash": event.previous_hash,
    }
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
