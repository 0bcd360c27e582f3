"""The national registers behind their connectors (portal.registers): which client answers is
configuration, the demo clients answer from the test records, and the made-up demo people are valid."""

import datetime

import pytest
from stdnum.lt import asmens

from portal.registers.connectors import (
    Category,
    InsuranceStatus,
    PensionRecord,
    insurance_register,
    pension_record_register,
    population_register,
    registers_version,
)
from portal.registers.demo import DemoInsuranceRegister, DemoPensionRecordRegister, DemoPopulationRegister
from portal.registers.demo_people import (
    DEMO_CHILD_AGE,
    DEMO_PARENT_CODE,
    DEMO_PENSIONER_CODE,
    demo_child_born,
    demo_desk_person_code,
    demo_register_records,
    lithuanian_code,
)
from portal.registers.models import InsuranceTestRecord, PensionRecordTestRecord, PopulationTestRecord

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = D(2027, 3, 10)
CHILD_CODE = lithuanian_code(D(2019, 3, 27), female=True, serial=456)


# --- configuration -----------------------------------------------------------------------------------


def test_the_configured_clients_answer(settings):
    settings.INSURANCE_REGISTER = "portal.registers.demo.DemoInsuranceRegister"
    settings.POPULATION_REGISTER = "portal.registers.demo.DemoPopulationRegister"
    assert isinstance(insurance_register(), DemoInsuranceRegister)
    assert isinstance(population_register(), DemoPopulationRegister)


def test_without_a_connection_there_is_no_client(settings):
    settings.INSURANCE_REGISTER = ""
    settings.POPULATION_REGISTER = ""
    assert insurance_register() is None
    assert population_register() is None
    assert registers_version() == ()


def test_the_version_changes_when_a_test_record_is_added_changed_or_deleted(settings):
    settings.INSURANCE_REGISTER = "portal.registers.demo.DemoInsuranceRegister"
    settings.POPULATION_REGISTER = "portal.registers.demo.DemoPopulationRegister"
    versions = [registers_version()]
    record = InsuranceTestRecord.objects.create(personal_code=CHILD_CODE, category=Category.CHILD)
    versions.append(registers_version())
    record.insured = False
    record.save()
    versions.append(registers_version())
    PopulationTestRecord.objects.create(
        adult_code=DEMO_PARENT_CODE, child_code=CHILD_CODE, relationship="parent"
    )
    versions.append(registers_version())
    record.delete()
    versions.append(registers_version())
    assert len(set(versions)) == len(versions)


# --- the demo insurance register ---------------------------------------------------------------------


def test_a_person_the_insurance_register_does_not_know_has_no_status():
    assert DemoInsuranceRegister().insurance_status(personal_code=CHILD_CODE, on=TODAY) is None


def test_an_insured_person_has_their_category_and_end_date():
    InsuranceTestRecord.objects.create(
        personal_code=CHILD_CODE, insured=True, insured_until=TODAY, category=Category.CHILD
    )
    status = DemoInsuranceRegister().insurance_status(personal_code=CHILD_CODE, on=TODAY)
    assert status == InsuranceStatus(insured=True, until=TODAY, category=Category.CHILD)


def test_insurance_that_ended_before_the_day_asked_about_is_no_insurance():
    InsuranceTestRecord.objects.create(personal_code=CHILD_CODE, insured=True, insured_until=TODAY - DAY)
    status = DemoInsuranceRegister().insurance_status(personal_code=CHILD_CODE, on=TODAY)
    assert status is not None
    assert (status.insured, status.until) == (False, TODAY - DAY)


def test_insurance_without_an_end_date_is_open_ended():
    InsuranceTestRecord.objects.create(personal_code=CHILD_CODE, category=Category.EMPLOYED)
    status = DemoInsuranceRegister().insurance_status(personal_code=CHILD_CODE, on=D(2099, 1, 1))
    assert status == InsuranceStatus(insured=True, until=None, category=Category.EMPLOYED)


def test_a_record_of_someone_not_insured_says_so():
    InsuranceTestRecord.objects.create(personal_code=CHILD_CODE, insured=False)
    status = DemoInsuranceRegister().insurance_status(personal_code=CHILD_CODE, on=TODAY)
    assert status is not None
    assert not status.insured


