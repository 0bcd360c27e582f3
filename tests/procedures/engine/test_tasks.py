"""The task list of a long form: each task's "Have you completed this section?" page after its last
question, the status a person sees for each task, the page its link opens, and when the check page opens."""

from dataclasses import replace
from typing import Any

from django import forms

from portal.applications.services import Submission
from procedures.engine.answers import AnswersWalk, answers_walk
from procedures.engine.definition import Answers, Flow, Section, Sending, Step
from procedures.engine.forms import SectionCompleteForm
from procedures.engine.tasks import TaskStatus, is_done_step, task_list, task_of_step, tasks_complete

NOT_STARTED, IN_PROGRESS = TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS
COMPLETED, CANNOT_START = TaskStatus.COMPLETED, TaskStatus.CANNOT_START


class NameForm(forms.Form):
    name = forms.CharField(label="Your name")


class YesNoForm(forms.Form):
    answer = forms.ChoiceField(label="Yes or no?", choices=[("yes", "Yes"), ("no", "No")])


class NoteForm(forms.Form):
    note = forms.CharField(label="Anything else? (optional)", required=False)


def _answer(answers: Answers, step: str) -> str:
    return (answers.get(step) or {}).get("answer", "")


def _no_submission(answers: dict[str, Any], sending: Sending) -> Submission:
    raise AssertionError("not sent here")


FLOW = Flow(
    reference_prefix="T",
    task_list=True,
    steps=[
        Step("name", NameForm, "Your name"),
        Step("abroad", YesNoForm, "Have you lived abroad?"),
        Step("country", NameForm, "Where?", condition=lambda answers: _answer(answers, "abroad") == "yes"),
        Step("job", NameForm, "Your job"),
        Step("foreign_pension", YesNoForm, "Do you get a pension from abroad?"),
        Step("note", NoteForm, "Anything else"),
        Step("check", forms.Form, "Check your answers"),
    ],
    sections=[
        Section("About you", ("name", "abroad", "country"), key="about"),
        Section("Your work", ("job",), key="work", after=("about",)),
        Section(
            "Pension from abroad",
            ("foreign_pension",),
            key="pension",
            condition=lambda answers: _answer(answers, "abroad") == "yes",
        ),
        Section("Anything else", ("note",)),  # a summary card, not a task
    ],
    build_submission=_no_submission,
)

# A person who finished "About you" (never lived abroad) and nothing else.
ABOUT_DONE = {"name": {"name": "Ona"}, "abroad": {"answer": "no"}, "about_done": {"completed": "yes"}}
WORK_DONE = {"job": {"name": "Baker"}, "work_done": {"completed": "yes"}}


def _bound(step: Step, before: Answers, data: Any, files: Any) -> Any:
    """The step's form bound to what the wizard stored (its fields prefixed by the step's name)."""
    return step.form_class(data=data, prefix=step.name)


def _walk(saved: dict[str, dict[str, str]], flow: Flow = FLOW) -> AnswersWalk:
    """The typed answers of a draft whose wizard stored ``saved`` (step -> field -> posted value)."""

    def stored(step: str) -> tuple[dict[str, str], dict[str, Any]] | None:
        fields = saved.get(step)
        return None if fields is None else ({f"{step}-{key}": value for key, value in fields.items()}, {})

    return answers_walk(flow, stored, _bound)


def _tasks(saved: dict[str, dict[str, str]]) -> dict[str, tuple[TaskStatus, str]]:
    """What the task list shows: task -> (its status, the page its link opens)."""
    return {
        task.section.key: (task.status, task.open_step) for task in task_list(FLOW, _walk(saved), set(saved))
    }


def _statuses(saved: dict[str, dict[str, str]]) -> dict[str, TaskStatus]:
    return {key: status for key, (status, _open) in _tasks(saved).items()}


def _complete(saved: dict[str, dict[str, str]]) -> bool:
    walk = _walk(saved)
    return tasks_complete(FLOW, walk.answers, walk.applicable)


def test_each_task_ends_with_its_completion_page_right_after_its_last_question():
    assert [step.name for step in FLOW.all_steps] == [
        "name",
        "abroad",
        "country",
        "about_done",
        "job",
        "work_done",
        "foreign_pension",
        "pension_done",
        "note",
        "check",
    ]
    done = FLOW.step("about_done")
    assert done is not None and done.form_class is SectionCompleteForm and done.title == "About you"


def test_a_flow_without_a_task_list_keeps_its_steps_and_starts_at_the_first_question():
    plain = replace(FLOW, task_list=False)
    assert [step.name for step in plain.all_steps] == [step.name for step in plain.steps]
    assert plain.tasks == []
    assert plain.first_page == "name"
    assert FLOW.first_page == "tasks"
    assert task_of_step(plain, "name") is None and not is_done_step(plain, "about_done")


