"""Putting a task on the queue without ever failing the caller.

The database is the source of truth: when the broker is down (or an eager task fails) the work is still
recorded, and the beat sweeper queues it again later. So a citizen's "Send" never fails on Redis.
"""

import logging
from typing import Any

from django.core.cache import cache

logger = logging.getLogger(__name__)


def enqueue(task: Any, *args: Any) -> bool:
    try:
        task.delay(*args)
    except Exception:  # the broker is down, or an eager task raised: the sweeper will retry
        logger.warning("could not run or queue %s now; the sweeper retries it", task.name, exc_info=True)
        return False
    return True


def _queued_key(task_name: str, object_id: str) -> str:
    return f"queued:{task_name}:{object_id}"


def enqueue_once(task: Any, object_id: str, *, hold_seconds: int) -> bool:
    """For sweepers: queue ``task(object_id)`` unless it was queued in the last ``hold_seconds`` and has
    not started yet. A backlog longer than the sweep interval is then not copied on every sweep; a
    message that was lost is queued again once the hold is over. The task calls ``queued_taken``."""
    key = _queued_key(task.name, object_id)
    if not cache.add(key, 1, timeout=hold_seconds):
        return False
    if enqueue(task, object_id):
        return True
    cache.delete(key)
    return False


def queued_taken(task_name: str, object_id: str) -> None:
    """The task started: a sweeper may queue it again when it is still due later."""
    cache.delete(_queued_key(task_name, str(object_id)))
