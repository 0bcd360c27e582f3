"""Signed checkpoints of the chain's head, outside the database, catch what the chain alone cannot: its
end cut off, or the whole chain rewritten by someone holding the key."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from portal.audit.hashing import seal_hash
from portal.audit.models import AuditSeal
from portal.audit.selectors import audit_chain_verify
from portal.audit.services import audit_record, audit_seal
from tests.portal.audit.conftest import tamper

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="tampering uses PostgreSQL")


def test_the_seal_command_writes_a_signed_checkpoint_to_the_file_and_the_log(trail, checkpoint_file, caplog):
    caplog.set_level("INFO", logger="portal.audit.checkpoints")
    call_command("audit_seal")
    head = AuditSeal.objects.get(sequence=5)
    line = json.loads(checkpoint_file.read_text().splitlines()[-1])
    assert (line["sequence"], line["event"], line["hash"]) == (5, trail[-1].pk, head.hash)
    assert line["signature"] and line["at"]
    assert any(json.dumps(line) in record.getMessage() for record in caplog.records)


def test_verify_checks_every_checkpoint_against_the_chain(trail, capsys):
    call_command("audit_seal")
    audit_record(action="test.later")
    call_command("audit_seal")
    capsys.readouterr()
    call_command("audit_verify")
    assert "6 event(s) verified, 2 checkpoint(s) match" in capsys.readouterr().out


def test_cutting_off_the_chains_end_after_a_checkpoint_is_detected(trail):
    call_command("audit_seal")
    # Seals and events removed together from the end: what is left is a perfectly linked chain.
    tamper("DELETE FROM audit_auditseal WHERE sequence >= 4")
    tamper("DELETE FROM audit_auditevent WHERE id >= %s", [trail[3].pk])
    with pytest.raises(CommandError, match=r"names seal #5, but the chain ends at #3: events were removed"):
        call_command("audit_verify")


def test_a_chain_rewritten_with_the_key_after_a_checkpoint_is_detected(trail, settings):
    call_command("audit_seal")
    tamper("UPDATE audit_auditevent SET details = %s WHERE id = %s", ['{"n": 7}', trail[3].pk])
    previous = AuditSeal.objects.get(sequence=3).hash
    for seal in AuditSeal.objects.select_related("event").filter(sequence__gte=4).order_by("sequence"):
        digest = seal_hash(
            key=settings.AUDIT_CHAIN_KEY, sequence=seal.sequence, previous_hash=previous, event=seal.event
        )
        tamper(
            "UPDATE audit_auditseal SET previous_hash = %s, hash = %s WHERE sequence = %s",
            [previous, digest, seal.sequence],
        )
        previous = digest
    with pytest.raises(
        CommandError, match=r"seal #5 .* is not the seal the checkpoint .* names: the chain was rewritten"
    ):
        call_command("audit_verify")


def test_a_forged_checkpoint_line_is_detected(trail, checkpoint_file):
    call_command("audit_seal")
    genuine = json.loads(checkpoint_file.read_text().splitlines()[-1])
    forged = {**genuine, "sequence": 3, "hash": AuditSeal.objects.get(sequence=3).hash}
    with checkpoint_file.open("a") as lines:
        lines.write(json.dumps(forged) + "\n")
    with pytest.raises(
        CommandError, match=r"line 2: the checkpoint's signature does not match: the line was forged"
    ):
        call_command("audit_verify")


def test_an_unreadable_checkpoint_line_is_reported(trail, checkpoint_file):
    call_command("audit_seal")
    with checkpoint_file.open("a") as lines:
        lines.write('{"sequence": "five"\n')
    report = audit_chain_verify()
    assert report.problems == [f"{checkpoint_file}, line 2: not a readable checkpoint"]


def test_checkpoints_can_be_verified_from_an_extract_of_the_log(trail, tmp_path, caplog, capsys):
    caplog.set_level("INFO", logger="portal.audit.checkpoints")
    call_command("audit_seal")
    extract = tmp_path / "log-extract.txt"
    extract.write_text(
        "".join(f"2026-01-01 00:00:00,000 INFO {r.name} {r.getMessage()}\n" for r in caplog.records)
    )
    tamper("DELETE FROM audit_auditseal WHERE sequence = 5")
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [trail[4].pk])
    with pytest.raises(CommandError, match=r"names seal #5, but the chain ends at #4"):
        call_command("audit_verify", "--checkpoints", str(extract))


def test_without_a_checkpoint_file_verify_says_only_the_chain_was_checked(trail, capsys):
    audit_seal()
    call_command("audit_verify")
    assert "No checkpoint file found: only the chain was checked." in capsys.readouterr().out


def test_a_checkpoint_of_the_empty_chain_holds(db, capsys):
    call_command("audit_seal")
    assert audit_chain_verify().intact
    audit_record(action="test.first")
    call_command("audit_seal")
    report = audit_chain_verify()
    assert report.intact and report.checkpoints == 2 and report.checked == 1
