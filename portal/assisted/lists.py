"""Lists of people for a caseworker (the home page's recent cases, search results): one row per case,
and the audit event every list shown leaves behind."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from portal.applications.models import Application
from portal.assisted.models import AssistedCase
from portal.audit.services import audit_record
from procedures.engine.registry import registry


@dataclass(frozen=True)
class CaseRow:
    """One assisted case as a list shows it: the person, what for, and where it stands (a draft still
    being filled in, or sent with its reference and status)."""

    case: AssistedCase
    application: Application | None

    @property
    def procedure_title(self) -> str:
        procedure = registry.get(self.case.procedure) if self.case.procedure else None
        return str(procedure.title) if procedure else ""

    @property
    def url(self) -> str:
        name = "assisted:handover" if self.application else "assisted:procedure"
        return reverse(name, kwargs={"case_id": self.case.pk})


def case_rows(cases: list[AssistedCase]) -> list[CaseRow]:
    """The cases with the application each one was sent as, if it was (one query for all of them)."""
    drafts = [case.draft_id for case in cases if case.draft_id is not None]
    sent = {
        application.source_draft: application
        for application in Application.objects.filter(source_draft__in=drafts)
    }
    return [CaseRow(case=case, application=sent.get(case.draft_id)) for case in cases]


def cases_listed_audit(*, request: HttpRequest, cases: list[AssistedCase], **details: Any) -> None:
    """People shown to a caseworker in a list: which cases (never who is in them) and how many."""
    audit_record(
        action="assisted.cases_listed",
        request=request,
        details={**details, "count": len(cases), "cases": [str(case.pk) for case in cases]},
    )
