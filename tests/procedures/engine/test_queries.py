"""SQL queries of a wizard page: the same with 1 and with 5 repeated items, and at most 10 (the
quality spec's promise; a page that read its items one query each would grow with them)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.procedures.applicable_legislation.journey import (
    after_posting,
    post_step,
    posting,
    through_employer,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def places(count: int) -> dict[str, str]:
    """The places-of-work page with ``count`` places, all valid."""
    data = {"places-TOTAL_FORMS": str(count), "places-INITIAL_FORMS": "0"}
    for number in range(count):
        data.update(
            {
                f"places-{number}-country": "DE",
                f"places-{number}-company": f"Bau GmbH {number}",
                f"places-{number}-address": f"Alexanderplatz {number + 1}, Berlin",
            }
        )
    return data


def queries_per_page(client, count: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A draft whose places of work hold ``count`` places: the queries of the places page shown again,
    of posting it again, and of the page after it (which checks the stored places)."""
    url = after_posting(client, post_step(client, through_employer(client), "posting", posting())["Location"])
    assert url.endswith("/places/")
    next_url = post_step(client, url, "places", places(count))["Location"]
    assert next_url.endswith("/earlier_postings/")
    shown = client.get(url).content.decode()
    assert f'name="places-{count - 1}-company"' in shown  # every stored place is on the page
    management = re.search(r'name="([a-z_]+-current_step)" value="places"', shown)
    assert management
    requests = {
        "GET places": lambda: client.get(url),
        "POST places": lambda: client.post(url, {management.group(1): "places", **places(count)}),
        "GET next page": lambda: client.get(next_url),
    }
    counts = {}
    for label, request in requests.items():
        with CaptureQueriesContext(connection) as captured:
            response = request()
        expected = 302 if label.startswith("POST") else 200
        assert response.status_code == expected, (label, response.status_code)
        if label.startswith("POST"):
            assert response["Location"] == next_url
        counts[label] = len(captured)
    return counts


def test_a_wizard_page_makes_as_many_queries_with_5_places_of_work_as_with_1(citizen_client):
    one = queries_per_page(citizen_client, 1)
    five = queries_per_page(citizen_client, 5)
    assert five == one
    assert max(one.values()) <= MAX_QUERIES, one
