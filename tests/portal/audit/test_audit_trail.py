import itertools
import threading

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from portal.audit.models import AuditEvent, AuditEventImmutable
from portal.audit.selectors import audit_chain_verify
from portal.audit.services import audit_record


@pytest.fixture
def trail(db):
    return [audit_record(action=f"test.action{n}", details={"n": n}) for n in range(5)]


def test_events_are_chained_by_hash(trail):
    assert trail[0].previous_hash == "0" * 64
    for previous, event in itertools.pairwise(trail):
        assert event.previous_hash == previous.hash
        assert event.sequence == previous.sequence + 1
    assert audit_chain_verify().intact


def test_an_event_cannot_be_changed_through_the_orm(trail):
    event = trail[2]
    event.action = "rewritten"
    with pytest.raises(AuditEventImmutable):
        event.save()
    with pytest.raises(AuditEventImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(action="rewritten")
    assert AuditEvent.objects.get(pk=event.pk).action == "test.action2"


def test_an_event_cannot_be_deleted_through_the_orm(trail):
    with pytest.raises(AuditEventImmutable):
        trail[0].delete()
    with pytest.raises(AuditEventImmutable):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_the_database_refuses_changes_made_with_raw_sql(trail):
    for statement in ("UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEvent.objects.count() == 5


def test_admin_offers_no_way_to_add_change_or_delete(trail, rf, administrator):
    model_admin = admin_site._registry[AuditEvent]
    request = rf.get("/admin/audit/auditevent/")
    request.user = administrator
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, trail[0])
    assert not model_admin.has_delete_permission(request, trail[0])


def _tamper(sql: str, params: list) -> None:
    """What someone with the database owner's rights could do behind the application's back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def test_verify_command_reports_the_first_changed_event(trail, capsys):
    _tamper("UPDATE audit_auditevent SET details = %s WHERE sequence = 3", ['{"n": 99}'])
    with pytest.raises(CommandError, match=r"broken at event #3: its contents were changed"):
        call_command("audit_verify")


def test_verify_command_reports_a_removed_event(trail):
    _tamper("DELETE FROM audit_auditevent WHERE sequence = 4", [])
    with pytest.raises(CommandError, match=r"broken at event #4: event #4 is missing"):
        call_command("audit_verify")


def test_verify_command_reports_a_rehashed_event_by_its_broken_link(trail):
    # Changing an event and recomputing its own hash still breaks the link from the next event.
    event = AuditEvent.objects.get(sequence=2)
    event.details = {"n": 42}
    from portal.audit.hashing import event_digest

    forged = event_digest(event)
    _tamper("UPDATE audit_auditevent SET details = %s, hash = %s WHERE sequence = 2", ['{"n": 42}', forged])
    with pytest.raises(CommandError, match=r"broken at event #3: its link to the previous event"):
        call_command("audit_verify")


def test_verify_command_confirms_an_intact_trail(trail, capsys):
    call_command("audit_verify")
    assert "Audit trail intact: 5 event(s) verified." in capsys.readouterr().out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    errors: list[Exception] = []

    def write(worker: int) -> None:
        try:
            for n in range(10):
                audit_record(action="test.concurrent", details={"worker": worker, "n": n})
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = audit_chain_verify()
    assert report.intact and report.checked == 40


def test_personal_data_stays_out_of_a_failed_login_event(client, db):
    client.post("/accounts/login/", {"login": "somebody@example.test", "password": "wrong-password-1"})
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert "somebody" not in str(event.details) and "somebody" not in event.actor_label
    assert event.ip_address == "127.0.0.1"
