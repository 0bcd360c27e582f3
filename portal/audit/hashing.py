"""The keyed hash that chains audit events, and the signature of checkpoints of the chain's head.

A seal's hash is an HMAC-SHA256, keyed with ``AUDIT_CHAIN_KEY``, over a canonical JSON of the event, its
place in the chain and the previous seal's hash. Without the key nobody can give a changed event a hash
that verifies, however the rest of the chain is recomputed. Checkpoints are signed with the same key
under another purpose (Django's ``salted_hmac`` derives a separate key for each).
"""

import datetime
import json
from typing import Any

from django.utils.crypto import salted_hmac

GENESIS_HASH = "0" * 64
_CHAIN_PURPOSE = "portal.audit.chain"
_CHECKPOINT_PURPOSE = "portal.audit.checkpoint"


def canonical_json(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_document(event: Any) -> dict[str, Any]:
    """What a seal covers of an event: every column, as read back from the database."""
    return {
        "id": event.pk,
        "created_at": event.created_at.astimezone(datetime.UTC).isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "on_behalf_of": event.on_behalf_of_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "ip_address": event.ip_address,
        "details": event.details,
    }


def seal_hash(*, key: str, sequence: int, previous_hash: str, event: Any) -> str:
    """The hash of the seal at place ``sequence`` of the chain, for ``event`` (an ``AuditEvent``, or the
    historical model of a migration)."""
    message = canonical_json(
        {"sequence": sequence, "previous_hash": previous_hash, "event": event_document(event)}
    )
    return salted_hmac(_CHAIN_PURPOSE, message, secret=key, algorithm="sha256").hexdigest()


def checkpoint_signature(*, key: str, fields: dict[str, Any]) -> str:
    return salted_hmac(
        _CHECKPOINT_PURPOSE, canonical_json(fields), secret=key, algorithm="sha256"
    ).hexdigest()
