import hashlib
import json

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from portal.audit.hashing import GENESIS_HASH
from portal.audit.models import AuditEvent, AuditEventImmutable, AuditSeal
from portal.audit.selectors import audit_chain_verify
from portal.audit.services import audit_seal
from tests.portal.audit.conftest import tamper

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trail's triggers are PostgreSQL's"
)


def test_sealing_chains_the_events_in_order_with_keyed_hashes(trail):
    assert audit_seal().sealed == 5
    seals = list(AuditSeal.objects.order_by("sequence"))
    assert [seal.event_id for seal in seals] == [event.pk for event in trail]
    assert seals[0].previous_hash == GENESIS_HASH
    assert [seal.previous_hash for seal in seals[1:]] == [seal.hash for seal in seals[:-1]]
    report = audit_chain_verify()
    assert report.intact and report.checked == 5 and report.unsealed == 0
    assert audit_seal().sealed == 0  # nothing is sealed twice


def test_an_event_cannot_be_changed_through_the_orm(trail):
    event = trail[2]
    event.action = "rewritten"
    with pytest.raises(AuditEventImmutable):
        event.save()
    with pytest.raises(AuditEventImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(action="rewritten")
    assert AuditEvent.objects.get(pk=event.pk).action == "test.action2"


def test_an_event_or_its_seal_cannot_be_deleted_through_the_orm(trail):
    audit_seal()
    with pytest.raises(AuditEventImmutable):
        trail[0].delete()
    with pytest.raises(AuditEventImmutable):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditEventImmutable):
        AuditSeal.objects.all().delete()
    with pytest.raises(AuditEventImmutable):
        AuditSeal.objects.filter(sequence=1).update(hash="0" * 64)
    assert AuditEvent.objects.count() == 5 and AuditSeal.objects.count() == 5


def test_the_database_refuses_changes_to_events_and_seals_made_with_raw_sql(trail):
    audit_seal()
    for statement in (
        "UPDATE audit_auditevent SET action = 'x'",
        "DELETE FROM audit_auditevent",
        "UPDATE audit_auditseal SET hash = md5(hash) || md5(hash)",
        "DELETE FROM audit_auditseal",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEvent.objects.count() == 5 and AuditSeal.objects.count() == 5


def test_an_event_inserted_with_raw_sql_is_sealed_too(trail):
    # Another program writing to the table cannot keep its events out of the chain.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (created_at, actor_label, action, object_type, object_id, details)"
            " VALUES (now(), 'anonymous', 'raw.insert', '', '', '{}') RETURNING id"
        )
        raw_id = cursor.fetchone()[0]
    assert audit_seal().sealed == 6
    assert AuditSeal.objects.filter(event_id=raw_id).exists()
    assert audit_chain_verify().intact


def test_admin_offers_no_way_to_add_change_or_delete(trail, rf, administrator):
    model_admin = admin_site._registry[AuditEvent]
    request = rf.get("/admin/audit/auditevent/")
    request.user = administrator
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, trail[0])
    assert not model_admin.has_delete_permission(request, trail[0])


def test_verify_command_reports_the_first_changed_event(trail):
    audit_seal()
    tamper("UPDATE audit_auditevent SET details = %s WHERE id = %s", ['{"n": 99}', trail[2].pk])
    with pytest.raises(
        CommandError, match=rf"seal #3 \(event #{trail[2].pk}\): the event or its seal was changed"
    ):
        call_command("audit_verify")


def test_verify_command_reports_a_removed_event(trail):
    audit_seal()
    tamper("DELETE FROM audit_auditseal WHERE sequence = 4")
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [trail[3].pk])
    with pytest.raises(CommandError, match=r"seal #4 or its event is missing \(the next seal is #5\)"):
        call_command("audit_verify")


def _unkeyed(document: dict) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def test_verify_command_reports_a_row_rewritten_with_recomputed_unkeyed_hashes(trail):
    # Changing an event and recomputing the chain from there on, as the old unkeyed chain allowed:
    # without AUDIT_CHAIN_KEY the new hashes cannot be right.
    audit_seal()
    tamper("UPDATE audit_auditevent SET details = %s WHERE id = %s", ['{"n": 42}', trail[1].pk])
    previous = AuditSeal.objects.get(sequence=1).hash
    for sequence in range(2, 6):
        seal = AuditSeal.objects.select_related("event").get(sequence=sequence)
        forged = _unkeyed({"sequence": sequence, "previous_hash": previous, "details": seal.event.details})
        tamper(
            "UPDATE audit_auditseal SET previous_hash = %s, hash = %s WHERE sequence = %s",
            [previous, forged, sequence],
        )
        previous = forged
    with pytest.raises(
        CommandError, match=rf"seal #2 \(event #{trail[1].pk}\): the event or its seal was changed"
    ):
        call_command("audit_verify")


def test_a_chain_sealed_with_another_key_does_not_verify(trail, settings):
    audit_seal(key="somebody-elses-key")
    report = audit_chain_verify()
    assert not report.intact
    assert "AUDIT_CHAIN_KEY is not the key the chain was sealed with" in report.problems[0]


def test_verify_command_confirms_an_intact_trail(trail, capsys):
    audit_seal()
    call_command("audit_verify")
    assert "Audit trail intact: 5 event(s) verified" in capsys.readouterr().out


def test_personal_data_stays_out_of_a_failed_login_event(client, db):
    client.post("/accounts/login/", {"login": "somebody@example.test", "password": "wrong-password-1"})
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert "somebody" not in str(event.details) and "somebody" not in event.actor_label
    assert event.ip_address == "127.0.0.1"
