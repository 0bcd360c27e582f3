"""The typed view of a draft's answers, built from each step's *cleaned* data.

The walk goes through the steps in order. A step counts only when its condition holds for the answers
before it and its stored data validates with the same form the person filled in; its answers are then
what that form cleaned. Conditions, stops, warnings and outcomes read this view and nothing else.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms

from procedures.engine.definition import Answers, Flow, Step, Stop
from procedures.engine.repeatable import RepeatableFormSet

# A step's form: one form, or a formset of repeatable items (made by ``repeatable()``).
StepForm = forms.Form | RepeatableFormSet
# (step, answers before it, stored data, stored files) -> the bound form or formset of that step
FormMaker = Callable[[Step, Answers, Any, Any], StepForm]
# step name -> (stored data, stored files), or None when the step was never saved
StoredStep = Callable[[str], tuple[Any, Any] | None]


def step_answers(form: StepForm) -> Any:
    """A validated step's answers: its cleaned data, or the list of its items' cleaned data."""
    if isinstance(form, RepeatableFormSet):
        return form.items()
    return dict(form.cleaned_data)


@dataclass
class AnswersWalk:
    answers: Answers = field(default_factory=dict)  # every step that applies and validates
    applicable: list[str] = field(default_factory=list)  # the steps that apply, in order
    before: dict[str, Answers] = field(default_factory=dict)  # step -> the answers of the steps before it
    stop: Stop | None = None  # the first hard rule the answers break
    stop_step: str = ""  # the step whose answers made it apply: nothing after it can be reached

    def is_blocked(self, step: str) -> bool:
        """True when a stop applies and ``step`` comes after the step that made it apply (Send, which is
        not a step, comes after every step)."""
        if self.stop is None:
            return False
        if step not in self.applicable:
            return True
        return self.applicable.index(step) > self.applicable.index(self.stop_step)


def answers_walk(flow: Flow, stored: StoredStep, make_form: FormMaker) -> AnswersWalk:
    walk = AnswersWalk()
    for step in flow.all_steps:
        if not step.applies(walk.answers):
            continue
        walk.applicable.append(step.name)
        walk.before[step.name] = dict(walk.answers)
        saved = stored(step.name)
        if saved is None:
            continue
        form = make_form(step, walk.before[step.name], *saved)
        if not form.is_valid():
            continue  # changed since (a condition or an earlier answer): the person answers it again
        walk.answers[step.name] = step_answers(form)
        if walk.stop is None:
            stop = flow.stop_for(walk.answers)
            if stop is not None:
                walk.stop, walk.stop_step = stop, step.name
    return walk
