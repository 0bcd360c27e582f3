"""The typed view of a draft's answers, built from each step's *cleaned* data.

The walk goes through the steps in order. A step counts only when its condition holds for the answers
before it and its stored data validates with the same form the person filled in; its answers are then
what that form cleaned. Conditions, stops, warnings and outcomes read this view and nothing else.
"""

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.signals import setting_changed
from django.dispatch import receiver

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


# step name -> (the answers before it, its stored data, its stored files, what validating gave: its
# answers, or None when it did not validate).
WalkMemo = dict[str, tuple[Answers, Any, Any, tuple[Any] | None]]

# Draft -> (what else a step's validation may read: the identity, the day; its memo). The latest drafts
# only, per process: a wizard page would otherwise validate every earlier step again on each request.
_MEMOS: OrderedDict[Any, tuple[Any, WalkMemo]] = OrderedDict()
MEMO_DRAFTS = 500
_memos_lock = threading.Lock()


@receiver(setting_changed)
def _memos_forget(**_kwargs: Any) -> None:
    with _memos_lock:
        _MEMOS.clear()


def walk_memo(draft_id: Any, context: Any) -> WalkMemo:
    """The memo of a draft's walks, kept while ``context`` (whatever else validation reads) stays the same."""
    with _memos_lock:
        kept = _MEMOS.pop(draft_id, None)
        memo: WalkMemo = kept[1] if kept is not None and kept[0] == context else {}
        _MEMOS[draft_id] = (context, memo)
        while len(_MEMOS) > MEMO_DRAFTS:
            _MEMOS.popitem(last=False)
    return memo


def answers_walk(
    flow: Flow, stored: StoredStep, make_form: FormMaker, memo: WalkMemo | None = None
) -> AnswersWalk:
    """The walk; with ``memo``, a step whose stored data and earlier answers are the same as in an
    earlier walk is not validated again (a POST walks before and after storing; each page walks)."""
    walk = AnswersWalk()
    for step in flow.all_steps:
        if not step.applies(walk.answers):
            continue
        walk.applicable.append(step.name)
        before = walk.before[step.name] = dict(walk.answers)
        saved = stored(step.name)
        if saved is None:
            continue
        remembered = memo.get(step.name) if memo is not None else None
        if remembered is not None and remembered[:3] == (before, *saved):
            result = copy.deepcopy(remembered[3])  # whoever reads the answers may not change the memo
        else:
            form = make_form(step, before, *saved)
            result = (step_answers(form),) if form.is_valid() else None
            if memo is not None and not saved[1]:
                # Copies: what this walk's readers do with the answers never reaches the memo. A step
                # with files is always validated (they are new objects each time, never equal).
                memo[step.name] = (before, copy.deepcopy(saved[0]), saved[1], copy.deepcopy(result))
        if result is None:
            continue  # changed since (a condition or an earlier answer): the person answers it again
        walk.answers[step.name] = result[0]
        if walk.stop is None:
            stop = flow.stop_for(walk.answers)
            if stop is not None:
                walk.stop, walk.stop_step = stop, step.name
    return walk
