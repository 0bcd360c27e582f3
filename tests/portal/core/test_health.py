"""/healthz/ and /readyz/ against the real dependencies: PostgreSQL, Redis, a Celery broker and workers.

Tasks here are queued for real (not run eagerly): the broker is a throwaway redis-server, so the queue
that a test reads holds exactly the messages it published.
"""

import datetime
import shutil
import time
from collections.abc import Callable, Iterator

import pytest
import redis
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from kombu import pools

from portal.celery import app as celery_app
from portal.core.tasks import sessions_clear_expired
from tests.support.servers import celery_worker, free_port, throwaway_redis, wait_until, worker_log

needs_redis = pytest.mark.skipif(
    not django_settings.REDIS_URL, reason="runs against a real Redis (make test sets REDIS_URL)"
)
needs_redis_server = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="starts throwaway redis-servers"
)
needs_postgresql = pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="worker processes share the test database: PostgreSQL only",
)


def _publisher_reset() -> None:
    """Forget pooled broker connections, so the next message goes to the broker configured now."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(settings) -> Iterator[Callable[[str], None]]:
    """Tasks go to a real broker (Celery reads the Django settings live); call it with the broker's URL.
    Workers started afterwards use the same broker."""

    def use(url: str) -> None:
        settings.CELERY_BROKER_URL = url
        _publisher_reset()
        assert celery_app.conf.broker_url == url

    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert not celery_app.conf.task_always_eager
    yield use
    _publisher_reset()


def test_liveness_answers_without_touching_dependencies(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@needs_redis
def test_readiness_checks_the_real_database_and_redis(client, db):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "celery": "not configured"},
    }


@needs_redis
@pytest.mark.django_db(transaction=True)  # the test moves the connection itself, outside a transaction
def test_readiness_fails_while_the_database_is_unreachable_and_recovers(client):
    connection.close()
    real_port = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = str(free_port())  # nothing listens there: PostgreSQL is "down"
    try:
        response = client.get("/readyz/")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "error: OperationalError"
    assert response.json()["checks"]["redis"] == "ok"
    assert client.get("/readyz/").status_code == 200


@needs_redis_server
@pytest.mark.services
def test_readiness_fails_while_redis_is_down_and_recovers(client, db, settings):
    port = free_port()
    with throwaway_redis(port=port) as url:
        settings.REDIS_URL = url
        assert client.get("/readyz/").status_code == 200
    # The throwaway server is stopped now.
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["redis"].startswith("error: ")
    assert response.json()["checks"]["database"] == "ok"
    with throwaway_redis(port=port):  # Redis is back where it was
        assert client.get("/readyz/").json() == {
            "status": "ok",
            "checks": {"database": "ok", "redis": "ok", "celery": "not configured"},
        }


@needs_redis
@needs_redis_server
@needs_postgresql
@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_readiness_reports_the_celery_workers_while_they_answer(client, settings, broker):
    settings.READYZ_CELERY_PING = True
    with throwaway_redis() as broker_url:
        broker(broker_url)
        response = client.get("/readyz/")
        assert response.status_code == 503  # no worker yet
        assert response.json()["checks"]["celery"] == "error: RuntimeError"
        with celery_worker(queues="default") as worker:
            assert wait_until(lambda: client.get("/readyz/").status_code == 200, timeout=60), worker_log(
                worker
            )
            assert client.get("/readyz/").json()["checks"]["celery"] == "ok (1 worker(s))"
        # The worker has stopped.
        assert client.get("/readyz/").status_code == 503


@needs_redis
@needs_redis_server
@pytest.mark.services
def test_readiness_answers_in_seconds_while_the_broker_is_down(client, db, settings, broker):
    """A load balancer's probe times out: with the broker gone, the Celery ping must fail fast, not hang."""
    settings.READYZ_CELERY_PING = True
    with throwaway_redis() as broker_url:
        broker(broker_url)
    started = time.monotonic()
    response = client.get("/readyz/")
    assert time.monotonic() - started < 5  # the readiness probe's timeoutSeconds in deploy/
    assert response.status_code == 503
    assert response.json()["checks"]["celery"].startswith("error: ")
    assert response.json()["checks"]["database"] == "ok"


@needs_redis_server
@needs_postgresql
@pytest.mark.services
@pytest.mark.django_db(transaction=True)  # the worker process must see the sessions the test commits
def test_a_queued_task_waits_in_redis_until_a_worker_runs_it(broker):
    # Long expired (a fixed day, so a worker whose clock differs from the test's still agrees), and live.
    Session.objects.create(
        session_key="e" * 32, session_data="", expire_date=datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)
    )
    Session.objects.create(
        session_key="l" * 32, session_data="", expire_date=timezone.now() + datetime.timedelta(days=1)
    )
    with throwaway_redis() as broker_url:
        broker(broker_url)
        queue = redis.Redis.from_url(broker_url)
        sessions_clear_expired.delay()
        assert queue.llen("default") == 1  # the message waits in Redis: nothing ran it yet
        assert Session.objects.count() == 2
        with celery_worker(queues="default") as worker:
            assert wait_until(
                lambda: not Session.objects.filter(session_key="e" * 32).exists(), timeout=60
            ), worker_log(worker)
            assert queue.llen("default") == 0
    assert list(Session.objects.values_list("session_key", flat=True)) == ["l" * 32]
