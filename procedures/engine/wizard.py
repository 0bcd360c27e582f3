"""The wizard: django-formtools' NamedUrlWizardView over a procedure's Flow, kept in an encrypted Draft.

One view class per procedure (made in procedures.engine.urls). Conditions, stops, warnings and the
indicative outcome read the typed view of the answers (procedures.engine.answers), built from each
step's cleaned data; it never asks formtools for its form list, so conditions cannot recurse into it.

Whatever arrives by URL or POST is checked on the server: a step must exist, apply and be the page
that was posted; no step after a stop, nor Send, can be reached while the stop applies; Send validates
every step again and checks every stop and warning on the answers it sends.
"""

from dataclasses import astuple, replace
from typing import Any, cast

from django.core.files import File
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from formtools.wizard.views import NamedUrlWizardView

from portal.accounts.models import User
from portal.applications.selectors import applications_of, draft_of
from portal.applications.services import document_store
from portal.core.errors import bad_request
from portal.crypto.storage import EncryptedFileSystemStorage
from portal.pipeline.services import application_submit
from procedures.engine.answers import AnswersWalk, WalkMemo, answers_walk, step_answers, walk_memo
from procedures.engine.channel import OnlineChannel
from procedures.engine.definition import ACKNOWLEDGE_STEP, TASKS_PAGE, Answers, Flow, Sending, Step, Stop
from procedures.engine.inputs import field_names, json_ready, part_of
from procedures.engine.people import people_of
from procedures.engine.prefill import PREFILL_PAGE, PrefillChoiceForm, PrefillPages, fix_from_identity
from procedures.engine.registry import Procedure
from procedures.engine.repeatable import (
    ADD,
    REMOVE,
    is_repeatable,
    item_form_class,
    removed_item_number,
    with_item_added,
    with_item_removed,
)
from procedures.engine.storage import upload_storage
from procedures.engine.summary import SummarySection, summary_build, summary_stored
from procedures.engine.tasks import TaskListPages, is_done_step, task_of_step, tasks_complete

CHECK_STEP = "check"
RETURN_TO_CHECK = "check"


