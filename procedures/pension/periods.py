"""Checks on the insurance periods of a pension claim, and how long a person was insured in each state.

A period with an error (ends before it starts, starts before the person's birth) must be corrected; a
warning (before the age periods are expected, an overlap in the same state) asks the person to check; a
period in a state outside the coordination area and the bilateral agreements is refused with a reason,
and the rest of the claim goes on. Overlaps across states are normal: the institutions settle them
(Art. 12 987/2009). The national values come in as arguments (procedures.pension.models.PensionSettings).
"""

import datetime
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from procedures.engine.dates import add_months
from procedures.engine.fields import coordination_area, country_name
from procedures.pension.rules import age_reached

UNITED_KINGDOM = "GB"


class PeriodKind(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    VOLUNTARY = "voluntary", _("Insured voluntarily")
    RESIDENCE = "residence", _("Living there (residence)")
    CHILD_RAISING = "child_raising", _("Raising a child")
    SERVICE = "service", _("Military or civilian service")
    BENEFIT = "benefit", _("Sickness or unemployment benefit")
    STUDY = "study", _("Studying")


@dataclass(frozen=True)
class Period:
    """An insurance period as the person gives it; a period still going on ends on the claim date."""

    country: str
    start: datetime.date
    end: datetime.date
    kind: str = PeriodKind.EMPLOYED

    @property
    def in_order(self) -> bool:
        return self.start <= self.end  # a one-day period starts and ends on the same day


class Scope(enum.StrEnum):
    COORDINATION = "coordination"  # the EU rules: the claim date counts there, the P forms apply
    BILATERAL = "bilateral"  # a bilateral agreement: its own rules, not the EU claim date
    OUTSIDE = "outside"  # neither: the period is refused


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    REFUSED = "refused"


_MESSAGES = {
    "end_before_start": _("The period must end on or after the day it starts"),
    "before_birth": _("This period starts before your date of birth. Check the dates"),
    "before_minimum_age": _("This period starts before you were {age}. Check the dates are right"),
    "overlap": _("This period overlaps another period in {country}. Check the dates are right"),
    "outside": _(
        "We cannot count your period in {country}: it is not covered by the European rules or by an "
        "agreement on social security. We will deal with the rest of your claim"
    ),
}


@dataclass(frozen=True)
class Finding:
    """A problem with the period at ``index`` (``other``: the period it overlaps)."""

    index: int
    code: str
    severity: Severity
    country: str = ""
    age: int | None = None
    other: int | None = None

    def message(self) -> str:
        """The sentence for the person, in the current language."""
        return str(_MESSAGES[self.code]).format(
            country=country_name(self.country) if self.country else "", age=self.age
        )


@dataclass(frozen=True)
class PeriodsCheck:
    scopes: tuple[Scope, ...]  # one per period, in the order given
    findings: tuple[Finding, ...]

    def of(self, severity: Severity) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == severity]

    @property
    def errors(self) -> list[Finding]:
        return self.of(Severity.ERROR)

    @property
    def warnings(self) -> list[Finding]:
        return self.of(Severity.WARNING)

    @property
    def refused(self) -> list[int]:
        """The periods refused (a state without coordination or an agreement)."""
        return [finding.index for finding in self.of(Severity.REFUSED)]

    def counted(self, periods: Sequence[Period]) -> list[Period]:
        """The periods that go on with the claim: neither refused nor in error."""
        left_out = {finding.index for finding in self.findings if finding.severity != Severity.WARNING}
        return [period for index, period in enumerate(periods) if index not in left_out]


def pension_area(*, united_kingdom: bool) -> tuple[str, ...]:
    """The states whose periods count under the EU rules: the coordination area, and the United Kingdom
    when the deployment covers it (the social security protocol of the EU and UK trade agreement)."""
    area = coordination_area()
    if united_kingdom and UNITED_KINGDOM not in area:
        area += (UNITED_KINGDOM,)
    return area


def period_scope(country: str, *, area: Iterable[str], bilateral: Iterable[str]) -> Scope:
    if country in area:
        return Scope.COORDINATION
    return Scope.BILATERAL if country in bilateral else Scope.OUTSIDE


def check_periods(
    periods: Sequence[Period],
    *,
    born: datetime.date,
    minimum_age: int,
    area: Iterable[str],
    bilateral: Iterable[str],
) -> PeriodsCheck:
    """Every period's scope and the problems found (see the module's docstring)."""
    area, bilateral = frozenset(area), frozenset(bilateral)
    expected_from = age_reached(born, minimum_age)
    scopes = tuple(period_scope(period.country, area=area, bilateral=bilateral) for period in periods)
    findings: list[Finding] = []
    for index, period in enumerate(periods):
        if not period.in_order:
            findings.append(Finding(index, "end_before_start", Severity.ERROR))
        if period.start < born:
            findings.append(Finding(index, "before_birth", Severity.ERROR))
        elif period.start < expected_from:
            findings.append(Finding(index, "before_minimum_age", Severity.WARNING, age=minimum_age))
        if scopes[index] == Scope.OUTSIDE:
            findings.append(Finding(index, "outside", Severity.REFUSED, country=period.country))
        findings.extend(
            Finding(index, "overlap", Severity.WARNING, country=period.country, other=earlier)
            for earlier in range(index)
            if _overlap(periods[earlier], period)
        )
    return PeriodsCheck(scopes=scopes, findings=tuple(findings))


def _overlap(one: Period, other: Period) -> bool:
    """Whether two periods in the same state share a day (both days of a period count)."""
    return (
        one.country == other.country
        and one.in_order
        and other.in_order
        and one.start <= other.end
        and other.start <= one.end
    )


@dataclass(frozen=True)
class InsuredTime:
    """How long a person was insured in one state: ``days`` in all, also as years, months and the days
    left over (a month for every 30 of them)."""

    state: str
    days: int
    years: int
    months: int
    extra_days: int


def insured_time(periods: Iterable[Period]) -> dict[str, InsuredTime]:
    """The time insured per state, in the order the states first appear; overlapping periods in the
    same state count once. Periods that end before they start are left out."""
    by_state: dict[str, list[tuple[datetime.date, datetime.date]]] = {}
    for period in periods:
        if period.in_order:
            by_state.setdefault(period.country, []).append((period.start, period.end))
    return {state: _total(state, spans) for state, spans in by_state.items()}


def _total(state: str, spans: list[tuple[datetime.date, datetime.date]]) -> InsuredTime:
    merged: list[list[datetime.date]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + datetime.timedelta(days=1):  # overlapping or adjacent
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    days = months = extra_days = 0
    for start, end in merged:
        after = end + datetime.timedelta(days=1)
        days += (after - start).days
        span_months, span_days = _months_and_days(start, after)
        months += span_months
        extra_days += span_days
    months += extra_days // 30
    years, months = divmod(months, 12)
    return InsuredTime(state=state, days=days, years=years, months=months, extra_days=extra_days % 30)


def _months_and_days(start: datetime.date, after: datetime.date) -> tuple[int, int]:
    """Whole calendar months from ``start`` to ``after`` (the day after the period), and the days left."""
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) > after:
        months -= 1
    return months, (after - add_months(start, months)).days
