"""A small HTTP load generator, run as its own process so that it does not share an interpreter with
Django: keep-alive clients that each repeat their own scenario (a list of requests) until the time is up.

Usage: ``load.py PLAN.json``. The plan::

    {"base": "http://127.0.0.1:8000", "seconds": 15,
     "clients": [{"cookies": {"sessionid": "…"},
                  "requests": [{"label": "GET step", "method": "GET", "path": "/…/posting/"},
                               {"label": "POST step", "method": "POST", "path": "/…/posting/",
                                "form": {…}, "csrf": true, "location": "/…/employer_activity/"}]}]}

A POST with ``"csrf": true`` sends the ``csrfmiddlewaretoken`` of the page the client fetched last. Every
answer is recorded under its label as an outcome: the status code (``"200"``), the status and where it
pointed when a redirect went elsewhere than ``location`` (``"302 to /…/"``), or ``"no answer (…)"``.
The caller compares the outcomes with what it expects; this program only counts.

Prints one JSON object: requests/s and complete scenarios/s over the real elapsed time, latency
percentiles in milliseconds per label and overall, the outcomes per label, and every latency.
"""

import http.client
import json
import re
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.outcomes: dict[str, Counter[str]] = defaultdict(Counter)
        self.cycles = 0

    def add(self, label: str, outcome: str, seconds: float) -> None:
        with self.lock:
            self.outcomes[label][outcome] += 1
            self.latencies[label].append(seconds)


def _outcome(response: http.client.HTTPResponse, expected_location: str | None) -> str:
    location = response.getheader("Location")
    if expected_location is not None and location != expected_location:
        return f"{response.status} to {location or 'nowhere'}"
    return str(response.status)


def client(base: str, scenario: dict[str, Any], deadline: float, recorder: Recorder) -> None:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.netloc, timeout=30)
    cookies = dict(scenario.get("cookies", {}))
    token = ""
    while time.perf_counter() < deadline:
        for request in scenario["requests"]:
            headers = {"Accept-Language": "lt", "Host": parts.netloc}
            if cookies:
                headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
            body = None
            if request["method"] == "POST":
                form = dict(request.get("form", {}))
                if request.get("csrf"):
                    form["csrfmiddlewaretoken"] = token
                body = urlencode(form, doseq=True)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            started = time.perf_counter()
            try:
                connection.request(request["method"], request["path"], body=body, headers=headers)
                response = connection.getresponse()
                content = response.read()
            except (OSError, http.client.HTTPException) as error:
                recorder.add(request["label"], f"no answer ({type(error).__name__})", 0.0)
                connection.close()  # http.client reconnects on the next request
                continue
            recorder.add(
                request["label"], _outcome(response, request.get("location")), time.perf_counter() - started
            )
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    cookies[name] = morsel.value
            found = CSRF_INPUT.search(content) if request["method"] == "GET" else None
            if found:
                token = found.group(1).decode()
        else:
            with recorder.lock:
                recorder.cycles += 1


def percentiles(seconds: list[float]) -> dict[str, float]:
    if len(seconds) < 2:
        return {}
    cuts = statistics.quantiles(seconds, n=100)
    return {f"p{n}_ms": round(cuts[n - 1] * 1000, 1) for n in (50, 95, 99)}


def main() -> None:
    with open(sys.argv[1]) as plan_file:
        plan = json.load(plan_file)
    recorder = Recorder()
    started = time.perf_counter()
    deadline = started + float(plan["seconds"])
    threads = [
        threading.Thread(target=client, args=(plan["base"], scenario, deadline, recorder))
        for scenario in plan["clients"]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started  # the last requests end after the deadline: count them too
    requests = sum(len(values) for values in recorder.latencies.values())
    every_latency = [value for values in recorder.latencies.values() for value in values]
    report = {
        "clients": len(plan["clients"]),
        "elapsed_seconds": round(elapsed, 2),
        "requests": requests,
        "requests_per_second": round(requests / elapsed, 1),
        "scenarios_completed": recorder.cycles,
        "scenarios_per_second": round(recorder.cycles / elapsed, 1),
        **percentiles(every_latency),
        "by_request": {
            label: {"requests": len(values), **percentiles(values)}
            for label, values in recorder.latencies.items()
        },
        "outcomes": {label: dict(counts) for label, counts in recorder.outcomes.items()},
        # Every latency, so that a caller can merge several runs of the same plan.
        "latencies_ms": {
            label: [round(value * 1000, 2) for value in values]
            for label, values in recorder.latencies.items()
        },
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
