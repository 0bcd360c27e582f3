"""The declaration a person signs on paper in assisted mode, as a PDF in the person's language: what they
apply for, who they are and who signs for them, their answers grouped as on the check page, the
procedure's declarations (those a citizen ticks online), places to sign and date, the office and the
caseworker. The caseworker prints it from the check page; Send needs the confirmation that it is signed."""

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from formtools.wizard.storage import get_storage
from formtools.wizard.views import StepsHelper

from portal.applications.selectors import draft_of
from portal.assisted.forms import DOCUMENT_TYPES
from portal.assisted.models import AssistedCase
from portal.assisted.wizard import AssistedWizard
from portal.documents.services import pdf_render
from procedures.engine.registry import registry
from procedures.engine.wizard import CHECK_STEP

BASES = {
    "parent": _("parent"),
    "guardian": _("guardian"),
    "authorised": _("authorised person"),
}


@dataclass(frozen=True)
class Declaration:
    """The PDF, or where the caseworker goes first (a page still to answer, a rule that stops it)."""

    pdf: bytes = b""
    unfinished_url: str = ""


def case_wizard(request: HttpRequest, case: AssistedCase) -> AssistedWizard | None:
    """The case's wizard as its pages make it (the same forms, stored answers and typed walk), to read
    the draft's answers outside its pages; None when the case has no draft (not started, or sent)."""
    draft = draft_of(owner=case.caseworker, draft_id=case.draft_id) if case.draft_id else None
    if draft is None or draft.procedure != case.procedure:
        return None
    kwargs = {"case_id": case.pk, "draft_id": draft.pk, "step": CHECK_STEP}
    view: Any = resolve(reverse(f"assisted:{case.procedure}-step", kwargs=kwargs)).func
    wizard = cast(AssistedWizard, view.view_class(**view.view_initkwargs))
    wizard.setup(request, **kwargs)
    wizard.case = case
    request.draft = draft  # type: ignore[attr-defined]  # read by DraftStorage, as in the wizard's dispatch
    wizard.prefix = wizard.get_prefix(request, **kwargs)
    wizard.storage = get_storage(wizard.storage_name, wizard.prefix, request, wizard.file_storage)
    wizard.steps = StepsHelper(wizard)
    return wizard


def _unfinished(wizard: AssistedWizard) -> str:
    """The page to answer before the declaration can be printed ("" when every page is answered)."""
    walk = wizard.walk()
    if walk.stop is not None:
        return wizard.stop_url(walk.stop)
    missing = [name for name in walk.applicable if name not in walk.answers and name != CHECK_STEP]
    return wizard.get_step_url(missing[0]) if missing else ""


def declarations_of(slug: str) -> list[str]:
    """What the person declares: the labels of the ticks on the procedure's own check page (assisted
    mode replaces that page with the confirmation that the person signed them), in the active language."""
    step = registry.get(slug).flow.step(CHECK_STEP)  # type: ignore[union-attr]
    fields = step.form_class.base_fields.values() if step is not None else []
    return [str(field.label) for field in fields if isinstance(field, forms.BooleanField)]


def _context(wizard: AssistedWizard, case: AssistedCase, language: str) -> dict[str, Any]:
    person = case.person
    document = person.get("document") or {}
    signer = case.representative
    caseworker = case.caseworker
    return {
        "language": language,
        "procedure": registry.get(case.procedure),
        "institution": case.office.institution,
        "office": case.office,
        "caseworker": caseworker.get_full_name() or caseworker.email,
        "person": person,
        "date_of_birth": datetime.date.fromisoformat(person["date_of_birth"]),
        "document_type": dict(DOCUMENT_TYPES).get(str(document.get("type", "")), ""),
        "document": document,
        "representative": signer,
        "basis": BASES.get(signer["basis"], signer["basis"]) if signer else "",
        "summary": wizard._summary(wizard.walk().answers),
        "declarations": declarations_of(case.procedure),
        "printed_at": timezone.localtime(),
    }


def declaration_render(*, request: HttpRequest, case: AssistedCase) -> Declaration | None:
    """The declaration of the case's draft in the person's language (the language of their letters);
    None when the case has no draft to declare."""
    wizard = case_wizard(request, case)
    if wizard is None:
        return None
    unfinished = _unfinished(wizard)
    if unfinished:
        return Declaration(unfinished_url=unfinished)
    language = str(case.contact.get("language") or "lt")
    with translation.override(language):  # the summary's labels and values too
        html = render_to_string("assisted/declaration.html", _context(wizard, case, language))
    return Declaration(pdf=pdf_render(html=html, language=language))
