"""Rules of the A1 request (Regulation 883/2004, Art. 12-16), as plain functions."""

import calendar
import datetime

POSTING_TYPES = frozenset({"posted_employee", "posted_self_employed"})
MULTI_STATE_TYPES = frozenset(
    {"multi_state_employee", "multi_state_self_employed", "employed_and_self_employed"}
)
SELF_EMPLOYED_TYPES = frozenset(
    {"posted_self_employed", "multi_state_self_employed", "employed_and_self_employed"}
)
SPECIAL_TYPES = frozenset({"civil_servant", "mariner", "flight_crew", "contract_staff"})
MAX_POSTING_MONTHS = 24  # Art. 12(1) and (2) 883/2004


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the last day of the month when that day does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


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
