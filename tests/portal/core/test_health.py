import pytest
from django.conf import settings

from portal.celery import app as celery_app
from tests.support.servers import celery_worker, throwaway_redis, wait_until

needs_redis = pytest.mark.skipif(
    not settings.REDIS_URL, reason="runs against a real Redis (make test sets REDIS_URL)"
)


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


@pytest.mark.services
def test_readiness_fails_while_redis_is_down_and_recovers(client, db, settings):
    with throwaway_redis() as url:
        settings.REDIS_URL = url
        assert client.get("/readyz/").status_code == 200
    # The throwaway server is stopped now.
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["redis"].startswith("error: ")
    assert response.json()["checks"]["database"] == "ok"


@needs_redis
@pytest.mark.services
def test_readiness_pings_the_celery_workers_when_asked_to(client, db, settings):
    settings.READYZ_CELERY_PING = True
    assert client.get("/readyz/").status_code == 503  # no worker yet
    with celery_worker(queues="default") as worker:
        assert wait_until(lambda: bool(celery_app.control.ping(timeout=0.5)), timeout=30), worker
        response = client.get("/readyz/")
        assert response.status_code == 200
        assert response.json()["checks"]["celery"].startswith("ok (")


@needs_redis
@pytest.mark.services
def test_a_real_worker_runs_tasks_from_the_queue(db, settings):
    from portal.core.tasks import ping

    with celery_worker(queues="default"):
        result = ping.apply_async(ignore_result=False)
        # Results are not stored (the database is the source of truth), so watch the queue drain instead.
        import redis

        client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        assert wait_until(lambda: client.llen("default") == 0, timeout=30)
        assert result.id
