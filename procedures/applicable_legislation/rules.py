"""Rules of the A1 request (Regulation 883/2004, Art. 12-16), as plain functions."""

import datetime
from dataclasses import dataclass

from procedures.engine.dates import add_months

POSTING_TYPES = frozenset({"posted_employee", "posted_self_employed"})
MULTI_STATE_TYPES = frozenset(
    {"multi_state_employee", "multi_state_self_employed", "employed_and_self_employed"}
)
SELF_EMPLOYED_TYPES = frozenset(
    {"posted_self_employed", "multi_state_self_employed", "employed_and_self_employed"}
)
SPECIAL_TYPES = frozenset({"civil_servant", "mariner", "flight_crew", "contract_staff"})
MAX_POSTING_MONTHS = 24  # Art. 12(1) and (2) 883/2004


def posting_last_allowed_day(start: datetime.date) -> datetime.date:
    """The last day a posting that starts on ``start`` may last (24 months in all)."""
    same_day = add_months(start, MAX_POSTING_MONTHS)
    if same_day.day < start.day:  # e.g. 29 February: the period ends on the last day of that month
        return same_day
    return same_day - datetime.timedelta(days=1)


def posting_exceeds_limit(start: datetime.date, end: datetime.date) -> bool:
    """Art. 12: a posting of more than 24 months needs an Art. 16 agreement between the states."""
    return end > posting_last_allowed_day(start)


def is_continuation(previous_end: datetime.date, new_start: datetime.date) -> bool:
    """A new posting to the same state less than two months after the last one continues it."""
    return new_start <= add_months(previous_end, 2)


def is_marginal_share(percent: int) -> bool:
    """Art. 14(5b) 987/2009: under 5% of working time or pay in a state is marginal and ignored."""
    return percent < 5


def residence_state_applies(residence_share_percent: int) -> bool:
    """Art. 13(1)(a): a substantial part (25% or more) in the state of residence makes its law apply."""
    return residence_share_percent >= 25


def self_employed_long_enough(activity_start: datetime.date, posting_start: datetime.date) -> bool:
    """Practical guide: a self-employed person should have worked here about two months before going."""
    return add_months(activity_start, 2) <= posting_start


def continued_posting_start(
    start: datetime.date, host_country: str, earlier: list[tuple[str, datetime.date, datetime.date]]
) -> datetime.date:
    """Decision A2, point 3(c): a posting to the same state that starts less than two months after an
    earlier one ends continues it, so the 24 months count from the start of the earliest such posting.
    ``earlier`` holds (country, start, end) of earlier postings."""
    chain_start = start
    extended = True
    while extended:
        extended = False
        for country, earlier_start, earlier_end in earlier:
            if (
                country == host_country
                and earlier_start < chain_start
                and is_continuation(earlier_end, chain_start)
            ):
                chain_start, extended = earlier_start, True
    return chain_start


SUBSTANTIAL_TURNOVER_PERCENT = 25  # Decision A2, point 1: the usual indicator of substantial activity


def substantial_activity(turnover_percent: int) -> bool:
    """An employer that makes a quarter of its turnover in the sending state works there substantially."""
    return turnover_percent >= SUBSTANTIAL_TURNOVER_PERCENT


SHARES_TOLERANCE = 2  # percentage points: rounded shares such as 33 + 33 + 33 still add up


def shares_add_up(percentages: list[int]) -> bool:
    return abs(sum(percentages) - 100) <= SHARES_TOLERANCE


@dataclass(frozen=True)
class StateShare:
    country: str
    working_time: int
    pay: int


# Which rule gave the indicative state (the keys travel in the payload; the texts are in flow.py).
RULE_SINGLE_STATE = "single_state"  # one state is left once marginal work is set aside
RULE_EMPLOYED_ACTIVITY = "employed_activity"  # Art. 13(3): where the employed work is done
RULE_RESIDENCE_SHARE = "residence_share"  # Art. 13(1)(a), 13(2)(a): 25% or more where one lives
RULE_EMPLOYER_SEAT = "employer_seat"  # Art. 13(1)(b)(i): where the employer has its registered office
RULE_WHOLE_SITUATION = "whole_situation"  # Art. 13(2)(b) and the rest: the institution weighs everything


@dataclass(frozen=True)
class IndicativeLegislation:
    """The state whose legislation is likely to apply ("" when the institution must weigh the whole
    situation), the rule that gave it, and the states left out as marginal. Indicative only."""

    country: str
    rule: str
    marginal: tuple[str, ...] = ()
    residence_share: int | None = None


def indicative_legislation(
    *, request_type: str, residence: str, shares: list[StateShare], employer_country: str
) -> IndicativeLegislation:
    """Art. 13 883/2004 and Art. 14 987/2009 applied to a multi-state worker's next 12 months."""
    marginal = tuple(share.country for share in shares if is_marginal_share(share.working_time))
    relevant = [share for share in shares if not is_marginal_share(share.working_time)]
    if not relevant:
        return IndicativeLegislation("", RULE_WHOLE_SITUATION, marginal)
    if len({share.country for share in relevant}) == 1:
        return IndicativeLegislation(relevant[0].country, RULE_SINGLE_STATE, marginal)
    if request_type == "employed_and_self_employed":
        return IndicativeLegislation(employer_country, RULE_EMPLOYED_ACTIVITY, marginal)
    at_home = next((share for share in relevant if share.country == residence), None)
    home_share = max(at_home.working_time, at_home.pay) if at_home else 0
    if at_home and residence_state_applies(home_share):
        return IndicativeLegislation(residence, RULE_RESIDENCE_SHARE, marginal, home_share)
    if request_type == "multi_state_employee" and employer_country:
        return IndicativeLegislation(employer_country, RULE_EMPLOYER_SEAT, marginal, home_share)
    return IndicativeLegislation("", RULE_WHOLE_SITUATION, marginal, home_share)


def place_of_work_allowed(*, country: str, request_type: str, host_country: str, sending_state: str) -> bool:
    """A posted person works in the state they are posted to (Art. 12 883/2004); a place of work
    abroad of someone working in several states lies outside the sending state."""
    if request_type in POSTING_TYPES:
        return not host_country or country == host_country
    return country != sending_state


def earlier_posting_within_two_months(
    start: datetime.date, host_country: str, earlier: list[tuple[str, datetime.date, datetime.date]]
) -> bool:
    """Decision A2 and the Practical Guide: a new posting of the same person to the same state usually
    follows a break of at least two months after the last one ended (a soft rule for the institution)."""
    return any(
        country == host_country and earlier_end < start and is_continuation(earlier_end, start)
        for country, _earlier_start, earlier_end in earlier
    )


def third_country_national(nationalities: list[str], *, free_movement: tuple[str, ...]) -> bool:
    """A national of no EU, EEA state or Switzerland: the only person who needs a residence permit and a
    visa to live and work here, and whose coverage also rests on Regulation (EU) 1231/2010. One
    nationality in ``free_movement`` is enough not to be one. No nationality given: not known, so False."""
    given = {country for country in nationalities if country}
    return bool(given) and not given & set(free_movement)


def host_contract_applies(request_type: str) -> bool:
    """A contract with a company abroad exists for postings (the host company, Art. 12 883/2004) and
    for the exception asked for them (Art. 16); people who normally work in several states or in a
    special job have no such company."""
    return request_type in POSTING_TYPES or request_type == "exception"
