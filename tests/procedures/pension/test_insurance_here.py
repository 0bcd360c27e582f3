"""Your insurance in Lithuania: the pension insurance register's record of the claimant, shown to check
when the deployment is connected to it and the claimant is known for sure (the code in her eID)."""

import pytest

from portal.registers.demo_people import DEMO_PENSIONER_CODE
from portal.registers.models import PensionRecordTestRecord
from tests.procedures.pension.journey import (
    begin,
    insurance_here,
    page_text,
    page_url,
    pensioner_signed_in,
    send,
    whole_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_record(settings):  # type: ignore[no-untyped-def]
    settings.PENSION_RECORD_REGISTER = "portal.registers.demo.DemoPensionRecordRegister"
    return PensionRecordTestRecord.objects.create(personal_code=DEMO_PENSIONER_CODE, years=27, months=4)


def test_the_register_record_is_shown_to_check_on_the_page_and_the_check_page(client, on_record):
    pensioner_signed_in(client)
    tasks = begin(client)
    page = page_text(client.get(page_url(tasks, "insured_here")))
    assert "From the pension insurance register" in page
    assert "27 years and 4 months" in page
    assert "If anything is missing" in page
    tasks = whole_claim(client)
    check = page_text(client.get(page_url(tasks, "check")))
    assert "27 years and 4 months" in check
    send(client, tasks)


def test_without_a_connection_to_the_register_the_person_tells_us(client, on_record, settings):
    settings.PENSION_RECORD_REGISTER = ""
    pensioner_signed_in(client)
    tasks = begin(client)
    page = page_text(client.get(page_url(tasks, "insured_here")))
    assert "From the pension insurance register" not in page
    assert "Have you ever worked or been insured in Lithuania?" in page
    insurance_here(client, tasks)


def test_a_person_the_register_does_not_know_sees_no_record(client, settings):
    settings.PENSION_RECORD_REGISTER = "portal.registers.demo.DemoPensionRecordRegister"
    pensioner_signed_in(client)
    page = page_text(client.get(page_url(begin(client), "insured_here")))
    assert "From the pension insurance register" not in page
