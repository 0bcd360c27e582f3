"""The card application's stops and warnings, read from the typed answers and the national rule tables."""

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from portal.registers.connectors import registers_version
from procedures.ehic.answers import (
    Answers,
    beneficiary_born,
    for_a_child,
    for_whom,
    identity_confirmed,
    insurance,
    link_verified,
    person,
    request_kind,
)
from procedures.ehic.models import CardValidityRule, EhicRules
from procedures.ehic.rules import (
    NOT_REACHED_BY_1231_2010,
    accepts_the_card,
    age_on,
    card_too_short,
    card_valid_to,
    category_end,
    third_country_national,
)
from procedures.engine.fields import coordination_area

CARD_KINDS = ("first_card", "replacement")


def too_young_to_apply(answers: Answers) -> bool:
    born = answers.get("about_you", {}).get("date_of_birth")
    if for_whom(answers) != "me" or not isinstance(born, datetime.date):
        return False
    return age_on(born, timezone.localdate()) < EhicRules.current().self_filing_age


def child_over_age_cap(answers: Answers) -> bool:
    born = answers.get("child", {}).get("date_of_birth")
    if not for_a_child(answers) or not isinstance(born, datetime.date):
        return False
    return age_on(born, timezone.localdate()) >= EhicRules.current().child_age_cap


def not_insured(answers: Answers) -> bool:
    return insurance(answers).get("insured") == "no"


def covered_elsewhere(answers: Answers) -> bool:
    """Another state issues the card: the person works there without a Lithuanian A1, or another state
    issued their S1 (E106, E109, E121)."""
    works = answers.get("work_abroad", {}).get("work_abroad")
    document = answers.get("entitlement_document", {}).get("entitlement_document")
    return works == "without_lithuanian_a1" or document == "from_another_state"


def stay_not_covered(answers: Answers) -> bool:
    country = answers.get("prc_stay", {}).get("state_of_stay")
    if request_kind(answers) != "prc" or not country:
        return False
    return not accepts_the_card(
        country, coordination_area=coordination_area(), united_kingdom=EhicRules.current().united_kingdom
    )


def stay_in_this_country(answers: Answers) -> bool:
    """A certificate is for care in another state: at home the insurance itself covers the person."""
    country = answers.get("prc_stay", {}).get("state_of_stay")
    return request_kind(answers) == "prc" and country == settings.PORTAL_COUNTRY


def card_valid_until(answers: Answers) -> datetime.date | None:
    """The last day a card issued today would be valid, from the category's rule, the insurance and the
    age cap; None when the category has no rule (the institution decides)."""
    cover, born = insurance(answers), beneficiary_born(answers)
    rule = CardValidityRule.objects.filter(category=cover.get("category") or "").first()
    if rule is None or born is None:
        return None
    today = timezone.localdate()
    end = category_end(
        today=today,
        kind=rule.kind,
        months=rule.months,
        end_month=rule.academic_year_end_month,
        end_day=rule.academic_year_end_day,
    )
    return card_valid_to(
        today=today,
        category_end=end,
        insured_until=cover.get("insured_until"),
        born=born,
        age_cap=EhicRules.current().child_age_cap,
    )


def card_too_short_for(answers: Answers) -> bool:
    if request_kind(answers) not in CARD_KINDS:
        return False
    valid_to = card_valid_until(answers)
    if valid_to is None:
        return False
    minimum = EhicRules.current().minimum_validity_months
    return card_too_short(today=timezone.localdate(), valid_to=valid_to, minimum_months=minimum)


def _third_country_national_not_covered(answers: Answers) -> bool:
    """A third-country national covered only through Reg. (EU) 1231/2010 (not a refugee, a stateless
    person or a family member of an EU national)."""
    nationality = person(answers).get("nationality", "")
    status = answers.get("residence_status", {}).get("status")
    return third_country_national([nationality], coordination_area=coordination_area()) and status == "none"


def needs_residence_status(answers: Answers) -> bool:
    nationality = person(answers).get("nationality", "")
    return bool(nationality) and third_country_national([nationality], coordination_area=coordination_area())


def warnings(answers: Answers) -> list[str]:
    found = []
    if insurance(answers).get("source") == "declared":
        found.append("insurance_declared")
    if for_a_child(answers) and "child" in answers and not link_verified(answers):
        found.append("child_link_not_verified")
    validity = answers.get("prc_validity", {})
    if (
        request_kind(answers) == "prc"
        and validity.get("valid_from")
        and validity["valid_from"] < timezone.localdate()
    ):
        found.append("care_already_received")
    if _third_country_national_not_covered(answers):
        country = answers.get("prc_stay", {}).get("state_of_stay")
        if request_kind(answers) == "prc" and country in NOT_REACHED_BY_1231_2010:
            found.append("third_country_national_state_not_covered")
        elif request_kind(answers) in CARD_KINDS:
            found.append("third_country_national_card_limited")
    return found


def instant_prc(answers: Answers) -> bool:
    """The certificate can be issued at once: the institution allows it and every check was made against a
    register (the insurance, and for a child the link to the filer), and nothing needs a closer look."""
    return (
        request_kind(answers) == "prc"
        and EhicRules.current().instant_prc
        and insurance(answers).get("source") == "register"
        and identity_confirmed(answers)
        and not set(warnings(answers)) - {"care_already_received"}
    )


def reference_data_version() -> Any:
    """Changes when an administrator changes the card rules or the register test records."""
    tables = (EhicRules, CardValidityRule)
    return (
        *(tuple(model.objects.aggregate(c=Max("updated_at"), n=Count("pk")).values()) for model in tables),
        registers_version(),
    )
