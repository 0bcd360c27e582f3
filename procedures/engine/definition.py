"""How a procedure describes its wizard: steps, conditions, rules that stop or warn, the submission.

Every rule reads **typed answers** (:data:`Answers`): for each step that applies and whose stored data
validates, that step's cleaned data (dates are dates, shares are numbers), or the list of its items for
a repeatable step. Raw POST keys never reach a rule, so an extra field cannot change what a rule sees.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.applications.services import Submission
from procedures.engine.forms import AcknowledgeWarningsForm, SectionCompleteForm
from procedures.engine.people import Beneficiary, People, filer_themselves

# step name -> that step's cleaned data (a dict), or the cleaned items (a list of dicts) of a repeatable
Answers = dict[str, Any]
ACKNOWLEDGE_STEP = "warnings"
TASKS_PAGE = "tasks"  # the wizard's URL of a flow's task list (procedures.engine.tasks); no step's name


@dataclass(frozen=True)
class Step:
    name: str
    form_class: type[forms.Form] | type[forms.BaseFormSet]
    title: Promise | str
    # Reads the answers of the steps *before* this one (a later step cannot decide whether it comes).
    condition: Callable[[Answers], bool] | None = None
    why: Promise | str = ""  # the "Why we ask" disclosure: the purpose and the legal basis, in plain words
    # Questions of this page asked only in some situations: field name -> a condition on the answers
    # before the page, like ``condition``. A question left out is not shown, and whatever is stored or
    # posted for it is neither validated nor sent (an upload made before an answer changed included).
    field_conditions: Mapping[str, Callable[[Answers], bool]] = field(default_factory=dict)

    def applies(self, answers: Answers) -> bool:
        return self.condition is None or self.condition(answers)

    def fields_left_out(self, answers: Answers) -> list[str]:
        return [name for name, asked in self.field_conditions.items() if not asked(answers)]


@dataclass(frozen=True)
class Section:
    """A group of steps under one heading: a summary card on the check page and the receipt, and the
    caption above each of its questions. ``identity`` puts what the eID said (name, date of birth) at
    the top of this section.

    In a flow with a task list (``Flow.task_list``) each section with a ``key`` is a task: a short wizard
    of its own, opened from the task list and ending with "Have you completed this section?"
    (procedures.engine.tasks)."""

    heading: Promise | str
    steps: tuple[str, ...]
    identity: bool = False
    key: str = ""  # a task of the task list: its completion step is named after it
    after: tuple[str, ...] = ()  # the tasks to complete before this one can start ("Cannot start yet")
    # A task only some people have (a question that matters only where the law makes it matter): reads
    # the answers before the task's first step, like ``Step.condition``.
    condition: Callable[[Answers], bool] | None = None

    @property
    def done_step(self) -> str:
        return f"{self.key}_done"

    def applies(self, answers: Answers) -> bool:
        return self.condition is None or self.condition(answers)


@dataclass(frozen=True)
class Stop:
    """A hard eligibility rule: when it applies the person gets a page explaining what to do instead,
    and no later step, nor Send, can be reached until the answers change."""

    key: str
    title: Promise | str
    explanation: Promise | str
    applies: Callable[[Answers], bool]
    alternative_label: Promise | str = ""
    alternative_step: str = ""


@dataclass(frozen=True)
class Outcome:
    """An indicative outcome for the check page; never a decision."""

    summary: Promise | str  # one sentence in plain words
    explanations: tuple[Promise | str, ...] = ()  # why: the rule that gave it, what was left out
    payload: dict[str, Any] = field(default_factory=dict)  # the same finding for the institution (JSON)


@dataclass(frozen=True)
class Sending:
    """What the engine hands to a procedure's ``build_submission`` besides the answers."""

    people: People  # whom the application is for and who filed it (procedures.engine.people)
    warnings: list[str]  # the keys of the soft rules that apply, from the answers being sent
    outcome: Outcome | None
    owner: Any = None  # the account the application is sent from (its earlier applications)


