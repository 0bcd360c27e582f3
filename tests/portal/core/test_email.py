"""With EMAIL_URL set, mail goes to a real SMTP server (here aiosmtpd on loopback)."""

import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from tests.support.servers import PROJECT_ROOT, free_port


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message) -> None:  # type: ignore[no-untyped-def]
        self.messages.append(message)


@pytest.mark.services
def test_mail_is_sent_through_the_smtp_server_named_in_email_url():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "sendtestemail", "caseworker@example.test"],
            cwd=PROJECT_ROOT,
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_ENV": "development",  # settings refuse to start without a profile
                "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
            },
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        controller.stop()
    assert result.returncode == 0, result.stderr
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "caseworker@example.test"
