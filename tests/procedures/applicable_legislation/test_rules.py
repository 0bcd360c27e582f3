import datetime

import pytest

from procedures.applicable_legislation.payload import sed_hints
from procedures.applicable_legislation.rules import (
    add_months,
    is_continuation,
    is_marginal_share,
    posting_exceeds_limit,
    posting_last_allowed_day,
    residence_state_applies,
)

D = datetime.date


def test_a_posting_of_exactly_24_months_is_allowed():
    assert not posting_exceeds_limit(D(2027, 3, 1), D(2029, 2, 28))


def test_a_posting_of_24_months_and_one_day_is_not():
    assert posting_exceeds_limit(D(2027, 3, 1), D(2029, 3, 1))


def test_a_posting_that_starts_on_29_february_ends_at_the_latest_on_28_february():
    assert posting_last_allowed_day(D(2028, 2, 29)) == D(2030, 2, 28)
    assert not posting_exceeds_limit(D(2028, 2, 29), D(2030, 2, 28))
    assert posting_exceeds_limit(D(2028, 2, 29), D(2030, 3, 1))


def test_a_posting_over_a_leap_day_counts_months_not_days():
    assert posting_last_allowed_day(D(2027, 3, 15)) == D(2029, 3, 14)


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
    assert add_months(D(2027, 12, 15), 2) == D(2028, 2, 15)


def test_a_new_posting_within_two_months_of_the_last_continues_it():
    assert is_continuation(D(2027, 6, 30), D(2027, 8, 30))
    assert not is_continuation(D(2027, 6, 30), D(2027, 9, 1))


@pytest.mark.parametrize(("share", "marginal"), [(0, True), (4, True), (5, False), (30, False)])
def test_a_share_under_five_percent_is_marginal(share, marginal):
    assert is_marginal_share(share) is marginal


@pytest.mark.parametrize(("share", "applies"), [(24, False), (25, True), (100, True)])
def test_a_quarter_of_the_work_in_the_residence_state_makes_its_law_apply(share, applies):
    assert residence_state_applies(share) is applies


@pytest.mark.parametrize(
    ("request_type", "hints"),
    [("posted_employee", ["A009"]), ("multi_state_employee", ["A003"]), ("exception", ["A001"])],
)
def test_each_request_type_points_the_institution_to_its_sed(request_type, hints):
    assert sed_hints(request_type) == hints


def test_self_employed_people_should_have_worked_two_months_before_a_posting():
    from procedures.applicable_legislation.rules import self_employed_long_enough

    assert self_employed_long_enough(D(2027, 1, 1), D(2027, 3, 1))
    assert not self_employed_long_enough(D(2027, 1, 2), D(2027, 3, 1))


def test_special_cases_leave_the_choice_of_exchange_to_the_institution():
    assert sed_hints("mariner") == [] and sed_hints("civil_servant") == []
