"""How a procedure describes its wizard: steps, conditions, rules that stop or warn, the submission."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.applications.services import Submission
from procedures.engine.forms import AcknowledgeWarningsForm

Answers = dict[str, dict[str, Any]]  # step name -> that step's answers as stored (strings)
ACKNOWLEDGE_STEP = "warnings"


def raw_items(answers: Answers, step: str) -> list[dict[str, Any]]:
    """The stored items of a repeatable step, in order: ``{"0-country": "DE"}`` -> ``[{"country": "DE"}]``."""
    data = answers.get(step, {})
    try:
        total = int(data.get("TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        return []
    items: list[dict[str, Any]] = [{} for _number in range(total)]
    for key, value in data.items():
        number, _dash, field_name = key.partition("-")
        if number.isdigit() and int(number) < total:
            items[int(number)][field_name] = value
    return items


@dataclass(frozen=True)
class Step:
    name: str
    form_class: type[forms.Form]
    title: Promise | str
    condition: Callable[[Answers], bool] | None = None
    why: Promise | str = ""  # the "Why we ask" disclosure: the purpose and the legal basis, in plain words

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
    # An indicative outcome in plain words for the check page ("" when there is none); never a decision.
    outcome: Callable[[Answers], Promise | str] = lambda answers: ""

    @property
    def all_steps(self) -> list[Step]:
        """The steps, with a page to acknowledge soft warnings before the last one (check your answers)
        that appears only when a warning applies."""
        if not self.warning_texts:
            return self.steps
        acknowledge = Step(
            ACKNOWLEDGE_STEP,
            AcknowledgeWarningsForm,
            _("Some answers need a closer look"),
            condition=lambda answers: bool(self.warnings(answers)),
        )
        return [*self.steps[:-1], acknowledge, self.steps[-1]]

    def step(self, name: str) -> Step:
        return next(step for step in self.all_steps if step.name == name)
