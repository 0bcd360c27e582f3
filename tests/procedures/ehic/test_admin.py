"""Administrators keep the card rules in admin: the national rules (one row, never a second nor deleted)
and the validity per category. Caseworkers cannot open them, whatever permissions they are given."""

import html

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.test import Client

from procedures.ehic import checks
from procedures.ehic.models import CardValidityRule, EhicRules
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RULES = "/admin/ehic/ehicrules/"
VALIDITY = "/admin/ehic/cardvalidityrule/"


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    """A staff member signed in with a second factor, reading English pages."""
    TOTP.activate(user, TOTP_SECRET)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(administrator) -> Client:
    return signed_in(administrator)


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.content.decode())


def validity_form(rule: CardValidityRule, **changes: object) -> dict[str, object]:
    data = {
        "category": rule.category,
        "kind": rule.kind,
        "months": rule.months or "",
        "academic_year_end_month": rule.academic_year_end_month or "",
        "academic_year_end_day": rule.academic_year_end_day or "",
    }
    return {**data, **changes}


def test_the_validity_table_lists_each_category_with_its_rule(admin_client):
    listing = page(admin_client, VALIDITY)
    for shown in (
        "Employee",
        "Pupil or student",
        "Registered unemployed",
        "Pensioner",
        "Voluntarily insured",
    ):
        assert shown in listing, shown
    assert "Until the end of the academic year" in listing
    assert "31 August" in listing  # the academic year's end, as a date


def test_an_administrator_changes_a_categorys_validity_and_the_rules_follow(admin_client):
    rule = CardValidityRule.objects.get(category="employed")
    before = checks.reference_data_version()
    response = admin_client.post(f"{VALIDITY}{rule.pk}/change/", validity_form(rule, months=24))
    assert response.status_code == 302, response
    rule.refresh_from_db()
    assert rule.months == 24
    assert checks.reference_data_version() != before  # drafts validate their answers again


def test_a_rule_must_be_complete_for_its_kind(admin_client):
    rule = CardValidityRule.objects.get(category="employed")
    no_months = admin_client.post(f"{VALIDITY}{rule.pk}/change/", validity_form(rule, months=""))
    assert "Enter the number of months the card is valid for" in html.unescape(no_months.content.decode())
    student = CardValidityRule.objects.get(category="pupil_or_student")
    no_end = admin_client.post(
        f"{VALIDITY}{student.pk}/change/", validity_form(student, academic_year_end_day="")
    )
    assert "Enter the day the academic year ends on" in html.unescape(no_end.content.decode())
    no_such_day = admin_client.post(
        f"{VALIDITY}{student.pk}/change/",
        validity_form(student, academic_year_end_month=6, academic_year_end_day=31),
    )
    assert "Enter a day that exists in that month" in html.unescape(no_such_day.content.decode())
    rule.refresh_from_db()
    student.refresh_from_db()
    assert (rule.months, student.academic_year_end_month, student.academic_year_end_day) == (48, 8, 31)


def test_an_administrator_changes_the_national_rules(admin_client):
    rules = EhicRules.objects.get()
    assert "Card rules" in page(admin_client, RULES)
    form = page(admin_client, f"{RULES}{rules.pk}/change/")
    assert "Shortest card validity (months)" in form
    data = {
        "self_filing_age": 16,
        "child_age_cap": 18,
        "minimum_validity_months": 3,
        "prc_maximum_days": 60,
        "instant_prc": "",  # unticked: every certificate waits for a decision
        "united_kingdom": "on",
        "repeat_window_days": 30,
    }
    response = admin_client.post(f"{RULES}{rules.pk}/change/", data)
    assert response.status_code == 302, response
    current = EhicRules.current()
    assert (current.minimum_validity_months, current.prc_maximum_days, current.instant_prc) == (3, 60, False)


def test_the_national_rules_are_one_row_never_added_twice_nor_deleted(admin_client):
    rules = EhicRules.objects.get()
    assert admin_client.get(f"{RULES}add/").status_code == 403
    assert admin_client.post(f"{RULES}{rules.pk}/delete/", {"post": "yes"}).status_code == 403
    assert 'href="/admin/ehic/ehicrules/add/"' not in page(admin_client, RULES)
    assert EhicRules.objects.count() == 1


def test_the_national_rules_can_be_added_when_there_are_none(admin_client):
    EhicRules.objects.all().delete()
    assert admin_client.get(f"{RULES}add/").status_code == 200


def test_caseworkers_cannot_open_the_card_rules_even_with_the_permissions(administrator):
    caseworker = UserFactory(caseworker=True, is_staff=True)
    caseworker.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="ehic", codename__regex=r"^(view|change)_")
    )
    client = signed_in(caseworker)
    rule = CardValidityRule.objects.get(category="employed")
    rules = EhicRules.objects.get()
    for path in (RULES, f"{RULES}{rules.pk}/change/", VALIDITY, f"{VALIDITY}{rule.pk}/change/"):
        assert client.get(path).status_code == 403, path
    response = client.post(f"{VALIDITY}{rule.pk}/change/", validity_form(rule, months=1))
    assert response.status_code == 403
    rule.refresh_from_db()
    assert rule.months == 48
    assert "/admin/ehic/" not in client.get("/admin/").content.decode()


def test_a_caseworker_without_admin_access_is_sent_to_sign_in():
    client = signed_in(UserFactory(caseworker=True))
    response = client.get(VALIDITY)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
