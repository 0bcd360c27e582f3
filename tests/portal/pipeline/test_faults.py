"""Nothing sent is lost, nothing is delivered twice: fault tests with real parts.

Real Celery worker processes, a real (throwaway) Redis as the broker, PostgreSQL, and an institution's
REST API on loopback that keeps one case per Idempotency-Key. The test process plays the web server:
it submits (through the wizard or the service) and, where the sweeper is needed, plays Celery beat by
queueing the ``sweep`` task every second instead of every minute.
"""

import logging
import os
import re
import shutil
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client
from kombu import pools

from portal.applications.models import Application, ApplicationEvent
from portal.applications.services import draft_start
from portal.applications.states import Status
from portal.backoffice.models import Delivery, DeliveryRoute
from portal.celery import app as celery_app
from portal.core.tasks import ping
from portal.documents.models import Document
from portal.pipeline.services import application_submit
from portal.pipeline.tasks import sweep
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.portal.pipeline.conftest import SUBMISSION
from tests.procedures.applicable_legislation.test_journeys import through_employer, to_check
from tests.support.receiver import Receiver
from tests.support.servers import celery_worker, free_port, throwaway_redis, wait_until, worker_log

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),  # the worker processes must see what the test commits
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="starts throwaway redis-servers"),
    pytest.mark.skipif(
        not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="worker processes share the test database: PostgreSQL only",
    ),
]

SECRET = "institution-shared-secret"
STUCK_AFTER_SECONDS = 3  # BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS here, instead of 5 minutes


@pytest.fixture
def receiver():
    with Receiver(SECRET) as running:
        yield running


@pytest.fixture
def rest_route(receiver):
    return DeliveryRoute.objects.create(
        procedure="applicable-legislation",
        connector="rest",
        options={"url": receiver.url, "read_timeout": 30, "allow_http": True},
        secret=SECRET,
    )


def _publisher_reset() -> None:
    """Forget pooled broker connections, so the next task is published to the broker configured now."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(settings):
    """Tasks are queued for real (not run eagerly); call it with the URL of the broker to use. Worker
    processes started afterwards use the same broker."""

    def use(url: str) -> None:
        settings.CELERY_BROKER_URL = url
        _publisher_reset()
        assert celery_app.conf.broker_url == url  # Celery reads the Django settings live

    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert not celery_app.conf.task_always_eager
    yield use
    _publisher_reset()


@pytest.fixture
def citizen_client(client):
    post_acs(client, node_response(start_login(client), "lt-worker"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _submitted(owner) -> Application:  # type: ignore[no-untyped-def]
    draft = draft_start(owner=owner, procedure="applicable-legislation")
    return application_submit(draft_id=draft.pk, owner=owner, submission=SUBMISSION, language="lt")


def _check_page(client: Client) -> tuple[str, dict[str, str]]:
    """Answer every page of an A1 request; returns the "check your answers" URL and its Send form."""
    url = to_check(client, through_employer(client))
    assert url.endswith("/check/"), url
    page = client.get(url).content.decode()
    management = re.search(r'name="([a-z_]+-current_step)" value="([a-z_]+)"', page)
    assert management, page[:2000]
    return url, {management.group(1): management.group(2), "check-truthful": "on"}


def _send(client: Client, url: str, form: dict[str, str]) -> Any:
    """Press "Send" and follow the redirects to the page the citizen ends on."""
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"], follow=True)


def _swept_until(done: Callable[[], bool]) -> Callable[[], bool]:
    """A predicate for ``wait_until`` that plays Celery beat: each time ``done`` is not true yet, the
    sweeper task is queued (beat does it every minute; a worker runs it)."""

    def tick() -> bool:
        if done():
            return True
        sweep.delay()
        return False

    return tick


def _delivered(delivery: Delivery) -> Callable[[], bool]:
    return lambda: Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.DELIVERED).exists()


def _concurrently(*actions: Callable[[], Any]) -> list[Any]:
    """Run each action in its own thread (and database connection), all released at the same moment."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(action: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(action())
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not [thread for thread in threads if thread.is_alive()], "a submission did not finish"
    assert not errors, errors
    return results


