"""Migration 0003 keeps the trail written by earlier releases verifiable: it checks the old unkeyed chain
and re-seals it into the keyed one, and refuses to vouch for an old chain that is already broken."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from portal.audit.models import AuditSeal
from portal.audit.selectors import audit_chain_verify

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the trail's triggers are PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]

BEFORE = [("audit", "0002_append_only_trigger")]
_keyed_chain = import_module("portal.audit.migrations.0003_keyed_chain")


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


@pytest.fixture
def legacy_trail():
    """Three events written by the previous release, chained with its unkeyed hash."""
    executor = _migrate(BEFORE)
    LegacyEvent = executor.loader.project_state(BEFORE).apps.get_model("audit", "AuditEvent")
    events, previous = [], "0" * 64
    for sequence in (1, 2, 3):
        event = LegacyEvent(
            sequence=sequence,
            created_at=timezone.now(),
            actor_label="anonymous",
            action=f"legacy.action{sequence}",
            details={"n": sequence},
            previous_hash=previous,
        )
        event.hash = _keyed_chain._legacy_digest(event)
        event.save()
        events.append(event)
        previous = event.hash
    yield events
    with connection.cursor() as cursor:  # whatever happened, back to the current schema
        cursor.execute("TRUNCATE audit_auditevent CASCADE")
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_unkeyed_trail_of_earlier_releases_is_resealed_at_its_old_places(legacy_trail):
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    seals = list(AuditSeal.objects.order_by("sequence").values_list("sequence", "event_id"))
    assert seals == [(event.sequence, event.pk) for event in legacy_trail]
    report = audit_chain_verify()
    assert report.intact and report.checked == 3 and report.unsealed == 0


def test_a_broken_unkeyed_trail_stops_the_migration(legacy_trail):
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("UPDATE audit_auditevent SET details = '{\"n\": 9}' WHERE sequence = 2")
        cursor.execute("SET session_replication_role = origin")
    with pytest.raises(RuntimeError, match=r"audit trail is broken \(event #2: its contents were changed"):
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
