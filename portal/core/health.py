"""Liveness and readiness probes for load balancers and orchestrators (JSON, never cached)."""

import logging
from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.celery import app as celery_app

logger = logging.getLogger(__name__)

PROBE_TIMEOUT_SECONDS = 2.0


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=PROBE_TIMEOUT_SECONDS, socket_connect_timeout=PROBE_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def _celery() -> str:
    if not settings.READYZ_CELERY_PING:
        return "not configured"
    # A connection of its own that tries the broker once: the pooled one retries for about 6 s when the
    # broker is down, longer than a probe waits (5 s in deploy/), and the probe would time out instead of
    # getting a 503 that names the failure.
    with celery_app.connection_for_write(
        connect_timeout=PROBE_TIMEOUT_SECONDS, transport_options={"max_retries": 0}
    ) as broker:
        replies = celery_app.control.ping(timeout=PROBE_TIMEOUT_SECONDS, connection=broker)
    if not replies:
        raise RuntimeError("no worker answered")
    return f"ok ({len(replies)} worker(s))"


CHECKS: dict[str, Callable[[], str]] = {"database": _database, "redis": _redis, "celery": _celery}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and serving requests; says nothing about its dependencies."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Every dependency answers; 503 with the failing ones named otherwise."""
    results: dict[str, str] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready", and is reported as such
            healthy = False
            results[name] = f"error: {type(exc).__name__}"
            logger.warning("Readiness check %s failed: %s", name, type(exc).__name__)
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results}, status=200 if healthy else 503
    )
