"""A small HTTP load generator, run as its own process: N keep-alive clients for D seconds.

Prints one JSON line: requests per second and latency percentiles in milliseconds.
"""

import http.client
import json
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit


def client(url: str, deadline: float, latencies: list[float], errors: list[int]) -> None:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    path = parts.path or "/"
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        connection.request("GET", path, headers={"Accept-Language": "lt"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            errors.append(response.status)
        latencies.append(time.perf_counter() - started)


def main() -> None:
    url, concurrency, duration = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    latencies: list[float] = []
    errors: list[int] = []
    deadline = time.perf_counter() + duration
    threads = [
        threading.Thread(target=client, args=(url, deadline, latencies, errors)) for _ in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    print(
        json.dumps(
            {
                "url": url,
                "requests": len(latencies),
                "errors": len(errors),
                "requests_per_second": round(len(latencies) / duration, 1),
                "p50_ms": round(cuts[49] * 1000, 1),
                "p95_ms": round(cuts[94] * 1000, 1),
                "p99_ms": round(cuts[98] * 1000, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
