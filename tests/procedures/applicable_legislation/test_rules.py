import datetime

import pytest

from procedures.applicable_legislation.payload import sed_hints
from procedures.applicable_legislation.rules import (
    RULE_EMPLOYED_ACTIVITY,
    RULE_EMPLOYER_SEAT,
    RULE_RESIDENCE_SHARE,
    RULE_SINGLE_STATE,
    RULE_WHOLE_SITUATION,
    StateShare,
    continued_posting_start,
    earlier_posting_within_two_months,
    indicative_legislation,
    is_continuation,
    is_marginal_share,
    place_of_work_allowed,
    posting_exceeds_limit,
    posting_last_allowed_day,
    residence_state_applies,
    shares_add_up,
    substantial_activity,
)
from procedures.engine.dates import add_months

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


def test_a_posting_that_follows_an_earlier_one_within_two_months_counts_from_the_earlier_start():
    earlier = [("DE", D(2025, 1, 1), D(2025, 12, 31))]
    assert continued_posting_start(D(2026, 2, 28), "DE", earlier) == D(2025, 1, 1)
    # 14 months before + 11 months now = 25 months in all: over the limit although each is shorter.
    start = continued_posting_start(D(2026, 2, 28), "DE", earlier)
    assert posting_exceeds_limit(start, D(2027, 1, 31))


def test_a_posting_more_than_two_months_after_the_last_one_starts_afresh():
    earlier = [("DE", D(2025, 1, 1), D(2025, 12, 31))]
    assert continued_posting_start(D(2026, 3, 1), "DE", earlier) == D(2026, 3, 1)


def test_an_earlier_posting_to_another_country_does_not_count():
    earlier = [("FR", D(2025, 1, 1), D(2025, 12, 31))]
    assert continued_posting_start(D(2026, 1, 15), "DE", earlier) == D(2026, 1, 15)


def test_a_chain_of_postings_counts_from_the_first_one():
    earlier = [("DE", D(2024, 6, 1), D(2024, 12, 31)), ("DE", D(2025, 2, 1), D(2025, 12, 31))]
    assert continued_posting_start(D(2026, 1, 20), "DE", earlier) == D(2024, 6, 1)


def test_a_quarter_of_the_turnover_is_substantial_activity():
    assert substantial_activity(25)
    assert not substantial_activity(24)


def test_shares_must_add_up_to_about_100():
    assert shares_add_up([33, 33, 33])
    assert shares_add_up([60, 40])
    assert not shares_add_up([60, 30])


def _shares(*rows: tuple[str, int, int]) -> list[StateShare]:
    return [StateShare(country, time, pay) for country, time, pay in rows]


def test_a_substantial_part_in_the_state_of_residence_makes_its_legislation_likely():
    outcome = indicative_legislation(
        request_type="multi_state_employee",
        residence="LT",
        shares=_shares(("LT", 30, 20), ("PL", 70, 80)),
        employer_country="PL",
    )
    assert (outcome.country, outcome.rule, outcome.residence_share) == ("LT", RULE_RESIDENCE_SHARE, 30)


def test_a_quarter_at_home_is_enough_and_a_little_less_is_not():
    at_the_edge = indicative_legislation(
        request_type="multi_state_employee",
        residence="LT",
        shares=_shares(("LT", 25, 10), ("PL", 75, 90)),
        employer_country="PL",
    )
    just_under = indicative_legislation(
        request_type="multi_state_employee",
        residence="LT",
        shares=_shares(("LT", 24, 24), ("PL", 76, 76)),
        employer_country="PL",
    )
    assert (at_the_edge.country, at_the_edge.rule) == ("LT", RULE_RESIDENCE_SHARE)
    assert (just_under.country, just_under.rule) == ("PL", RULE_EMPLOYER_SEAT)


