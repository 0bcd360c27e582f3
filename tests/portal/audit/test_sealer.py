"""Writers record without waiting for each other; the sealer chains what they committed, in whatever
order they committed it, and never skips an event. Real PostgreSQL connections, one per thread."""

import datetime
import threading
from collections.abc import Callable

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from portal.audit.models import AuditEvent, AuditSeal
from portal.audit.selectors import audit_chain_verify
from portal.audit.services import SEALER_LOCK_ID, audit_record, audit_seal

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

WAIT = 10  # seconds; a writer that waits on another one never finishes within it


class OpenTransaction(threading.Thread):
    """A request in another process: runs ``work`` in a transaction on its own connection, then keeps
    the transaction open until released."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.done = threading.Event()
        self.release = threading.Event()
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with transaction.atomic():
                self.result = self.work()
                self.done.set()
                self.release.wait(WAIT)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            self.error = exc
            self.done.set()
        finally:
            connection.close()

    def commit(self) -> None:
        self.release.set()
        self.join(WAIT)
        assert not self.is_alive() and self.error is None, self.error


def in_thread(work: Callable[[], object]) -> object:
    """Run ``work`` (and commit) on another connection; fail if it has not finished within WAIT."""
    writer = OpenTransaction(work)
    writer.start()
    finished = writer.done.wait(WAIT)
    writer.commit()
    assert finished, "the writer waited on another transaction"
    return writer.result


def test_a_writer_does_not_wait_for_another_writers_open_transaction():
    slow = OpenTransaction(lambda: audit_record(action="test.slow"))
    slow.start()
    try:
        assert slow.done.wait(WAIT) and slow.error is None
        quick = in_thread(lambda: audit_record(action="test.quick"))  # commits while the slow one is open
        assert AuditEvent.objects.filter(pk=quick.pk).exists()  # type: ignore[attr-defined]
    finally:
        slow.commit()
    assert AuditEvent.objects.count() == 2


def test_events_committed_out_of_order_are_all_chained():
    early = OpenTransaction(lambda: audit_record(action="test.lower_id_commits_last"))
    early.start()
    try:
        assert early.done.wait(WAIT) and early.error is None
        late = in_thread(lambda: audit_record(action="test.higher_id_commits_first"))
        assert late.pk > early.result.pk  # type: ignore[attr-defined]
        assert audit_seal().sealed == 1  # only what is committed: the open transaction's event is unseen
    finally:
        early.commit()
    assert audit_seal().sealed == 1  # the late commit is sealed in the next round, not skipped
    chain = list(AuditSeal.objects.order_by("sequence").values_list("event__action", flat=True))
    assert chain == ["test.higher_id_commits_first", "test.lower_id_commits_last"]
    report = audit_chain_verify()
    assert report.intact and report.checked == 2 and report.unsealed == 0


def test_a_rolled_back_event_leaves_no_gap_in_the_chain():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action="test.rolled_back")
        raise RuntimeError
    audit_record(action="test.kept")
    assert audit_seal().sealed == 1
    assert audit_chain_verify().intact


def test_one_sealer_at_a_time_and_writers_never_wait_for_it():
    def hold_sealer_lock() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEALER_LOCK_ID])

    other_sealer = OpenTransaction(hold_sealer_lock)
    other_sealer.start()
    try:
        assert other_sealer.done.wait(WAIT) and other_sealer.error is None
        in_thread(lambda: audit_record(action="test.while_sealing"))
        report = audit_seal()  # returns at once instead of waiting
        assert report.busy and report.sealed == 0
    finally:
        other_sealer.commit()
    assert audit_seal().sealed == 1


def test_concurrent_writers_and_a_running_sealer_keep_one_unbroken_chain():
    errors: list[BaseException] = []
    writing = threading.Event()

    def write(worker: int) -> None:
        try:
            for n in range(10):
                with transaction.atomic():
                    audit_record(action="test.concurrent", details={"worker": worker, "n": n})
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    def seal() -> None:
        try:
            while writing.is_set():
                audit_seal(batch_size=3)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    writing.set()
    writers = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    sealer = threading.Thread(target=seal)
    for thread in [*writers, sealer]:
        thread.start()
    for thread in writers:
        thread.join(60)
    writing.clear()
    sealer.join(60)
    assert errors == []
    audit_seal()
    report = audit_chain_verify()
    assert report.intact and report.checked == 40 and report.unsealed == 0


def test_verify_fails_when_events_wait_too_long_to_be_sealed(settings):
    settings.AUDIT_SEAL_BACKLOG_SECONDS = 600
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=11), tick=False):
        audit_record(action="test.forgotten")
    audit_record(action="test.just_now")
    report = audit_chain_verify()
    assert not report.intact and report.unsealed == 2
    assert "2 event(s) are not sealed" in report.problems[0] and "is not running" in report.problems[0]
    audit_seal()
    assert audit_chain_verify().intact


def test_recent_unsealed_events_are_reported_but_not_a_failure():
    audit_record(action="test.just_now")
    report = audit_chain_verify()
    assert report.intact and report.unsealed == 1
