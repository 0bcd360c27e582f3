"""Deleting a draft: a page that asks first (GET), then the deletion itself (POST)."""

from functools import partial

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.applications.selectors import draft_of
from portal.applications.services import draft_delete
from portal.eidas.decorators import citizen_login_required
from procedures.engine.registry import registry
from procedures.engine.storage import draft_uploads_discard


@citizen_login_required
@require_http_methods(["GET", "POST"])
def draft_delete_confirm(request: HttpRequest, draft_id: str) -> HttpResponse:
    """Only the owner's drafts: anybody else's, or one already gone, is a 404 (nothing says it exists)."""
    draft = draft_of(owner=request.user, draft_id=draft_id)  # type: ignore[arg-type]
    if draft is None:
        raise Http404
    procedure = registry.get(draft.procedure)
    title = str(procedure.title) if procedure else draft.procedure
    if request.method == "POST":
        with transaction.atomic():
            draft_delete(draft=draft, request=request)
            # Files go once the draft row is gone for good (a rollback keeps both).
            transaction.on_commit(partial(draft_uploads_discard, draft=draft))
        messages.success(request, _("Your draft “{title}” has been deleted.").format(title=title))
        return redirect("applications:list")
    return render(request, "applications/draft_delete.html", {"draft": draft, "title": title})
