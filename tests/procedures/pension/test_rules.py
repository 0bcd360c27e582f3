"""The pension age rules as plain functions (procedures.pension.rules), at their edges: the day before and
the day of reaching the age, the advance window to the day, 29 February, a month without the birthday,
each sex where the table differs, the early age, and a claim stopped only when no state can pay."""

import datetime

import pytest

from procedures.pension.rules import (
    AgeRow,
    Benefit,
    PensionAge,
    ReachingDates,
    age_check,
    age_reached,
    claim_possible,
    pension_age,
    reaching_dates,
    state_age,
)

D = datetime.date
DAY = datetime.timedelta(days=1)

# Lithuania's rows for people born in 1960 and later (as migration 0002 loads them) and two other states.
ROWS = [
    AgeRow("LT", 64, 4, "female", D(1960, 1, 1), D(1960, 8, 31), early_years=59, early_months=4),
    AgeRow("LT", 64, 8, "female", D(1960, 9, 1), D(1961, 4, 30), early_years=59, early_months=8),
    AgeRow("LT", 64, 8, "male", D(1959, 7, 1), D(1960, 4, 30), early_years=59, early_months=8),
    AgeRow("LT", 64, 10, "male", D(1960, 5, 1), D(1961, 2, 28), early_years=59, early_months=10),
    AgeRow("LT", 65, 0, "male", D(1961, 3, 1), D(1961, 4, 30), early_years=60, early_months=0),
    AgeRow("LT", 65, 0, "", D(1961, 5, 1), None, early_years=60, early_months=0),
    AgeRow("DE", 66, 4, "", D(1960, 1, 1), D(1960, 12, 31)),
    AgeRow("DE", 67, 0, "", D(1964, 1, 1), None),
    AgeRow("PL", 60, 0, "female", D(1957, 10, 1), None),
    AgeRow("PL", 65, 0, "male", D(1952, 10, 1), None),
]


def check(born, *, sex="female", start, states=("LT",), benefit=Benefit.OLD_AGE, window=3):  # type: ignore[no-untyped-def]
    return age_check(
        ROWS, states=states, born=born, sex=sex, benefit=benefit, start=start, window_months=window
    )


# --- the age from the table ----------------------------------------------------------------------


def test_the_age_differs_by_sex_where_the_table_says_so():
    born = D(1960, 10, 15)
    assert pension_age(ROWS, state="LT", born=born, sex="female") == PensionAge(64, 8, early=(59, 8))
    assert pension_age(ROWS, state="LT", born=born, sex="male") == PensionAge(64, 10, early=(59, 10))


def test_the_first_and_last_day_of_birth_of_a_row_belong_to_it():
    assert pension_age(ROWS, state="LT", born=D(1960, 9, 1), sex="female").months == 8  # type: ignore[union-attr]
    assert pension_age(ROWS, state="LT", born=D(1960, 8, 31), sex="female").months == 4  # type: ignore[union-attr]
    assert pension_age(ROWS, state="LT", born=D(1961, 4, 30), sex="female").years == 64  # type: ignore[union-attr]
    assert pension_age(ROWS, state="LT", born=D(1961, 5, 1), sex="female").years == 65  # type: ignore[union-attr]


def test_a_row_for_one_sex_wins_over_a_row_for_both():
    rows = [AgeRow("XX", 65, 0, "", None, None), AgeRow("XX", 63, 0, "female", None, None)]
    assert pension_age(rows, state="XX", born=D(1970, 1, 1), sex="female") == PensionAge(63, 0)
    assert pension_age(rows, state="XX", born=D(1970, 1, 1), sex="male") == PensionAge(65, 0)


def test_without_a_known_sex_only_a_row_for_both_gives_the_age():
    assert pension_age(ROWS, state="LT", born=D(1960, 10, 15), sex="unknown") is None
    assert pension_age(ROWS, state="LT", born=D(1970, 1, 1), sex="unknown") == PensionAge(
        65, 0, early=(60, 0)
    )


def test_no_row_no_age():
    assert pension_age(ROWS, state="PL", born=D(1955, 1, 1), sex="female") is None  # before the 2017 rows
    assert pension_age(ROWS, state="FR", born=D(1970, 1, 1), sex="female") is None


# --- the day the age is reached ------------------------------------------------------------------


def test_the_age_is_reached_on_the_birthdays_day_in_the_month_it_is_complete():
    assert age_reached(D(1960, 9, 12), 64, 8) == D(2025, 5, 12)
    assert age_reached(D(1961, 5, 1), 65) == D(2026, 5, 1)


def test_a_birthday_missing_from_the_month_is_reached_on_its_last_day():
    assert age_reached(D(1960, 8, 31), 64, 4) == D(2024, 12, 31)
    assert age_reached(D(1960, 10, 31), 64, 8) == D(2025, 6, 30)


def test_someone_born_on_29_february_reaches_the_age_on_28_february_in_a_common_year():
    assert age_reached(D(1964, 2, 29), 67) == D(2031, 2, 28)
    assert age_reached(D(1964, 2, 29), 60) == D(2024, 2, 29)  # a leap year: the day itself
    assert age_reached(D(1960, 2, 29), 64, 8) == D(2024, 10, 29)  # months later, the day exists


def test_a_date_the_law_gives_replaces_the_birthday():
    age = PensionAge(60, 0, reached_on=D(2017, 10, 1))
    assert reaching_dates(age, born=D(1955, 3, 3)) == ReachingDates(age=D(2017, 10, 1))