def _no_values(_source: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Prefill:
    """What the wizard may fill in for the person so that nothing is asked twice (the engine's side is
    procedures.engine.prefill). Whatever it fills in is validated by the step's own form."""

    # identity -> step -> field -> the value the eID fixes: not asked, shown read-only "From your eID"
    identity: Callable[[Any], dict[str, dict[str, Any]]] = _no_values
    # person block (an earlier application's beneficiary, with the account's contact details) -> step ->
    # the answers it gives (a dict, or a list of items for a repeatable step); offered on a page of its
    # own before the first step. Steps it leaves out, or whose answers do not validate, are asked.
    person: Callable[[Mapping[str, Any]], dict[str, Any]] = _no_values


def _within(step: Step, task: Section) -> Step:
    """A step of a task that only some people have: it applies only when the task does."""

    def applies(answers: Answers) -> bool:
        return task.applies(answers) and step.applies(answers)

    return replace(step, condition=applies)


def _no_warnings(answers: Answers) -> list[str]:
    return []


def _no_reference_data() -> Any:
    return None


def _no_outcome(answers: Answers) -> Outcome | None:
    return None


@dataclass(frozen=True)
class Flow:
    steps: list[Step]
    reference_prefix: str
    # (answers made JSON-ready, sending) -> the submission; answers are the same typed view, serialised
    build_submission: Callable[[dict[str, Any], Sending], Submission]
    stops: list[Stop] = field(default_factory=list)
    # Soft rules: keys of what the institution should look at; shown before Send, sent along.
    warnings: Callable[[Answers], list[str]] = _no_warnings
    warning_texts: Mapping[str, Promise | str] = field(default_factory=dict)
    outcome: Callable[[Answers], Outcome | None] = _no_outcome
    prefill: Prefill = field(default_factory=Prefill)
    # The check page's summary cards, in this order; a step in none of them gets a card of its own.
    sections: list[Section] = field(default_factory=list)
    # Whom the application is for, from the answers (procedures.engine.people); by default the filer.
    beneficiary: Callable[[Answers], Beneficiary] = filer_themselves
    # Anything besides the answers that a step's validation reads and an administrator can change (rule
    # tables, register test records): a value that changes with it, so that answers validated before
    # the change are validated again (procedures.engine.answers keeps what validation gave).
    reference_data_version: Callable[[], Any] = _no_reference_data
    # A long form filled over several visits: a task list of the sections with a ``key`` comes first,
    # and the last step (check your answers) opens only when every task that applies is completed.
    task_list: bool = False

    @property
    def first_page(self) -> str:
        """Where a new application starts: the task list, or the first step."""
        return TASKS_PAGE if self.task_list else self.steps[0].name

    @property
    def tasks(self) -> list[Section]:
        return [section for section in self.sections if section.key] if self.task_list else []

    @property
    def all_steps(self) -> list[Step]:
        """The steps, with each task's completion page after its last step, and a page to acknowledge
        soft warnings before the last one (check your answers) that appears only when a warning applies."""
        steps = self._steps_with_tasks()
        if not self.warning_texts:
            return steps
        acknowledge = Step(
            ACKNOWLEDGE_STEP,
            AcknowledgeWarningsForm,
            _("Some answers need a closer look"),
            condition=lambda answers: bool(self.warnings(answers)),
        )
        return [*steps[:-1], acknowledge, steps[-1]]

    def _steps_with_tasks(self) -> list[Step]:
        tasks = self.tasks
        if not tasks:
            return self.steps
        task_of = {name: task for task in tasks for name in task.steps}
        last = {task.key: [step.name for step in self.steps if step.name in task.steps][-1] for task in tasks}
        steps: list[Step] = []
        for step in self.steps:
            task = task_of.get(step.name)
            steps.append(_within(step, task) if task is not None and task.condition else step)
            if task is not None and last[task.key] == step.name:
                steps.append(
                    # Titled by the task: the page shows the task's answers, then asks if it is complete.
                    Step(task.done_step, SectionCompleteForm, task.heading, condition=task.condition)
                )
        return steps

    def step(self, name: str) -> Step | None:
        return next((step for step in self.all_steps if step.name == name), None)

    def stop_for(self, answers: Answers) -> Stop | None:
        """The first hard rule that the answers break, if any."""
        return next((stop for stop in self.stops if stop.applies(answers)), None)

    def stop(self, key: str) -> Stop | None:
        return next((stop for stop in self.stops if stop.key == key), None)

    def section_of(self, step: str) -> Section | None:
        return next((section for section in self.sections if step in section.steps), None)
