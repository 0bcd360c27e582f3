"""The caseworker's home in assisted mode: start an application for someone, their own recent
applications and drafts, and the search of their office's applications."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.accounts.models import User
from portal.assisted.decorators import caseworker_required
from portal.assisted.lists import case_rows, cases_listed_audit
from portal.assisted.models import AssistedCase
from portal.assisted.search import SearchForm
from portal.assisted.selectors import cases_of_office

RECENT = 20


def cases_started_by(*, caseworker: User) -> QuerySet[AssistedCase]:
    """The cases this caseworker started in their office, newest first."""
    return cases_of_office(caseworker=caseworker).filter(caseworker=caseworker)


@caseworker_required
def home(request: HttpRequest) -> HttpResponse:
    cases = list(cases_started_by(caseworker=request.user)[:RECENT])  # type: ignore[arg-type]
    cases_listed_audit(request=request, cases=cases, page="home")
    return render(request, "assisted/home.html", {"rows": case_rows(cases), "search_form": SearchForm()})
