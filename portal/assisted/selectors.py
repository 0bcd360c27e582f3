"""Reads of assisted applications. Object-level authorisation lives here: a caseworker reaches only the
cases of their own office, never a citizen's own online applications or drafts."""

from typing import Any

from django.db.models import QuerySet

from portal.accounts.models import User
from portal.applications.models import Application
from portal.assisted.models import AssistedCase


def cases_of_office(*, caseworker: User) -> QuerySet[AssistedCase]:
    """The assisted cases of the caseworker's office (none for someone without an office)."""
    if caseworker.office_id is None or not getattr(caseworker, "is_caseworker", False):
        return AssistedCase.objects.none()
    return AssistedCase.objects.filter(office_id=caseworker.office_id).select_related("caseworker", "office")


def case_of(*, caseworker: User, case_id: Any) -> AssistedCase | None:
    return cases_of_office(caseworker=caseworker).filter(pk=case_id).first()


def case_application(*, case: AssistedCase) -> Application | None:
    """The application sent from the case's draft, if it was sent."""
    if case.draft_id is None:
        return None
    return Application.objects.filter(source_draft=case.draft_id).first()
