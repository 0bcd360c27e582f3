"""The print room's queue in admin: letters waiting to be printed and posted, for administrators only.

The letters of a card application filed at an office for a person without e-mail are listed (by office,
oldest first), downloaded (audited) and marked "printed and posted" (who and when, audited), which takes
them off the queue. A caseworker opens neither the queue nor a letter, even given the permissions.
"""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from portal.applications.services import application_transition
from portal.applications.states import Status
from portal.audit.models import AuditEvent
from portal.institutions.models import Office
from portal.notifications.models import Notification
from tests.portal.assisted.journey import start_case
from tests.portal.notifications.test_assisted_letters import file_card_application

pytestmark = pytest.mark.django_db

QUEUE = "/admin/notifications/lettertoprint/"


def letter_url(letter: Notification) -> str:
    return f"/admin/notifications/notification/{letter.pk}/letter/"


@pytest.fixture
def letters(caseworker_with_totp, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Ona's card application filed at the caseworker's office: letters for "received" and "in review"."""
    desk = Client(headers={"Accept-Language": "en"})
    desk.force_login(caseworker_with_totp)
    application = file_card_application(desk, start_case(desk, "ehic"), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, to_status=Status.IN_REVIEW)
    made = list(Notification.objects.filter(application=application).order_by("created_at"))
    assert [letter.status for letter in made] == [Notification.Status.TO_PRINT] * 2
    return made


def test_administrators_print_the_letters_and_mark_them_posted(admin_client, administrator, letters):
    received, in_review = letters
    reference = received.application.reference
    office = received.application.filed_by.office

    queue = admin_client.get(QUEUE)
    assert queue.status_code == 200
    page = queue.content.decode()
    assert page.count(letter_url(received)) == 1 and page.count(letter_url(in_review)) == 1
    assert reference in page and str(office) in page
    # By office: the caseworker's lists both; "sent online" and another office none.
    other = Office.objects.exclude(pk=office.pk).first()
    assert letter_url(received) in admin_client.get(f"{QUEUE}?office={office.pk}").content.decode()
    assert reference not in admin_client.get(f"{QUEUE}?office=online").content.decode()
    assert other is not None  # the institutions' offices are loaded
    assert reference not in admin_client.get(f"{QUEUE}?office={other.pk}").content.decode()

    download = admin_client.get(letter_url(received))
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")
    assert "no-store" in download["Cache-Control"]
    downloaded = AuditEvent.objects.get(action="notifications.letter_downloaded")
    assert downloaded.actor == administrator
    assert downloaded.details == {"notification": str(received.pk)}

    done = admin_client.post(QUEUE, {"action": "mark_printed", "_selected_action": [str(received.pk)]})
    assert done.status_code == 302
    received.refresh_from_db()
    assert received.status == Notification.Status.PRINTED
    assert received.printed_by == administrator and received.sent_at is not None
    printed = AuditEvent.objects.get(action="notifications.letter_printed")
    assert printed.actor == administrator and printed.object_id == str(received.application_id)
    assert printed.details == {"notification": str(received.pk), "status": Status.RECEIVED}
    # It leaves the queue; the other letter waits.
    page = admin_client.get(QUEUE).content.decode()
    assert letter_url(received) not in page and letter_url(in_review) in page
    # Marking it again changes nothing and audits nothing.
    admin_client.post(QUEUE, {"action": "mark_printed", "_selected_action": [str(received.pk)]})
    assert AuditEvent.objects.filter(action="notifications.letter_printed").count() == 1


@pytest.mark.parametrize("given_permissions", [False, True])
def test_a_caseworker_opens_neither_the_queue_nor_a_letter(
    client, caseworker_with_totp, letters, given_permissions
):
    if given_permissions:  # a mistake in admin: staff status and every permission on notifications
        caseworker_with_totp.is_staff = True
        caseworker_with_totp.save(update_fields=["is_staff"])
        caseworker_with_totp.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="notifications")
        )
    client.force_login(caseworker_with_totp)
    received = letters[0]

    for url in (QUEUE, letter_url(received), "/admin/notifications/notification/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert received.application.reference.encode() not in response.content
        assert not response.content.startswith(b"%PDF-")
    client.post(QUEUE, {"action": "mark_printed", "_selected_action": [str(received.pk)]})
    received.refresh_from_db()
    assert received.status == Notification.Status.TO_PRINT
    assert not AuditEvent.objects.filter(
        action__in=["notifications.letter_downloaded", "notifications.letter_printed"]
    ).exists()
