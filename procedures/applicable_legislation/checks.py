"""The A1 request's soft rules (warnings) and the readings of the answers its stops share."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procedures.applicable_legislation.outcome import request_type
from procedures.applicable_legislation.rules import (
    POSTING_TYPES,
    SELF_EMPLOYED_TYPES,
    continued_posting_start,
    earlier_posting_within_two_months,
    posting_exceeds_limit,
    self_employed_long_enough,
    substantial_activity,
)
from procedures.engine.definition import Answers


def filing_for(answers: Answers) -> str:
    return str(answers.get("situation", {}).get("filing_for", ""))


def posting_answers(answers: Answers) -> dict[str, Any]:
    """The posting's answers, when the person is posted (empty otherwise)."""
    return answers.get("posting", {}) if request_type(answers) in POSTING_TYPES else {}


def earlier_postings(answers: Answers) -> list[tuple[str, datetime.date, datetime.date]]:
    return [(item["country"], item["start"], item["end"]) for item in answers.get("earlier_postings", [])]


def posting_too_long(answers: Answers) -> bool:
    posting = posting_answers(answers)
    if not posting:
        return False
    start = continued_posting_start(posting["start"], posting["host_country"], earlier_postings(answers))
    return posting_exceeds_limit(start, posting["end"])


def warnings(answers: Answers) -> list[str]:
    found = []
    kind, posting = request_type(answers), posting_answers(answers)
    if posting.get("insured_before") == "no":
        found.append("insured_less_than_one_month_before_posting")
    activity_start = answers.get("self_employed", {}).get("since") if kind in SELF_EMPLOYED_TYPES else None
    if (
        kind == "posted_self_employed"
        and activity_start
        and posting
        and not self_employed_long_enough(activity_start, posting["start"])
    ):
        found.append("self_employed_less_than_two_months_before_posting")
    if posting and earlier_posting_within_two_months(
        posting["start"], posting["host_country"], earlier_postings(answers)
    ):
        found.append("repeat_posting_within_two_months")
    if kind == "posted_employee":
        if answers.get("employer_activity", {}).get("substantial_activity") in ("no", "unknown"):
            found.append("employer_activity_not_confirmed")
        turnover = answers.get("employer_turnover", {}).get("turnover_share")
        if turnover is not None and not substantial_activity(turnover):
            found.append("employer_turnover_below_a_quarter")
    start = posting.get("start")
    if kind == "exception":
        start = answers.get("exception_request", {}).get("start")
    if start and start < timezone.localdate():
        found.append("start_date_in_the_past")
    return found


WARNING_TEXTS = {
    "insured_less_than_one_month_before_posting": _(
        "You were insured here for less than a month before the work abroad."
    ),
    "self_employed_less_than_two_months_before_posting": _(
        "You started working as self-employed less than two months before the work abroad."
    ),
    "repeat_posting_within_two_months": _(
        "Your earlier posting to the same country ended less than two months before this one starts. "
        "Usually there is a break of at least two months between two postings to the same country."
    ),
    "employer_activity_not_confirmed": _(
        "You did not confirm that your employer does a large part of its business in Lithuania."
    ),
    "employer_turnover_below_a_quarter": _(
        "The employer made less than a quarter of its turnover in Lithuania. "
        "Usually it should be at least a quarter."
    ),
    "start_date_in_the_past": _(
        "The period you ask about has already started. The institution can still decide for the past, "
        "but it may ask why you apply late."
    ),
}
