"""The periods abroad as the claimant sees them: what the periods page refuses, what the record page
says about each country, the warnings on the check page, and what the institution receives (which
periods count, the states under the EU rules and under an agreement, the SEDs to start from)."""

import datetime

import pytest

from procedures.engine.dates import add_months
from tests.procedures.pension.journey import (
    GERMANY,
    PENSIONER_BORN,
    POLAND,
    about_you,
    begin,
    claim,
    done,
    envelope,
    errors_on,
    insurance_here,
    items,
    page_text,
    page_url,
    pensioner_signed_in,
    period,
    send_acknowledging,
    statuses,
    step,
    the_rest,
    whole_claim,
    whole_claim_as,
)

pytestmark = pytest.mark.django_db

D = datetime.date
AT_FOURTEEN = add_months(PENSIONER_BORN, 14 * 12)
YOUNG = "A period starts when you were very young. The institution will check the dates."
OVERLAP = "Two of your periods in the same country overlap. The institution there will check the dates."
REFUSED = "A period in a country without an agreement on social security cannot count for this claim."


def _record(client, periods: list[dict[str, str]]) -> tuple[str, str]:
    """A claim up to the record page of ``periods``: the task list's URL and the record page's text."""
    tasks = begin(client)
    about_you(client, tasks)
    claim(client, tasks)
    url = step(client, tasks, "worked_abroad", {"worked_abroad-worked_abroad": "yes"})
    assert step(client, url, "periods", items("periods", periods)) == page_url(tasks, "record")
    page = client.get(page_url(tasks, "record"))
    assert page.status_code == 200
    return tasks, page_text(page)


def _send(client, tasks: str) -> dict:
    """From the record page: the rest of the claim, its check page's text, Send; what was sent."""
    done(client, step(client, tasks, "record", {"record-right": "yes"}), "abroad")
    insurance_here(client, tasks)
    the_rest(client, tasks)
    check = page_text(client.get(page_url(tasks, "check")))
    send_acknowledging(client, tasks)
    return {**envelope(), "check page": check}


def test_a_period_before_the_date_of_birth_must_be_corrected(client):
    pensioner_signed_in(client)
    tasks = begin(client)
    url = step(client, tasks, "worked_abroad", {"worked_abroad-worked_abroad": "yes"})
    born_before = period("PL", PENSIONER_BORN - datetime.timedelta(days=1), D(1990, 5, 31))
    response = client.post(
        url, {"pension_wizard-current_step": "periods", **items("periods", [POLAND, born_before])}
    )
    assert response.status_code == 200
    assert errors_on(response) == ["This period starts before your date of birth. Check the dates"]
    assert statuses(client, tasks)["Work and insurance abroad"] == "In progress"
    corrected = period("PL", PENSIONER_BORN, D(1990, 5, 31))  # from the day of birth: accepted
    assert step(client, url, "periods", items("periods", [corrected])) == page_url(tasks, "record")


def test_the_record_page_adds_up_the_time_in_each_country(client):
    pensioner_signed_in(client)
    _tasks, text = _record(client, [POLAND, GERMANY])
    assert "Your insurance abroad, as your periods add up" in text
    assert "Poland You were insured there for 7 years and 3 months" in text
    assert "Germany You were insured there for 8 years and 7 months" in text
    assert "Check the dates" not in text


def test_a_one_day_period_counts_as_one_day(client):
    pensioner_signed_in(client)
    _tasks, text = _record(client, [period("AT", D(1995, 7, 3), D(1995, 7, 3))])
    assert "Austria You were insured there for 1 day" in text


def test_a_period_before_fourteen_is_accepted_with_a_warning(client):
    pensioner_signed_in(client)
    young = period("PL", AT_FOURTEEN - datetime.timedelta(days=1), D(1975, 8, 31))
    tasks, text = _record(client, [young])
    assert "This period starts before you were 14. Check the dates are right" in text
    sent = _send(client, tasks)
    assert YOUNG in sent["check page"]
    assert sent["warnings"] == ["period_before_minimum_age"]
    assert [item["counted"] for item in sent["answers"]["periods"]] == [True]


def test_a_period_from_the_fourteenth_birthday_is_not_warned(client):
    pensioner_signed_in(client)
    _tasks, text = _record(client, [period("PL", AT_FOURTEEN, D(1975, 8, 31))])
    assert "before you were 14" not in text


