"""POST the package as JSON to the institution's API: an HMAC-SHA256 signature over the body, an
Idempotency-Key that stays the same on every retry, an optional client certificate, and timeouts.
A reply of the applicant is posted the same way; its envelope's ``schema`` (``portal.reply/1``) tells it
from an application (``portal.application/1``)."""

import base64
import hashlib
import hmac
import json
from typing import Any

import requests

from portal.backoffice.connectors.base import Package, PermanentFailure, TemporaryFailure

SIGNATURE_HEADER = "X-Portal-Signature"


def body_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class RestConnector:
    name = "rest"

    def deliver(self, package: Package, options: dict[str, Any], secret: str) -> str:
        url = options.get("url", "")
        if not url or not secret:
            raise PermanentFailure("rest: 'url' and the secret must be set")
        body = json.dumps(
            {
                "envelope": package.envelope,
                "documents": [
                    {
                        "name": file.name,
                        "content_type": file.content_type,
                        "sha256": file.sha256,
                        "content_base64": base64.b64encode(file.content).decode(),
                    }
                    for file in package.files
                ],
            },
            ensure_ascii=False,
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": package.idempotency_key,
            SIGNATURE_HEADER: body_signature(secret, body),
        }
        certificate = (options["client_cert"], options["client_key"]) if options.get("client_cert") else None
        timeout = (float(options.get("connect_timeout", 5)), float(options.get("read_timeout", 30)))
        try:
            response = requests.post(
                url, data=body, headers=headers, timeout=timeout, cert=certificate, allow_redirects=False
            )
        except requests.Timeout as exc:
            raise TemporaryFailure("rest: timed out") from exc
        except requests.RequestException as exc:
            raise TemporaryFailure(f"rest: {exc.__class__.__name__}") from exc
        if response.status_code in (408, 425, 429) or response.status_code >= 500:
            raise TemporaryFailure(f"rest: HTTP {response.status_code}")
        if response.status_code >= 300:
            raise PermanentFailure(f"rest: HTTP {response.status_code} (refused)")
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        return str(answer.get("reference") or answer.get("id") or response.headers.get("Location", ""))[:200]

    def check_config(self, options: dict[str, Any], secret: str) -> list[str]:
        problems = []
        if not str(options.get("url", "")).startswith("https://") and not options.get("allow_http"):
            problems.append("Set 'url' to the institution's https:// address.")
        if not secret:
            problems.append("Set the secret the institution uses to check the signature.")
        return problems
