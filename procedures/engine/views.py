from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from portal.applications.selectors import draft_of, drafts_of
from portal.applications.services import draft_start
from portal.eidas.decorators import citizen_login_required
from portal.institutions.selectors import institution_by_code
from procedures.engine.registry import Procedure, registry


def _procedure(slug: str) -> Procedure:
    procedure = registry.get(slug)
    if procedure is None:
        raise Http404
    return procedure


def procedure_start(request: HttpRequest, slug: str) -> HttpResponse:
    """The public start page of one procedure: what it is, who can use it, what to have ready."""
    procedure = _procedure(slug)
    institution = institution_by_code(code=procedure.institution_code)
    drafts = []
    if request.user.is_authenticated and procedure.flow is not None:
        drafts = list(drafts_of(owner=request.user).filter(procedure=slug))
    return render(
        request,
        "procedures/start.html",
        {"procedure": procedure, "institution": institution, "drafts": drafts},
    )


@citizen_login_required
@require_http_methods(["GET", "POST"])  # GET too: the start button's POST comes back as a GET after login
def procedure_begin(request: HttpRequest, slug: str) -> HttpResponse:
    procedure = _procedure(slug)
    if procedure.flow is None:
        raise Http404
    draft = draft_start(owner=request.user, procedure=slug)  # type: ignore[arg-type]
    return redirect(f"procedures:{slug}-step", draft_id=draft.pk, step=procedure.flow.first_page)


@citizen_login_required
def procedure_stop(request: HttpRequest, slug: str, draft_id: str, rule: str) -> HttpResponse:
    procedure = _procedure(slug)
    draft = draft_of(owner=request.user, draft_id=draft_id)  # type: ignore[arg-type]
    if draft is None or procedure.flow is None:
        raise Http404
    stop = procedure.flow.stop(rule)
    if stop is None:
        raise Http404
    alternative_url = ""
    if stop.alternative_step:
        alternative_url = reverse(
            f"procedures:{slug}-step", kwargs={"draft_id": draft.pk, "step": stop.alternative_step}
        )
    return render(
        request,
        "engine/stop.html",
        {"procedure": procedure, "stop": stop, "alternative_url": alternative_url},
    )
