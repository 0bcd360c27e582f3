"""Audit benchmark (see bench/README.md): audit events recorded per second by concurrent clients.

``BENCH_AUDIT_CLIENTS`` (8) processes, each with its own PostgreSQL connection like a gunicorn worker,
record audit events through ``audit_record`` for ``BENCH_AUDIT_SECONDS`` (10) per scenario:

- ``request``: one transaction per event, as a request makes it: the event, then the rest of the
  request's database work before the commit (delivery rows, the draft removed...), modelled as
  ``BENCH_AUDIT_WORK_MS`` (5) ms of ``pg_sleep`` in the same transaction;
- ``record``: ``audit_record`` alone, in its own transaction.

While the clients write, the sealer runs every ``BENCH_AUDIT_SEAL_SECONDS`` (1) in another process, as
beat runs it; at the end everything is sealed and the chain verified. The figure is refused (exit status
1, no report) if any operation failed, if the number of events in the database differs from the number
the clients recorded, if any event is left unsealed or if the chain does not verify. Writes
var/bench/audit.json. (The figures before the sealer existed were measured with this script at the
commit that added it, where events were chained as they were written.)
"""

import multiprocessing
import os
import queue
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common

CLIENTS = int(os.environ.get("BENCH_AUDIT_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_AUDIT_SECONDS", "10"))
WORK_MS = float(os.environ.get("BENCH_AUDIT_WORK_MS", "5"))
SEAL_SECONDS = float(os.environ.get("BENCH_AUDIT_SEAL_SECONDS", "1"))
SCENARIOS = ("request", "record")
REPORT_TIMEOUT = SECONDS + 60
# The chain's checkpoints of the bench's own database, never those of the development database.
CHECKPOINT_FILE = common.OUT_DIR / "audit-checkpoints.jsonl"


def _client(scenario: str, number: int, start: Any, deadline_box: Any, results: Any) -> None:
    from django.db import connection, transaction

    from portal.audit.services import audit_record

    latencies: list[float] = []
    errors: list[str] = []
    try:
        audit_record(action="bench.warmup", details={"client": number})  # connection and imports
    except Exception as exc:  # noqa: BLE001 - reported, refuses the figure
        errors.append(f"warm-up: {type(exc).__name__}: {exc}")
    start.wait()
    deadline = deadline_box.value
    while not errors and time.monotonic() < deadline:  # one failure is enough to refuse the figure
        began = time.perf_counter()
        try:
            with transaction.atomic():
                audit_record(action=f"bench.{scenario}", details={"client": number, "n": len(latencies)})
                if scenario == "request":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_sleep(%s)", [WORK_MS / 1000])
        except Exception as exc:  # noqa: BLE001 - every failure is reported and refuses the figure
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        latencies.append(time.perf_counter() - began)
    connection.close()
    results.put({"client": number, "latencies": latencies, "errors": errors})


def _seal_loop(stop: Any, results: Any) -> None:
    from django.db import connection

    from portal.audit.services import audit_seal

    errors: list[str] = []
    while not stop.wait(SEAL_SECONDS):
        try:
            audit_seal()
        except Exception as exc:  # noqa: BLE001 - reported, refuses the figure
            errors.append(f"sealer: {type(exc).__name__}: {exc}")
    connection.close()
    results.put({"client": "sealer", "latencies": [], "errors": errors})


def _outcome(results: Any) -> dict[str, Any]:
    try:
        return dict(results.get(timeout=REPORT_TIMEOUT))
    except queue.Empty:
        return {"latencies": [], "errors": [f"a process did not report within {REPORT_TIMEOUT:g} s"]}


def _scenario(scenario: str) -> dict[str, Any]:
    from django.db import connections

    from portal.audit.models import AuditEvent

    before = AuditEvent.objects.count()
    connections.close_all()  # the children must not share the parent's connection
    context = multiprocessing.get_context("fork")
    start = context.Barrier(CLIENTS + 1)
    deadline_box = context.Value("d", 0.0)
    stop = context.Event()
    results = context.Queue()
    clients = [
        context.Process(target=_client, args=(scenario, number, start, deadline_box, results))
        for number in range(CLIENTS)
    ]
    sealer = context.Process(target=_seal_loop, args=(stop, results))
    for process in [*clients, sealer]:
        process.start()
    deadline_box.value = time.monotonic() + SECONDS
    start.wait()
    began = time.monotonic()
    outcomes = [_outcome(results) for _ in clients]
    elapsed = time.monotonic() - began
    stop.set()
    outcomes.append(_outcome(results))
    for process in [*clients, sealer]:
        process.join(REPORT_TIMEOUT)
        if process.is_alive():
            process.kill()
    latencies = [value for outcome in outcomes for value in outcome["latencies"]]
    errors = [error for outcome in outcomes for error in outcome["errors"]]
    recorded = len(latencies)
    stored = AuditEvent.objects.count() - before - CLIENTS  # less the warm-up events
    return {
        "events": recorded,
        "events_stored": stored,
        "seconds": round(elapsed, 2),
        "events_per_second": round(recorded / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "p95_ms": round(statistics.quantiles(latencies, n=20)[-1] * 1000, 2) if len(latencies) > 1 else None,
        "errors": errors,
    }


def main() -> None:
    CHECKPOINT_FILE.unlink(missing_ok=True)  # the database is new too
    os.environ["AUDIT_CHECKPOINT_FILE"] = str(CHECKPOINT_FILE)
    common.django_start(broker=False)
    from django.conf import settings

    from portal.audit.checkpoints import checkpoint_write
    from portal.audit.models import AuditEvent
    from portal.audit.selectors import audit_chain_verify
    from portal.audit.services import audit_seal

    report: dict[str, Any] = {
        "clients": CLIENTS,
        "seconds_per_scenario": SECONDS,
        "request_work_ms": WORK_MS,
        "sealer_every_seconds": SEAL_SECONDS,
        "scenarios": {scenario: _scenario(scenario) for scenario in SCENARIOS},
    }
    audit_seal()
    checkpoint_write(key=settings.AUDIT_CHAIN_KEY, path=CHECKPOINT_FILE)
    chain = audit_chain_verify()
    report["chain"] = {"intact": chain.intact, "sealed": chain.checked, "unsealed": chain.unsealed}
    failures = [
        f"{name}: {len(result['errors'])} operation(s) failed, first: {result['errors'][0]}"
        for name, result in report["scenarios"].items()
        if result["errors"]
    ]
    failures += [
        f"{name}: {result['events']} events recorded but {result['events_stored']} stored"
        for name, result in report["scenarios"].items()
        if result["events"] != result["events_stored"]
    ]
    failures += [f"the chain does not verify: {problem}" for problem in chain.problems]
    if chain.unsealed or chain.checked != AuditEvent.objects.count():
        failures.append(f"{chain.unsealed} event(s) left unsealed, {chain.checked} sealed")
    if failures:
        common.refuse("Audit benchmark", failures, report="audit")
    path = common.report_write("audit", report)
    print(f"Audit benchmark, {CLIENTS} concurrent clients, {SECONDS:g} s per scenario:")
    for name, result in report["scenarios"].items():
        print(
            f"  {name:8} {result['events_per_second']:8.1f} events/s"
            f"  (p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, {result['events']} events)"
        )
    print(f"  chain intact: {chain.checked} event(s) verified; written to {path.relative_to(common.ROOT)}")


if __name__ == "__main__":
    main()
