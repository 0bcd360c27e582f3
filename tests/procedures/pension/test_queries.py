"""SQL queries of the claim's pages that read every answer: the task list and the check page of a claim
with 50 periods abroad stay within 10 queries each (pages that read the periods, or the pension tables,
once per period would grow with them)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures.engine.dates import add_months
from tests.procedures.pension.journey import page_url, pensioner_signed_in, period, whole_claim

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10
PERIODS = 50


def fifty_periods() -> list[dict[str, str]]:
    """Back-to-back periods of six months from the pensioner's 20th year, in turn in Poland, Germany,
    Latvia and Ukraine (a state with an agreement), all valid, none overlapping."""
    first = datetime.date(1978, 3, 1)
    countries = ["PL", "DE", "LV", "UA"]
    return [
        period(
            countries[number % len(countries)],
            add_months(first, 6 * number),
            add_months(first, 6 * (number + 1)) - datetime.timedelta(days=1),
        )
        for number in range(PERIODS)
    ]


def queries_of(client, url: str) -> int:  # type: ignore[no-untyped-def]
    """The queries of showing ``url``, shown once before (as the person arrives at it from another page)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response
    return len(captured)


def test_the_task_list_and_the_check_page_of_a_claim_with_50_periods_abroad_make_at_most_10_queries(client):
    pensioner_signed_in(client)
    tasks = whole_claim(client, fifty_periods())
    check = page_url(tasks, "check")
    page = client.get(check).content.decode()
    assert "Period 50" in page and "Completed" in client.get(tasks).content.decode()  # all 50 are there
    counts = {"task list": queries_of(client, tasks), "check page": queries_of(client, check)}
    assert max(counts.values()) <= MAX_QUERIES, counts
