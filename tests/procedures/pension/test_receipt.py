"""The receipt of a sent pension claim: the claim date and time is the moment of Send in Vilnius time
with its offset (winter and summer, whatever the server's own time zone), the countries the claim is
passed to are listed, and a receipt the pipeline renders late still gives the moment of Send."""

import datetime
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from portal.applications.models import Application
from portal.documents.models import Document
from portal.documents.services import document_content
from tests.procedures.pension.journey import GERMANY, POLAND, pensioner_signed_in, period, send, whole_claim

pytestmark = pytest.mark.django_db

# A period in a state with which Lithuania has a bilateral agreement (the default settings' list).
UKRAINE = period("UA", datetime.date(1999, 1, 1), datetime.date(2003, 12, 31))
ANSWERED_BEFORE = datetime.timedelta(minutes=10)  # the claim is filled in, then sent a little later


def next_year() -> int:
    return datetime.date.today().year + 1


def at(moment: datetime.datetime) -> "time_machine.travel":
    """Time stands at ``moment``; given as a timestamp, so the process's time zone stays as it is
    (time-machine would set it to the zone of an aware datetime)."""
    return time_machine.travel(moment.timestamp(), tick=False)


def pdf_text(pdf: bytes) -> str:
    read = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    return read.stdout.decode()


def receipt_text(application: Application) -> str:
    document = Document.objects.get(application=application, kind=Document.Kind.RECEIPT)
    return pdf_text(document_content(document))


def row(text: str, label: str) -> str:
    """The value under ``label`` in the receipt's key facts (the line after it)."""
    lines = text.splitlines()
    return lines[lines.index(label) + 1]


def countries_contacted(text: str) -> list[str]:
    """The lines of "Countries we pass your claim to", up to the claim date sentence after the facts."""
    lines = text.splitlines()
    start = lines.index("Countries we pass your claim to") + 1
    end = next(number for number, line in enumerate(lines) if line.startswith("This is your claim date"))
    return lines[start:end]


def claim_sent(
    client: Client, moment: datetime.datetime, capture: Callable[..., Any], *, deliver: bool
) -> tuple[Application, list[Callable[[], Any]]]:
    """Ona's claim with periods in Poland, Germany and Ukraine, answered shortly before ``moment`` and
    sent at ``moment``; ``deliver``: the pipeline runs at once, else its work is returned to run later."""
    with at(moment - ANSWERED_BEFORE):
        pensioner_signed_in(client)
        tasks = whole_claim(client, [POLAND, GERMANY, UKRAINE])
    with at(moment), capture(execute=deliver) as pipeline:
        send(client, tasks)
    return Application.objects.get(procedure="pension"), pipeline


@pytest.fixture
def process_in_new_york() -> Iterator[None]:
    """The process's own time zone is New York's (a server set up elsewhere), then back as it was."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_in_winter_the_claim_moment_is_vilnius_time_at_utc_plus_2_and_the_countries_are_listed(
    client, django_capture_on_commit_callbacks
):
    year = next_year()
    moment = datetime.datetime(year, 1, 15, 10, 0, tzinfo=datetime.UTC)
    application, _pipeline = claim_sent(client, moment, django_capture_on_commit_callbacks, deliver=True)
    text = receipt_text(application)
    assert row(text, "Claim date and time") == f"15 January {year} at 12:00 (UTC+02:00)"
    assert f"This is your claim date: 15 January {year}." in text
    assert countries_contacted(text) == [
        "Poland",
        "Germany",
        "Ukraine (under an agreement on social security)",
    ]
    # Lithuania is in the claim (she was insured here) but is not a country the claim is passed to.
    assert application.payload["answers"]["states"] == ["LT", "PL", "DE"]


def test_in_summer_the_claim_moment_is_vilnius_time_at_utc_plus_3_even_on_a_new_york_server(
    client, django_capture_on_commit_callbacks, process_in_new_york
):
    year = next_year()
    # 23:30 UTC on 14 July: already 15 July in Vilnius, still 14 July (19:30) in New York.
    moment = datetime.datetime(year, 7, 14, 23, 30, tzinfo=datetime.UTC)
    with at(moment):
        assert time.strftime("%z") == "-0400"  # the process really is on New York's clock
    application, _pipeline = claim_sent(client, moment, django_capture_on_commit_callbacks, deliver=True)
    text = receipt_text(application)
    assert row(text, "Claim date and time") == f"15 July {year} at 02:30 (UTC+03:00)"
    assert f"This is your claim date: 15 July {year}." in text
    assert countries_contacted(text) == [
        "Poland",
        "Germany",
        "Ukraine (under an agreement on social security)",
    ]


def test_a_receipt_rendered_days_later_still_gives_the_moment_of_send(
    client, django_capture_on_commit_callbacks
):
    year = next_year()
    moment = datetime.datetime(year, 1, 15, 10, 0, tzinfo=datetime.UTC)
    application, pipeline = claim_sent(client, moment, django_capture_on_commit_callbacks, deliver=False)
    assert pipeline and not Document.objects.filter(application=application).exists()  # nothing rendered yet
    with at(moment + datetime.timedelta(days=3, hours=5)):
        for work in pipeline:  # the pipeline catches up (a worker that was down)
            work()
    text = receipt_text(application)
    assert row(text, "Claim date and time") == f"15 January {year} at 12:00 (UTC+02:00)"
    assert f"This is your claim date: 15 January {year}." in text
    assert f"18 January {year}" not in text
