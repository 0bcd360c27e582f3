"""Writes of assisted applications. Every step is audited with the caseworker as the actor; the details
name the case, never the person (the trail outlives the data it mentions)."""

import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from portal.accounts.models import User
from portal.applications.models import Draft
from portal.applications.services import draft_start
from portal.assisted.models import AssistedCase
from portal.audit.services import audit_record
from portal.crypto.keyring import blind_index

PERSONAL_CODE_PURPOSE = "assisted-personal-code"


def personal_code_index(code: str) -> str:
    return blind_index(code, purpose=PERSONAL_CODE_PURPOSE)


def case_start(
    *, caseworker: User, person: dict[str, Any], request: HttpRequest | None = None
) -> AssistedCase:
    """A caseworker identified a person at the desk (``person``: the identify form's cleaned data)."""
    if caseworker.office_id is None:
        raise PermissionError(f"caseworker {caseworker.pk} has no office")
    stored = {
        "family_name": person["family_name"],
        "given_name": person["given_name"],
        "date_of_birth": person["date_of_birth"].isoformat(),
        "personal_code": person["personal_code"],
        "document": {
            "type": person["document_type"],
            "number": person["document_number"],
            "expiry": person["document_expiry"].isoformat(),
        },
        "seen_original": bool(person["seen_original"]),
    }
    with transaction.atomic():
        case = AssistedCase.objects.create(
            caseworker=caseworker,
            office_id=caseworker.office_id,
            person=stored,
            personal_code_index=personal_code_index(person["personal_code"]),
        )
        audit_record(action="assisted.person_identified", actor=caseworker, target=case, request=request)
    return case


def case_representative_save(
    *, case: AssistedCase, representative: dict[str, Any], request: HttpRequest | None = None
) -> AssistedCase:
    """Who signs for the person, or nobody (``basis`` empty)."""
    case.representative = (
        {key: representative[key] for key in ("basis", "given_name", "family_name", "document")}
        if representative.get("basis")
        else None
    )
    case.save(update_fields=["representative"])
    audit_record(action="assisted.representative_recorded", target=case, request=request)
    return case


def case_contact_save(
    *, case: AssistedCase, contact: dict[str, Any], request: HttpRequest | None = None
) -> AssistedCase:
    case.contact = {
        "address": contact["address"],
        "email": contact.get("email", ""),
        "phone": contact.get("phone", ""),
        "language": contact["language"],
    }
    case.save(update_fields=["contact"])
    audit_record(action="assisted.contact_recorded", target=case, request=request)
    return case


def case_draft_start(*, case: AssistedCase, procedure: str, request: HttpRequest | None = None) -> Draft:
    """The procedure the person applies for, as a draft the caseworker fills in with them."""
    with transaction.atomic():
        draft = draft_start(owner=case.caseworker, procedure=procedure)
        case.procedure, case.draft_id = procedure, draft.pk
        case.save(update_fields=["procedure", "draft_id"])
        audit_record(
            action="assisted.application_started",
            target=case,
            request=request,
            details={"procedure": procedure},
        )
    return draft


def document_expired(case: AssistedCase, *, today: datetime.date | None = None) -> bool:
    expiry = str((case.person.get("document") or {}).get("expiry") or "")
    return bool(expiry) and datetime.date.fromisoformat(expiry) < (today or timezone.localdate())
