"""Administrators keep the demo registers' test records in admin; caseworkers cannot open them, whatever
permissions they are given."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission

from portal.registers.demo_people import DEMO_PARENT_CODE
from portal.registers.models import InsuranceTestRecord, PopulationTestRecord
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INSURANCE = "/admin/registers/insurancetestrecord/"
POPULATION = "/admin/registers/populationtestrecord/"


def test_an_administrator_adds_and_changes_an_insurance_test_record(admin_client):
    response = admin_client.post(
        f"{INSURANCE}add/",
        {"personal_code": DEMO_PARENT_CODE, "insured": "on", "category": "employed", "note": "Demo parent"},
    )
    assert response.status_code == 302, response
    record = InsuranceTestRecord.objects.get()
    response = admin_client.post(
        f"{INSURANCE}{record.pk}/change/",
        {"personal_code": DEMO_PARENT_CODE, "insured_until": "2027-03-31", "category": "employed"},
    )
    assert response.status_code == 302, response
    record.refresh_from_db()
    assert (record.insured, str(record.insured_until)) == (False, "2027-03-31")
    listing = admin_client.get(f"{INSURANCE}?q={DEMO_PARENT_CODE}").content.decode()
    assert DEMO_PARENT_CODE in listing


def test_an_administrator_links_a_parent_and_a_child(admin_client):
    response = admin_client.post(
        f"{POPULATION}add/",
        {"adult_code": DEMO_PARENT_CODE, "child_code": "61903274568", "relationship": "parent"},
    )
    assert response.status_code == 302, response
    assert PopulationTestRecord.objects.get().relationship == "parent"


def test_caseworkers_cannot_open_the_test_records_even_with_the_permissions(client):
    record = InsuranceTestRecord.objects.create(personal_code=DEMO_PARENT_CODE)
    caseworker = UserFactory(caseworker=True, is_staff=True)
    caseworker.user_permissions.add(*Permission.objects.filter(content_type__app_label="registers"))
    TOTP.activate(caseworker, TOTP_SECRET)
    client.force_login(caseworker)
    for path in (INSURANCE, f"{INSURANCE}add/", f"{INSURANCE}{record.pk}/change/", POPULATION):
        assert client.get(path).status_code == 403, path
    assert client.post(f"{INSURANCE}{record.pk}/delete/", {"post": "yes"}).status_code == 403
    assert InsuranceTestRecord.objects.filter(pk=record.pk).exists()