def test_nothing_saved_not_started_and_a_task_after_another_cannot_start_yet():
    assert _tasks({}) == {"about": (NOT_STARTED, "name"), "work": (CANNOT_START, "job")}


def test_one_answer_saved_is_in_progress_and_opens_at_the_next_question():
    assert _tasks({"name": {"name": "Ona"}})["about"] == (IN_PROGRESS, "abroad")


def test_every_answer_valid_and_said_complete_is_completed_and_the_next_task_can_start():
    assert _statuses(ABOUT_DONE) == {"about": COMPLETED, "work": NOT_STARTED}


def test_every_question_answered_but_completion_not_yet_opens_at_the_completion_page():
    saved = {"name": {"name": "Ona"}, "abroad": {"answer": "no"}}
    assert _tasks(saved)["about"] == (IN_PROGRESS, "about_done")


def test_a_completed_task_opens_at_its_first_question():
    assert _tasks(ABOUT_DONE)["about"] == (COMPLETED, "name")


def test_a_task_after_one_the_person_does_not_have_is_not_held_back():
    sections = [
        *FLOW.sections[:2],
        FLOW.sections[2],
        Section("Anything else", ("note",), key="note", after=("pension",)),
    ]
    flow = replace(FLOW, sections=sections)
    walk = _walk({**ABOUT_DONE, **WORK_DONE}, flow)  # never lived abroad: no "Pension from abroad"
    statuses = {task.section.key: task.status for task in task_list(flow, walk, {"name", "abroad"})}
    assert statuses == {"about": COMPLETED, "work": COMPLETED, "note": NOT_STARTED}


def test_coming_back_later_keeps_the_task_in_progress():
    saved = {**ABOUT_DONE, "about_done": {"completed": "no"}}
    assert _statuses(saved) == {"about": IN_PROGRESS, "work": CANNOT_START}


def test_said_complete_with_an_answer_that_no_longer_validates_is_not_completed():
    saved = {**ABOUT_DONE, "name": {"name": ""}}
    assert _tasks(saved) == {"about": (IN_PROGRESS, "name"), "work": (CANNOT_START, "job")}
    assert not _complete({**saved, **WORK_DONE})


def test_a_task_only_some_people_have_is_left_out_with_its_questions():
    walk = _walk({**ABOUT_DONE, "foreign_pension": {"answer": "yes"}})
    assert "pension" not in {task.section.key for task in task_list(FLOW, walk, {"foreign_pension"})}
    assert "foreign_pension" not in walk.applicable and "pension_done" not in walk.applicable
    assert "foreign_pension" not in walk.answers

    lived_abroad = {**ABOUT_DONE, "abroad": {"answer": "yes"}, "country": {"name": "Latvia"}}
    assert _tasks(lived_abroad)["pension"] == (NOT_STARTED, "foreign_pension")


def test_a_new_question_brought_in_by_a_later_answer_reopens_a_completed_task():
    assert _statuses({**ABOUT_DONE, **WORK_DONE}) == {"about": COMPLETED, "work": COMPLETED}
    changed = {**ABOUT_DONE, **WORK_DONE, "abroad": {"answer": "yes"}}
    tasks = _tasks(changed)
    assert tasks["about"] == (IN_PROGRESS, "country")
    assert tasks["work"] == (CANNOT_START, "job")  # its questions read the answers of "About you"
    assert not _complete(changed)


def test_check_page_opens_only_when_every_task_that_applies_is_completed():
    assert not _complete({})
    assert not _complete(ABOUT_DONE)
    assert not _complete({**ABOUT_DONE, **WORK_DONE, "work_done": {"completed": "no"}})
    # Never lived abroad: the pension task does not apply and does not hold the check page back.
    assert _complete({**ABOUT_DONE, **WORK_DONE})

    lived_abroad = {**ABOUT_DONE, **WORK_DONE, "abroad": {"answer": "yes"}, "country": {"name": "Latvia"}}
    assert _statuses(lived_abroad) == {"about": COMPLETED, "work": COMPLETED, "pension": NOT_STARTED}
    assert not _complete(lived_abroad)
    assert _complete(
        {**lived_abroad, "foreign_pension": {"answer": "no"}, "pension_done": {"completed": "yes"}}
    )


def test_which_task_a_page_belongs_to():
    about = FLOW.tasks[0]
    assert task_of_step(FLOW, "about_done") == about and is_done_step(FLOW, "about_done")
    assert task_of_step(FLOW, "abroad") == about and not is_done_step(FLOW, "abroad")
    assert task_of_step(FLOW, "note") is None and not is_done_step(FLOW, "note")  # a section, not a task
    assert task_of_step(FLOW, "check") is None and not is_done_step(FLOW, "check")
