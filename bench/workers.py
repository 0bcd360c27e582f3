"""A real Celery worker (prefork) started by the pipeline benchmark, its memory, and its task times.

The worker runs in its own session and process group, so the benchmark can stop it and every pool
process it forked, and a Ctrl-C in the terminal reaches the benchmark only (which then stops it).
Memory is read from /proc (Linux; psutil is not installed in the virtualenv): VmHWM is the kernel's
peak resident set of each process, and the PSS of all of them (shared pages counted once) is sampled.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT

TASK_LINE = re.compile(r"Task (?P<name>[\w.]+)\[[\w-]+\] succeeded in (?P<seconds>[\d.]+)s")


def status_kb(pid: int) -> dict[str, int]:
    values = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0])
    return values


def _pss_kb(pid: int) -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def group_members(pgid: int) -> list[int]:
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{entry}/stat").read_text().rpartition(")")[2].split()
            if int(fields[2]) == pgid:  # state, ppid, pgrp, ...
                members.append(int(entry))
    return members


class CeleryWorker:
    def __init__(self, *, concurrency: int, env: dict[str, str], log_path: Path, queues: str) -> None:
        self.name = f"bench-{os.getpid()}@{socket.gethostname()}"
        self.command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--loglevel=INFO",
            "-Q",
            queues,
            "-n",
            self.name,
            "--without-mingle",
            "--without-gossip",
        ]
        self.env = {**env, "LOG_LEVEL": "INFO"}  # INFO: Celery logs every task's run time
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.peak_kb: dict[int, int] = {}  # pid -> peak RSS
        self.peak_pss_total_kb = 0
        self.started_at = 0.0

    def __enter__(self) -> "CeleryWorker":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.started_at = time.time()
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # our own process group: stopped as a whole, no stray Ctrl-C
            )
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_ready(self, app: Any, timeout: float) -> float:
        """Block until the worker answers a ping; returns that moment (time.time())."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited; see {self.log_path}")
            if app.control.ping(destination=[self.name], timeout=0.25):
                return time.time()
        raise RuntimeError(f"the Celery worker did not answer within {timeout:.0f} s; see {self.log_path}")

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def sample(self) -> None:
        """Record the memory of the worker and its pool processes (call it often while they work)."""
        if self.process is None:
            return
        pss_total = 0
        for pid in group_members(self.process.pid):
            kb = status_kb(pid)
            self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), kb.get("VmHWM", 0), kb.get("VmRSS", 0))
            pss_total += _pss_kb(pid)
        self.peak_pss_total_kb = max(self.peak_pss_total_kb, pss_total)

    def memory(self) -> dict[str, Any]:
        main = self.process.pid if self.process else 0
        pool = [kb for pid, kb in self.peak_kb.items() if pid != main]
        return {
            "source": "/proc VmHWM and smaps_rollup",
            "main_process_peak_rss_mb": round(self.peak_kb.get(main, 0) / 1024, 1),
            "pool_process_peak_rss_mb": round(max(pool, default=0) / 1024, 1),
            "pool_processes_seen": len(pool),
            "all_processes_peak_pss_mb": round(self.peak_pss_total_kb / 1024, 1),
        }

    def stop(self) -> None:
        """Warm shutdown (running tasks finish, unacknowledged messages go back), then make sure that
        nothing of the process group is left."""
        process = self.process
        if process is None:
            return
        try:
            if process.poll() is None:
                self.sample()
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        finally:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # pool processes the main one left behind

    def task_seconds(self) -> dict[str, list[float]]:
        """Run time of every task that succeeded, by task name, from the worker's log."""
        found: dict[str, list[float]] = {}
        with contextlib.suppress(OSError):
            for match in TASK_LINE.finditer(self.log_path.read_text(errors="replace")):
                found.setdefault(match["name"], []).append(float(match["seconds"]))
        return found
