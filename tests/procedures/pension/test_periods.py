"""Checks on insurance periods (procedures.pension.periods): the dates, the person's birth and the age
periods are expected from, overlaps within a state and across states, states outside the coordination
area and the agreements, and the time insured per state."""

import datetime

import pytest
from django.test import override_settings
from django.utils import translation

from procedures.pension.periods import (
    InsuredTime,
    Period,
    PeriodKind,
    Scope,
    Severity,
    check_periods,
    insured_time,
    pension_area,
)

D = datetime.date
BORN = D(1961, 6, 15)
AREA = ("DE", "LT", "PL", "GB")
BILATERAL = ("BY", "UA")


def check(*periods: Period, minimum_age: int = 14):  # type: ignore[no-untyped-def]
    return check_periods(periods, born=BORN, minimum_age=minimum_age, area=AREA, bilateral=BILATERAL)


def codes(result) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(finding.index, finding.code) for finding in result.findings]


# --- dates ---------------------------------------------------------------------------------------


def test_a_one_day_period_is_valid():
    result = check(Period("DE", D(1990, 5, 2), D(1990, 5, 2)))
    assert result.findings == ()
    assert insured_time(result.counted([Period("DE", D(1990, 5, 2), D(1990, 5, 2))]))["DE"].days == 1


def test_a_period_ending_before_it_starts_is_an_error_and_is_not_counted():
    periods = [Period("DE", D(1990, 5, 2), D(1990, 5, 1)), Period("PL", D(1991, 1, 1), D(1991, 12, 31))]
    result = check(*periods)
    assert [(finding.code, finding.severity) for finding in result.findings] == [
        ("end_before_start", Severity.ERROR)
    ]
    assert result.counted(periods) == periods[1:]
    assert "DE" not in insured_time(periods)


def test_a_period_before_birth_is_an_error():
    result = check(Period("LT", D(1961, 6, 14), D(1980, 1, 1)))
    assert codes(result) == [(0, "before_birth")]
    assert result.errors[0].severity == Severity.ERROR


def test_a_period_from_the_day_of_birth_is_only_a_warning():
    result = check(Period("LT", BORN, D(1980, 1, 1)))
    assert codes(result) == [(0, "before_minimum_age")]
    assert result.warnings[0].age == 14


def test_a_period_before_the_minimum_age_is_a_warning_and_from_that_birthday_fine():
    assert codes(check(Period("LT", D(1975, 6, 14), D(1980, 1, 1)))) == [(0, "before_minimum_age")]
    assert check(Period("LT", D(1975, 6, 15), D(1980, 1, 1))).findings == ()
    assert check(Period("LT", D(1977, 6, 14), D(1980, 1, 1)), minimum_age=16).warnings != []


def test_a_warned_period_is_still_counted():
    periods = [Period("LT", D(1975, 1, 1), D(1980, 12, 31))]
    assert check(*periods).counted(periods) == periods


# --- overlaps ------------------------------------------------------------------------------------


def test_overlapping_periods_in_the_same_state_are_a_warning():
    result = check(
        Period("DE", D(1990, 1, 1), D(1995, 12, 31)),
        Period("PL", D(1996, 1, 1), D(1997, 1, 1)),
        Period("DE", D(1995, 12, 31), D(1998, 6, 30)),  # shares one day with the first
    )
    assert codes(result) == [(2, "overlap")]
    assert (result.warnings[0].other, result.warnings[0].severity) == (0, Severity.WARNING)


def test_periods_in_one_state_that_follow_each_other_do_not_overlap():
    result = check(Period("DE", D(1990, 1, 1), D(1995, 12, 31)), Period("DE", D(1996, 1, 1), D(1998, 6, 30)))
    assert result.findings == ()


def test_overlaps_across_states_are_normal():
    result = check(
        Period("DE", D(1990, 1, 1), D(1995, 12, 31), PeriodKind.EMPLOYED),
        Period("LT", D(1993, 1, 1), D(1994, 12, 31), PeriodKind.CHILD_RAISING),
    )
    assert result.findings == ()


# --- states --------------------------------------------------------------------------------------


