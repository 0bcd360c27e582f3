"""Answering the A1 request's pages with the test client, as a person would (used by the A1 tests)."""

import datetime
import re

from procedures.engine.dates import add_months


def months_after(day: datetime.date, months: int) -> datetime.date:
    return add_months(day, months)


def first_of_month_ahead(months: int) -> datetime.date:
    """The first day of the month ``months`` from today's month: dates relative to the day the tests run."""
    return add_months(datetime.date.today().replace(day=1), months)


POSTING_START = first_of_month_ahead(3)


def date_boxes(name: str, day: datetime.date) -> dict[str, str]:
    """The three boxes of a date question (``name_0`` day, ``name_1`` month, ``name_2`` year)."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


ABOUT_YOU = {
    "about_you-personal_code": "390 0621 1001",
    "about_you-nationality": "LT",
    "about_you-address_0": "Gedimino pr. 1",
    "about_you-address_2": "Vilnius",
    "about_you-address_3": "01103",
    "about_you-address_4": "LT",
}
CONTACT = {"contact-email": "jonas@example.lt"}
BIRTH = {"birth-sex": "male", "birth-birth_town": "Kaunas", "birth-birth_country": "LT"}
SITUATION = {"situation-request_type": "posted_employee", "situation-filing_for": "self"}
EMPLOYER = {
    "employer-name": "UAB Statyba",
    "employer-registration_type": "company_code",
    "employer-registration_number": "123 456 789",
    "employer-country": "LT",
    "employer-address_0": "Konstitucijos pr. 7",
    "employer-address_2": "Vilnius",
    "employer-address_4": "LT",
}
EMPLOYER_ACTIVITY = {"employer_activity-substantial_activity": "yes"}


PLACES = {
    "places-TOTAL_FORMS": "1",
    "places-INITIAL_FORMS": "0",
    "places-0-country": "DE",
    "places-0-company": "Bau GmbH",
    "places-0-address": "Alexanderplatz 1, Berlin",
}
NO_EARLIER_POSTINGS = {"earlier_postings-TOTAL_FORMS": "1", "earlier_postings-INITIAL_FORMS": "0"}


def to_check(client, url: str) -> str:  # type: ignore[no-untyped-def]
    """From the posting page: places of work, no earlier postings; returns the check page URL."""
    url = after_posting(client, post_step(client, url, "posting", posting())["Location"])
    assert url.endswith("/places/")
    url = post_step(client, url, "places", PLACES)["Location"]
    assert url.endswith("/earlier_postings/")
    url = post_step(client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    assert url.endswith("/documents/")
    return post_step(client, url, "documents", {})["Location"]


def after_posting(client, url: str, activity: dict | None = None) -> str:  # type: ignore[no-untyped-def]
    """Answer the page about the employer's business here when it comes (posted employees)."""
    if url.endswith("/employer_activity/"):
        return post_step(client, url, "employer_activity", activity or EMPLOYER_ACTIVITY)["Location"]
    return url


def posting(  # type: ignore[no-untyped-def]
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    replacing="no",
    wages="yes",
    insured="yes",
    host="DE",
):
    """The posting page's answers: by default a year abroad starting on the first day of the month
    three months from now (so that it never lies in the past, whatever the day the tests run)."""
    start = start or POSTING_START
    end = end or months_after(start, 12) - datetime.timedelta(days=1)
    return {
        "posting-host_country": host,
        **date_boxes("posting-start", start),
        **date_boxes("posting-end", end),
        "posting-replacing": replacing,
        "posting-wages_paid_by_employer": wages,
        "posting-insured_before": insured,
    }


def post_step(client, url: str, step_name: str, data: dict):  # type: ignore[no-untyped-def]
    response = client.get(url)
    management = re.search(r'name="([a-z_]+-current_step)" value="([a-z_]+)"', response.content.decode())
    assert management, response.content.decode()[:2000]
    return client.post(url, {management.group(1): management.group(2), **data})


NO_OTHER_NUMBERS = {"other_numbers-TOTAL_FORMS": "1", "other_numbers-INITIAL_FORMS": "0"}


def through_employer(client, request_type: str = "posted_employee", about_you: dict | None = None) -> str:  # type: ignore[no-untyped-def]
    """Start a request and answer the first pages; returns the URL of the next page."""
    url = post_step(client, begin(client), "about_you", about_you or ABOUT_YOU)["Location"]
    url = post_step(client, url, "birth", BIRTH)["Location"]
    url = post_step(client, url, "contact", CONTACT)["Location"]
    url = post_step(client, url, "other_numbers", NO_OTHER_NUMBERS)["Location"]
    url = post_step(client, url, "situation", {**SITUATION, "situation-request_type": request_type})[
        "Location"
    ]
    return post_step(client, url, "employer", EMPLOYER)["Location"]


def begin(client) -> str:  # type: ignore[no-untyped-def]
    response = client.post("/applicable-legislation/begin/")
    assert response.status_code == 302, response
    return response["Location"]


def work_split(*rows: tuple[str, int, int]) -> dict[str, str]:
    data = {"work_split-TOTAL_FORMS": str(len(rows)), "work_split-INITIAL_FORMS": "0"}
    for number, (country, time, pay) in enumerate(rows):
        data.update(
            {
                f"work_split-{number}-country": country,
                f"work_split-{number}-employers": "UAB Statyba",
                f"work_split-{number}-working_time": str(time),
                f"work_split-{number}-pay": f"{pay} %",
            }
        )
    return data


def earlier(*rows: tuple[str, datetime.date, datetime.date]) -> dict[str, str]:
    data = {"earlier_postings-TOTAL_FORMS": str(len(rows)), "earlier_postings-INITIAL_FORMS": "0"}
    for number, (country, start, end) in enumerate(rows):
        prefix = f"earlier_postings-{number}-"
        data[prefix + "country"] = country
        data.update(date_boxes(f"{prefix}start", start))
        data.update(date_boxes(f"{prefix}end", end))
    return data


def wizard_key(client, url: str) -> str:  # type: ignore[no-untyped-def]
    """The name of the wizard's hidden "current step" field, read from a page of the same draft."""
    first = re.sub(r"/[a-z_]+/$", "/about_you/", url)
    found = re.search(r'name="([a-z_]+-current_step)"', client.get(first).content.decode())
    assert found, "no wizard form on the first page"
    return found.group(1)


def post_directly(client, url: str, step_name: str, data: dict):  # type: ignore[no-untyped-def]
    """POST a step as an attacker would: straight to its URL, without opening the page first."""
    return client.post(url, {wizard_key(client, url): step_name, **data})


def step_url(url: str, step_name: str) -> str:
    """Another step's URL of the same draft."""
    return re.sub(r"/[a-z_]+/(\?.*)?$", f"/{step_name}/", url)
