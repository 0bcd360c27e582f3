"""Reads for the institution API: an institution only ever sees the procedures its credential names."""

from django.db.models import QuerySet

from portal.applications.models import Application
from portal.backoffice.models import ApiCredential


def applications_for(*, credential: ApiCredential) -> QuerySet[Application]:
    return Application.objects.filter(procedure__in=credential.procedures)


def application_for(*, credential: ApiCredential, reference: str) -> Application | None:
    return applications_for(credential=credential).filter(reference=reference).first()
