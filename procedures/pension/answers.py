"""Readings of the claim's typed answers that its rules, pages and payload share.

Everything here reads the typed answers (procedures.engine.definition.Answers): cleaned data, dates as
dates. The national values come from procedures.pension.models (admin tables), read once per call.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

from procedures.engine.definition import Answers
from procedures.pension.models import PensionSettings
from procedures.pension.periods import (
    Period,
    PeriodKind,
    PeriodsCheck,
    Scope,
    check_periods,
    pension_area,
)
from procedures.pension.reference import reference
from procedures.pension.rules import AgeCheck, Benefit, age_check


def benefit(answers: Answers) -> str:
    return str(answers.get("benefit", {}).get("benefit", ""))


def born(answers: Answers) -> datetime.date | None:
    """The date of birth the eID (or the document seen at the desk) gave, as the first page keeps it."""
    value = answers.get("about_you", {}).get("date_of_birth")
    return value if isinstance(value, datetime.date) else None


def sex(answers: Answers) -> str:
    return str(answers.get("birth", {}).get("sex", ""))


def insured_here(answers: Answers) -> bool:
    """Insured in this country, by the person's answer ("not sure" counts: the institution checks)."""
    return answers.get("insured_here", {}).get("insured_here") in ("yes", "not_sure")


def worked_abroad(answers: Answers) -> bool:
    return answers.get("worked_abroad", {}).get("worked_abroad") == "yes"


def abroad_answered(answers: Answers) -> bool:
    """Whether the person has said everything about their periods abroad (the age check needs them)."""
    if "worked_abroad" not in answers:
        return False
    return not worked_abroad(answers) or "record" in answers


def periods(answers: Answers) -> list[Period]:
    """The periods abroad as given (a period still going on ends on the requested start)."""
    if not worked_abroad(answers):
        return []
    start = answers.get("benefit", {}).get("start") or datetime.date.today()
    return [
        Period(
            country=item["country"],
            start=item["start"],
            end=item.get("end") or max(start, item["start"]),
            kind=item.get("kind") or PeriodKind.EMPLOYED,
        )
        for item in answers.get("periods", [])
        if item and item.get("country") and isinstance(item.get("start"), datetime.date)
    ]


@dataclass(frozen=True)
class Record:
    """The periods abroad with their check, for the record page, the warnings and the payload."""

    periods: list[Period]
    check: PeriodsCheck
    bilateral: frozenset[str]

    def counted(self) -> list[Period]:
        return self.check.counted(self.periods)

    def states(self, scope: Scope) -> list[str]:
        """The states of the periods that count, under ``scope``, each once in the order given."""
        found = [
            period.country
            for period, period_scope in zip(self.periods, self.check.scopes, strict=True)
            if period_scope == scope and period in self.counted()
        ]
        return list(dict.fromkeys(found))


def record(answers: Answers, configuration: PensionSettings | None = None) -> Record:
    configuration = configuration or reference().configuration
    given = periods(answers)
    bilateral = frozenset(str(code) for code in configuration.bilateral_states)
    check = check_periods(
        given,
        born=born(answers) or datetime.date.min,
        minimum_age=configuration.minimum_period_age,
        area=pension_area(united_kingdom=configuration.united_kingdom),
        bilateral=bilateral,
    )
    return Record(periods=given, check=check, bilateral=bilateral)


def home() -> str:
    return str(settings.PORTAL_COUNTRY)


def claim_states(answers: Answers, found: Record | None = None) -> list[str]:
    """The states in the claim under the EU rules: this one when the person was insured here, and
    every coordination state where a period counts."""
    found = found or record(answers)
    states = [home()] if insured_here(answers) else []
    return list(dict.fromkeys([*states, *found.states(Scope.COORDINATION)]))


def bilateral_states(answers: Answers, found: Record | None = None) -> list[str]:
    found = found or record(answers)
    return [state for state in found.states(Scope.BILATERAL) if state != home()]


def ages(answers: Answers) -> AgeCheck | None:
    """Each state's answer to "when can you pay", or None until the answers it needs are given."""
    day_of_birth, chosen = born(answers), benefit(answers)
    start = answers.get("benefit", {}).get("start")
    if day_of_birth is None or not chosen or not isinstance(start, datetime.date):
        return None
    tables = reference()
    configuration = tables.configuration
    return age_check(
        tables.rows,
        states=claim_states(answers, record(answers, configuration)),
        born=day_of_birth,
        sex=sex(answers),
        benefit=Benefit(chosen),
        start=start,
        window_months=configuration.advance_window_months,
    )


def child_raising(answers: Answers) -> bool:
    """Periods of raising children: children declared, or a period abroad of that kind."""
    if answers.get("raised_children", {}).get("raised_children") == "yes" and answers.get("children"):
        return True
    return any(period.kind == PeriodKind.CHILD_RAISING for period in periods(answers))
