"""An institution's REST API on loopback for the pipeline benchmark: checks the signature, stores one case
per ``Idempotency-Key`` (a retry gets the case it already made) and counts what it saw."""

import collections
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Receiver:
    def __init__(self, secret: str) -> None:
        self.secret = secret.encode()
        self.lock = threading.Lock()
        self.cases: dict[str, str] = {}  # idempotency key -> case reference
        self.references: collections.Counter[str] = collections.Counter()  # application reference -> cases
        self.requests = 0
        self.repeated = 0  # requests with a key already seen (answered with the stored case)
        self.rejected = 0  # bad signature or body
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status, answer = receiver.handle(body, self.headers)
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cases"
        self.thread = threading.Thread(target=self.server.serve_forever, name="receiver", daemon=True)

    def handle(self, body: bytes, headers: Any) -> tuple[int, dict[str, str]]:
        expected = "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        key = headers.get("Idempotency-Key", "")
        with self.lock:
            self.requests += 1
            if not key or not hmac.compare_digest(expected, headers.get("X-Portal-Signature", "")):
                self.rejected += 1
                return 401, {"error": "bad signature or no Idempotency-Key"}
            if key in self.cases:
                self.repeated += 1
                return 200, {"reference": self.cases[key]}
        try:
            reference = str(json.loads(body)["envelope"]["reference"])
        except (ValueError, KeyError, TypeError):
            with self.lock:
                self.rejected += 1
            return 400, {"error": "not an application envelope"}
        with self.lock:
            if key in self.cases:  # the same key arrived twice at once
                self.repeated += 1
                return 200, {"reference": self.cases[key]}
            self.cases[key] = f"CASE-{len(self.cases) + 1}"
            self.references[reference] += 1
            return 201, {"reference": self.cases[key]}

    def duplicated(self) -> int:
        """Applications the institution got more than one case for."""
        with self.lock:
            return sum(1 for count in self.references.values() if count > 1)

    def __enter__(self) -> "Receiver":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
