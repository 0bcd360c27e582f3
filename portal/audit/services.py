"""Writing to the audit trail. The only way an ``AuditEvent`` comes into being."""

import ipaddress
import json
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from portal.audit.hashing import GENESIS_HASH, event_digest
from portal.audit.models import AuditEvent
from portal.core.http import client_ip

# Any constant shared by every writer; it names the PostgreSQL advisory lock that serialises the chain.
_CHAIN_LOCK_ID = 0x41554454  # "AUDT"


def _normalised_ip(ip: str | None) -> str | None:
    if not ip:
        return None
    try:
        return ipaddress.ip_address(ip).compressed
    except ValueError:
        return None


def _actor_label(user: AbstractBaseUser | None) -> str:
    # A label that identifies staff by their work address; citizens only by account number, because the
    # trail is kept longer than their personal data.
    if user is None or not user.is_authenticated:
        return "anonymous"
    if getattr(user, "is_staff_member", False):
        return f"staff:{user.get_username()}"
    return f"user:{user.pk}"


def audit_record(
    *,
    action: str,
    actor: AbstractBaseUser | None = None,
    on_behalf_of: AbstractBaseUser | None = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the trail, chained to the previous one.

    ``details`` must not hold personal data (names, codes, answers): the trail outlives the retention
    period of the data it mentions. Runs in the caller's transaction, so an action that is rolled back
    leaves no audit event behind. On PostgreSQL an advisory transaction lock serialises writers, so two
    events can never claim the same predecessor (the unique ``previous_hash`` would refuse it anyway).
    """
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    # Round-trip through JSON so the stored details hash the same when read back.
    clean_details = DjangoJSONEncoder().encode(details or {})
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
        last = AuditEvent.objects.order_by("-sequence").only("sequence", "hash").first()
        event = AuditEvent(  # type: ignore[misc]  # actor types: any user model instance
            sequence=(last.sequence + 1) if last else 1,
            created_at=timezone.now(),
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_label=_actor_label(actor),
            on_behalf_of=on_behalf_of,
            action=action,
            object_type=target._meta.label if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            ip_address=_normalised_ip(client_ip(request)) if request is not None else None,
            details=json.loads(clean_details),
            previous_hash=last.hash if last else GENESIS_HASH,
        )
        event.hash = event_digest(event)
        event.save(force_insert=True)
    return event