def test_a_period_outside_the_coordination_area_and_the_agreements_is_refused_and_the_rest_goes_on():
    periods = [
        Period("DE", D(1985, 1, 1), D(1989, 12, 31)),
        Period("US", D(1990, 1, 1), D(1994, 12, 31)),
        Period("LT", D(1995, 1, 1), D(2020, 12, 31)),
    ]
    result = check(*periods)
    assert codes(result) == [(1, "outside")]
    assert result.refused == [1]
    assert result.errors == [] and result.warnings == []
    assert result.scopes == (Scope.COORDINATION, Scope.OUTSIDE, Scope.COORDINATION)
    assert result.counted(periods) == [periods[0], periods[2]]
    assert list(insured_time(result.counted(periods))) == ["DE", "LT"]


def test_the_reason_for_a_refused_period_names_the_country():
    result = check(Period("US", D(1990, 1, 1), D(1994, 12, 31)))
    with translation.override("en"):
        message = result.findings[0].message()
    assert message.startswith("We cannot count your period in United States of America")
    assert "the rest of your claim" in message


def test_a_period_in_a_state_with_a_bilateral_agreement_is_accepted_and_marked():
    periods = [Period("UA", D(1980, 1, 1), D(1991, 12, 31)), Period("LT", D(1992, 1, 1), D(2020, 12, 31))]
    result = check(*periods)
    assert result.findings == ()
    assert result.scopes == (Scope.BILATERAL, Scope.COORDINATION)
    assert result.counted(periods) == periods


def test_the_united_kingdom_counts_only_when_the_deployment_covers_it():
    with override_settings(COORDINATION_EXTRA_COUNTRIES=[]):
        assert "GB" in pension_area(united_kingdom=True)
        assert "GB" not in pension_area(united_kingdom=False)
        assert {"LT", "DE", "NO", "CH", "IS", "LI"} <= set(pension_area(united_kingdom=False))
    with override_settings(COORDINATION_EXTRA_COUNTRIES=["GB"]):
        assert pension_area(united_kingdom=True).count("GB") == 1
    refused = check_periods(
        [Period("GB", D(1990, 1, 1), D(1991, 1, 1))],
        born=BORN,
        minimum_age=14,
        area=("LT", "DE"),
        bilateral=(),
    )
    assert refused.refused == [0]


# --- the time insured per state ------------------------------------------------------------------


def test_the_time_insured_in_a_state_in_years_and_months():
    time = insured_time([Period("PL", D(2001, 1, 1), D(2008, 3, 31))])["PL"]
    assert time == InsuredTime(state="PL", days=2647, years=7, months=3, extra_days=0)


def test_overlapping_periods_in_a_state_count_once_and_other_states_apart():
    time = insured_time(
        [
            Period("PL", D(2001, 1, 1), D(2004, 12, 31)),
            Period("PL", D(2003, 1, 1), D(2008, 3, 31), PeriodKind.CHILD_RAISING),
            Period("DE", D(2003, 1, 1), D(2003, 12, 31)),
        ]
    )
    assert (time["PL"].years, time["PL"].months, time["PL"].extra_days) == (7, 3, 0)
    assert (time["DE"].years, time["DE"].months, time["DE"].days) == (1, 0, 365)


def test_separate_periods_add_up_and_left_over_days_make_months():
    time = insured_time(
        [
            Period("DE", D(1990, 1, 1), D(1990, 1, 20)),  # 20 days
            Period("DE", D(1991, 3, 1), D(1991, 3, 15)),  # 15 days
            Period("DE", D(1992, 1, 1), D(1992, 12, 31)),  # a year
        ]
    )["DE"]
    assert (time.years, time.months, time.extra_days, time.days) == (1, 1, 5, 401)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2001, 1, 1), D(2001, 12, 31), (1, 0, 0)),  # a common year
        (D(2000, 1, 1), D(2000, 12, 31), (1, 0, 0)),  # a leap year
        (D(2000, 2, 29), D(2000, 3, 28), (0, 1, 0)),
        (D(2000, 3, 15), D(2000, 3, 15), (0, 0, 1)),
    ],
)
def test_calendar_years_and_months(start, end, expected):
    time = insured_time([Period("LT", start, end)])["LT"]
    assert (time.years, time.months, time.extra_days) == expected
