"""The Celery application: Redis broker, JSON only, late acknowledgement, one queue per kind of work.

Tasks are thin and idempotent: the database is the source of truth, so a task that is lost, repeated or
late is harmless. ``acks_late`` with ``reject_on_worker_lost`` hands the message of a killed worker to
another one; prefetch 1 keeps a slow PDF from holding back deliveries queued behind it.
"""

import os

from celery import Celery
from celery.schedules import crontab
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

# Periodic work. Every task is idempotent, so a missed or doubled beat is harmless.
BEAT_SCHEDULE = {
    # Events are recorded without a lock and chained here; audit_verify fails when they wait too long.
    # A run not started within its interval expires: the next one seals the same events.
    "audit-seal": {"task": "portal.audit.tasks.audit_seal", "schedule": 10.0, "options": {"expires": 10}},
    "audit-checkpoint": {"task": "portal.audit.tasks.audit_checkpoint", "schedule": crontab(minute="*/10")},
    "audit-chain-verify": {
        "task": "portal.audit.tasks.audit_chain_verify",
        "schedule": crontab(hour=2, minute=15),
    },
    "eidas-node-metadata-refresh": {
        "task": "portal.eidas.tasks.node_metadata_refresh",
        "schedule": crontab(minute="*/30"),
    },
    "drafts-purge": {
        "task": "portal.applications.tasks.drafts_purge",
        "schedule": crontab(hour=3, minute=30),
    },
    "sessions-clear-expired": {
        "task": "portal.core.tasks.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=0),
    },
    "deliveries-sweep": {"task": "portal.pipeline.tasks.sweep", "schedule": crontab(minute="*")},
    "notifications-sweep": {"task": "portal.notifications.tasks.sweep", "schedule": crontab(minute="*")},
    "deliveries-dead-digest": {
        "task": "portal.backoffice.tasks.dead_digest",
        "schedule": crontab(hour=7, minute=0),
    },
}

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    accept_content=["json"],
    task_serializer="json",
    result_serializer="json",
    task_ignore_result=True,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    # WeasyPrint's caches grow with every document: a pool process over ~400 MB is replaced after its task.
    worker_max_memory_per_child=400_000,
    worker_cancel_long_running_tasks_on_connection_loss=True,
    broker_connection_retry_on_startup=True,
    # Socket timeouts: a frozen or half-open Redis must not hang a citizen's "Send" (the task is in the
    # database already and the sweeper queues it later); one quick retry when publishing fails.
    broker_transport_options={
        "visibility_timeout": 60 * 60,
        "socket_timeout": 2,
        "socket_connect_timeout": 2,
    },
    task_publish_retry_policy={
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
    },
    task_queues=[Queue("default"), Queue("documents"), Queue("delivery"), Queue("notify")],
    task_default_queue="default",
    task_routes={
        # The steps after Send (portal.pipeline.tasks) each on the queue of the work they do.
        "portal.pipeline.tasks.receipt": {"queue": "documents"},
        "portal.pipeline.tasks.deliver": {"queue": "delivery"},
        "portal.pipeline.tasks.sweep": {"queue": "delivery"},
        "portal.backoffice.tasks.*": {"queue": "delivery"},
        "portal.notifications.tasks.*": {"queue": "notify"},
    },
    timezone="UTC",
    beat_schedule=BEAT_SCHEDULE,
)
app.autodiscover_tasks()
