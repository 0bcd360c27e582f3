"""The card application's stops, warnings and card validity (procedures.ehic.checks) read from typed
answers and the Lithuanian default rule tables (migration 0002), on a fixed day: 10 March 2027."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from procedures.ehic import checks
from procedures.ehic.models import CardValidityRule, EhicRules

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2027, 3, 10)
END_OF_MARCH = D(2027, 3, 31)
ADULT = D(1986, 4, 12)


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/Vilnius"))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(noon(TODAY), tick=False):
        yield


def for_me(
    category: str = "employed",
    *,
    until: datetime.date | None = None,
    kind: str = "first_card",
    source: str = "register",
    born: datetime.date = ADULT,
    nationality: str = "LT",
    code_from_eid: bool = True,
    **steps: Any,
) -> dict[str, Any]:
    """The typed answers of a card for the applicant herself, insured in ``category``."""
    about_you = {"personal_code": "48604121238", "nationality": nationality, "date_of_birth": born}
    return {
        "for_whom": {"for_whom": "me"},
        "about_you": {**about_you, "code_from_eid": code_from_eid},
        "insurance": {"insured": "yes", "category": category, "insured_until": until, "source": source},
        "work_abroad": {"work_abroad": "no"},
        "entitlement_document": {"entitlement_document": "no"},
        "request": {"kind": kind},
        **steps,
    }


def for_a_child(born: datetime.date, *, link: str = "parent", **changes: Any) -> dict[str, Any]:
    answers = for_me("child", **changes)
    del answers["about_you"]
    return {
        **answers,
        "for_whom": {"for_whom": "my_child"},
        "child": {"date_of_birth": born, "personal_code": "", "nationality": "LT", "register_link": link},
    }


def prc(
    country: str = "ES", *, valid_from: datetime.date = TODAY, valid_to: datetime.date = END_OF_MARCH
) -> dict[str, Any]:
    stay = {"stay_from": valid_from, "stay_to": valid_to, "there_now": "no"}
    return {
        "prc_stay": {"state_of_stay": country, **stay},
        "prc_validity": {"reason": "treatment", "valid_from": valid_from, "valid_to": valid_to},
    }


# --- how long a card is valid ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "valid_until"),
    [
        ("employed", D(2031, 3, 9)),  # 4 years
        ("self_employed", D(2031, 3, 9)),
        ("pupil_or_student", D(2027, 8, 31)),  # until the end of the academic year
        ("unemployed", D(2027, 5, 9)),  # 2 months
        ("pensioner", D(2032, 3, 9)),  # 5 years
        ("child", D(2031, 3, 9)),
        ("state_insured", D(2031, 3, 9)),
        ("voluntary", D(2028, 3, 9)),  # 1 year
    ],
)
def test_each_category_of_the_lithuanian_table_gives_its_validity(category, valid_until):
    answers = for_me(category)
    assert checks.card_valid_until(answers) == valid_until
    assert not checks.card_too_short_for(answers)


def test_a_student_applying_after_31_august_has_a_card_until_next_summer():
    with time_machine.travel(noon(D(2027, 9, 1)), tick=False):
        assert checks.card_valid_until(for_me("pupil_or_student")) == D(2028, 8, 31)


def test_the_end_of_insurance_ends_the_card_earlier():
    assert checks.card_valid_until(for_me("employed", until=D(2028, 1, 31))) == D(2028, 1, 31)
    assert checks.card_valid_until(for_me("employed", until=D(2035, 1, 1))) == D(2031, 3, 9)


def test_a_category_without_a_rule_leaves_the_validity_to_the_institution():
    CardValidityRule.objects.filter(category="voluntary").delete()
    answers = for_me("voluntary")
    assert checks.card_valid_until(answers) is None
    assert not checks.card_too_short_for(answers)
    assert checks.card_valid_until(for_me("")) is None  # insurance declared without a category


def test_a_child_turning_18_in_three_months_gets_a_card_until_the_day_before():
    answers = for_a_child(D(2009, 6, 10))  # 18 on 10 June 2027
    assert checks.card_valid_until(answers) == D(2027, 6, 9)
    assert not checks.card_too_short_for(answers)


def test_a_child_turning_18_in_one_month_is_offered_a_certificate_instead():
    answers = for_a_child(D(2009, 4, 10))  # 18 on 10 April 2027
    assert checks.card_valid_until(answers) == D(2027, 4, 9)
    assert checks.card_too_short_for(answers)
    assert not checks.card_too_short_for(for_a_child(D(2009, 4, 10), kind="prc", **prc()))


def test_a_card_valid_for_exactly_two_months_is_issued_one_day_less_is_not():
    assert not checks.card_too_short_for(for_a_child(D(2009, 5, 10)))  # until 9 May: two months
    assert checks.card_too_short_for(for_a_child(D(2009, 5, 9)))  # until 8 May
    assert not checks.card_too_short_for(for_me(until=D(2027, 5, 9)))
    assert checks.card_too_short_for(for_me(until=D(2027, 5, 8)))
    assert checks.card_too_short_for(for_me(until=D(2027, 5, 8), kind="replacement"))


def test_a_changed_rule_row_changes_the_validity():
    CardValidityRule.objects.filter(category="employed").update(months=24)
    assert checks.card_valid_until(for_me("employed")) == D(2029, 3, 9)
    CardValidityRule.objects.filter(category="employed").update(
        kind="academic_year", months=None, academic_year_end_month=6, academic_year_end_day=30
    )
    assert checks.card_valid_until(for_me("employed")) == D(2027, 6, 30)


def test_changed_card_rules_change_the_minimum_and_the_age_cap():
    child = for_a_child(D(2009, 4, 10))  # 18 in a month
    assert checks.card_too_short_for(child)
    EhicRules.objects.update(minimum_validity_months=1)
    assert not checks.card_too_short_for(child)
    EhicRules.objects.update(child_age_cap=19)
    assert checks.card_valid_until(child) == D(2028, 4, 9)


# --- stops -----------------------------------------------------------------------------------------


def test_a_young_person_applies_for_themselves_from_the_16th_birthday():
    assert checks.too_young_to_apply(for_me(born=D(2011, 3, 11)))  # 16 tomorrow
    assert not checks.too_young_to_apply(for_me(born=D(2011, 3, 10)))  # 16 today
    assert not checks.too_young_to_apply(for_a_child(D(2020, 1, 1)))


def test_a_parent_applies_for_a_child_until_the_18th_birthday():
    assert not checks.child_over_age_cap(for_a_child(D(2009, 3, 11)))  # 18 tomorrow
    assert checks.child_over_age_cap(for_a_child(D(2009, 3, 10)))  # 18 today
    EhicRules.objects.update(child_age_cap=19)
    assert not checks.child_over_age_cap(for_a_child(D(2009, 3, 10)))


def test_not_insured_stops():
    answers = for_me()
    answers["insurance"] = {"insured": "no", "category": "", "insured_until": None, "source": "register"}
    assert checks.not_insured(answers)
    assert not checks.not_insured(for_me())


@pytest.mark.parametrize(
    ("work_abroad", "document", "stopped"),
    [
        ("no", "no", False),
        ("with_lithuanian_a1", "no", False),  # posted from Lithuania: Lithuania issues the card
        ("with_lithuanian_a1", "from_lithuania", False),
        ("no", "from_lithuania", False),
        ("without_lithuanian_a1", "no", True),
        ("no", "from_another_state", True),
        ("with_lithuanian_a1", "from_another_state", True),
    ],
)
def test_another_state_covers_the_person(work_abroad, document, stopped):
    answers = for_me(
        work_abroad={"work_abroad": work_abroad}, entitlement_document={"entitlement_document": document}
    )
    assert checks.covered_elsewhere(answers) is stopped


def test_a_certificate_for_a_stay_outside_the_area_stops():
    assert checks.stay_not_covered(for_me(kind="prc", **prc("US")))
    assert not checks.stay_not_covered(for_me(kind="prc", **prc("ES")))
    assert not checks.stay_not_covered(for_me(kind="first_card"))


def test_the_united_kingdom_accepts_the_certificate_as_configured():
    answers = for_me(kind="prc", **prc("GB"))
    assert not checks.stay_not_covered(answers)
    EhicRules.objects.update(united_kingdom=False)
    assert checks.stay_not_covered(answers)


# --- warnings --------------------------------------------------------------------------------------


def test_nothing_to_warn_about_when_the_registers_confirmed_everything():
    assert checks.warnings(for_me()) == []
    assert checks.warnings(for_a_child(D(2019, 3, 27))) == []


def test_declared_insurance_is_flagged():
    assert checks.warnings(for_me(source="declared")) == ["insurance_declared"]


def test_an_unverified_link_to_the_child_is_flagged():
    assert checks.warnings(for_a_child(D(2019, 3, 27), link="")) == ["child_link_not_verified"]
    assert checks.warnings(for_a_child(D(2019, 3, 27), link="guardian")) == []


def test_a_certificate_starting_in_the_past_is_flagged():
    yesterday = TODAY - datetime.timedelta(days=1)
    assert checks.warnings(for_me(kind="prc", **prc(valid_from=yesterday))) == ["care_already_received"]
    assert checks.warnings(for_me(kind="prc", **prc(valid_from=TODAY))) == []


@pytest.mark.parametrize("country", ["DK", "IS", "LI", "NO", "CH"])
def test_a_third_country_national_is_warned_for_states_regulation_1231_2010_does_not_reach(country):
    answers = for_me(nationality="UA", kind="prc", residence_status={"status": "none"}, **prc(country))
    assert checks.warnings(answers) == ["third_country_national_state_not_covered"]
    assert not checks.instant_prc(answers)


def test_a_third_country_nationals_certificate_elsewhere_and_card_are_treated_apart():
    certificate = for_me(nationality="UA", kind="prc", residence_status={"status": "none"}, **prc("ES"))
    assert checks.warnings(certificate) == []
    card = for_me(nationality="UA", residence_status={"status": "none"})
    assert checks.warnings(card) == ["third_country_national_card_limited"]


@pytest.mark.parametrize("status", ["refugee", "stateless", "family_member"])
def test_refugees_stateless_persons_and_family_members_are_covered_directly(status):
    answers = for_me(nationality="UA", kind="prc", residence_status={"status": status}, **prc("NO"))
    assert checks.warnings(answers) == []
    assert checks.warnings(for_me(nationality="UA", residence_status={"status": status})) == []


def test_residence_status_is_asked_of_third_country_nationals_only():
    assert checks.needs_residence_status(for_me(nationality="UA"))
    assert not checks.needs_residence_status(for_me(nationality="LT"))
    assert not checks.needs_residence_status(for_me(nationality="NO"))


# --- a certificate at once --------------------------------------------------------------------------


def test_a_certificate_is_issued_at_once_only_when_registers_confirmed_everything():
    assert checks.instant_prc(for_me(kind="prc", **prc()))
    assert checks.instant_prc(for_a_child(D(2019, 3, 27), kind="prc", **prc()))
    yesterday = TODAY - datetime.timedelta(days=1)
    assert checks.instant_prc(for_me(kind="prc", **prc(valid_from=yesterday)))  # care already received
    assert not checks.instant_prc(for_me(kind="prc", source="declared", **prc()))
    assert not checks.instant_prc(for_me(kind="prc", code_from_eid=False, **prc()))  # a typed code
    assert not checks.instant_prc(for_a_child(D(2019, 3, 27), link="", kind="prc", **prc()))
    assert not checks.instant_prc(for_me(kind="first_card"))


def test_an_institution_that_does_not_issue_at_once_decides_every_certificate():
    EhicRules.objects.update(instant_prc=False)
    assert not checks.instant_prc(for_me(kind="prc", **prc()))


def test_the_reference_data_version_changes_with_a_rule():
    before = checks.reference_data_version()
    rule = CardValidityRule.objects.get(category="employed")
    rule.months = 36
    rule.save()
    assert checks.reference_data_version() != before
