"""Throwaway servers and workers that tests start, use and stop themselves."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float, interval: float = 0.1) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@contextmanager
def throwaway_redis(*, port: int | None = None) -> Iterator[str]:
    """A private redis-server on a free port (or on ``port``, to bring one back where it was); yields its
    URL and stops it afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed")
    port = port or free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(port=port)
        if not wait_until(lambda: _pings(client), timeout=10):
            raise RuntimeError("throwaway redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)


def _pings(client) -> bool:  # type: ignore[no-untyped-def]
    try:
        return bool(client.ping())
    except Exception:  # noqa: BLE001 - not up yet
        return False


def stop(process: subprocess.Popen, *, timeout: float = 15) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def celery_worker(
    *, queues: str = "default,documents,delivery,notify", extra_env: dict[str, str] | None = None
):
    """A real Celery worker process on the test broker, against the test database and the test's files.

    Its output is collected in ``process.output`` (a list of lines, read all along so the worker never
    blocks on a full pipe); ``worker_log(process)`` gives it as text for assertion messages.
    """
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "BACKOFFICE_OUTBOX_DIR": str(settings.BACKOFFICE_OUTBOX_DIR),
        "PORTAL_SITE_URL": settings.PORTAL_SITE_URL,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
            if database["ENGINE"].endswith("postgresql")
            else f"sqlite:///{database['NAME']}"
        ),
        **(extra_env or {}),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "-Q",
            queues,
            "-n",
            f"test-{os.getpid()}-{free_port()}@%h",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    process.output = []  # type: ignore[attr-defined]
    reader = threading.Thread(target=_collect, args=(process,), daemon=True)
    reader.start()
    try:
        yield process
    finally:
        stop(process, timeout=30)
        reader.join(timeout=5)
        process.stdout.close()  # type: ignore[union-attr]


def _collect(process: subprocess.Popen) -> None:
    for line in process.stdout:  # type: ignore[union-attr]
        process.output.append(line)  # type: ignore[attr-defined]


def worker_log(process: subprocess.Popen) -> str:
    """The last lines the worker wrote (for the message of a failed assertion)."""
    return "".join(getattr(process, "output", [])[-80:])
