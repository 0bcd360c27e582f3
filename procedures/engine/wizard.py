"""The wizard: django-formtools' NamedUrlWizardView over a procedure's Flow, kept in an encrypted Draft.

One view class per procedure (made in procedures.engine.urls). Conditions read the raw stored answers,
so they never recurse into form validation (formtools' documented pitfall).
"""

import datetime
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from formtools.wizard.views import NamedUrlWizardView

from portal.applications.selectors import applications_of, draft_of
from portal.applications.services import application_submit, document_store
from portal.crypto.storage import EncryptedFileSystemStorage
from portal.eidas.services import LOA_SESSION_KEY
from procedures.engine.definition import ACKNOWLEDGE_STEP, Answers, Flow
from procedures.engine.registry import Procedure
from procedures.engine.repeatable import ADD, REMOVE, is_repeatable, with_item_added, with_item_removed

CHECK_STEP = "check"
RETURN_TO_CHECK = "check"


def _json_ready(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(item) for item in value]
    return value


def raw_answers(wizard: NamedUrlWizardView) -> Answers:
    """Stored answers as submitted (strings), keyed by step then field name without the step prefix."""
    answers: Answers = {}
    for step, data in wizard.storage.data.get("step_data", {}).items():
        answers[step] = {
            key.split("-", 1)[1]: values[-1] if isinstance(values, list) else values
            for key, values in data.items()
            if "-" in key
        }
    return answers


