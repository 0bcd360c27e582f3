"""Institutions and offices in the reader's language: names, office addresses and opening hours from
the reference data, editable per language in the admin, and shown on the contact page and wherever an
application names its institution."""

import pytest
from django.core.management import call_command

from portal.applications.models import Application
from portal.applications.services import application_transition
from portal.applications.states import Status
from portal.institutions.models import Institution, Office
from tests.factories import InstitutionFactory
from tests.portal.test_documents_storage import sign_in

pytestmark = pytest.mark.django_db

BOARD_LT = "Valstybinio socialinio draudimo fondo valdyba (Sodra)"
BOARD_EN = "State Social Insurance Fund Board (Sodra)"


def test_the_reference_data_gives_every_office_a_name_address_and_opening_hours_in_both_languages():
    call_command("load_institutions", "--country", "LT", stdout=None)
    offices = list(Office.objects.select_related("institution"))
    assert len(offices) >= 5
    for office in offices:
        assert set(office.names) == set(office.hours) == {"lt", "en"}, office.code
        assert office.address and office.address not in {"Vilnius", "Kaunas", "Klaipėda"}, office.code
    for institution in Institution.objects.all():
        assert set(institution.names) == {"lt", "en"}
    vlk = Office.objects.get(institution__code="vlk", code="vilnius")
    assert vlk.address == "Europos a. 1, LT-03505 Vilnius"


def test_loading_again_updates_what_an_administrator_changed():
    call_command("load_institutions", "--country", "LT", stdout=None)
    Office.objects.filter(code="vilnius", institution__code="vlk").update(address="Old street 1", hours={})
    call_command("load_institutions", "--country", "LT", stdout=None)
    office = Office.objects.get(code="vilnius", institution__code="vlk")
    assert office.address == "Europos a. 1, LT-03505 Vilnius"
    assert office.hours["en"].startswith("Monday to Thursday")


@pytest.mark.parametrize(
    ("language", "name", "hours", "other_language_name"),
    [
        (
            "lt",
            "VLK klientų aptarnavimo skyrius Vilniuje",
            "ketvirtadieniais 8.00",
            "VLK customer service",
        ),
        ("en", "VLK customer service, Vilnius", "Monday to Thursday, 8am to 5pm", "aptarnavimo skyrius"),
    ],
)
def test_the_contact_page_lists_each_office_with_its_address_and_opening_hours(
    client, language, name, hours, other_language_name
):
    call_command("load_institutions", "--country", "LT", stdout=None)
    html = client.get("/contact/", headers={"Accept-Language": language}).content.decode()
    assert f'<html lang="{language}"' in html
    office = html.split(f">{name}</h3>", 1)[1].split("</dl>", 1)[0]
    assert "Europos a. 1, LT-03505 Vilnius" in office
    assert hours in office
    assert other_language_name not in html
    assert "Vilnius, Vilnius" not in html


def test_an_administrator_edits_an_office_in_a_box_per_language(admin_client):
    institution = InstitutionFactory(code="sodra")
    form_page = admin_client.get(
        "/admin/institutions/office/add/", headers={"Accept-Language": "en"}
    ).content.decode()
    assert 'name="names_0"' in form_page and 'name="names_1"' in form_page
    assert 'name="hours_0"' in form_page and ">English:</label>" in form_page
    response = admin_client.post(
        "/admin/institutions/office/add/",
        {
            "institution": institution.pk,
            "code": "alytus",
            "names_0": "Sodros Alytaus skyrius",
            "names_1": "Sodra Alytus office",
            "address": "Naujoji g. 1, Alytus",
            "hours_0": "Pirmadieniais 8.00 - 17.00",
            "hours_1": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    office = Office.objects.get(code="alytus")
    assert office.names == {"lt": "Sodros Alytaus skyrius", "en": "Sodra Alytus office"}
    assert office.hours == {"lt": "Pirmadieniais 8.00 - 17.00"}


def test_a_name_is_needed_in_every_language(admin_client):
    institution = InstitutionFactory(code="sodra")
    response = admin_client.post(
        "/admin/institutions/office/add/",
        {"institution": institution.pk, "code": "alytus", "names_0": "Sodros Alytaus skyrius", "names_1": ""},
    )
    assert response.status_code == 200
    assert not Office.objects.filter(code="alytus").exists()


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"), [("lt", BOARD_LT, BOARD_EN), ("en", BOARD_EN, BOARD_LT)]
)
def test_the_application_page_names_the_institution_in_the_readers_language(
    client, citizen, make_application, language, shown, not_shown
):
    """The application keeps the name it was sent with (in the language of that day); pages name the
    institution as it is now, in the reader's language."""
    InstitutionFactory(code="sodra", names={"lt": BOARD_LT, "en": BOARD_EN})
    application = make_application()
    payload = {
        **application.payload,
        "competent_institution": {"country": "LT", "id": "sodra", "name": not_shown},
    }
    Application.objects.filter(pk=application.pk).update(payload=payload)
    application.refresh_from_db()
    application_transition(application=application, to_status=Status.RECEIVED)
    html = (
        sign_in(client, citizen)
        .get(f"/applications/{application.pk}/", headers={"Accept-Language": language})
        .content.decode()
    )
    assert shown in html
    assert not_shown not in html
