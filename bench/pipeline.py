"""Pipeline benchmark (see bench/README.md): submitted applications drained by real Celery workers.

1. A fresh ``portal_bench`` database and an empty Redis db 11 (bench/common.py); a loopback REST
   receiver (bench/receiver.py) and a ``rest`` DeliveryRoute to it for the procedure.
2. ``BENCH_APPLICATIONS`` applications go through ``application_submit`` (the on_commit hook queues each
   receipt task) while no worker runs, so the queue holds all of them.
3. One Celery worker, prefork pool, concurrency = ``BENCH_CORES`` (default: os.cpu_count()), on the
   queues documents,delivery,default,notify. The clock starts when it answers a ping and stops at the
   last ``received`` event in the database. Like Celery beat, the benchmark runs ``pipeline_sweep``
   every ``BENCH_SWEEP_SECONDS`` (60; 0 = never).
4. ``BENCH_RENDER_SAMPLES`` (10) receipts are rendered (template + PDF, nothing stored) in this
   process before the worker starts and as many again after it stopped, while no worker runs: their
   median is the PDF time of the PDF-bound limit, cores ÷ median. The receipt tasks' own run times
   (under load, in the worker) come from the worker's log.

A run with a lost or duplicated application, a delivery or receipt missing, a request the receiver
refused, a failed task in the worker's log, a worker that exited or a timeout reports no figure and
exits with status 1. A ratio below the target (0.8) exits with status 2, after the figures.

Writes var/bench/pipeline.json; the worker's log is var/bench/pipeline-worker.log.
"""

import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any, NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.receiver import Receiver
from bench.workers import CeleryWorker

