"""Administrators keep the pension rules in admin: the settings (one row, never a second nor deleted) and
the pension age per state. A row that contradicts itself or another is refused with a plain message;
caseworkers cannot open the rules, whatever permissions they are given."""

import datetime
import html

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.test import Client

from procedures.pension.models import PensionAgeRule, PensionSettings
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = "/admin/pension/pensionsettings/"
AGES = "/admin/pension/pensionagerule/"
D = datetime.date


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


def age_form(rule: PensionAgeRule, **changes: object) -> dict[str, object]:
    data = {
        "state": rule.state,
        "sex": rule.sex,
        "born_from": rule.born_from or "",
        "born_to": rule.born_to or "",
        "years": rule.years,
        "months": rule.months,
        "early_years": "" if rule.early_years is None else rule.early_years,
        "early_months": "" if rule.early_months is None else rule.early_months,
        "reached_on": rule.reached_on or "",
        "note": rule.note,
    }
    return {**data, **changes}


def posted(client: Client, path: str, data: dict[str, object]) -> str:
    return html.unescape(client.post(path, data).content.decode())


def test_the_age_table_lists_each_row_with_its_ages(admin_client):
    listing = page(admin_client, f"{AGES}?state__exact=LT&sex__exact=female")
    assert "64 y 8 m" in listing and "59 y 8 m" in listing  # the age and the early age of 2025
    assert "born 1960-09-01 to 1961-04-30" in listing
    assert "born on or before 1951-12-31" in listing


def test_an_administrator_changes_a_row(admin_client):
    rule = PensionAgeRule.objects.get(state="LT", sex="female", born_from=D(1960, 9, 1))
    response = admin_client.post(f"{AGES}{rule.pk}/change/", age_form(rule, note="Checked with Sodra."))
    assert response.status_code == 302, response
    rule.refresh_from_db()
    assert rule.note == "Checked with Sodra."


def test_an_early_age_without_months_means_whole_years(admin_client):
    rule = PensionAgeRule.objects.get(state="DE", born_from=D(1964, 1, 1))
    response = admin_client.post(f"{AGES}{rule.pk}/change/", age_form(rule, early_years=63))
    assert response.status_code == 302, response
    rule.refresh_from_db()
    assert (rule.early_years, rule.early_months) == (63, 0)


def test_a_row_that_contradicts_itself_is_refused(admin_client):
    rule = PensionAgeRule.objects.get(state="LT", sex="female", born_from=D(1960, 9, 1))
    change = f"{AGES}{rule.pk}/change/"
    backwards = posted(admin_client, change, age_form(rule, born_to=D(1960, 8, 1)))
    assert "Enter a date the same as or after the earliest date of birth" in backwards
    too_old = posted(admin_client, change, age_form(rule, early_years=65, early_months=0))
    assert "The early pension age must be lower than the pension age" in too_old
    no_years = posted(admin_client, change, age_form(rule, early_years="", early_months=4))
    assert "Enter the years of the early pension age" in no_years
    rule.refresh_from_db()
    assert (rule.born_to, rule.early_years, rule.early_months) == (D(1961, 4, 30), 59, 8)


def test_a_row_covering_people_another_row_covers_is_refused(admin_client):
    rule = PensionAgeRule.objects.get(state="LT", sex="female", born_from=D(1960, 9, 1))
    overlapping = posted(admin_client, f"{AGES}{rule.pk}/change/", age_form(rule, born_from=D(1960, 8, 31)))
    assert "Another row already gives an age to some of these people" in overlapping
    added = posted(
        admin_client,
        f"{AGES}add/",
        {"state": "LT", "sex": "male", "born_from": "1970-01-01", "years": 66, "months": 0},
    )
    assert "Another row already gives an age to some of these people" not in added  # "" covers both: allowed
    assert PensionAgeRule.objects.filter(state="LT", sex="male", born_from=D(1970, 1, 1)).exists()
    twice = posted(
        admin_client,
        f"{AGES}add/",
        {"state": "LT", "sex": "male", "born_to": "1970-06-30", "years": 66, "months": 0},
    )
    assert "Another row already gives an age to some of these people" in twice


def test_an_administrator_changes_the_settings(admin_client):
    settings = PensionSettings.objects.get()
    form = page(admin_client, f"{SETTINGS}{settings.pk}/change/")
    assert "Months before the pension age a claim may start" in form
    data = {
        "advance_window_months": 6,
        "minimum_period_age": 16,
        "united_kingdom": "",  # unticked
        "bilateral_states": ["CA", "UA"],
        "pre_retirement_scheme": "",
    }
    response = admin_client.post(f"{SETTINGS}{settings.pk}/change/", data)
    assert response.status_code == 302, response
    current = PensionSettings.current()
    assert (current.advance_window_months, current.minimum_period_age, current.united_kingdom) == (
        6,
        16,
        False,
    )
    assert [str(country) for country in current.bilateral_states] == ["CA", "UA"]


def test_the_settings_are_one_row_never_added_twice_nor_deleted(admin_client):
    settings = PensionSettings.objects.get()
    assert admin_client.get(f"{SETTINGS}add/").status_code == 403
    assert admin_client.post(f"{SETTINGS}{settings.pk}/delete/", {"post": "yes"}).status_code == 403
    assert PensionSettings.objects.count() == 1


def test_caseworkers_cannot_open_the_pension_rules_even_with_the_permissions():
    caseworker = UserFactory(caseworker=True, is_staff=True)
    caseworker.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="pension", codename__regex=r"^(view|change)_")
    )
    client = signed_in(caseworker)
    rule = PensionAgeRule.objects.filter(state="LT").first()
    assert rule is not None
    settings = PensionSettings.objects.get()
    for path in (SETTINGS, f"{SETTINGS}{settings.pk}/change/", AGES, f"{AGES}{rule.pk}/change/"):
        assert client.get(path).status_code == 403, path
    response = client.post(f"{AGES}{rule.pk}/change/", age_form(rule, years=50))
    assert response.status_code == 403
    rule.refresh_from_db()
    assert rule.years != 50