def test_a_worker_killed_while_delivering_is_redelivered_by_the_sweeper_as_one_case(
    broker, receiver, rest_route, citizen, settings
):
    settings.BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS = STUCK_AFTER_SECONDS  # here and in the workers
    worker_settings = {"BACKOFFICE_IN_PROGRESS_TIMEOUT_SECONDS": str(STUCK_AFTER_SECONDS)}
    receiver.plan = ["hang-after-store"]  # the institution stores the case, the answer never comes
    with throwaway_redis() as url:
        broker(url)
        application = _submitted(citizen)  # its receipt, then its delivery, are queued at commit
        delivery = Delivery.objects.get(application=application)
        with celery_worker(extra_env=worker_settings) as first:
            mid_delivery = receiver.hanging.wait(timeout=60)
            first.send_signal(signal.SIGKILL)  # no clean-up, no acknowledgement, no "finally"
            first.wait(timeout=10)
        assert mid_delivery, worker_log(first)
        assert first.returncode == -signal.SIGKILL
        receiver.release.set()

        left_behind = Delivery.objects.get(pk=delivery.pk)
        assert (left_behind.status, left_behind.attempts) == (Delivery.Status.IN_PROGRESS, 1)
        assert list(receiver.cases) == [str(delivery.idempotency_key)]  # stored, never confirmed

        with celery_worker(extra_env=worker_settings) as second:
            redelivered = wait_until(_swept_until(_delivered(delivery)), timeout=60, interval=1)
        assert redelivered, worker_log(second)

    assert receiver.requests == 2  # the killed attempt and the sweeper's retry, with the same key
    assert list(receiver.cases) == [str(delivery.idempotency_key)]  # one case at the institution
    done = Delivery.objects.get(pk=delivery.pk)
    assert (done.status, done.attempts, done.remote_reference) == (Delivery.Status.DELIVERED, 2, "CASE-1")
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_a_submit_while_redis_is_down_is_confirmed_and_delivered_once_redis_is_back(
    broker, receiver, rest_route, citizen_client, caplog
):
    port = free_port()
    with throwaway_redis(port=port) as url:
        broker(url)
        check_url, send_form = _check_page(citizen_client)
        ping.delay()  # the web process holds a live broker connection, as it does in production
    # Redis is down (stopped, and everything queued in it lost) when the citizen presses "Send".

    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="portal.core.queue"):
        confirmation = _send(citizen_client, check_url, send_form)
    took = time.monotonic() - started

    application = Application.objects.get()
    assert confirmation.status_code == 200
    assert confirmation.redirect_chain[-1][0].endswith(f"/{application.pk}/")
    assert application.reference in confirmation.content.decode()
    assert took < 10, f"Send took {took:.1f}s with the broker down"  # well inside a proxy's timeout
    assert "the sweeper retries it" in caplog.text
    delivery = Delivery.objects.get(application=application)
    assert (application.status, delivery.status, delivery.attempts) == (
        Status.SUBMITTED,
        Delivery.Status.PENDING,
        0,
    )
    assert not application.documents.exists() and receiver.requests == 0  # nothing has gone out yet

    with throwaway_redis(port=port):  # Redis is back where it was, empty
        with celery_worker() as worker:
            delivered = wait_until(_swept_until(_delivered(delivery)), timeout=90, interval=1)
        assert delivered, worker_log(worker)

    assert receiver.requests == 1
    assert list(receiver.cases) == [str(delivery.idempotency_key)]
    assert receiver.cases[str(delivery.idempotency_key)]["envelope"]["reference"] == application.reference
    done = Delivery.objects.get(pk=delivery.pk)
    assert (done.status, done.attempts) == (Delivery.Status.DELIVERED, 1)
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    assert application.documents.filter(kind=Document.Kind.RECEIPT).count() == 1


