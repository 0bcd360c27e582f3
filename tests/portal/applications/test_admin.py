"""Administrators read applications in admin: a list with filters and search, a detail page with the
timeline, deliveries, documents and notifications. Read-only, administrators only, every opening audited."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission

from portal.applications.models import Application
from portal.audit.models import AuditEvent
from tests.conftest import TOTP_SECRET
from tests.factories import OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the pipeline runs on commit, as in production

LIST = "/admin/applications/application/"


def _page(client, path: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_list_filters_by_procedure_status_channel_office_and_delivery_state(
    admin_client, make_application
):
    application = make_application(email="jonas@example.lt")  # delivered to the file drop: received
    office = OfficeFactory()

    listing = _page(admin_client, LIST)
    assert application.reference in listing
    assert "Find out which country" in listing  # the procedure's name, not its slug
    shown = {
        "procedure=applicable-legislation": True,
        "procedure=ehic": False,
        "status__exact=received": True,
        "status__exact=granted": False,
        "channel__exact=online": True,
        "channel__exact=assisted": False,
        "delivery=delivered": True,
        "delivery=dead": False,
        f"office={office.pk}": False,
    }
    for query, expected in shown.items():
        assert (application.reference in _page(admin_client, f"{LIST}?{query}")) is expected, query


def test_search_finds_an_application_by_reference_or_by_the_applicants_personal_code(
    admin_client, make_application
):
    application = make_application(email="jonas@example.lt")
    assert application.reference in _page(admin_client, f"{LIST}?q={application.reference.lower()}")
    assert application.reference in _page(admin_client, f"{LIST}?q=38703181745")
    assert application.reference not in _page(admin_client, f"{LIST}?q=A1-2")  # exact, not a prefix
    # Searches for people are audited (the personal code, and "A1-2", which is no reference); one that
    # found a reference is not.
    searches = AuditEvent.objects.filter(action="accounts.citizen_searched")
    assert sorted(event.details["found"] for event in searches) == [0, 1]


def test_the_detail_shows_the_timeline_deliveries_documents_and_notifications_and_is_audited(
    admin_client, make_application
):
    application = make_application(email="jonas@example.lt")
    receipt = application.documents.get(kind="receipt")
    path = f"{LIST}{application.pk}/change/"

    page = _page(admin_client, path)
    for expected in [
        application.reference,
        "Jonas Kazlauskas",  # the person the application is for
        "Ona Petraitienė",  # the citizen account that sent it, by name
        "Received by the institution",  # the timeline
        "filedrop",  # the delivery's connector
        "Delivered",
        receipt.number,  # the documents
        "Email",  # the notifications
    ]:
        assert expected in page, expected
    assert 'name="_save"' not in page  # nothing to change

    _page(admin_client, path)
    opened = AuditEvent.objects.filter(action="applications.opened_in_admin", object_id=str(application.pk))
    assert opened.count() == 2
    assert {event.actor_label for event in opened} == {f"staff:{opened[0].actor.username}"}


def test_applications_cannot_be_added_changed_or_deleted_in_admin(admin_client, make_application):
    application = make_application(email="jonas@example.lt")
    assert admin_client.get(f"{LIST}add/").status_code == 403
    change = admin_client.post(f"{LIST}{application.pk}/change/", {"status": "granted"})
    assert change.status_code == 403
    assert admin_client.post(f"{LIST}{application.pk}/delete/", {"post": "yes"}).status_code == 403
    application.refresh_from_db()
    assert application.status == "received"


def test_caseworkers_cannot_read_applications_in_admin_even_with_the_permission(client, make_application):
    application = make_application(email="jonas@example.lt")
    caseworker = UserFactory(caseworker=True, is_staff=True)
    caseworker.user_permissions.add(
        Permission.objects.get(content_type__app_label="applications", codename="view_application")
    )
    TOTP.activate(caseworker, TOTP_SECRET)
    client.force_login(caseworker)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{application.pk}/change/").status_code == 403
    assert not Application.objects.filter(pk=application.pk, status="granted").exists()
    assert not AuditEvent.objects.filter(action="applications.opened_in_admin").exists()
