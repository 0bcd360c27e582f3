"""How a procedure describes its wizard: steps, conditions, rules that stop or warn, the submission."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.functional import Promise

from portal.applications.services import Submission

Answers = dict[str, dict[str, Any]]  # step name -> that step's cleaned data


@dataclass(frozen=True)
class Step:
    name: str
    form_class: type[forms.Form]
    title: Promise | str
    condition: Callable[[Answers], bool] | None = None

    def applies(self, answers: Answers) -> bool:
        return self.condition is None or self.condition(answers)


@dataclass(frozen=True)
class Stop:
    """A hard eligibility rule: when it fails the person gets a page explaining what to do instead."""

    key: str
    title: Promise | str
    explanation: Promise | str
    applies: Callable[[Answers], bool]
    alternative_label: Promise | str = ""
    alternative_step: str = ""


@dataclass(frozen=True)
class Flow:
    steps: list[Step]
    reference_prefix: str
    build_submission: Callable[[Answers, dict[str, Any]], Submission]
    stops: list[Stop] = field(default_factory=list)
    # Soft rules: keys of what the institution should look at; shown on the check page, sent along.
    warnings: Callable[[Answers], list[str]] = lambda answers: []
    warning_texts: dict[str, Promise | str] = field(default_factory=dict)

    def step(self, name: str) -> Step:
        return next(step for step in self.steps if step.name == name)
