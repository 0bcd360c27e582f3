"""Page overhead and web memory benchmark (see bench/README.md).

Serves the portal with gunicorn (deploy/gunicorn.conf.py, ``bench.wsgi``) on the bench's own PostgreSQL
database and Redis db, and measures in the same run, at ``BENCH_CONCURRENCY`` (20) keep-alive clients
for ``BENCH_SECONDS`` (15) each, split into ``BENCH_ROUNDS`` (3) rounds in alternating order:

- the bare view (``/bench/bare/``, only in ``bench.urls``: the base template and nothing of ours),
  anonymous and with a signed-in citizen's session;
- the start page and the start page of every registered procedure that can be filled in online;
- a full wizard step of signed-in citizens: the GET of the A1 posting page and a valid POST of it that
  moves on to the next page, each client with its own citizen, session and draft.

Every request is checked (200 for a page, 302 to the next page for the POST). A warm-up pass checks
every URL first; any wrong answer, then or while measuring, stops the benchmark with exit status 1
and no figure. While it runs, the peak RSS (VmHWM) of every gunicorn process is sampled.

Reports requests/s and p50/p95/p99 latency per page, the wizard step's ratio to the bare view (target
≥ 0.5: exit status 2 below it) and the peak RSS per web worker against the budget (exit status 2 above
it); writes var/bench/page_overhead.json.
"""

import contextlib
import datetime
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.load import percentiles
from bench.workers import group_members, status_kb

CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "20"))
DURATION = float(os.environ.get("BENCH_SECONDS", "15"))  # per page, over every round
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP_SECONDS = float(os.environ.get("BENCH_WARMUP_SECONDS", "3"))
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "2"))
TARGET_RATIO = 0.5  # quality.md: a full wizard step at no less than half the bare view's requests/s
# quality.md names no number for a web worker's memory; the deployment does: the web container of
# deploy/kubernetes/web-deployment.yaml may use 1 GiB, shared by GUNICORN_WORKERS=3 (configmap.yaml).
RSS_BUDGET_MB = float(os.environ.get("BENCH_WEB_RSS_BUDGET_MB", str(round(1024 / 3))))
BARE = "/bench/bare/"
STEP, NEXT_STEP = "posting", "employer_activity"  # the A1 page about the posting, then the employer's


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
            return
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {url}")


# --- What is measured ------------------------------------------------------------------------------------


def _get(path: str, label: str | None = None) -> dict[str, Any]:
    return {"label": label or f"GET {path}", "method": "GET", "path": path}


def _anonymous(path: str) -> dict[str, Any]:
    return {"clients": [{"requests": [_get(path)]}] * CONCURRENCY, "expected": {f"GET {path}": "200"}}


def _citizen(number: int) -> dict[str, Any]:
    """A citizen signed in at the required level of assurance, with an A1 draft answered up to the
    posting page (through the in-process test client, on the same database and session store as the
    server). Returns the session cookies, the step's URL, a valid POST of it and where it leads."""
    from django.conf import settings
    from django.test import Client

    from portal.accounts.services import citizen_identity_upsert
    from portal.eidas.services import LOA_SESSION_KEY
    from tests.procedures.applicable_legislation import journey

    user = citizen_identity_upsert(
        person_identifier=f"LT/LT/BENCH{number:05d}",  # a pseudonym: never parsed beyond the country
        family_name="Kazlauskas",
        given_name="Jonas",
        date_of_birth=datetime.date(1990, 6, 21),  # journey.ABOUT_YOU's personal code says so
        level_of_assurance=settings.EIDAS_REQUIRED_LOA,
    )
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="lt")
    client.force_login(user)
    session = client.session
    session[LOA_SESSION_KEY] = settings.EIDAS_REQUIRED_LOA
    session.save()
    url = journey.through_employer(client)
    if not url.endswith(f"/{STEP}/"):
        raise SystemExit(f"the A1 journey reached {url}, not the {STEP} page")
    page = client.get(url).content.decode()
    management = re.search(rf'name="([a-z_]+-current_step)" value="{STEP}"', page)
    if management is None:
        raise SystemExit(f"no wizard form on {url}")
    form = {management.group(1): STEP, **journey.posting()}
    response = client.post(url, form)
    location = response.get("Location", "")
    if response.status_code != 302 or not location.endswith(f"/{NEXT_STEP}/"):
        raise SystemExit(f"a valid POST of {url} answered {response.status_code} to {location!r}")
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    return {"cookies": cookies, "url": url, "form": form, "location": location}


