"""The card's rules as plain functions: who may apply, how long a card or certificate is valid, where the
card is accepted. The national values come in as arguments (procedures.ehic.models holds them)."""

import calendar
import datetime
from collections.abc import Iterable

from procedures.engine.dates import add_months

# Regulation (EU) 1231/2010 extends coordination to third-country nationals, but not in these states.
NOT_REACHED_BY_1231_2010 = ("DK", "IS", "LI", "NO", "CH")
UNITED_KINGDOM = "GB"


def birthday(born: datetime.date, age: int) -> datetime.date:
    """The day a person born on ``born`` turns ``age`` (29 February: 1 March in a common year)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return datetime.date(born.year + age, 3, 1)


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def academic_year_end(today: datetime.date, month: int, day: int) -> datetime.date:
    """The next end of the academic year on or after ``today``."""
    end = datetime.date(today.year, month, min(day, calendar.monthrange(today.year, month)[1]))
    return end if end >= today else academic_year_end(datetime.date(today.year + 1, 1, 1), month, day)


def card_valid_to(
    *,
    today: datetime.date,
    category_end: datetime.date,
    insured_until: datetime.date | None,
    born: datetime.date,
    age_cap: int,
) -> datetime.date:
    """The card's last valid day: the earliest of the category rule, the end of insurance and, for a
    minor, the day before the birthday of the age cap (18 in Lithuania)."""
    ends = [category_end]
    if insured_until is not None:
        ends.append(insured_until)
    if age_on(born, today) < age_cap:
        ends.append(birthday(born, age_cap) - datetime.timedelta(days=1))
    return min(ends)


def category_end(
    *, today: datetime.date, kind: str, months: int | None, end_month: int | None, end_day: int | None
) -> datetime.date:
    """The last valid day a category's rule alone gives (see procedures.ehic.models.CardValidityRule)."""
    if kind == "academic_year" and end_month and end_day:
        return academic_year_end(today, end_month, end_day)
    return add_months(today, months or 0) - datetime.timedelta(days=1)


def card_too_short(*, today: datetime.date, valid_to: datetime.date, minimum_months: int) -> bool:
    """True when the card would be valid for less than the minimum (then a certificate is offered)."""
    return valid_to < add_months(today, minimum_months) - datetime.timedelta(days=1)


def accepts_the_card(country: str, *, coordination_area: Iterable[str], united_kingdom: bool) -> bool:
    """Whether the card and the certificate are accepted in ``country``."""
    return country in coordination_area or (united_kingdom and country == UNITED_KINGDOM)


def third_country_national(nationalities: Iterable[str], *, coordination_area: Iterable[str]) -> bool:
    area = set(coordination_area)
    return not any(country in area for country in nationalities if country)


def prc_problems(
    *,
    valid_from: datetime.date,
    valid_to: datetime.date,
    stay_from: datetime.date,
    stay_to: datetime.date,
    insured_until: datetime.date | None,
    maximum_days: int,
) -> list[str]:
    """What is wrong with a certificate's requested validity, as keys (empty: it can be issued)."""
    problems = []
    if valid_from > valid_to:
        problems.append("ends_before_it_starts")
    if valid_from < stay_from or valid_to > stay_to:
        problems.append("outside_the_stay")
    if insured_until is not None and valid_to > insured_until:
        problems.append("after_insurance_ends")
    if (valid_to - valid_from).days + 1 > maximum_days:
        problems.append("too_long")
    return problems