class ProcedureWizard(NamedUrlWizardView):
    storage_name = "procedures.engine.storage.DraftStorage"
    template_name = "engine/step.html"
    procedure: Procedure
    flow: Flow

    @property
    def file_storage(self) -> EncryptedFileSystemStorage:
        """Uploads wait here (private, encrypted, never served) until the application is sent."""
        return EncryptedFileSystemStorage(location=Path(settings.MEDIA_ROOT) / "uploads-in-progress")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated or not hasattr(request.user, "citizen_identity"):
            return redirect(f"{reverse('eidas:login')}?next={request.get_full_path()}")
        draft = draft_of(owner=request.user, draft_id=kwargs["draft_id"])
        if draft is None:
            # Sent already (a second click, the back button, another tab): show what was sent.
            sent = applications_of(owner=request.user).filter(source_draft=kwargs["draft_id"]).first()
            if sent is not None:
                return redirect("applications:detail", application_id=sent.pk)
            raise Http404
        if draft.procedure != self.procedure.slug:
            raise Http404
        request.draft = draft  # type: ignore[attr-defined]  # read by DraftStorage
        return super().dispatch(request, *args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        """ "Add another" and "Remove" redraw the page with one item more or less; nothing is stored yet."""
        form_class = self.get_form_list().get(self.steps.current)
        data = self.request.POST
        if is_repeatable(form_class) and (ADD in data or REMOVE in data):
            prefix = self.get_form_prefix(self.steps.current, form_class)
            if ADD in data:
                changed = with_item_added(data, prefix)
            else:
                changed = with_item_removed(data, prefix, int(data[REMOVE]))
            form = self.get_form(data=changed)
            form.errors  # noqa: B018 - validate now, so the page shows what still needs an answer
            return self.render(form)
        return super().post(*args, **kwargs)

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        form_class = self.get_form_list()[step or self.steps.current]
        if getattr(form_class, "needs_identity", False):
            return {"identity": self.request.user.citizen_identity}  # type: ignore[union-attr]
        return {}

    def get_step_url(self, step: str) -> str:
        return reverse(self.url_name, kwargs={"draft_id": self.request.draft.pk, "step": step})  # type: ignore[attr-defined]

    def get_context_data(self, form: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        steps = list(self.get_form_list())
        step = self.flow.step(self.steps.current)
        context.update(
            procedure=self.procedure,
            step=step,
            question_number=steps.index(self.steps.current) + 1,
            question_count=len(steps),
            previous_url=self.get_step_url(self.steps.prev)
            if self.steps.prev
            else reverse("procedures:start", kwargs={"slug": self.procedure.slug}),
            identity=self.request.user.citizen_identity,  # type: ignore[union-attr]
            draft=self.request.draft,  # type: ignore[attr-defined]
        )
        if self.steps.current in (CHECK_STEP, ACKNOWLEDGE_STEP):
            answers = raw_answers(self)
            context["warnings"] = [
                self.flow.warning_texts.get(key, key) for key in self.flow.warnings(answers)
            ]
        if self.steps.current == CHECK_STEP:
            context["summary"] = self._summary()
            context["outcome"] = self.flow.outcome(answers)
        return context

    def _summary(self) -> list[dict[str, Any]]:
        rows = []
        for name in self.get_form_list():
            if name in (CHECK_STEP, ACKNOWLEDGE_STEP):
                continue
            form = self.get_form(
                step=name, data=self.storage.get_step_data(name), files=self.storage.get_step_files(name)
            )
            if not form.is_valid():
                continue
            if is_repeatable(type(form)):
                for number, item_form in enumerate(form.forms, start=1):
                    values = [
                        str(self._display(field, item_form.cleaned_data.get(field.name)))
                        for field in item_form
                        if item_form.cleaned_data.get(field.name) not in (None, "")
                    ]
                    rows.append(
                        {
                            "label": f"{form.item_label} {number}",
                            "value": ", ".join(values),
                            "step": name,
                            "url": self.get_step_url(name) + f"?return={RETURN_TO_CHECK}",
                        }
                    )
                continue
            for field in form:
                value = self._display(field, form.cleaned_data.get(field.name))
                rows.append(
                    {
                        "label": field.label,
                        "value": value,
                        "step": name,
                        "url": self.get_step_url(name) + f"?return={RETURN_TO_CHECK}",
                    }
                )
        return rows

    @staticmethod
    def _display(field: Any, value: Any) -> Any:
        if hasattr(field.field, "display") and value:
            return field.field.display(value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if hasattr(field.field, "choices") and value not in (None, ""):
            return dict(field.field.choices).get(value, value)
        if isinstance(value, datetime.date):
            return date_format(value, "DATE_FORMAT")
        return value

    def render_next_step(self, form: Any, **kwargs: Any) -> HttpResponse:
        answers = raw_answers(self)
        for stop in self.flow.stops:
            if stop.applies(answers):
                return redirect(
                    "procedures:stop",
                    slug=self.procedure.slug,
                    draft_id=self.request.draft.pk,  # type: ignore[attr-defined]
                    rule=stop.key,
                )
        if self.request.GET.get("return") == RETURN_TO_CHECK and CHECK_STEP in self.get_form_list():
            self.storage.current_step = CHECK_STEP
            return redirect(self.get_step_url(CHECK_STEP))
        return super().render_next_step(form, **kwargs)

    def done(self, form_list: Any, form_dict: dict[str, Any], **kwargs: Any) -> HttpResponse:
        attachments = []
        for form in form_dict.values():
            if is_repeatable(type(form)):
                continue
            for field_name, value in list(form.cleaned_data.items()):
                if isinstance(value, File):
                    entry = document_store(
                        draft_id=self.request.draft.pk,  # type: ignore[attr-defined]
                        upload=value,
                        content_type=getattr(value, "sniffed_content_type", ""),
                    )
                    attachments.append(entry)
                    form.cleaned_data[field_name] = entry
        answers = {
            name: _json_ready(form.items() if is_repeatable(type(form)) else form.cleaned_data)
            for name, form in form_dict.items()
        }
        identity = self.request.user.citizen_identity  # type: ignore[union-attr]
        submission = self.flow.build_submission(
            answers,
            {
                "family_name": identity.family_name,
                "given_name": identity.given_name,
                "date_of_birth": identity.date_of_birth.isoformat(),
                "person_identifier": identity.person_identifier,
                "loa": self.request.session.get(LOA_SESSION_KEY, ""),
                "warnings": self.flow.warnings(raw_answers(self)),
            },
        )
        summary = [
            {"label": str(row["label"]), "value": str(row["value"]) if row["value"] not in (None, "") else ""}
            for row in self._summary()
        ]
        submission = replace(submission, attachments=attachments, summary=summary)
        application = application_submit(
            draft_id=self.request.draft.pk,
            owner=self.request.user,
            submission=submission,  # type: ignore[attr-defined]
            language=(get_language() or "lt")[:2],
        )
        return redirect("applications:detail", application_id=application.pk)