def test_otherwise_an_employee_gets_the_employers_state():
    outcome = indicative_legislation(
        request_type="multi_state_employee",
        residence="LT",
        shares=_shares(("LT", 20, 20), ("PL", 50, 50), ("DE", 30, 30)),
        employer_country="PL",
    )
    assert (outcome.country, outcome.rule) == ("PL", RULE_EMPLOYER_SEAT)


def test_marginal_work_in_a_state_is_ignored():
    outcome = indicative_legislation(
        request_type="multi_state_employee",
        residence="PL",
        shares=_shares(("LT", 96, 96), ("PL", 4, 4)),
        employer_country="DE",
    )
    assert (outcome.country, outcome.rule, outcome.marginal) == ("LT", RULE_SINGLE_STATE, ("PL",))


def test_five_percent_is_not_marginal_and_four_is():
    outcome = indicative_legislation(
        request_type="multi_state_employee",
        residence="LT",
        shares=_shares(("LT", 5, 5), ("PL", 4, 4), ("DE", 91, 91)),
        employer_country="DE",
    )
    assert outcome.marginal == ("PL",)
    assert (outcome.country, outcome.rule) == ("DE", RULE_EMPLOYER_SEAT)


def test_a_self_employed_person_without_a_substantial_part_at_home_is_left_to_the_institution():
    outcome = indicative_legislation(
        request_type="multi_state_self_employed",
        residence="LT",
        shares=_shares(("LT", 10, 10), ("PL", 45, 45), ("DE", 45, 45)),
        employer_country="",
    )
    assert (outcome.country, outcome.rule) == ("", RULE_WHOLE_SITUATION)


def test_employed_in_one_state_and_self_employed_in_another_follows_the_employment():
    outcome = indicative_legislation(
        request_type="employed_and_self_employed",
        residence="LT",
        shares=_shares(("LT", 50, 50), ("PL", 50, 50)),
        employer_country="PL",
    )
    assert (outcome.country, outcome.rule) == ("PL", RULE_EMPLOYED_ACTIVITY)


def test_a_place_of_work_of_a_posted_person_is_in_the_host_country():
    posted = {"request_type": "posted_employee", "host_country": "DE", "sending_state": "LT"}
    assert place_of_work_allowed(country="DE", **posted)
    assert not place_of_work_allowed(country="LT", **posted)
    assert not place_of_work_allowed(country="FR", **posted)


def test_a_place_of_work_abroad_of_a_multi_state_worker_is_outside_the_sending_state():
    several = {"request_type": "multi_state_employee", "host_country": "", "sending_state": "LT"}
    assert place_of_work_allowed(country="PL", **several)
    assert not place_of_work_allowed(country="LT", **several)


def test_a_new_posting_less_than_two_months_after_the_last_one_to_the_same_state_is_flagged():
    earlier = [("DE", D(2026, 1, 1), D(2026, 6, 30))]
    assert earlier_posting_within_two_months(D(2026, 8, 30), "DE", earlier)
    assert not earlier_posting_within_two_months(D(2026, 9, 1), "DE", earlier)  # two months and a day
    assert not earlier_posting_within_two_months(D(2026, 8, 1), "FR", earlier)  # another state


def _posted(start: datetime.date) -> dict:
    return {
        "situation": {"request_type": "posted_employee", "filing_for": "self"},
        "posting": {"host_country": "DE", "start": start, "end": start + datetime.timedelta(days=300)},
        "employer_activity": {"substantial_activity": "yes"},
    }


def test_a_period_that_started_yesterday_is_flagged_and_one_starting_today_is_not():
    import time_machine

    from procedures.applicable_legislation.flow import FLOW

    # Just after midnight in Vilnius: the day there has changed although it is still yesterday in UTC.
    with time_machine.travel(datetime.datetime(2031, 5, 9, 21, 30, tzinfo=datetime.UTC), tick=False):
        assert "start_date_in_the_past" not in FLOW.warnings(_posted(D(2031, 5, 10)))
        assert "start_date_in_the_past" in FLOW.warnings(_posted(D(2031, 5, 9)))
