"""Reads of drafts and applications, always scoped to their owner (no object is found by ID alone)."""

import uuid

from django.db.models import QuerySet

from portal.accounts.models import User
from portal.applications.models import Application, Draft


def drafts_of(*, owner: User) -> QuerySet[Draft]:
    return Draft.objects.filter(owner=owner)


def draft_of(*, owner: User, draft_id: uuid.UUID | str) -> Draft | None:
    return Draft.objects.filter(owner=owner, pk=draft_id).first()


def applications_of(*, owner: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=owner)


def application_of(*, owner: User, application_id: uuid.UUID | str) -> Application | None:
    return Application.objects.filter(applicant=owner, pk=application_id).first()