def test_the_early_age_is_reached_five_years_before_in_lithuania():
    age = pension_age(ROWS, state="LT", born=D(1966, 7, 20), sex="male")
    assert age is not None
    assert reaching_dates(age, born=D(1966, 7, 20)) == ReachingDates(age=D(2031, 7, 20), early=D(2026, 7, 20))


# --- the advance window --------------------------------------------------------------------------


def test_a_claim_may_start_exactly_the_window_before_the_age_not_a_day_earlier():
    reaching = D(2031, 7, 20)
    assert claim_possible(D(2031, 4, 20), reaching, 3)
    assert not claim_possible(D(2031, 4, 19), reaching, 3)
    assert claim_possible(reaching, reaching, 3)
    assert claim_possible(reaching + DAY, reaching, 0)
    assert not claim_possible(reaching - DAY, reaching, 0)  # no window: from the day itself


def test_the_window_before_an_age_reached_on_the_31st_ends_on_the_months_last_day():
    assert claim_possible(D(2031, 2, 28), D(2031, 5, 31), 3)
    assert not claim_possible(D(2031, 2, 27), D(2031, 5, 31), 3)


# --- per state and the whole claim ---------------------------------------------------------------


def test_a_claim_starting_the_day_before_the_window_is_stopped_and_on_its_first_day_goes_on():
    born = D(1966, 7, 20)  # Lithuania: 65 on 20 July 2031
    assert check(born, start=D(2031, 4, 19)).stopped
    assert not check(born, start=D(2031, 4, 20)).stopped


def test_a_woman_and_a_man_born_the_same_day_reach_the_age_on_different_days():
    born = D(1960, 10, 15)
    woman = state_age(
        ROWS,
        state="LT",
        born=born,
        sex="female",
        benefit=Benefit.OLD_AGE,
        start=D(2025, 3, 15),
        window_months=3,
    )
    man = state_age(
        ROWS,
        state="LT",
        born=born,
        sex="male",
        benefit=Benefit.OLD_AGE,
        start=D(2025, 3, 15),
        window_months=3,
    )
    assert (woman.reached, woman.possible) == (D(2025, 6, 15), True)  # 64 years 8 months
    assert (man.reached, man.possible) == (D(2025, 8, 15), False)  # 64 years 10 months


def test_the_claim_goes_on_when_one_state_pays_and_says_when_the_others_can():
    born = D(1962, 3, 10)  # Poland (a woman): 60 in 2022; Lithuania: 65 in 2027
    result = check(born, start=D(2026, 1, 1), states=("LT", "PL"))
    assert not result.stopped
    by_state = {state.state: state for state in result.states}
    assert (by_state["PL"].reached, by_state["PL"].possible) == (D(2022, 3, 10), True)
    assert (by_state["LT"].reached, by_state["LT"].possible) == (D(2027, 3, 10), False)


def test_the_claim_is_stopped_only_when_no_state_reaches_its_age_within_the_window():
    born = D(1964, 6, 1)  # Lithuania: 65 on 1 June 2029; Germany: 67 on 1 June 2031
    assert check(born, start=D(2029, 1, 1), states=("LT", "DE")).stopped
    result = check(born, start=D(2029, 3, 1), states=("LT", "DE"))
    assert not result.stopped
    assert [state.possible for state in result.states] == [True, False]


def test_a_state_without_an_age_in_the_table_never_stops_the_claim():
    result = check(D(1980, 1, 1), start=D(2030, 1, 1), states=("LT", "FR"))
    assert [(state.state, state.possible) for state in result.states] == [("LT", False), ("FR", None)]
    assert not result.stopped


def test_an_early_old_age_claim_counts_the_early_age():
    born = D(1966, 7, 20)  # Lithuania: early age 60 on 20 July 2026
    assert check(born, start=D(2026, 4, 20), benefit=Benefit.EARLY_OLD_AGE).states[0].early
    assert not check(born, start=D(2026, 4, 20), benefit=Benefit.EARLY_OLD_AGE).stopped
    assert check(born, start=D(2026, 4, 19), benefit=Benefit.EARLY_OLD_AGE).stopped
    assert check(born, start=D(2026, 4, 20), benefit=Benefit.OLD_AGE).stopped


def test_a_state_without_an_early_pension_pays_an_early_claim_from_its_own_age():
    result = check(D(1964, 6, 1), start=D(2025, 1, 1), states=("LT", "DE"), benefit=Benefit.EARLY_OLD_AGE)
    germany = result.states[1]
    assert (germany.reached, germany.early, germany.possible) == (D(2031, 6, 1), False, False)
    assert result.states[0].early and result.states[0].possible  # Lithuania: early age on 1 June 2024


def test_a_pre_retirement_claim_skips_the_age_check():
    result = check(D(1980, 1, 1), start=D(2030, 1, 1), benefit=Benefit.PRE_RETIREMENT)
    assert result.skipped and not result.stopped and result.states == ()


def test_each_state_is_checked_once_in_the_order_given():
    result = check(D(1970, 1, 1), start=D(2035, 1, 1), states=("PL", "LT", "PL"))
    assert [state.state for state in result.states] == ["PL", "LT"]


@pytest.mark.parametrize("states", [(), ("FR",)])
def test_no_state_with_a_known_age_stops_nothing(states):
    assert not check(D(1990, 1, 1), start=D(2030, 1, 1), states=states).stopped
