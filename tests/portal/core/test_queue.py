"""Sweepers queue work again without copying a backlog that is merely waiting in the queue."""

from portal.core.queue import enqueue_once, queued_taken


class RecordingTask:
    """Stands in for a Celery task's ``delay`` (the broker itself is exercised by the fault tests)."""

    name = "portal.tests.recording"

    def __init__(self, *, broker_up: bool = True) -> None:
        self.queued: list[str] = []
        self.broker_up = broker_up

    def delay(self, object_id: str) -> None:
        if not self.broker_up:
            raise ConnectionError("broker down")
        self.queued.append(object_id)


def test_work_still_waiting_in_the_queue_is_not_queued_again():
    task = RecordingTask()
    assert enqueue_once(task, "a", hold_seconds=300)
    assert not enqueue_once(task, "a", hold_seconds=300)
    assert enqueue_once(task, "b", hold_seconds=300)
    assert task.queued == ["a", "b"]


def test_once_the_task_started_it_may_be_queued_again():
    task = RecordingTask()
    enqueue_once(task, "a", hold_seconds=300)
    queued_taken(task.name, "a")
    assert enqueue_once(task, "a", hold_seconds=300)
    assert task.queued == ["a", "a"]


def test_a_lost_message_is_queued_again_after_the_hold(settings):
    task = RecordingTask()
    enqueue_once(task, "a", hold_seconds=1)
    import time

    time.sleep(1.1)
    assert enqueue_once(task, "a", hold_seconds=1)


def test_when_the_broker_is_down_nothing_is_held_back():
    task = RecordingTask(broker_up=False)
    assert not enqueue_once(task, "a", hold_seconds=300)
    task.broker_up = True
    assert enqueue_once(task, "a", hold_seconds=300)