# --- the demo population register --------------------------------------------------------------------


@pytest.mark.parametrize("relationship", ["parent", "guardian"])
def test_the_population_register_names_the_link_it_records(relationship):
    PopulationTestRecord.objects.create(
        adult_code=DEMO_PARENT_CODE, child_code=CHILD_CODE, relationship=relationship
    )
    register = DemoPopulationRegister()
    assert register.relationship(adult_code=DEMO_PARENT_CODE, child_code=CHILD_CODE) == relationship
    # Only that adult, only that child, and not the other way round.
    assert register.relationship(adult_code="39006210214", child_code=CHILD_CODE) is None
    assert register.relationship(adult_code=CHILD_CODE, child_code=DEMO_PARENT_CODE) is None


# --- the demo people ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "female", "first_digit"),
    [
        (D(1986, 4, 12), True, "4"),
        (D(1990, 6, 21), False, "3"),
        (D(2019, 3, 27), True, "6"),
        (D(2008, 2, 29), False, "5"),
        (D(1899, 12, 31), False, "1"),
    ],
)
def test_a_made_up_code_is_a_valid_lithuanian_code_with_the_date_of_birth_in_it(born, female, first_digit):
    code = lithuanian_code(born, female=female, serial=7)
    assert asmens.is_valid(code)
    assert code[0] == first_digit
    assert asmens.get_birth_date(code) == born
    assert code[7:10] == "007"


def test_the_demo_parents_code_is_valid_and_hers():
    assert asmens.is_valid(DEMO_PARENT_CODE)
    assert asmens.get_birth_date(DEMO_PARENT_CODE) == D(1986, 4, 12)


def test_the_demo_child_is_always_a_child():
    for today in (D(2027, 3, 10), D(2028, 2, 29), D(2026, 12, 31)):
        born = demo_child_born(today)
        assert born.year == today.year - DEMO_CHILD_AGE
        assert born < today


def test_the_demo_records_make_a_linked_insured_parent_and_child_and_the_person_at_the_desk_once():
    child_code = demo_register_records(TODAY)
    assert demo_register_records(TODAY) == child_code  # loading again changes nothing
    assert asmens.get_birth_date(child_code) == demo_child_born(TODAY)
    assert InsuranceTestRecord.objects.count() == 3
    insurance = DemoInsuranceRegister()
    desk = insurance.insurance_status(personal_code=demo_desk_person_code(), on=TODAY)
    assert desk == InsuranceStatus(insured=True, category=Category.PENSIONER)
    assert insurance.insurance_status(personal_code=DEMO_PARENT_CODE, on=TODAY) == InsuranceStatus(
        insured=True, category=Category.EMPLOYED
    )
    child = insurance.insurance_status(personal_code=child_code, on=TODAY)
    assert child is not None
    assert child.category == Category.CHILD
    assert (
        DemoPopulationRegister().relationship(adult_code=DEMO_PARENT_CODE, child_code=child_code) == "parent"
    )


# --- the pension insurance record --------------------------------------------------------------------


def test_the_demo_pension_record_answers_from_its_test_records(settings):
    settings.PENSION_RECORD_REGISTER = "portal.registers.demo.DemoPensionRecordRegister"
    register = pension_record_register()
    assert isinstance(register, DemoPensionRecordRegister)
    assert register.pension_record(personal_code=DEMO_PENSIONER_CODE) is None
    demo_register_records(TODAY)
    assert register.pension_record(personal_code=DEMO_PENSIONER_CODE) == PensionRecord(years=27, months=4)
    PensionRecordTestRecord.objects.filter(personal_code=DEMO_PENSIONER_CODE).update(last_insured_on=TODAY)
    found = register.pension_record(personal_code=DEMO_PENSIONER_CODE)
    assert found is not None and found.last_insured_on == TODAY


def test_without_a_pension_record_connection_there_is_no_client(settings):
    settings.PENSION_RECORD_REGISTER = ""
    assert pension_record_register() is None


def test_the_demo_pensioner_has_a_valid_code():
    assert asmens.is_valid(DEMO_PENSIONER_CODE)
