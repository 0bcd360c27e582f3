"""When a claim is too early, as the claimant sees it: the Lithuanian pension age table with its advance
window of 3 months, the stop "It is too early to claim" after the periods abroad, a claim that another
country can pay, and a pre-retirement claim that has no age. The dates of birth are computed from
today and from the age table itself, so the claimants are at the boundaries whatever the day."""

import datetime

import pytest

from portal.applications.models import Application
from procedures.engine.dates import add_months
from procedures.engine.summary import date_display
from procedures.pension.models import PensionAgeRule, PensionSettings
from procedures.pension.rules import Benefit, pension_age, reaching_dates, state_age
from tests.procedures.applicable_legislation.journey import date_boxes
from tests.procedures.pension.journey import (
    DECLARATIONS,
    about_you,
    begin,
    claim,
    done,
    envelope,
    insurance_here,
    items,
    page_text,
    page_url,
    period,
    person_born,
    send_acknowledging,
    signed_in_as,
    statuses,
    step,
    the_rest,
    today,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
TOO_EARLY = "It is too early to claim"


def _window() -> int:
    return PensionSettings.current().advance_window_months


def _start() -> datetime.date:
    """A start next month, on a day every month has (the age is reached on the birthday's day)."""
    return add_months(today().replace(day=15), 1)


def _born_reaching(reached: datetime.date, *, early: bool = False) -> datetime.date:
    """The date of birth of a woman who reaches the Lithuanian pension age (or early age) on ``reached``,
    by the Lithuanian rows of the age table."""
    rows = PensionAgeRule.age_rows()
    for row in rows:
        years, months = (row.early_years or 0, row.early_months or 0) if early else (row.years, row.months)
        born = add_months(reached, -(12 * years + months))
        age = pension_age(rows, state="LT", born=born, sex="female")
        dates = reaching_dates(age, born=born) if age is not None else None
        if dates is not None and (dates.early if early else dates.age) == reached:
            return born
    raise AssertionError(f"no Lithuanian row gives {reached}")


def _up_to_abroad(client, *, benefit: str = "old_age", start: datetime.date, periods=None) -> tuple[str, str]:
    """About you, the claim, insurance here (each back at the task list, never stopped), then the
    periods abroad: the task list's URL and where the last answer led."""
    tasks = begin(client)
    assert about_you(client, tasks) == tasks
    url = step(client, tasks, "benefit", {"benefit-benefit": benefit, **date_boxes("benefit-start", start)})
    if benefit == Benefit.EARLY_OLD_AGE:
        url = step(client, url, "working", {"working-working": "no"})
    assert done(client, url, "claim") == tasks
    assert insurance_here(client, tasks) == tasks
    if not periods:
        return tasks, step(client, tasks, "worked_abroad", {"worked_abroad-worked_abroad": "no"})
    url = step(client, tasks, "worked_abroad", {"worked_abroad-worked_abroad": "yes"})
    url = step(client, url, "periods", items("periods", periods))
    return tasks, step(client, url, "record", {"record-right": "yes"})


def _age_page(client, tasks: str) -> str:
    page = client.get(page_url(tasks, "age_check"))
    assert page.status_code == 200
    return page_text(page)


def test_a_claim_3_months_before_the_age_is_not_stopped(client):
    start = _start()
    reached = add_months(start, _window())
    signed_in_as(client, person_born(_born_reaching(reached)))
    tasks, landed = _up_to_abroad(client, start=start)
    assert landed == page_url(tasks, "abroad_done")
    done(client, landed, "abroad")
    assert statuses(client, tasks)["When you can get a pension"] == "Not started"
    assert f"Lithuania can pay you from {date_display(reached)}." in _age_page(client, tasks)
    the_rest(client, tasks)
    send_acknowledging(client, tasks)
    ages = envelope()["answers"]["ages"]
    assert ages == [{"state": "LT", "from": reached.isoformat(), "early": False, "possible": True}]


def test_a_claim_one_day_earlier_than_that_is_stopped_after_the_periods_abroad(client):
    start = _start()
    signed_in_as(client, person_born(_born_reaching(add_months(start, _window()) + DAY)))
    tasks, landed = _up_to_abroad(client, start=start)
    assert landed.endswith("/stop/too-early/")  # not before: the age needs the countries abroad
    stop = client.get(landed)
    assert stop.status_code == 200
    text = page_text(stop)
    assert TOO_EARLY in text and "Change the start date" in text
    assert page_url(tasks, "benefit") in stop.content.decode()

    listing = page_text(client.get(tasks))
    assert TOO_EARLY in listing and "Your answers mean this cannot be sent as it is." in listing
    assert "Check your answers" not in listing
    assert statuses(client, tasks)["When you can get a pension"] == "Cannot start yet"
    for response in (
        client.get(page_url(tasks, "age_check")),
        client.post(page_url(tasks, "check"), {"pension_wizard-current_step": "check", **DECLARATIONS}),
        client.get(page_url(tasks, "done")),
    ):
        assert response.status_code == 302 and response["Location"] == landed
    assert not Application.objects.exists()

    # The claimant asks for the pension from one day later: within the window, the stop is gone.
    claim(client, tasks, start=start + DAY)
    assert TOO_EARLY not in page_text(client.get(tasks))


def test_an_early_pension_3_months_before_the_early_age_is_not_stopped(client):
    start = _start()
    reached = add_months(start, _window())
    signed_in_as(client, person_born(_born_reaching(reached, early=True)))
    tasks, landed = _up_to_abroad(client, benefit="early_old_age", start=start)
    assert landed == page_url(tasks, "abroad_done")
    done(client, landed, "abroad")
    assert f"Lithuania can pay your early pension from {date_display(reached)}." in _age_page(client, tasks)


def test_a_claim_too_early_here_goes_on_when_another_country_can_pay(client):
    start = _start()
    rows = PensionAgeRule.age_rows()
    poland = next(row for row in rows if row.state == "PL" and row.sex == "female")
    born = add_months(start, -12 * (poland.years + 1))  # a year past the Polish age
    ages = {
        state: state_age(
            rows,
            state=state,
            born=born,
            sex="female",
            benefit=Benefit.OLD_AGE,
            start=start,
            window_months=_window(),
        )
        for state in ("LT", "PL", "DE")
    }
    # By the table: too early in Lithuania and Germany, not in Poland.
    assert [ages[state].possible for state in ("LT", "PL", "DE")] == [False, True, False]
    signed_in_as(client, person_born(born))
    periods = [
        period("PL", add_months(born, 25 * 12), add_months(born, 30 * 12) - DAY),
        period("DE", add_months(born, 30 * 12), add_months(born, 35 * 12) - DAY),
    ]
    tasks, landed = _up_to_abroad(client, start=start, periods=periods)
    assert landed == page_url(tasks, "abroad_done")
    done(client, landed, "abroad")
    assert TOO_EARLY not in page_text(client.get(tasks))

    text = _age_page(client, tasks)
    lithuania, poland_from, germany = (date_display(ages[state].reached) for state in ("LT", "PL", "DE"))
    assert f"Lithuania can pay you from {lithuania} at the earliest: you can claim there later." in text
    assert f"Poland can pay you from {poland_from}." in text
    assert f"Germany can pay you from {germany} at the earliest: you can claim there later." in text
    the_rest(client, tasks)
    send_acknowledging(client, tasks)
    sent = envelope()["answers"]
    assert sent["states"] == ["LT", "PL", "DE"]
    assert [(age["state"], age["possible"]) for age in sent["ages"]] == [
        ("LT", False),
        ("PL", True),
        ("DE", False),
    ]


def test_a_pre_retirement_claim_is_never_stopped_for_age(client):
    start = today().replace(day=1)
    signed_in_as(client, person_born(add_months(start, -50 * 12)))  # 50: no country's pension age
    tasks, landed = _up_to_abroad(client, benefit="pre_retirement", start=start)
    assert landed == page_url(tasks, "abroad_done")
    done(client, landed, "abroad")
    text = _age_page(client, tasks)
    assert "A pre-retirement benefit has no pension age: each country checks its own conditions." in text
    assert "can pay you from" not in text
    the_rest(client, tasks)
    send_acknowledging(client, tasks)
    sent = envelope()
    assert sent["sed_hints"] == ["M040"] and sent["answers"]["ages"] == []
