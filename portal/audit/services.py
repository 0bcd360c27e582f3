"""Writing to the audit trail: recording events (the only way an ``AuditEvent`` comes into being) and
sealing them into the chain."""

import ipaddress
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from portal.audit.hashing import GENESIS_HASH, seal_hash
from portal.audit.models import AuditEvent, AuditSeal, UnsealedEvent
from portal.core.http import client_ip

# Names the PostgreSQL advisory lock that lets one sealer at a time extend the chain. Only the sealer
# takes it: writers never wait for it.
SEALER_LOCK_ID = 0x41554454  # "AUDT"


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
    """Append one event to the trail. It is chained later, by ``audit_seal``.

    ``details`` must not hold personal data (names, codes, answers): the trail outlives the retention
    period of the data it mentions. Runs in the caller's transaction, so an action that is rolled back
    leaves no audit event behind. Takes no lock: a plain insert, so concurrent requests never wait for
    each other here (a trigger puts the event on the sealer's list in the same transaction).
    """
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    # Round-trip through JSON so the event holds what the database will give back.
    clean_details = DjangoJSONEncoder().encode(details or {})
    event = AuditEvent(  # type: ignore[misc]  # actor types: any user model instance
        created_at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=_actor_label(actor),
        on_behalf_of=on_behalf_of,
        action=action,
        object_type=target._meta.label if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        ip_address=_normalised_ip(client_ip(request)) if request is not None else None,
        details=json.loads(clean_details),
    )
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class SealReport:
    sealed: int
    busy: bool = False  # another sealer held the lock: nothing was done, and nothing needed to be


def _sealer_lock() -> bool:
    """Try, without waiting, to become the only sealer until the end of the current transaction."""
    if connection.vendor != "postgresql":
        return True  # SQLite (development) runs one writing transaction at a time anyway
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SEALER_LOCK_ID])
        return bool(cursor.fetchone()[0])


def _seal_batch(*, key: str, batch_size: int) -> int:
    # The list holds exactly the committed events not sealed yet: a list row commits with its event.
    # An event committed late (a lower id than some already sealed) is simply sealed in a later round.
    event_ids = list(
        UnsealedEvent.objects.order_by("event_id").values_list("event_id", flat=True)[:batch_size]
    )
    if not event_ids:
        return 0
    head = AuditSeal.objects.order_by("-sequence").only("sequence", "hash").first()
    sequence, previous_hash = (head.sequence, head.hash) if head else (0, GENESIS_HASH)
    now = timezone.now()
    seals = []
    # Hash what the database holds (JSON and times as read back), exactly what verification reads.
    for event in AuditEvent.objects.filter(pk__in=event_ids).order_by("pk"):
        sequence += 1
        digest = seal_hash(key=key, sequence=sequence, previous_hash=previous_hash, event=event)
        seals.append(
            AuditSeal(sequence=sequence, event=event, previous_hash=previous_hash, hash=digest, sealed_at=now)
        )
        previous_hash = digest
    AuditSeal.objects.bulk_create(seals)
    UnsealedEvent.objects.filter(event_id__in=event_ids).delete()
    return len(seals)


def audit_seal(*, key: str | None = None, batch_size: int = 2000) -> SealReport:
    """Chain every event committed so far, in batches of ``batch_size``, each in its own transaction.

    One sealer at a time (a PostgreSQL advisory lock that only sealers take); a second one returns at
    once with ``busy``. The unique place and hashes of the seals would refuse a second chain anyway.
    """
    key = key if key is not None else settings.AUDIT_CHAIN_KEY
    sealed = 0
    while True:
        with transaction.atomic():
            if not _sealer_lock():
                return SealReport(sealed=sealed, busy=sealed == 0)
            batch = _seal_batch(key=key, batch_size=batch_size)
        if batch == 0:
            return SealReport(sealed=sealed)
        sealed += batch
