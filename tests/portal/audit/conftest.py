import pytest
from django.db import connection

from portal.audit.services import audit_record


@pytest.fixture(autouse=True)
def checkpoint_file(settings, tmp_path):
    """Each test's own checkpoint file, never the development one in var/."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    return settings.AUDIT_CHECKPOINT_FILE


@pytest.fixture
def trail(db):
    return [audit_record(action=f"test.action{n}", details={"n": n}) for n in range(5)]


def tamper(sql: str, params: list | None = None) -> None:
    """What someone with the database owner's rights could do behind the application's back: run with
    the triggers (append-only, foreign keys) switched off."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(sql, params or [])
        finally:
            cursor.execute("SET session_replication_role = origin")
