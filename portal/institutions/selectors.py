from django.db.models import QuerySet

from portal.institutions.models import Institution, Office


def institution_by_code(*, code: str) -> Institution | None:
    return Institution.objects.filter(code=code).first()


def offices_open_to_the_public() -> QuerySet[Office]:
    return Office.objects.filter(is_active=True).select_related("institution")
