"""Putting a task on the queue without ever failing the caller.

The database is the source of truth: when the broker is down (or an eager task fails) the work is still
recorded, and the beat sweeper queues it again later. So a citizen's "Send" never fails on Redis.
"""

import logging
from typing import Any

logger = logging.getLogger(__name__)


def enqueue(task: Any, *args: Any) -> bool:
    try:
        task.delay(*args)
    except Exception:  # the broker is down, or an eager task raised: the sweeper will retry
        logger.warning("could not run or queue %s now; the sweeper retries it", task.name, exc_info=True)
        return False
    return True