class ProcedureWizard(OnlineChannel, PrefillPages, TaskListPages, NamedUrlWizardView):
    storage_name = "procedures.engine.storage.DraftStorage"
    template_name = "engine/step.html"
    procedure: Procedure
    flow: Flow

    @property
    def file_storage(self) -> EncryptedFileSystemStorage:
        """Uploads wait here (private, encrypted, never served) until the application is sent."""
        return upload_storage()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refuse(request)
        if refused is not None:
            return refused
        owner = cast(User, request.user)  # signed in: refuse() sends anyone else away
        draft = draft_of(owner=owner, draft_id=kwargs["draft_id"])
        if draft is None:
            # Sent already (a second click, the back button, another tab): show what was sent.
            sent = applications_of(owner=owner).filter(source_draft=kwargs["draft_id"]).first()
            if sent is not None:
                return redirect(self.sent_url(sent))
            raise Http404
        if draft.procedure != self.procedure.slug or not self.may_open(draft):
            raise Http404
        request.draft = draft  # type: ignore[attr-defined]  # read by DraftStorage
        return super().dispatch(request, *args, **kwargs)

    # --- the typed answers -------------------------------------------------------------------------

    def walk(self) -> AnswersWalk:
        """The typed answers of this draft, rebuilt whenever the stored answers change."""
        version = self.storage.version
        cached = getattr(self, "_walk", None)
        if cached is None or cached[0] != version:
            cached = (version, answers_walk(self.flow, self._stored, self._make_form, self._memo()))
            self._walk = cached
        return cached[1]

    def _memo(self) -> WalkMemo:
        """What validating this draft's steps gave, kept from one request to the next (each entry is
        reused only for the same stored data and earlier answers; see ``answers_walk``)."""
        memo = getattr(self, "_walk_memo", None)
        if memo is None:
            identity = self.identity()
            context = (
                tuple(getattr(identity, field.attname) for field in identity._meta.concrete_fields)
                if hasattr(identity, "_meta")
                else astuple(identity),
                timezone.localdate(),
                self.flow.reference_data_version(),
            )
            memo = self._walk_memo = walk_memo(self.request.draft.pk, context)
        return memo

    def _stored(self, step: str) -> tuple[Any, Any] | None:
        data = self.storage.get_step_data(step)
        if data is None:
            return None
        return data, self.storage.get_step_files(step)

    def _make_form(self, step: Step, before: Answers, data: Any, files: Any) -> Any:
        form = step.form_class(
            **self._form_kwargs(step, before),
            data=data,
            files=files,
            prefix=self.get_form_prefix(step.name, step.form_class),
            initial=self.get_form_initial(step.name),
        )
        return self._shaped(step, before, form)

    def _shaped(self, step: Step, before: Answers, form: Any) -> Any:
        """The step's form as the answers before it and the eID make it: the questions that do not
        apply left out (``Step.field_conditions``), the values the eID fixes read-only (``from_eid``)."""
        if is_repeatable(type(form)):
            return form
        for name in step.fields_left_out(before):
            form.fields.pop(name, None)
        fixed = self.flow.prefill.identity(self.identity()).get(step.name, {})
        form.from_eid = fix_from_identity(form, fixed)
        return form

    def get_form(self, step: str | None = None, data: Any = None, files: Any = None) -> Any:
        form = super().get_form(step, data, files)
        definition = self.flow.step(step or self.steps.current)
        if definition is None:
            return form
        return self._shaped(definition, self.walk().before.get(definition.name, {}), form)

    def get_form_step_files(self, form: Any) -> Any:
        """Only the uploads of questions the page asks are kept (not one posted under another name)."""
        names = field_names(form)
        return {key: upload for key, upload in (form.files or {}).items() if key in names}

    def _form_kwargs(self, step: Step, before: Answers) -> dict[str, Any]:
        """What a step's form declares it needs: the eID identity (``needs_identity``), the answers
        before it (``needs_answers``), the warnings that apply (``needs_warnings``)."""
        form_class = item_form_class(step.form_class)
        kwargs: dict[str, Any] = {}
        if getattr(form_class, "needs_identity", False):
            kwargs["identity"] = self.identity()
        if getattr(form_class, "needs_answers", False):
            kwargs["answers"] = before
        if getattr(form_class, "needs_warnings", False):
            kwargs["warnings"] = self.flow.warnings(before)
        return {"form_kwargs": kwargs} if is_repeatable(step.form_class) else kwargs

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        name = step or self.steps.current
        definition = self.flow.step(name)
        if definition is None:
            return {}
        return self._form_kwargs(definition, self.walk().before.get(name, {}))

    def get_form_step_data(self, form: Any) -> MultiValueDict[str, Any]:
        """Only the inputs the step's form reads are kept: anything else posted along is dropped, and
        so is what was posted for a question the eID answers (a disabled field reads its initial value)."""
        fields = getattr(form, "fields", {})  # a formset has none of its own
        fixed = {form.add_prefix(name) for name, field in fields.items() if field.disabled}
        names = field_names(form) - fixed
        data = MultiValueDict(
            {key: values for key, values in form.data.lists() if key in names or part_of(key, names)}
        )
        for key, value in getattr(form, "recorded_by_server", dict)().items():
            data.setlist(key, [value])  # written by the server, whatever was posted under that name
        return data

    # --- which page may be shown -------------------------------------------------------------------

    def stop_url(self, stop: Stop) -> str:
        """The page that explains a stop (a channel may show it in its own frame)."""
        return reverse(
            "procedures:stop",
            kwargs={"slug": self.procedure.slug, "draft_id": self.request.draft.pk, "rule": stop.key},
        )

    def _stop_page(self, stop: Stop) -> HttpResponse:
        return redirect(self.stop_url(stop))

    def _resume_step(self) -> str:
        """The first step that still needs an answer (where the person left off); with a task list,
        the task list."""
        if self.flow.task_list:
            return TASKS_PAGE
        walk = self.walk()
        return next((name for name in walk.applicable if name not in walk.answers), walk.applicable[-1])

    def _guard(self, step: str) -> HttpResponse | None:
        """A stop page when a stop applies before ``step``; the resume page when ``step`` does not apply."""
        walk = self.walk()
        if walk.stop is not None and walk.is_blocked(step):
            return self._stop_page(walk.stop)
        if step != self.done_step_name and step not in walk.applicable:
            self.storage.current_step = self._resume_step()
            return redirect(self.get_step_url(self.storage.current_step))
        return self._task_guard(step)

    def get(self, *args: Any, **kwargs: Any) -> HttpResponse:
        step = kwargs.get("step", "")
        if step == PREFILL_PAGE:
            return self._prefill_page(PrefillChoiceForm())
        if step == TASKS_PAGE and self.flow.task_list:
            return self._tasks_page()
        if step != self.done_step_name and self.flow.step(step) is None:
            return bad_request(self.request)
        return self._guard(step) or self._prefill_first(step) or super().get(*args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        step = kwargs.get("step", "")
        if step == PREFILL_PAGE:
            return self._prefill_choose(PrefillChoiceForm(data=self.request.POST))
        posted = self.request.POST.get(f"{self.prefix}-current_step")
        # The page posted must be the page of the URL, and a step of this procedure: anything else is
        # a tampered form (a browser always sends back the step it showed).
        if self.flow.step(step) is None or posted != step:
            return bad_request(self.request)
        blocked = self._guard(step)
        if blocked is not None:
            return blocked
        self.storage.current_step = step
        form_class = self.get_form_list()[step]
        data = self.request.POST
        if is_repeatable(form_class) and (ADD in data or REMOVE in data):
            # "Add another" and "Remove" redraw the page with one item more or less; nothing is stored.
            # Focus then goes to the new item, or to the sentence saying which item was removed.
            prefix = self.get_form_prefix(step, form_class)
            focus: dict[str, Any] = {"item_added": True}
            if ADD in data:
                changed = with_item_added(data, prefix)
            else:
                focus = {"item_removed": removed_item_number(data, prefix)}
                changed = with_item_removed(data, prefix)
            form = self.get_form(data=changed)
            form.errors  # noqa: B018 - validate now, so the page shows what still needs an answer
            return self.render(form, **focus)
        return super().post(*args, **kwargs)

    def render_next_step(self, form: Any, **kwargs: Any) -> HttpResponse:
        walk = self.walk()
        if walk.stop is not None and walk.is_blocked(self.steps.next or self.done_step_name):
            return self._stop_page(walk.stop)
        back = self.request.GET.get("return")
        if back == RETURN_TO_CHECK and CHECK_STEP in self.get_form_list():
            self.storage.current_step = CHECK_STEP
            return redirect(self.get_step_url(CHECK_STEP))
        if back and is_done_step(self.flow, back) and back in self.get_form_list():
            return redirect(self.get_step_url(back))  # a change from a task's own summary: back there
        return self._task_finished(self.steps.current) or super().render_next_step(form, **kwargs)

    def render_done(self, form: Any, **kwargs: Any) -> HttpResponse:
        """Send: every step is validated again from what is stored, and the rules run once more on the
        very answers that are sent (formtools' own render_done, plus the stops)."""
        if kwargs.get("step") != self.done_step_name:
            return redirect(self.get_step_url(self.done_step_name))
        forms = {}
        for name in self.get_form_list():
            step_form = self.get_form(
                step=name, data=self.storage.get_step_data(name), files=self.storage.get_step_files(name)
            )
            if not step_form.is_valid():
                return self.render_revalidation_failure(name, step_form, **kwargs)
            forms[name] = step_form
        answers = {name: step_answers(step_form) for name, step_form in forms.items()}
        stop = self.flow.stop_for(answers)
        if stop is not None:
            return self._stop_page(stop)
        if self.flow.task_list and not tasks_complete(self.flow, answers, list(forms)):
            return redirect(self.get_step_url(TASKS_PAGE))
        response = self._send(answers)
        self.storage.reset()
        return response

    # --- pages -------------------------------------------------------------------------------------

    def get_step_url(self, step: str) -> str:
        return reverse(self.url_name, kwargs={"draft_id": self.request.draft.pk, "step": step})

    def start_url(self) -> str:
        """Back from the first page: the procedure's start page."""
        return reverse("procedures:start", kwargs={"slug": self.procedure.slug})

    def get_context_data(self, form: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        # No "Question N of M": which questions come depends on the answers, so a count would jump as
        # GOV.UK warns for branching forms. The caption names the section of the question instead.
        current = self.steps.current
        context.update(
            procedure=self.procedure,
            step=self.flow.step(current),
            section=self.flow.section_of(current),
            previous_url=self._task_back_url(current, self.steps.prev)
            or (self.get_step_url(self.steps.prev) if self.steps.prev else self.start_url()),
            identity=self.identity(),
            draft=self.request.draft,
        )
        answers = self.walk().answers
        task = task_of_step(self.flow, current)
        if task is not None and current == task.done_step:
            context["section_summary"] = self._summary(answers, only=task.steps)
        if self.steps.current in (CHECK_STEP, ACKNOWLEDGE_STEP):
            context["warnings"] = [
                self.flow.warning_texts.get(key, key) for key in self.flow.warnings(answers)
            ]
        if self.steps.current == CHECK_STEP:
            context["summary"] = self._summary(answers)
            context["outcome"] = self.flow.outcome(answers)
        return context

    def _summary(self, answers: Answers, only: tuple[str, ...] = ()) -> list[SummarySection]:
        """The summary cards of the steps answered (``answers``: the walk's, or the answers sent), or
        of the steps ``only`` names (one task's)."""
        steps = [
            step
            for step in self.flow.all_steps
            if step.name in answers
            and step.name not in (CHECK_STEP, ACKNOWLEDGE_STEP)
            and not is_done_step(self.flow, step.name)
            and (not only or step.name in only)
        ]
        # What the eID said heads its own section; one task's summary shows it only if it is that one.
        section = self.flow.section_of(only[0]) if only else None
        shows_identity = not only or (section is not None and section.identity)
        task = task_of_step(self.flow, only[0]) if only else None
        back_to = task.done_step if task is not None else RETURN_TO_CHECK  # where a Change link returns
        return summary_build(
            flow=self.flow,
            steps=steps,
            answers=answers,
            unbound=self._unbound_form,
            step_url=lambda name: f"{self.get_step_url(name)}?return={back_to}",
            identity=self.identity() if shows_identity else None,
        )

    def _unbound_form(self, step: Step) -> Any:
        """A step's form as its page shows it (the same kwargs), for the summary's labels and ids."""
        before = self.walk().before.get(step.name, {})
        form = step.form_class(
            **self._form_kwargs(step, before), prefix=self.get_form_prefix(step.name, step.form_class)
        )
        return self._shaped(step, before, form)

    # --- Send --------------------------------------------------------------------------------------

    def _send(self, answers: Answers) -> HttpResponse:
        """Keep the uploads, build the submission from the checked answers and submit it."""
        draft_id = self.request.draft.pk
        attachments = []
        stored_answers: Answers = {}
        for name, value in answers.items():
            if isinstance(value, dict):
                value = dict(value)
                for field_name, item in value.items():
                    if isinstance(item, File):
                        entry = document_store(
                            draft_id=draft_id,
                            upload=item,
                            content_type=getattr(item, "sniffed_content_type", ""),
                        )
                        attachments.append(entry)
                        value[field_name] = entry
            stored_answers[name] = value
        sending = Sending(
            people=people_of(self.flow.beneficiary(answers), self.filer()),
            warnings=self.flow.warnings(answers) + self.channel_warnings(),
            outcome=self.flow.outcome(answers),
            owner=self.request.user,
        )
        submission = self.flow.build_submission(json_ready(stored_answers), sending)
        summary = summary_stored(self._summary(answers))
        submission = replace(
            submission,
            attachments=attachments,
            summary=summary,
            channel=self.channel,
            contact=self.application_contact(submission.contact),
            channel_details=self.channel_details(answers),
        )
        application = application_submit(
            draft_id=draft_id,
            owner=self.request.user,
            submission=submission,
            language=self.application_language(),
        )
        return redirect(self.sent_url(application))
