"""The task list of a long form (GOV.UK "complete multiple tasks"): for a flow with ``task_list``.

People fill such a form over several visits. Its front page lists the tasks (the flow's sections with a
``key``) with their status; each task is a short wizard of its own that ends with "Have you completed
this section?", after which the person comes back to the list. The last step (check your answers, and
Send) opens only when every task that applies is completed; Send checks it again on the answers it sends.

The status of a task comes from the typed answers (procedures.engine.answers):
- *cannot start yet*: a task it comes ``after`` is not completed (its questions read those answers);
- *completed*: the person said so, and every question of the task that applies has a valid answer
  (a question that an answer elsewhere has since brought in makes it *in progress* again);
- *in progress*: something of the task is saved;
- *not started*: nothing is.
"""

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from procedures.engine.definition import TASKS_PAGE, Answers, Flow, Section

if TYPE_CHECKING:
    from procedures.engine.answers import AnswersWalk

COMPLETED = "yes"  # the answer "Yes, I have completed this section"


class TaskStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANNOT_START = "cannot_start"

    @property
    def label(self) -> str:
        return str(_STATUS_LABELS[self])


_STATUS_LABELS = {
    TaskStatus.NOT_STARTED: _("Not started"),
    TaskStatus.IN_PROGRESS: _("In progress"),
    TaskStatus.COMPLETED: _("Completed"),
    TaskStatus.CANNOT_START: _("Cannot start yet"),
}


@dataclass(frozen=True)
class Task:
    section: Section
    status: TaskStatus
    open_step: str  # the page its link opens (see ``task_list``)


def _completed(answers: Answers, task: Section) -> bool:
    return (answers.get(task.done_step) or {}).get("completed") == COMPLETED


def task_list(flow: Flow, walk: "AnswersWalk", saved: set[str]) -> list[Task]:
    """Every task that applies, with its status (``saved``: the steps with anything stored)."""
    statuses: dict[str, TaskStatus] = {}
    tasks = []
    for task in flow.tasks:
        if task.done_step not in walk.applicable:
            continue  # a task this person does not have
        steps = [name for name in walk.applicable if name in task.steps]
        missing = [name for name in steps if name not in walk.answers]
        # A task this person does not have never holds another back.
        if any(statuses.get(key, TaskStatus.COMPLETED) != TaskStatus.COMPLETED for key in task.after):
            status = TaskStatus.CANNOT_START
        elif not missing and _completed(walk.answers, task):
            status = TaskStatus.COMPLETED
        elif saved & {*steps, task.done_step}:
            status = TaskStatus.IN_PROGRESS
        else:
            status = TaskStatus.NOT_STARTED
        statuses[task.key] = status
        # Where its link opens: the first question still to answer; with every question answered, the
        # completion page until the person says it is complete; then the task's first question.
        unconfirmed = [] if _completed(walk.answers, task) else [task.done_step]
        tasks.append(Task(task, status, (missing or unconfirmed or steps or [task.done_step])[0]))
    return tasks


def tasks_complete(flow: Flow, answers: Answers, applicable: list[str]) -> bool:
    """Whether the person completed every task that applies (``answers``: those to be sent)."""
    return all(
        _completed(answers, task) and all(name in answers for name in applicable if name in task.steps)
        for task in flow.tasks
        if task.done_step in applicable
    )


def task_of_step(flow: Flow, step: str) -> Section | None:
    return next((task for task in flow.tasks if step in (*task.steps, task.done_step)), None)


def is_done_step(flow: Flow, step: str) -> bool:
    """A task's "Have you completed this section?" page (not a question about the person)."""
    return any(step == task.done_step for task in flow.tasks)


class TaskListPages:
    """The task list and its rules in the wizard (mixed into ProcedureWizard)."""

    if TYPE_CHECKING:  # given by ProcedureWizard and formtools' NamedUrlWizardView
        flow: Flow
        procedure: Any
        request: Any
        storage: Any
        steps: Any

        def get_step_url(self, step: str) -> str: ...
        def walk(self) -> "AnswersWalk": ...
        def identity(self) -> Any: ...
        def start_url(self) -> str: ...
        def stop_url(self, stop: Any) -> str: ...

    def tasks(self) -> list[Task]:
        saved = set(self.storage.data.get(self.storage.step_data_key) or {})
        return task_list(self.flow, self.walk(), saved)

    def _tasks_page(self, **channel_context: Any) -> HttpResponse:
        """The task list (``channel_context``: what a channel adds to its pages, like the assisted case)."""
        tasks = self.tasks()
        walk = self.walk()
        completed = sum(task.status == TaskStatus.COMPLETED for task in tasks)
        # After the tasks: the pages outside them still to answer (the soft warnings to acknowledge),
        # then the check page.
        in_tasks = {name for task in self.flow.tasks for name in (*task.steps, task.done_step)}
        check_step = next(
            (name for name in walk.applicable if name not in in_tasks and name not in walk.answers),
            self.flow.steps[-1].name,
        )
        ready = completed == len(tasks) and walk.stop is None
        context = {
            "procedure": self.procedure,
            "draft": self.request.draft,
            "identity": self.identity(),
            "tasks": [(task, self.get_step_url(task.open_step)) for task in tasks],
            "completed": completed,
            "check_url": self.get_step_url(check_step) if ready else "",
            "stop": walk.stop,
            "stop_url": self.stop_url(walk.stop) if walk.stop is not None else "",
            "previous_url": self.start_url(),
            **channel_context,
        }
        self.storage.current_step = TASKS_PAGE  # where "Continue" brings the person back to
        response = render(self.request, "engine/tasks.html", context)
        self.storage.update_response(response)
        return response

    def _task_guard(self, step: str) -> HttpResponse | None:
        """The task list instead of a step of a task that cannot start yet, or instead of the check
        page while a task is not completed."""
        if not self.flow.task_list:
            return None
        task = task_of_step(self.flow, step)
        if task is not None:
            status = next((item.status for item in self.tasks() if item.section == task), None)
            blocked = status == TaskStatus.CANNOT_START
        else:
            walk = self.walk()
            blocked = step == self.flow.steps[-1].name and not tasks_complete(
                self.flow, walk.answers, walk.applicable
            )
        return redirect(self.get_step_url(TASKS_PAGE)) if blocked else None

    def _task_back_url(self, step: str, previous: str | None) -> str | None:
        """Back from a task's first page, or from the check page, is the task list."""
        if not self.flow.task_list:
            return None
        task = task_of_step(self.flow, step)
        if previous is None or task is None or task != task_of_step(self.flow, previous):
            return self.get_step_url(TASKS_PAGE)
        return None

    def _task_finished(self, step: str) -> HttpResponse | None:
        """After "Have you completed this section?", the task list."""
        task = task_of_step(self.flow, step)
        if self.flow.task_list and task is not None and step == task.done_step:
            return redirect(self.get_step_url(TASKS_PAGE))
        return None
