"""Shared reads of the back office: for the institution API (an institution only ever sees the procedures
its credential names) and for the pipeline (which deliveries are due)."""

import datetime
from typing import Any

from django.db.models import QuerySet

from portal.applications.models import Application
from portal.backoffice.models import ApiCredential, Delivery
from portal.documents.models import Document


def applications_for(*, credential: ApiCredential) -> QuerySet[Application]:
    return Application.objects.filter(procedure__in=credential.procedures)


def application_for(*, credential: ApiCredential, reference: str) -> Application | None:
    return applications_for(credential=credential).filter(reference=reference).first()


def deliveries_due(
    *, now: datetime.datetime, application_id: Any = None, receipt_issued: bool = False
) -> list[Any]:
    """The deliveries waiting for an attempt whose time has come (of one application, or of all whose
    receipt exists when ``receipt_issued``)."""
    due = Delivery.objects.filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED], next_attempt_at__lte=now
    )
    if application_id is not None:
        due = due.filter(application_id=application_id)
    if receipt_issued:
        due = due.filter(application__documents__kind=Document.Kind.RECEIPT)
    return list(due.values_list("pk", flat=True))


def applications_waiting_for_receipt() -> list[Any]:
    """Applications with a delivery waiting and no receipt yet: their receipt task was lost."""
    return list(
        Application.objects.filter(deliveries__status=Delivery.Status.PENDING)
        .exclude(documents__kind=Document.Kind.RECEIPT)
        .values_list("pk", flat=True)
        .distinct()
    )


def deliveries_all_delivered(*, application_id: Any) -> bool:
    """Whether every delivery of the application itself is through (replies travel on their own)."""
    return (
        not Delivery.objects.filter(application_id=application_id, reply__isnull=True)
        .exclude(status=Delivery.Status.DELIVERED)
        .exists()
    )
