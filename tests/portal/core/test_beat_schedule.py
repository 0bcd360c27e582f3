"""The periodic work operators rely on: every scheduled task exists, and the sweeper runs each minute."""

from portal.celery import app


def test_every_scheduled_task_is_a_registered_task():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)


def test_the_delivery_sweeper_runs_every_minute():
    schedule = app.conf.beat_schedule["deliveries-sweep"]["schedule"]
    assert schedule.minute == set(range(60))


def test_audit_events_are_sealed_every_ten_seconds_and_checkpointed_every_ten_minutes():
    assert app.conf.beat_schedule["audit-seal"]["schedule"] == 10.0
    assert app.conf.beat_schedule["audit-checkpoint"]["schedule"].minute == set(range(0, 60, 10))