APPLICATIONS = int(os.environ.get("BENCH_APPLICATIONS", "1000"))
CORES = int(os.environ.get("BENCH_CORES") or os.cpu_count() or 1)
SWEEP_SECONDS = float(os.environ.get("BENCH_SWEEP_SECONDS", "60"))
RENDER_SAMPLES = int(os.environ.get("BENCH_RENDER_SAMPLES", "10"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT") or 120 + 3 * APPLICATIONS / CORES)
QUEUES = "documents,delivery,default,notify"
SECRET = "bench-institution-secret"  # noqa: S105 - the loopback receiver's HMAC key
TARGET_RATIO = 0.8
# Celery's log lines for a task that failed (or whose pool process died under it).
TASK_FAILED = re.compile(r"Task (?P<name>[\w.]+)\[[\w-]+\] raised unexpected: (?P<error>\w+)|WorkerLostError")


def _terminated(signum: int, frame: Any) -> NoReturn:
    raise SystemExit(128 + signum)  # unwinds through the with-blocks: workers and receiver stop


def _submit(count: int) -> float:
    citizen = common.citizen_new()
    start = time.perf_counter()
    for _ in range(count):
        common.application_submitted(citizen)
    return time.perf_counter() - start


def _received() -> int:
    from portal.applications.models import Application
    from portal.applications.states import Status

    return Application.objects.filter(status=Status.RECEIVED).count()


def _drain(worker: CeleryWorker, receiver: Receiver) -> dict[str, Any]:
    """Wait until every application is received (or the timeout), sampling memory, sweeping like beat."""
    from portal.pipeline.tasks import pipeline_sweep

    started = time.monotonic()
    next_sweep = started + SWEEP_SECONDS if SWEEP_SECONDS > 0 else float("inf")
    next_line = started + 10
    sweeps, swept = 0, 0
    received = 0
    while time.monotonic() - started < TIMEOUT:
        if not worker.running():
            print(f"  the worker exited; see {worker.log_path}")
            break
        worker.sample()
        received = _received()
        if received >= APPLICATIONS:
            break
        now = time.monotonic()
        if now >= next_sweep:
            sweeps, swept = sweeps + 1, swept + pipeline_sweep()
            next_sweep = now + SWEEP_SECONDS
        if now >= next_line:
            cases = len(receiver.cases)
            print(f"  {now - started:6.0f} s  received {received}/{APPLICATIONS}, cases {cases}")
            next_line = now + 10
        time.sleep(0.25)
    worker_exited = not worker.running() and received < APPLICATIONS
    return {
        "timed_out": received < APPLICATIONS and not worker_exited,
        "worker_exited": worker_exited,
        "sweeps": sweeps,
        "messages_queued_by_sweeps": swept,
    }


def _last_received_at() -> float | None:
    from django.db.models import Max

    from portal.applications.models import ApplicationEvent
    from portal.applications.states import Status

    events = ApplicationEvent.objects.filter(to_status=Status.RECEIVED)
    last = events.aggregate(last=Max("created_at"))["last"]
    return last.timestamp() if last else None


def _render_seconds(*, warm_up: bool) -> list[float]:
    """Receipt renders (template + PDF, nothing stored) in this process while no worker runs."""
    from portal.applications.models import Application

    applications = list(Application.objects.order_by("?")[:RENDER_SAMPLES])
    if warm_up and applications:
        common.receipt_pdf(applications[0])  # fonts, templates: paid once per worker process too
    seconds = []
    for application in applications:
        start = time.perf_counter()
        common.receipt_pdf(application)
        seconds.append(time.perf_counter() - start)
    return seconds


def _outcome() -> dict[str, Any]:
    from django.db.models import Count

    from portal.applications.models import Application
    from portal.backoffice.models import Delivery
    from portal.documents.models import Document

    return {
        "applications_by_status": dict(
            Application.objects.values_list("status").annotate(n=Count("pk")).order_by("status")
        ),
        "deliveries_by_status": dict(
            Delivery.objects.values_list("status").annotate(n=Count("pk")).order_by("status")
        ),
        "delivery_attempts": sum(Delivery.objects.values_list("attempts", flat=True)),
        "receipts": Document.objects.filter(kind=Document.Kind.RECEIPT).count(),
    }


def failed_tasks(log: str) -> dict[str, int]:
    """Failed tasks by name (and pool processes lost under a task) in the worker's log."""
    found: dict[str, int] = {}
    for match in TASK_FAILED.finditer(log):
        name = f"{match['name']} ({match['error']})" if match["name"] else "a task's pool process died"
        found[name] = found.get(name, 0) + 1
    return found


def failures(report: dict[str, Any]) -> list[str]:
    """Why the run's figures would not measure what they say: every application must be received and
    delivered exactly once, with its receipt, and no task may fail."""
    errors = []
    if report["worker_exited"]:
        errors.append("the worker exited before the queue was drained")
    if report["timed_out"]:
        errors.append(f"not drained within {TIMEOUT:.0f} s (BENCH_TIMEOUT)")
    if report["lost"]:
        errors.append(f"{report['lost']} of {APPLICATIONS} applications not received")
    if report["duplicated"]:
        errors.append(f"{report['duplicated']} applications delivered as more than one case")
    if report["receiver"]["cases"] != APPLICATIONS:
        errors.append(
            f"the institution holds {report['receiver']['cases']} cases for {APPLICATIONS} applications"
        )
    if report["receiver"]["rejected"]:
        errors.append(
            f"the institution refused {report['receiver']['rejected']} requests (signature or body)"
        )
    undelivered = {status: n for status, n in report["deliveries_by_status"].items() if status != "delivered"}
    if undelivered or report["deliveries_by_status"].get("delivered", 0) != APPLICATIONS:
        errors.append(
            f"deliveries by status {report['deliveries_by_status']}, expected {APPLICATIONS} delivered"
        )
    if report["receipts"] != APPLICATIONS:
        errors.append(f"{report['receipts']} receipts for {APPLICATIONS} applications")
    for name, count in report["failed_tasks"].items():
        errors.append(f"{count} times failed task {name} (see {common.OUT_DIR.name}/pipeline-worker.log)")
    return errors


def run() -> dict[str, Any]:
    env = common.django_start(broker=True)  # empties the bench's Redis db: stale messages of a past run
    from portal.backoffice.models import DeliveryRoute
    from portal.celery import app

    log_path = common.OUT_DIR / "pipeline-worker.log"
    with Receiver(SECRET) as receiver:
        DeliveryRoute.objects.create(
            procedure=common.PROCEDURE,
            connector="rest",
            options={"url": receiver.url, "allow_http": True, "read_timeout": 30},
            secret=SECRET,
        )
        print(f"Submitting {APPLICATIONS} applications (no worker running yet)…")
        submit_seconds = _submit(APPLICATIONS)
        render_seconds = _render_seconds(warm_up=True)
        print(f"Draining with a Celery worker, prefork, concurrency {CORES}…")
        with CeleryWorker(concurrency=CORES, env=env, log_path=log_path, queues=QUEUES) as worker:
            ready_at = worker.wait_ready(app, timeout=60)
            drain = _drain(worker, receiver)
            worker.stop()
        memory = worker.memory()
        tasks = worker.task_seconds()
        failed = failed_tasks(log_path.read_text(errors="replace") if log_path.exists() else "")
        received_at = _last_received_at()
        outcome = _outcome()
        requests = {"requests": receiver.requests, "repeated_keys": receiver.repeated}
        requests["rejected"] = receiver.rejected
        cases, duplicated = len(receiver.cases), receiver.duplicated()
    received = outcome["applications_by_status"].get("received", 0)
    seconds = (received_at - ready_at) if received_at and received else None
    throughput = received / seconds if seconds else 0.0
    render_seconds += _render_seconds(warm_up=False)
    render_ms = common.median_ms(render_seconds) if render_seconds else None
    receipts = sorted(tasks.get("portal.pipeline.tasks.receipt", []))[-APPLICATIONS:]  # see README
    task_ms = common.median_ms(receipts) if receipts else None
    limit = CORES / (render_ms / 1000) if render_ms else None
    return {
        "applications": APPLICATIONS,
        "cores": CORES,
        "submit_seconds": round(submit_seconds, 2),
        "submitted_per_second": round(APPLICATIONS / submit_seconds, 1),
        "worker_boot_seconds": round(ready_at - worker.started_at, 2),
        "drain_seconds": round(seconds, 2) if seconds else None,
        "applications_per_second": round(throughput, 2),
        "receipt_render_median_ms_idle": render_ms,
        "receipt_renders_sampled": len(render_seconds),
        "receipt_task_median_ms_in_worker": task_ms,
        "deliver_task_median_ms_in_worker": common.median_ms(tasks["portal.pipeline.tasks.deliver"])
        if tasks.get("portal.pipeline.tasks.deliver")
        else None,
        "tasks_run": {name: len(values) for name, values in sorted(tasks.items())},
        "pdf_bound_limit_per_second": round(limit, 2) if limit else None,
        "ratio_to_pdf_bound_limit": round(throughput / limit, 3) if limit else None,
        "ratio_to_limit_at_in_worker_task_time": round(throughput / (CORES * 1000 / task_ms), 3)
        if task_ms
        else None,
        "target_ratio": TARGET_RATIO,
        "failed_tasks": failed,
        "lost": APPLICATIONS - received,
        "duplicated": duplicated,
        "receiver": {"cases": cases, **requests},
        **drain,
        **outcome,
        "worker_memory": memory,
    }


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    try:
        report = run()
    except KeyboardInterrupt:
        raise SystemExit("interrupted: the worker and the receiver are stopped") from None
    errors = failures(report)
    if errors:
        common.report_write("pipeline-failed", report)  # what happened, for the diagnosis; no figure
        common.refuse("pipeline benchmark", errors, report="pipeline")
    (common.OUT_DIR / "pipeline-failed.json").unlink(missing_ok=True)
    path = common.report_write("pipeline", report)
    memory = report["worker_memory"]
    print(f"Pipeline benchmark: {report['applications']} applications, {report['cores']} cores")
    print(f"  applications/s                 {report['applications_per_second']:8.2f}")
    print(f"  receipt render median (idle)   {report['receipt_render_median_ms_idle']} ms")
    print(f"  receipt task median (worker)   {report['receipt_task_median_ms_in_worker']} ms")
    print(f"  PDF-bound limit                {report['pdf_bound_limit_per_second']} applications/s")
    print(f"  ratio to the limit             {report['ratio_to_pdf_bound_limit']}  (target ≥ 0.8)")
    print(f"  lost {report['lost']}, duplicated {report['duplicated']}, timed out: {report['timed_out']}")
    print(
        f"  worker peak RSS: main {memory['main_process_peak_rss_mb']} MB, pool process "
        f"{memory['pool_process_peak_rss_mb']} MB; all together {memory['all_processes_peak_pss_mb']} MB PSS"
    )
    print(f"  written to {path.relative_to(common.ROOT)}")
    ratio = report["ratio_to_pdf_bound_limit"]
    common.finish(
        "pipeline benchmark",
        [common.target_verdict("ratio to the PDF-bound limit", ratio, at_least=TARGET_RATIO)],
    )


if __name__ == "__main__":
    main()
