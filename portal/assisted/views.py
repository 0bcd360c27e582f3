"""The caseworker's pages before and after the procedure's wizard: identify the person, who signs, how to
reach them, what they apply for; the stop pages in assisted mode."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from portal.assisted.decorators import caseworker_required
from portal.assisted.forms import ContactForm, IdentifyForm, ProcedureChoiceForm, RepresentativeForm
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import case_application, case_of
from portal.assisted.services import (
    case_contact_save,
    case_draft_start,
    case_representative_save,
    case_start,
    document_expired,
)
from portal.audit.services import audit_record
from procedures.engine.registry import registry


def _case(request: HttpRequest, case_id: Any) -> AssistedCase:
    case = case_of(caseworker=request.user, case_id=case_id)  # type: ignore[arg-type]
    if case is None:
        raise Http404
    return case


def _page(request: HttpRequest, template: str, case: AssistedCase | None, **context: Any) -> HttpResponse:
    if case is not None:
        context.update(assisted_case=case, document_expired=document_expired(case))
        # Every case page shows the person (the banner at least): who saw whose data, on which page.
        page = request.resolver_match.url_name if request.resolver_match else ""
        audit_record(action="assisted.case_viewed", request=request, target=case, details={"page": page})
    return render(request, template, context)


@caseworker_required
@require_http_methods(["GET", "POST"])
def identify(request: HttpRequest) -> HttpResponse:
    form = IdentifyForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = case_start(caseworker=request.user, person=form.cleaned_data, request=request)  # type: ignore[arg-type]
        return redirect("assisted:representative", case_id=case.pk)
    return _page(
        request,
        "assisted/form.html",
        None,
        form=form,
        title=IdentifyForm.title,
        back=reverse("assisted:home"),
    )


@caseworker_required
@require_http_methods(["GET", "POST"])
def representative(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = _case(request, case_id)
    initial = case.representative or {}
    form = RepresentativeForm(data=request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        case_representative_save(case=case, representative=form.cleaned_data, request=request)
        return redirect("assisted:contact", case_id=case.pk)
    return _page(
        request,
        "assisted/form.html",
        case,
        form=form,
        title=RepresentativeForm.title,
        back=reverse("assisted:home"),
    )


@caseworker_required
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = _case(request, case_id)
    form = ContactForm(data=request.POST or None, initial=case.contact or {"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        case_contact_save(case=case, contact=form.cleaned_data, request=request)
        return redirect("assisted:procedure", case_id=case.pk)
    back = reverse("assisted:representative", kwargs={"case_id": case.pk})
    return _page(request, "assisted/form.html", case, form=form, title=ContactForm.title, back=back)


@caseworker_required
@require_http_methods(["GET", "POST"])
def procedure(request: HttpRequest, case_id: Any) -> HttpResponse:
    """What the person applies for; then the procedure's wizard, for this case's one draft."""
    case = _case(request, case_id)
    if case.draft_id is not None:
        return _resume(case)
    if not case.contact:
        return redirect("assisted:contact", case_id=case.pk)
    choices = [(item.slug, item.title) for item in registry.all() if item.flow is not None]
    form = ProcedureChoiceForm(data=request.POST or None, procedures=choices)
    if request.method == "POST" and form.is_valid():
        draft = case_draft_start(case=case, procedure=form.cleaned_data["procedure"], request=request)
        return redirect(_step_url(case, draft.pk, registry.get(draft.procedure).flow.first_page))  # type: ignore[union-attr]
    back = reverse("assisted:contact", kwargs={"case_id": case.pk})
    return _page(request, "assisted/form.html", case, form=form, title=ProcedureChoiceForm.title, back=back)


def _step_url(case: AssistedCase, draft_id: Any, step: str) -> str:
    return reverse(
        f"assisted:{case.procedure}-step", kwargs={"case_id": case.pk, "draft_id": draft_id, "step": step}
    )


def _resume(case: AssistedCase) -> HttpResponse:
    if case_application(case=case) is not None:
        return redirect("assisted:handover", case_id=case.pk)
    flow = registry.get(case.procedure).flow  # type: ignore[union-attr]
    return redirect(_step_url(case, case.draft_id, flow.first_page))


@caseworker_required
def stop(request: HttpRequest, case_id: Any, rule: str) -> HttpResponse:
    case = _case(request, case_id)
    procedure = registry.get(case.procedure)
    found = procedure.flow.stop(rule) if procedure and procedure.flow else None
    if found is None or case.draft_id is None:
        raise Http404
    alternative_url = _step_url(case, case.draft_id, found.alternative_step) if found.alternative_step else ""
    return _page(
        request, "engine/stop.html", case, procedure=procedure, stop=found, alternative_url=alternative_url
    )