def test_overlapping_periods_in_one_country_are_warned_not_refused(client):
    pensioner_signed_in(client)
    second = period("PL", D(1989, 1, 1), D(1991, 12, 31), "self_employed")  # overlaps POLAND in 1989-1990
    tasks, text = _record(client, [POLAND, second])
    assert "This period overlaps another period in Poland. Check the dates are right" in text
    assert "Poland You were insured there for 8 years and 10 months" in text  # the overlap counted once
    sent = _send(client, tasks)
    assert OVERLAP in sent["check page"]
    assert sent["warnings"] == ["period_overlap"]
    assert [item["counted"] for item in sent["answers"]["periods"]] == [True, True]


def test_periods_in_two_countries_at_the_same_time_are_not_warned(client):
    pensioner_signed_in(client)
    in_germany = period("DE", D(1989, 1, 1), D(1991, 12, 31))  # during POLAND: normal across borders
    tasks, text = _record(client, [POLAND, in_germany])
    assert "overlaps" not in text
    sent = _send(client, tasks)
    assert OVERLAP not in sent["check page"]
    assert sent["warnings"] == []


def test_a_period_in_a_country_without_an_agreement_is_explained_and_the_rest_is_sent(client):
    pensioner_signed_in(client)
    in_us = period("US", D(1999, 1, 1), D(2003, 12, 31))
    tasks, text = _record(client, [POLAND, in_us])
    assert (
        "We cannot count your period in United States of America: it is not covered by the European "
        "rules or by an agreement on social security. We will deal with the rest of your claim" in text
    )
    assert "United States of America You were insured" not in text
    sent = _send(client, tasks)
    assert REFUSED in sent["check page"]
    assert sent["warnings"] == ["period_refused"]
    answers = sent["answers"]
    assert [(item["country"], item["counted"]) for item in answers["periods"]] == [
        ("PL", True),
        ("US", False),
    ]
    assert answers["states"] == ["LT", "PL"]
    assert answers["bilateral_states"] == []
    assert "US" not in answers["insured_time"]


def test_a_period_in_a_country_with_an_agreement_is_passed_on_under_the_agreement(client):
    pensioner_signed_in(client)
    in_ukraine = period("UA", D(1999, 1, 1), D(2003, 12, 31))
    tasks, text = _record(client, [POLAND, in_ukraine])
    assert (
        "Ukraine You were insured there for 5 years. An agreement between the two countries applies" in text
    )
    assert (
        "For a country with which we have an agreement on social security, the agreement's own rules "
        "apply: your claim date here does not count there, and it may take longer." in text
    )
    sent = _send(client, tasks)
    answers = sent["answers"]
    assert answers["states"] == ["LT", "PL"]
    assert answers["bilateral_states"] == ["UA"]
    assert [item["counted"] for item in answers["periods"]] == [True, True]
    assert sent["warnings"] == []


@pytest.mark.parametrize(
    ("kind", "hints"),
    [("employed", ["P2000", "P4000"]), ("child_raising", ["P2000", "P4000", "P1000"])],
)
def test_child_raising_periods_abroad_bring_the_p1000(client, kind, hints):
    pensioner_signed_in(client)
    tasks = whole_claim(client, [POLAND, period("DE", D(1990, 6, 1), D(1993, 5, 31), kind)])
    send_acknowledging(client, tasks)
    assert envelope()["sed_hints"] == hints


def test_children_raised_bring_the_p1000(client):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    url = step(client, tasks, "raised_children", {"raised_children-raised_children": "yes"})
    child = {"given_name": "Rasa", "family_name": "Petraitytė", "country": "LT"}
    child.update({f"date_of_birth_{n}": value for n, value in enumerate(["4", "5", "1984"])})
    done(client, step(client, url, "children", items("children", [child])), "children")
    assert statuses(client, tasks)["Raising children"] == "Completed"
    send_acknowledging(client, tasks)
    sent = envelope()
    assert sent["sed_hints"] == ["P2000", "P4000", "P1000"]
    assert sent["answers"]["children"][0]["date_of_birth"] == "1984-05-04"


def test_a_pre_retirement_claim_starts_from_the_m040(client):
    pensioner_signed_in(client)
    tasks = whole_claim_as(client, benefit="pre_retirement")
    send_acknowledging(client, tasks)
    sent = envelope()
    assert sent["sed_hints"] == ["M040"]
    assert sent["answers"]["benefit"]["type"] == "pre_retirement"


def test_an_early_pension_while_working_is_warned(client):
    pensioner_signed_in(client)
    tasks = whole_claim_as(client, benefit="early_old_age", working="yes")
    text = page_text(client.get(page_url(tasks, "check")))
    assert "An early old-age pension is not paid while you work. Tell us when you stop working." in text
    send_acknowledging(client, tasks)
    sent = envelope()
    assert sent["warnings"] == ["early_while_working"]
    assert sent["answers"]["benefit"]["working"] == "yes"
