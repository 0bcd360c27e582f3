"""The pension claim's age rules as plain functions: each state's pension age for a person, the day it is
reached, and whether a claim can start then. The national tables come in as plain values
(procedures.pension.models holds them; PensionAgeRule.as_age_row())."""

import datetime
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from procedures.engine.dates import add_months


class Benefit(enum.StrEnum):
    OLD_AGE = "old_age"
    EARLY_OLD_AGE = "early_old_age"  # Lithuania: išankstinė senatvės pensija, up to 5 years before the age
    PRE_RETIREMENT = "pre_retirement"


@dataclass(frozen=True)
class AgeRow:
    """One row of a state's pension age table (procedures.pension.models.PensionAgeRule)."""

    state: str
    years: int
    months: int = 0
    sex: str = ""  # "" for women and men, else "female" or "male"
    born_from: datetime.date | None = None
    born_to: datetime.date | None = None
    early_years: int | None = None
    early_months: int | None = None
    reached_on: datetime.date | None = None  # when the law gives a date instead of an age

    def applies_to(self, *, state: str, born: datetime.date, sex: str) -> bool:
        return (
            self.state == state
            and (self.born_from is None or self.born_from <= born)
            and (self.born_to is None or born <= self.born_to)
            and (not self.sex or self.sex == sex)
        )


@dataclass(frozen=True)
class PensionAge:
    """A person's statutory age in one state, and the early age where the state has one."""

    years: int
    months: int
    early: tuple[int, int] | None = None  # (years, months)
    reached_on: datetime.date | None = None


@dataclass(frozen=True)
class ReachingDates:
    """The days a person reaches a state's pension age and, where there is one, its early age."""

    age: datetime.date
    early: datetime.date | None = None


@dataclass(frozen=True)
class StateAge:
    """The answer to "when can this state pay": the day the age that counts for the claim is reached,
    whether that is the early age, and whether the requested start is within the advance window.
    ``reached`` and ``possible`` are None when the table has no age for the person: the state decides."""

    state: str
    reached: datetime.date | None
    early: bool
    possible: bool | None


@dataclass(frozen=True)
class AgeCheck:
    states: tuple[StateAge, ...]
    stopped: bool  # no state in the claim reaches its age within the window
    skipped: bool = False  # a pre-retirement claim: no age check


def pension_age(rows: Iterable[AgeRow], *, state: str, born: datetime.date, sex: str) -> PensionAge | None:
    """The person's pension age in ``state``: the row for their sex wins over a row for both. None when
    no row fits, or when only rows for one sex fit and the person's sex is not known."""
    fitting = [row for row in rows if row.applies_to(state=state, born=born, sex=sex)]
    if not fitting:
        return None
    row = next((row for row in fitting if row.sex), fitting[0])
    early = None
    if row.early_years is not None:
        early = (row.early_years, row.early_months or 0)
    return PensionAge(years=row.years, months=row.months, early=early, reached_on=row.reached_on)


def age_reached(born: datetime.date, years: int, months: int = 0) -> datetime.date:
    """The day a person born on ``born`` reaches an age of ``years`` and ``months``: the birthday's day
    in the month the age is complete, or that month's last day when it has no such day (born on
    31 August, 60 years 4 months: 31 December; born on 29 February: 28 February in a common year)."""
    return add_months(born, 12 * years + months)


def reaching_dates(age: PensionAge, *, born: datetime.date) -> ReachingDates:
    """When the person reaches the age (the law's date where it gives one) and the early age."""
    reached = age.reached_on or age_reached(born, age.years, age.months)
    early = age_reached(born, *age.early) if age.early is not None else None
    return ReachingDates(age=reached, early=early)


def claim_possible(start: datetime.date, reaching: datetime.date, window_months: int) -> bool:
    """Whether a claim can start on ``start`` in a state whose age is reached on ``reaching``: no
    earlier than the advance window before it (Lithuania: 3 months)."""
    return start >= add_months(reaching, -window_months)


def state_age(
    rows: Iterable[AgeRow],
    *,
    state: str,
    born: datetime.date,
    sex: str,
    benefit: Benefit,
    start: datetime.date,
    window_months: int,
) -> StateAge:
    """When ``state`` can pay: for an early old-age claim, from its early age where it has one (a state
    without an early pension pays from its own age)."""
    age = pension_age(rows, state=state, born=born, sex=sex)
    if age is None:
        return StateAge(state=state, reached=None, early=False, possible=None)
    dates = reaching_dates(age, born=born)
    early = benefit == Benefit.EARLY_OLD_AGE and dates.early is not None
    reached = dates.early if early and dates.early is not None else dates.age
    return StateAge(
        state=state, reached=reached, early=early, possible=claim_possible(start, reached, window_months)
    )


def age_check(
    rows: Sequence[AgeRow],
    *,
    states: Iterable[str],
    born: datetime.date,
    sex: str,
    benefit: Benefit,
    start: datetime.date,
    window_months: int,
) -> AgeCheck:
    """The check "are you old enough" for every state in the claim. Each state applies its own age
    (Art. 50(2) 883/2004), so the claim is stopped only when no state reaches it within the window; a
    state whose age is not in the table never stops it. A pre-retirement claim skips the check."""
    if benefit == Benefit.PRE_RETIREMENT:
        return AgeCheck(states=(), stopped=False, skipped=True)
    results = tuple(
        state_age(
            rows,
            state=state,
            born=born,
            sex=sex,
            benefit=benefit,
            start=start,
            window_months=window_months,
        )
        for state in dict.fromkeys(states)  # each state once, in the order given
    )
    stopped = bool(results) and all(result.possible is False for result in results)
    return AgeCheck(states=results, stopped=stopped)