def plans() -> dict[str, dict[str, Any]]:
    """Every page measured: its clients' scenarios and the one outcome each request must have. URLs come
    from the URL conf and the procedure registry, so a page that no longer exists is not measured."""
    from django.urls import reverse

    from procedures.engine.registry import registry

    measured = {"bare view, anonymous": _anonymous(BARE), "start page": _anonymous(reverse("pages:start"))}
    for procedure in registry.all():
        if procedure.flow is not None:  # a procedure without a flow has no online journey yet
            path = reverse("procedures:start", kwargs={"slug": procedure.slug})
            measured[f"{procedure.slug} start page"] = _anonymous(path)
    citizens = [_citizen(number) for number in range(CONCURRENCY)]
    measured["bare view, citizen"] = {
        "clients": [{"cookies": c["cookies"], "requests": [_get(BARE)]} for c in citizens],
        "expected": {f"GET {BARE}": "200"},
    }
    get_label = f"GET /applicable-legislation/<draft>/{STEP}/"
    post_label = f"POST /applicable-legislation/<draft>/{STEP}/"
    measured["wizard step, citizen"] = {
        "clients": [
            {
                "cookies": c["cookies"],
                "requests": [
                    _get(c["url"], get_label),
                    {
                        "label": post_label,
                        "method": "POST",
                        "path": c["url"],
                        "form": c["form"],
                        "csrf": True,
                        "location": c["location"],
                    },
                ],
            }
            for c in citizens
        ],
        "expected": {get_label: "200", post_label: "302"},
    }
    return measured


