"""Finding an assisted application again: by its reference, or by the person's personal code, only
among the applications of the caseworker's office. A personal code is matched exactly through its
blind index (the codes themselves are stored encrypted). Every search says why it was made and is
audited with that reason, never with what was typed."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from portal.accounts.models import User
from portal.applications.models import Application
from portal.assisted.decorators import caseworker_required
from portal.assisted.lists import case_rows
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import cases_of_office
from portal.assisted.services import personal_code_index
from portal.audit.services import audit_record
from procedures.engine.personal_numbers import personal_number_compact
from procedures.engine.text import TextField

BY_REFERENCE, BY_PERSONAL_CODE = "reference", "personal_code"
MOST = 50  # an exact search finds a few cases; a page of more would be a list of the office's people

REASONS = [
    ("desk", _("The person is at the desk")),
    ("phone", _("Phone call from the person")),
    ("letter", _("Letter from the person")),
    ("other", _("Another reason")),
]


class SearchForm(forms.Form):
    query = TextField(
        label=_("Reference number or personal code"),
        help_text=_("For example EHIC-2026-000123 or a Lithuanian personal code of 11 digits"),
        max_length=30,
        error_messages={"required": _("Enter a reference number or a personal code")},
    )
    reason = forms.ChoiceField(
        label=_("Why are you searching?"),
        widget=forms.RadioSelect,
        choices=REASONS,
        error_messages={"required": _("Select why you are searching")},
    )
    reason_other = TextField(
        label=_("If another reason, what is it?"),
        help_text=_("Do not write the person's name or personal code"),
        max_length=200,
        required=False,
    )

    def clean_query(self) -> str:
        return " ".join(self.cleaned_data["query"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reason") == "other" and not cleaned.get("reason_other"):
            self.add_error("reason_other", _("Enter the reason for the search"))
        term = cleaned.get("query")
        if not term:
            return cleaned
        code = personal_number_compact("LT", term)
        if code is not None:
            cleaned["by"], cleaned["term"] = BY_PERSONAL_CODE, code
        elif term.replace(" ", "").replace("-", "").isdigit():
            self.add_error("query", _("Enter a real Lithuanian personal code: 11 digits"))
        else:
            cleaned["by"], cleaned["term"] = BY_REFERENCE, term
        return cleaned


def cases_search(*, caseworker: User, by: str, term: str) -> QuerySet[AssistedCase]:
    """The office's cases with this exact reference or personal code (``term`` as the form cleaned it)."""
    within = cases_of_office(caseworker=caseworker)
    if by == BY_PERSONAL_CODE:
        return within.filter(personal_code_index=personal_code_index(term))
    sent = Application.objects.filter(reference__iexact=term, channel=Application.Channel.ASSISTED)
    return within.filter(draft_id__in=sent.values("source_draft"))


def search_audit(*, request: HttpRequest, by: str, cases: list[AssistedCase], reason: str, text: str) -> None:
    """Who searched, why, how (by reference or by code) and which cases were shown; never the term."""
    audit_record(
        action="assisted.searched",
        request=request,
        details={
            "by": by,
            "found": len(cases),
            "reason": reason,
            "reason_text": text,
            "cases": [str(case.pk) for case in cases],
        },
    )


@caseworker_required
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    # POST: a personal code typed here stays out of URLs, browser history and access logs.
    form = SearchForm(data=request.POST or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        found = list(
            cases_search(
                caseworker=request.user,  # type: ignore[arg-type]
                by=form.cleaned_data["by"],
                term=form.cleaned_data["term"],
            )[:MOST]
        )
        search_audit(
            request=request,
            by=form.cleaned_data["by"],
            cases=found,
            reason=form.cleaned_data["reason"],
            text=form.cleaned_data["reason_other"] if form.cleaned_data["reason"] == "other" else "",
        )
        context.update(searched=True, rows=case_rows(found), by=form.cleaned_data["by"])
    return render(request, "assisted/search.html", context)