def test_a_submit_while_redis_is_frozen_is_confirmed_in_seconds_and_delivered_once_it_thaws(
    broker, receiver, rest_route, citizen_client, caplog
):
    with throwaway_redis() as url:
        broker(url)
        check_url, send_form = _check_page(citizen_client)
        for queue in celery_app.amqp.queues:  # the web process holds a live broker connection and has
            ping.apply_async(queue=queue)  # declared every queue, as it has in production
        redis_pid = redis.Redis.from_url(url).info("server")["process_id"]
        # Redis freezes (a failover, a half-open network): the kernel still accepts connections and
        # takes in what is sent, nothing ever answers. The process is always continued again, or
        # throwaway_redis could not stop it.
        os.kill(redis_pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            with caplog.at_level(logging.WARNING, logger="portal.core.queue"):
                confirmation = _send(citizen_client, check_url, send_form)
            took = time.monotonic() - started
        finally:
            os.kill(redis_pid, signal.SIGCONT)
        # What the timed-out publish had already written (the email's task) is still run by Redis once it
        # thaws: the web process was told "not queued" but the message is there. Tasks are idempotent.

        application = Application.objects.get()
        assert confirmation.status_code == 200
        assert confirmation.redirect_chain[-1][0].endswith(f"/{application.pk}/")
        assert application.reference in confirmation.content.decode()
        # Measured 10.1-10.2 s: two tasks are queued at commit (the citizen's email, then the receipt);
        # the first waits 3 socket timeouts of 2 s on the pooled connection, the second 2 (connect + PING).
        assert took < 20, f"Send took {took:.1f}s with the broker frozen"  # not the > 40 s it used to
        assert "the sweeper retries it" in caplog.text
        delivery = Delivery.objects.get(application=application)
        assert (application.status, delivery.status, delivery.attempts) == (
            Status.SUBMITTED,
            Delivery.Status.PENDING,
            0,
        )

        with celery_worker() as worker:
            delivered = wait_until(_swept_until(_delivered(delivery)), timeout=90, interval=1)
        assert delivered, worker_log(worker)
        assert "Timeout reading from socket" not in "".join(worker.output)  # type: ignore[attr-defined]

    assert receiver.requests == 1
    assert list(receiver.cases) == [str(delivery.idempotency_key)]
    assert receiver.cases[str(delivery.idempotency_key)]["envelope"]["reference"] == application.reference
    done = Delivery.objects.get(pk=delivery.pk)
    assert (done.status, done.attempts) == (Delivery.Status.DELIVERED, 1)
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    assert application.documents.filter(kind=Document.Kind.RECEIPT).count() == 1


def test_a_double_click_on_send_makes_one_application_delivered_once(
    broker, receiver, rest_route, citizen_client
):
    with throwaway_redis() as url:
        broker(url)
        check_url, send_form = _check_page(citizen_client)
        second_click = Client(HTTP_ACCEPT_LANGUAGE="en")  # the same browser: the same session
        for name, morsel in citizen_client.cookies.items():
            second_click.cookies[name] = morsel.value

        pages = _concurrently(
            lambda: _send(citizen_client, check_url, send_form),
            lambda: _send(second_click, check_url, send_form),
        )

        [application] = Application.objects.all()
        delivery = Delivery.objects.get(application=application)
        for page in pages:
            assert page.status_code == 200
            assert page.redirect_chain[-1][0].endswith(f"/{application.pk}/")
            assert application.reference in page.content.decode()

        with celery_worker() as worker:  # no sweeper needed: the one Send queued the pipeline
            delivered = wait_until(_delivered(delivery), timeout=90, interval=0.5)
        assert delivered, worker_log(worker)

    assert receiver.requests == 1 and list(receiver.cases) == [str(delivery.idempotency_key)]
    assert Delivery.objects.get(pk=delivery.pk).attempts == 1
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_concurrent_submissions_of_one_draft_make_one_application_and_start_its_pipeline_once(
    broker, rest_route, citizen
):
    with throwaway_redis() as url:
        broker(url)
        draft = draft_start(owner=citizen, procedure="applicable-legislation")

        def submit() -> Application:
            return application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")

        sent = _concurrently(*[submit] * 4)
        queued_receipts = redis.Redis.from_url(url).llen("documents")

    assert len({application.pk for application in sent}) == 1
    assert len({application.reference for application in sent}) == 1
    [application] = Application.objects.all()
    assert Delivery.objects.filter(application=application).count() == 1
    assert ApplicationEvent.objects.filter(application=application).count() == 1  # one "sent" in its history
    assert queued_receipts == 1  # the pipeline (receipt, then delivery) started once
