"""An institution's REST API on loopback, as the ``rest`` connector meets it in production."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.servers import free_port


class Receiver:
    """Checks the signature, stores cases by Idempotency-Key (a retry of a case it already has gets the
    same answer and creates nothing, as a real back office does), and fails on command.

    ``plan`` holds what the next requests do, in order; then every request succeeds:
    ``"500"``/``"400"`` answer that status without storing, ``"slow-after-store"`` stores and answers
    1.5 s late, ``"hang-after-store"`` stores and holds the connection until ``release`` is set (it sets
    ``hanging`` first, so a test knows the sender is waiting for an answer).
    """

    def __init__(self, secret: str) -> None:
        self.cases: dict[str, dict] = {}
        self.requests = 0
        self.plan: list[str] = []
        self.hanging = threading.Event()
        self.release = threading.Event()
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with lock:
                    receiver.requests += 1
                expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
                if not hmac.compare_digest(expected, self.headers.get("X-Portal-Signature", "")):
                    self._answer(401, {"error": "bad signature"})
                    return
                with lock:
                    step = receiver.plan.pop(0) if receiver.plan else "ok"
                if step in ("500", "400"):
                    self._answer(int(step), {"error": "planned"})
                    return
                key = self.headers["Idempotency-Key"]
                with lock:
                    receiver.cases.setdefault(key, json.loads(body))
                    number = list(receiver.cases).index(key) + 1
                if step == "slow-after-store":
                    time.sleep(1.5)  # the case is stored, but the portal gives up waiting
                if step == "hang-after-store":
                    receiver.hanging.set()
                    receiver.release.wait(timeout=120)
                self._answer(201, {"reference": f"CASE-{number}"})

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
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

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cases"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Receiver":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
