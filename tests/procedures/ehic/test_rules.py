"""The card's rules as plain functions (procedures.ehic.rules), at their edges: leap days, the last day
of the academic year, the day before the 18th birthday, the two-month minimum, the insurance end."""

import datetime

import pytest

from procedures.ehic.rules import (
    NOT_REACHED_BY_1231_2010,
    academic_year_end,
    accepts_the_card,
    age_on,
    birthday,
    card_too_short,
    card_valid_to,
    category_end,
    prc_problems,
    third_country_national,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
AREA = ("AT", "DE", "ES", "LT", "NO", "CH")


# --- birthdays and age ---------------------------------------------------------------------------


def test_a_birthday_falls_on_the_same_day_of_the_month():
    assert birthday(D(2009, 5, 3), 18) == D(2027, 5, 3)


def test_a_birthday_on_29_february_falls_on_1_march_in_a_common_year():
    assert birthday(D(2008, 2, 29), 18) == D(2026, 3, 1)
    assert birthday(D(2008, 2, 29), 16) == D(2024, 2, 29)  # a leap year: the day itself


def test_a_person_is_a_year_older_on_their_birthday_not_the_day_before():
    born = D(2009, 5, 3)
    assert age_on(born, D(2027, 5, 2)) == 17
    assert age_on(born, D(2027, 5, 3)) == 18


def test_someone_born_on_29_february_comes_of_age_on_1_march_in_a_common_year():
    born = D(2008, 2, 29)
    assert age_on(born, D(2026, 2, 28)) == 17
    assert age_on(born, D(2026, 3, 1)) == 18
    assert age_on(born, D(2024, 2, 29)) == 16


# --- the academic year ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "end"),
    [
        (D(2027, 3, 10), D(2027, 8, 31)),  # during the year: this summer
        (D(2027, 8, 31), D(2027, 8, 31)),  # on its last day: that day
        (D(2027, 9, 1), D(2028, 8, 31)),  # the day after: next summer
        (D(2027, 12, 31), D(2028, 8, 31)),
    ],
)
def test_the_academic_year_ends_on_the_next_31_august(today, end):
    assert academic_year_end(today, 8, 31) == end


def test_an_academic_year_end_on_a_day_the_month_lacks_is_its_last_day():
    assert academic_year_end(D(2027, 3, 1), 6, 31) == D(2027, 6, 30)
    assert academic_year_end(D(2027, 3, 1), 2, 29) == D(2028, 2, 29)  # 28 Feb 2027 has passed
    assert academic_year_end(D(2026, 1, 5), 2, 30) == D(2026, 2, 28)


# --- how long the category's rule alone makes the card valid --------------------------------------


@pytest.mark.parametrize(
    ("months", "end"),
    [(48, D(2031, 3, 9)), (60, D(2032, 3, 9)), (12, D(2028, 3, 9)), (2, D(2027, 5, 9))],
)
def test_a_rule_in_months_ends_the_day_before_the_same_date_that_many_months_later(months, end):
    today = D(2027, 3, 10)
    assert category_end(today=today, kind="months", months=months, end_month=None, end_day=None) == end


def test_a_rule_until_the_end_of_the_academic_year_ignores_months():
    end = category_end(today=D(2027, 9, 1), kind="academic_year", months=48, end_month=8, end_day=31)
    assert end == D(2028, 8, 31)


def test_a_rule_of_exactly_the_minimum_is_never_too_short_whatever_the_day():
    """The registered unemployed get 2 months, and 2 months is the minimum: on no day of a common or a
    leap year (month ends, 29 February) is their card refused as too short."""
    day = D(2027, 1, 1)
    while day < D(2029, 1, 1):
        end = category_end(today=day, kind="months", months=2, end_month=None, end_day=None)
        assert not card_too_short(today=day, valid_to=end, minimum_months=2), day
        day += DAY


# --- the card's last day ---------------------------------------------------------------------------


def test_an_adults_card_ends_with_the_category_or_the_insurance_whichever_is_first():
    adult = D(1986, 4, 12)
    today, category = D(2027, 3, 10), D(2031, 3, 9)
    valid_to = card_valid_to(today=today, category_end=category, insured_until=None, born=adult, age_cap=18)
    assert valid_to == category
    valid_to = card_valid_to(
        today=today, category_end=category, insured_until=D(2029, 1, 31), born=adult, age_cap=18
    )
    assert valid_to == D(2029, 1, 31)
    valid_to = card_valid_to(
        today=today, category_end=category, insured_until=D(2035, 1, 1), born=adult, age_cap=18
    )
    assert valid_to == category


def test_a_minors_card_ends_the_day_before_the_18th_birthday():
    today, category = D(2027, 3, 10), D(2031, 3, 9)
    born = D(2009, 6, 10)  # 18 on 10 June 2027
    assert card_valid_to(today=today, category_end=category, insured_until=None, born=born, age_cap=18) == D(
        2027, 6, 9
    )
    # ... unless the insurance ends first
    assert card_valid_to(
        today=today, category_end=category, insured_until=D(2027, 5, 1), born=born, age_cap=18
    ) == D(2027, 5, 1)


