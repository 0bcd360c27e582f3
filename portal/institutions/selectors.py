from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from portal.institutions.models import Institution, Office


def institution_by_code(*, code: str) -> Institution | None:
    return Institution.objects.filter(code=code).first()


def offices_open_to_the_public() -> QuerySet[Office]:
    return Office.objects.filter(is_active=True).select_related("institution")


def institution_of(*, snapshot: Mapping[str, Any]) -> Institution | None:
    """The institution an application names in its JSON (``competent_institution``: country, id = EESSI
    id or code, name in the language it was sent in), as it is now, so it is named in the reader's
    language; ``None`` when it is not in the database (another country's institution)."""
    identifier = snapshot.get("id")
    if not identifier:
        return None
    candidates = Institution.objects.filter(Q(eessi_id=identifier) | Q(code=identifier))
    if snapshot.get("country"):
        candidates = candidates.filter(country=snapshot["country"])
    return candidates.order_by("code").first()


def institution_shown(*, snapshot: Mapping[str, Any]) -> Institution | Mapping[str, Any]:
    """What a page, letter or PDF shows as the institution (``.name``, ``.website``…): the institution
    in the current language, or the application's own record of it."""
    return institution_of(snapshot=snapshot) or snapshot


def institution_name(*, snapshot: Mapping[str, Any]) -> str:
    """The institution's name in the current language, else the name the application was sent with."""
    institution = institution_of(snapshot=snapshot)
    return institution.name if institution is not None else str(snapshot.get("name", ""))
