"""A caseworker files a pension claim for a person at the desk: the same task list and sections as online,
the signed declaration instead of the online declarations, and the moment the caseworker confirms the
signature as the claim date and time (not the later moment of Send)."""

import datetime
import re
import subprocess

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from portal.applications.models import Application
from portal.applications.services import envelope_validate
from portal.assisted.models import AssistedCase
from portal.documents.models import Document
from portal.documents.services import document_content
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory
from tests.portal.assisted.journey import start_case
from tests.procedures.applicable_legislation.journey import post_step
from tests.procedures.pension import journey as pension

pytestmark = pytest.mark.django_db

TASKS = ["about_you", "claim", "insurance_here", "abroad", "age", "children", "benefits", "payment"]


@pytest.fixture
def desk(client, caseworker_with_totp):  # type: ignore[no-untyped-def]
    client.force_login(caseworker_with_totp)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def statuses(client: Client, tasks: str) -> dict[str, str]:
    """Each task's status on the task list, by the task's key."""
    page = client.get(tasks)
    assert page.status_code == 200, page
    found = re.findall(r'id="task-([a-z_]+)-status">(.*?)</div>', page.content.decode(), flags=re.S)
    return {key: " ".join(re.sub(r"<[^>]+>", " ", status).split()) for key, status in found}


def pdf_text(pdf: bytes) -> str:
    read = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    return read.stdout.decode()


def test_a_caseworker_files_a_pension_claim_and_the_signed_declaration_fixes_the_claim_date(
    desk, caseworker_with_totp, django_capture_on_commit_callbacks
):
    year = datetime.date.today().year + 1
    signed = datetime.datetime(year, 3, 10, 8, 15, tzinfo=datetime.UTC)  # 10:15 in Vilnius (UTC+02:00)
    sent = signed + datetime.timedelta(minutes=20)
    # Timestamps: the process keeps its own time zone (time-machine would set that of an aware datetime).
    with time_machine.travel((signed - datetime.timedelta(minutes=10)).timestamp(), tick=False):
        desk.force_login(caseworker_with_totp)  # signed in that day (a staff session ends when idle)
        tasks = start_case(desk, "pension")
        assert re.fullmatch(r"/assisted/[0-9a-f-]+/pension/[0-9a-f-]+/tasks/", tasks), tasks
        page = desk.get(tasks).content.decode()
        assert "You are applying for Ona Petraitienė" in page
        assert statuses(desk, tasks) == {
            **dict.fromkeys(TASKS, "Not started"),
            "age": "Cannot start yet",
        }
        check = pension.page_url(tasks, "check")
        assert desk.get(check)["Location"] == tasks  # nothing completed: no check page yet

        pension.about_you(desk, tasks)
        pension.claim(desk, tasks)
        pension.insurance_here(desk, tasks)
        pension.abroad(desk, tasks)
        assert statuses(desk, tasks)["age"] == "Not started"  # its four tasks are completed
        pension.the_rest(desk, tasks)
        assert statuses(desk, tasks) == dict.fromkeys(TASKS, "Completed")
        assert f'href="{check}"' in desk.get(tasks).content.decode()

        # The check page is the signed declaration's: print it, have it signed, confirm it.
        case = AssistedCase.objects.get()
        page = desk.get(check)
        assert page.status_code == 200
        shown = page.content.decode()
        assert "has signed the printed declaration" in shown
        assert f"/assisted/{case.pk}/declaration/" in shown
        assert 'name="check-truthful"' not in shown and 'name="check-forward"' not in shown
        refused = post_step(desk, check, "check", {})
        assert refused.status_code == 200 and "confirm that it is signed" in refused.content.decode()
    with time_machine.travel(signed.timestamp(), tick=False):
        confirmed = post_step(desk, check, "check", {"check-signed": "on"})
        assert confirmed.status_code == 302, pension.errors_on(confirmed)
    with time_machine.travel(sent.timestamp(), tick=False), django_capture_on_commit_callbacks(execute=True):
        landed = desk.get(confirmed["Location"])  # Send, twenty minutes after the confirmation
    assert landed.status_code == 302 and landed["Location"] == f"/assisted/{case.pk}/handover/", landed

    application = Application.objects.get(procedure="pension")
    envelope = application.payload
    envelope_validate(envelope)
    assert envelope["channel"] == "assisted" and application.channel == "assisted"
    assert envelope["filed_by"]["role"] == "caseworker"
    assert envelope["filed_by"]["caseworker"] == str(caseworker_with_totp.pk)
    assert envelope["applicant"]["given_name"] == "Ona"
    assert envelope["answers"]["states"] == ["LT", "PL", "DE"]
    assert envelope["assisted"]["declaration_signed_at"] == f"{year}-03-10T10:15:00+02:00"
    assert datetime.datetime.fromisoformat(envelope["submitted_at"]) == sent

    # The receipt (in the person's language, Lithuanian) gives the confirmation's moment, not Send's.
    receipt = Document.objects.get(application=application, kind=Document.Kind.RECEIPT)
    lines = pdf_text(document_content(receipt)).splitlines()
    with translation.override("lt"):
        claim_label, received_label = gettext("Claim date and time"), gettext("Received")
    assert lines[lines.index(claim_label) + 1] == f"{year} m. kovo 10 d. 10:15 (UTC+02:00)"
    assert lines[lines.index(received_label) + 1] == f"{year} m. kovo 10 d. 10:35"  # Send: not the claim


def test_another_offices_caseworker_cannot_open_the_claims_task_list(desk):
    tasks = start_case(desk, "pension")
    pension.about_you(desk, tasks)
    assert desk.get(tasks).status_code == 200
    elsewhere = UserFactory(caseworker=True)  # another office
    TOTP.activate(elsewhere, TOTP_SECRET)
    desk.force_login(elsewhere)
    assert desk.get(tasks).status_code == 404
    assert desk.get(pension.page_url(tasks, "birth")).status_code == 404


def test_at_the_desk_the_persons_details_say_where_they_come_from(desk):
    """The caseworker took the names and date of birth from the person's document: the first page and the
    check page say so, never "From your eID"."""
    tasks = start_case(desk, "pension")
    page = desk.get(pension.page_url(tasks, "about_you")).content.decode()
    assert "From the identity document you checked" in page
    assert "From your eID" not in page
