"""Page overhead benchmark (see bench/README.md).

Serves the portal with gunicorn on PostgreSQL, then measures, in the same run, a portal page against a
bare view rendering the same base template. Reports the ratio of their request rates and latency
percentiles at 20 concurrent clients, and writes them to var/bench/page_overhead.json.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "20"))
DURATION = float(os.environ.get("BENCH_SECONDS", "15"))
PAGES = {"bare": "/bench/bare/", "start page": "/", "procedure page": "/procedures/pension/"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback URL built here
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {url}")


def measure(base: str, path: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), base + path, str(CONCURRENCY), str(DURATION)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def main() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "CELERY_TASK_ALWAYS_EAGER": "true"}
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "bench.wsgi:application",
            "-c",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz/")
        for path in PAGES.values():  # warm up every worker and its template cache
            load = [python, str(ROOT / "bench" / "load.py"), base + path, "4", "2"]
            subprocess.run(load, capture_output=True, check=True)
        results = {name: measure(base, path) for name, path in PAGES.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = results["bare"]["requests_per_second"]
    report = {
        "concurrency": CONCURRENCY,
        "seconds_per_page": DURATION,
        "pages": results,
        "ratios_to_bare": {name: round(r["requests_per_second"] / bare, 3) for name, r in results.items()},
    }
    out = ROOT / "var" / "bench" / "page_overhead.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