def test_a_minor_born_on_29_february_has_a_card_until_28_february_of_a_common_year():
    born = D(2008, 2, 29)  # 18 on 1 March 2026
    valid_to = card_valid_to(
        today=D(2025, 6, 1), category_end=D(2029, 5, 31), insured_until=None, born=born, age_cap=18
    )
    assert valid_to == D(2026, 2, 28)


def test_the_age_cap_no_longer_shortens_the_card_from_the_18th_birthday():
    born = D(2009, 6, 10)
    on_the_day_before = card_valid_to(
        today=D(2027, 6, 9), category_end=D(2031, 6, 8), insured_until=None, born=born, age_cap=18
    )
    on_the_birthday = card_valid_to(
        today=D(2027, 6, 10), category_end=D(2031, 6, 9), insured_until=None, born=born, age_cap=18
    )
    assert (on_the_day_before, on_the_birthday) == (D(2027, 6, 9), D(2031, 6, 9))


def test_the_age_cap_is_configuration():
    born = D(2009, 6, 10)
    valid_to = card_valid_to(
        today=D(2027, 3, 10), category_end=D(2031, 3, 9), insured_until=None, born=born, age_cap=19
    )
    assert valid_to == D(2028, 6, 9)


# --- the two-month minimum -------------------------------------------------------------------------


def test_a_card_valid_for_exactly_two_months_is_issued_one_day_less_is_not():
    today = D(2027, 3, 10)
    assert not card_too_short(today=today, valid_to=D(2027, 5, 9), minimum_months=2)
    assert card_too_short(today=today, valid_to=D(2027, 5, 8), minimum_months=2)


def test_the_minimum_at_the_end_of_a_month_follows_the_shorter_month():
    today = D(2026, 12, 31)  # two months later: 28 February (there is no 31 February)
    assert not card_too_short(today=today, valid_to=D(2027, 2, 27), minimum_months=2)
    assert card_too_short(today=today, valid_to=D(2027, 2, 26), minimum_months=2)


# --- the provisional certificate -----------------------------------------------------------------

STAY = {"stay_from": D(2027, 7, 1), "stay_to": D(2027, 7, 31)}


def problems(valid_from: datetime.date, valid_to: datetime.date, **changes: object) -> list[str]:
    arguments: dict = {
        **STAY,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "insured_until": D(2027, 7, 20),
        "maximum_days": 90,
    }
    return prc_problems(**{**arguments, **changes})


def test_a_certificate_may_end_on_the_last_day_of_insurance_not_the_day_after():
    assert problems(D(2027, 7, 1), D(2027, 7, 20)) == []
    assert problems(D(2027, 7, 1), D(2027, 7, 21)) == ["after_insurance_ends"]


def test_without_a_known_insurance_end_only_the_stay_limits_the_certificate():
    assert problems(D(2027, 7, 1), D(2027, 7, 31), insured_until=None) == []


def test_a_certificate_must_lie_within_the_stay():
    assert problems(D(2027, 7, 1), D(2027, 7, 31), insured_until=None) == []
    assert problems(D(2027, 6, 30), D(2027, 7, 10)) == ["outside_the_stay"]
    assert problems(D(2027, 7, 10), D(2027, 8, 1), insured_until=None) == ["outside_the_stay"]


def test_a_certificate_may_be_as_long_as_the_maximum_and_not_one_day_longer():
    assert problems(D(2027, 7, 1), D(2027, 7, 10), maximum_days=10) == []
    assert problems(D(2027, 7, 1), D(2027, 7, 11), maximum_days=10) == ["too_long"]
    assert problems(D(2027, 7, 5), D(2027, 7, 5), maximum_days=1) == []  # one day


def test_a_certificate_cannot_end_before_it_starts():
    assert problems(D(2027, 7, 10), D(2027, 7, 9)) == ["ends_before_it_starts"]


def test_every_problem_of_a_certificate_is_named():
    found = problems(D(2027, 6, 1), D(2027, 9, 30), maximum_days=30)
    assert found == ["outside_the_stay", "after_insurance_ends", "too_long"]


# --- where the card is accepted --------------------------------------------------------------------


def test_the_card_is_accepted_in_the_coordination_area_and_nowhere_else():
    assert accepts_the_card("ES", coordination_area=AREA, united_kingdom=False)
    assert not accepts_the_card("US", coordination_area=AREA, united_kingdom=True)
    assert not accepts_the_card("", coordination_area=AREA, united_kingdom=True)


def test_the_united_kingdom_accepts_the_card_only_when_configured():
    assert accepts_the_card("GB", coordination_area=AREA, united_kingdom=True)
    assert not accepts_the_card("GB", coordination_area=AREA, united_kingdom=False)
    assert accepts_the_card("GB", coordination_area=(*AREA, "GB"), united_kingdom=False)  # in the area


def test_a_national_of_any_state_of_the_area_is_not_a_third_country_national():
    assert third_country_national(["UA"], coordination_area=AREA)
    assert not third_country_national(["LT"], coordination_area=AREA)
    assert not third_country_national(["UA", "DE"], coordination_area=AREA)  # dual nationality


def test_regulation_1231_2010_does_not_reach_denmark_the_eea_states_and_switzerland():
    assert set(NOT_REACHED_BY_1231_2010) == {"DK", "IS", "LI", "NO", "CH"}
