"""The keyed audit chain: events are sealed after they are written, by one sealer, instead of being
chained under a lock that every writer waited for.

- ``AuditSeal`` holds each event's place in the chain and its keyed hash (HMAC with AUDIT_CHAIN_KEY);
  on PostgreSQL the append-only trigger of migration 0002 refuses UPDATE and DELETE of seals as well.
- ``UnsealedEvent`` is the sealer's work list, filled by a trigger on every insert of an event, in the
  inserting transaction, whatever program inserts it.
- The existing events were chained with an unkeyed SHA-256 (``sequence``, ``previous_hash``, ``hash``).
  That chain is verified here first; if it is broken the migration stops, so that re-sealing never
  vouches for a trail that was already altered. If it is whole, every event is sealed into the keyed
  chain at its old place (seal #n is old event #n). Migration 0004 then drops the unkeyed columns.
"""

import hashlib
import json

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from portal.audit.hashing import GENESIS_HASH, seal_hash

POSTGRESQL_FORWARD = """
CREATE TRIGGER audit_seal_append_only
    BEFORE UPDATE OR DELETE ON audit_auditseal
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE OR REPLACE FUNCTION audit_event_to_seal() RETURNS trigger AS $$
BEGIN
    INSERT INTO audit_unsealedevent (event_id) VALUES (NEW.id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_to_seal
    AFTER INSERT ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_to_seal();
"""

POSTGRESQL_BACKWARD = """
DROP TRIGGER IF EXISTS audit_event_to_seal ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_to_seal();
DROP TRIGGER IF EXISTS audit_seal_append_only ON audit_auditseal;
"""

SQLITE_FORWARD = """
CREATE TRIGGER audit_event_to_seal AFTER INSERT ON audit_auditevent
BEGIN
    INSERT INTO audit_unsealedevent (event_id) VALUES (NEW.id);
END;
"""

SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS audit_event_to_seal;"


def _legacy_digest(event):
    """The unkeyed hash of the previous releases (portal/audit/hashing.py before the keyed chain)."""
    document = {
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


def _legacy_problem(event, expected, previous_hash):
    if event.sequence != expected:
        return f"event #{expected} is missing (next is #{event.sequence})"
    if event.previous_hash != previous_hash:
        return f"event #{event.sequence}: its link to the previous event does not match"
    if _legacy_digest(event) != event.hash:
        return f"event #{event.sequence}: its contents were changed after it was written"
    return None


def triggers_create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        schema_editor.execute(POSTGRESQL_FORWARD if vendor == "postgresql" else SQLITE_FORWARD, params=None)


def triggers_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        schema_editor.execute(POSTGRESQL_BACKWARD if vendor == "postgresql" else SQLITE_BACKWARD, params=None)


def legacy_chain_reseal(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditSeal = apps.get_model("audit", "AuditSeal")
    key, now, batch = settings.AUDIT_CHAIN_KEY, timezone.now(), []
    expected, legacy_previous, previous_seal = 1, GENESIS_HASH, GENESIS_HASH
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        problem = _legacy_problem(event, expected, legacy_previous)
        if problem is not None:
            raise RuntimeError(
                f"The audit trail is broken ({problem}); it is not re-sealed into the keyed chain. "
                "Investigate with the previous release's `manage.py audit_verify` and a backup before "
                "migrating."
            )
        digest = seal_hash(key=key, sequence=expected, previous_hash=previous_seal, event=event)
        batch.append(
            AuditSeal(sequence=expected, event=event, previous_hash=previous_seal, hash=digest, sealed_at=now)
        )
        if len(batch) == 2000:
            AuditSeal.objects.bulk_create(batch)
            batch = []
        legacy_previous, previous_seal, expected = event.hash, digest, expected + 1
    AuditSeal.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "sequence",
                    models.PositiveBigIntegerField(
                        primary_key=True, serialize=False, verbose_name="place in the chain"
                    ),
                ),
                ("previous_hash", models.CharField(max_length=64, unique=True, verbose_name="previous hash")),
                ("hash", models.CharField(max_length=64, unique=True, verbose_name="hash")),
                ("sealed_at", models.DateTimeField(verbose_name="sealed at")),
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="seal",
                        to="audit.auditevent",
                        verbose_name="audit event",
                    ),
                ),
            ],
            options={"ordering": ["sequence"], "default_permissions": ()},
        ),
        migrations.CreateModel(
            name="UnsealedEvent",
            fields=[
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="audit.auditevent",
                    ),
                ),
            ],
            options={"default_permissions": ()},
        ),
        # Triggers first: an event inserted by another process while this migration runs waits for it,
        # then lands on the sealer's list; every event committed before is re-sealed below.
        migrations.RunPython(triggers_create, triggers_drop),
        migrations.RunPython(legacy_chain_reseal, migrations.RunPython.noop),
    ]