def load(base: str, plan: dict[str, Any], seconds: float) -> dict[str, Any]:
    """Run bench/load.py on ``plan``; refuse (exit 1, no figure) when any request had a wrong answer."""
    with tempfile.NamedTemporaryFile("w", suffix=".json") as plan_file:
        json.dump({"base": base, "seconds": seconds, "clients": plan["clients"]}, plan_file)
        plan_file.flush()
        output = subprocess.run(
            [sys.executable, str(common.ROOT / "bench" / "load.py"), plan_file.name],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(output)


# --- The web workers' memory -----------------------------------------------------------------------------


class MemorySampler(threading.Thread):
    """Peak RSS (the kernel's VmHWM) of every process of gunicorn's process group, sampled until stopped."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.peak_kb: dict[int, int] = {}
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(0.25):
            self.sample()

    def sample(self) -> None:
        for pid in group_members(self.master):
            kb = status_kb(pid)
            self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), kb.get("VmHWM", 0), kb.get("VmRSS", 0))

    def report(self) -> dict[str, Any]:
        workers = {pid: kb for pid, kb in self.peak_kb.items() if pid != self.master}
        return {
            "source": "/proc/<pid>/status VmHWM",
            "master_peak_rss_mb": round(self.peak_kb.get(self.master, 0) / 1024, 1),
            "worker_peak_rss_mb": [round(kb / 1024, 1) for kb in sorted(workers.values(), reverse=True)],
            "budget_per_worker_mb": RSS_BUDGET_MB,
        }


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """gunicorn as deployed (its config file), with a fixed worker count and no worker recycling, so that
    a run measures steady workers and their memory grows as it would between two recyclings."""
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(WEB_WORKERS),
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    command = [sys.executable, "-m", "gunicorn", "bench.wsgi:application", "-c", "deploy/gunicorn.conf.py"]
    # Its own process group: the sampler finds every worker, and stopping it leaves nothing behind.
    return subprocess.Popen(command, cwd=common.ROOT, env=server_env, start_new_session=True)


def server_stop(server: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(server.pid, signal.SIGKILL)  # a worker its master left behind


def measure_all(env: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    measured = plans()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(env, port)
    sampler = MemorySampler(server.pid)
    try:
        wait_for(base + "/healthz/", server)
        sampler.start()
        for name, plan in measured.items():  # every URL answers as expected before anything is timed
            warm = load(base, plan, WARMUP_SECONDS)
            errors = common.outcome_errors(warm["outcomes"], plan["expected"])
            if errors:
                common.refuse(f"page overhead (warm-up of {name})", errors, report="page_overhead")
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in measured}
        for round_ in range(ROUNDS):  # rounds in alternating order: the machine's drift hits every page
            print(f"  round {round_ + 1} of {ROUNDS}…", flush=True)
            for name in list(measured) if round_ % 2 == 0 else reversed(list(measured)):
                result = load(base, measured[name], DURATION / ROUNDS)
                errors = common.outcome_errors(result["outcomes"], measured[name]["expected"])
                if errors:
                    common.refuse(f"page overhead ({name})", errors, report="page_overhead")
                runs[name].append(result)
        sampler.sample()
    finally:
        sampler.halt.set()
        server_stop(server)
    return {name: merged(page_runs) for name, page_runs in runs.items()}, sampler.report()


def merged(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One page's rounds as one measurement: rates over the summed time, percentiles over every request."""
    elapsed = sum(run["elapsed_seconds"] for run in runs)
    latencies: dict[str, list[float]] = {}
    for run in runs:
        for label, values in run["latencies_ms"].items():
            latencies.setdefault(label, []).extend(value / 1000 for value in values)
    requests = sum(run["requests"] for run in runs)
    scenarios = sum(run["scenarios_completed"] for run in runs)
    return {
        "elapsed_seconds": round(elapsed, 2),
        "requests": requests,
        "requests_per_second": round(requests / elapsed, 1),
        "scenarios_completed": scenarios,
        "scenarios_per_second": round(scenarios / elapsed, 1),
        **percentiles([value for values in latencies.values() for value in values]),
        "by_request": {
            label: {"requests": len(values), **percentiles(values)} for label, values in latencies.items()
        },
    }


def main() -> None:
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))  # the server stops too
    env = common.django_start(broker=True)
    print(
        f"Page overhead: gunicorn, {WEB_WORKERS} workers, {CONCURRENCY} clients, {DURATION:.0f} s a page "
        f"in {ROUNDS} rounds"
    )
    results, memory = measure_all(env)
    bare = {
        "bare view, anonymous": results["bare view, anonymous"]["requests_per_second"],
        "bare view, citizen": results["bare view, citizen"]["requests_per_second"],
    }
    ratios = {
        name: round(
            result["requests_per_second"]
            / bare["bare view, citizen" if "citizen" in name else "bare view, anonymous"],
            3,
        )
        for name, result in results.items()
    }
    step = results["wizard step, citizen"]
    step_ratio = ratios["wizard step, citizen"]
    step_pairs_ratio = round(step["scenarios_per_second"] / bare["bare view, citizen"], 3)
    report = {
        "concurrency": CONCURRENCY,
        "seconds_per_page": DURATION,
        "rounds": ROUNDS,
        "web_workers": WEB_WORKERS,
        "pages": results,
        "ratios_to_bare": ratios,
        "wizard_step_ratio": step_ratio,
        "wizard_step_pairs_ratio": step_pairs_ratio,
        "target_ratio": TARGET_RATIO,
        "web_memory": memory,
    }
    path = common.report_write("page_overhead", report)
    print(f"{'page':32} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for name, result in results.items():
        print(
            f"{name:32} {result['requests_per_second']:8.1f} {ratios[name]:6.3f} "
            f"{result.get('p50_ms', 0):7.1f} {result.get('p95_ms', 0):7.1f} {result.get('p99_ms', 0):7.1f}"
        )
    for label, figures in step["by_request"].items():
        print(
            f"  {label:54} p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms"
        )
    print(
        f"wizard step (GET + valid POST) / bare view, requests/s: {step_ratio:.3f} "
        f"(target ≥ {TARGET_RATIO}); GET+POST pairs/s / bare requests/s: {step_pairs_ratio:.3f}"
    )
    workers = memory["worker_peak_rss_mb"]
    print(
        f"web worker peak RSS: {', '.join(f'{mb} MB' for mb in workers)} "
        f"(budget {RSS_BUDGET_MB:.0f} MB each); master {memory['master_peak_rss_mb']} MB"
    )
    print(f"written to {path.relative_to(common.ROOT)}")
    common.finish(
        "page overhead",
        [
            common.target_verdict("wizard step ratio", step_ratio, at_least=TARGET_RATIO),
            common.target_verdict(
                "web worker peak RSS (MB)", max(workers, default=None), at_most=RSS_BUDGET_MB
            ),
        ],
    )


if __name__ == "__main__":
    main()
