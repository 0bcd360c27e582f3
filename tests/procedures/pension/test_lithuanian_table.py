"""The default data of migration 0002: Lithuania's pension age table follows the law's rule (from 2012 the
age rises each year by 4 months for women and 2 for men until 65 in 2026, and the age of the year it is
reached applies), every date of birth gets exactly one age, and the settings are Lithuania's."""

import datetime

import pytest

from procedures.engine.dates import add_months
from procedures.pension.models import PensionAgeRule, PensionSettings
from procedures.pension.rules import AgeRow, age_reached, pension_age

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = datetime.timedelta(days=1)


def lithuanian_rows() -> list[AgeRow]:
    return [row for row in PensionAgeRule.age_rows() if row.state == "LT"]


def law_age_in_months(sex: str, year: int) -> int:
    """The age the law sets for a calendar year (Art. 57(2) of the 1994 law, as amended in 2011)."""
    start, step = (60 * 12, 4) if sex == "female" else (62 * 12 + 6, 2)
    return min(start + step * max(year - 2011, 0), 65 * 12)


@pytest.mark.parametrize("sex", ["female", "male"])
def test_each_row_is_the_age_of_the_year_its_people_reach_it(sex):
    for row in lithuanian_rows():
        if row.sex not in ("", sex) or row.born_from is None:
            continue
        first = age_reached(row.born_from, row.years, row.months)
        assert 12 * row.years + row.months == law_age_in_months(sex, first.year), row
        if row.born_to is not None:
            last = age_reached(row.born_to, row.years, row.months)
            assert last.year == first.year, row
            # During the rise, the next day of birth reaches this age only in the next year, where a
            # higher age applies.
            if row.years < 65:
                assert age_reached(row.born_to + DAY, row.years, row.months).year == first.year + 1, row


@pytest.mark.parametrize("sex", ["female", "male"])
def test_every_date_of_birth_gets_exactly_one_age(sex):
    rows = lithuanian_rows()
    day = D(1940, 1, 1)
    while day <= D(1975, 12, 31):
        fitting = [row for row in rows if row.applies_to(state="LT", born=day, sex=sex)]
        assert len([row for row in fitting if row.sex == sex]) <= 1, day
        assert pension_age(rows, state="LT", born=day, sex=sex) is not None, day
        day += DAY


def test_the_rise_ends_at_65_for_everyone_born_from_may_1961():
    rows = lithuanian_rows()
    for born in (D(1961, 5, 1), D(1975, 2, 28), D(2000, 1, 1)):
        for sex in ("female", "male", "unknown"):
            age = pension_age(rows, state="LT", born=born, sex=sex)
            assert age is not None and (age.years, age.months) == (65, 0), (born, sex)


@pytest.mark.parametrize(
    ("sex", "born_from", "born_to", "age"),
    [
        # As Sodra and the press publish them, by date of birth.
        ("female", D(1952, 1, 1), D(1952, 8, 31), (60, 4)),
        ("female", D(1960, 9, 1), D(1961, 4, 30), (64, 8)),
        ("male", D(1949, 7, 1), D(1950, 4, 30), (62, 8)),
        ("male", D(1960, 5, 1), D(1961, 2, 28), (64, 10)),
    ],
)
def test_rows_agree_with_the_published_table(sex, born_from, born_to, age):
    rule = PensionAgeRule.objects.get(state="LT", sex=sex, born_from=born_from)
    assert (rule.born_to, (rule.years, rule.months)) == (born_to, age)


def test_a_man_born_on_29_february_1956_reaches_his_age_in_2019_and_the_row_says_to_verify():
    rows = lithuanian_rows()
    age = pension_age(rows, state="LT", born=D(1956, 2, 29), sex="male")
    assert age is not None and (age.years, age.months) == (63, 10)
    assert age_reached(D(1956, 2, 29), 63, 10) == D(2019, 12, 29)
    assert "To verify" in PensionAgeRule.objects.get(state="LT", sex="male", born_to=D(1956, 2, 29)).note


def test_the_early_age_is_five_years_below_the_age():
    for row in lithuanian_rows():
        assert (row.early_years, row.early_months) == (row.years - 5, row.months), row


def test_the_example_states_follow_their_laws():
    rows = PensionAgeRule.age_rows()
    ages = {
        born: pension_age(rows, state="DE", born=born, sex="female")
        for born in (
            D(1946, 12, 31),
            D(1947, 6, 1),
            D(1958, 1, 1),
            D(1959, 1, 1),
            D(1963, 12, 31),
            D(1964, 1, 1),
        )
    }
    assert [(age.years, age.months) for age in ages.values() if age] == [
        (65, 0),
        (65, 1),
        (66, 0),
        (66, 2),
        (66, 10),
        (67, 0),
    ]
    woman = pension_age(rows, state="PL", born=D(1960, 1, 1), sex="female")
    man = pension_age(rows, state="PL", born=D(1960, 1, 1), sex="male")
    assert woman is not None and man is not None and (woman.years, man.years) == (60, 65)


def test_the_settings_are_lithuanias():
    settings = PensionSettings.current()
    assert settings.pk is not None  # the migration's row, not the model's defaults
    assert settings.advance_window_months == 3
    assert settings.minimum_period_age == 14
    assert settings.united_kingdom
    assert not settings.pre_retirement_scheme
    assert sorted(str(country) for country in settings.bilateral_states) == ["BY", "CA", "MD", "RU", "UA"]


def test_the_advance_window_before_the_age_of_a_woman_born_in_1961():
    age = pension_age(lithuanian_rows(), state="LT", born=D(1961, 4, 30), sex="female")
    assert age is not None
    reached = age_reached(D(1961, 4, 30), age.years, age.months)
    assert reached == D(2025, 12, 30)
    assert add_months(reached, -PensionSettings.current().advance_window_months) == D(2025, 9, 30)
