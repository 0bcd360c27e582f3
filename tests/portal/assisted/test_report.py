"""Administrators' view of assisted mode: the caseworkers' activity report (per caseworker, office and
ISO week, sent applications and drafts) with its CSV export, and the read-only list of assisted
applications that never names the people helped. Caseworkers open neither."""

import csv
import datetime
import io
import zoneinfo

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission

from portal.audit.models import AuditEvent
from tests.conftest import TOTP_SECRET
from tests.factories import InstitutionFactory, OfficeFactory, UserFactory
from tests.portal.assisted.desk import case_made, case_send
from tests.portal.assisted.journey import CODE

pytestmark = pytest.mark.django_db

VILNIUS = zoneinfo.ZoneInfo("Europe/Vilnius")
REPORT = "/admin/assisted/assistedcase/report/"
CSV = "/admin/assisted/assistedcase/report/csv/"
LIST = "/admin/assisted/assistedcase/"


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in March 2026, Vilnius time (2 March is the Monday of ISO week 10)."""
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=VILNIUS)


@pytest.fixture
def two_offices(db):  # type: ignore[no-untyped-def]
    """Ana at the Vilnius office, Bronius at the Kaunas one, and what they did in weeks 10 and 11."""
    institution = InstitutionFactory(code="vlk")
    vilnius = OfficeFactory(institution=institution, code="vilnius", names={"en": "Vilnius", "lt": "Vilnius"})
    kaunas = OfficeFactory(institution=institution, code="kaunas", names={"en": "Kaunas", "lt": "Kaunas"})
    ana = UserFactory(caseworker=True, office=vilnius, first_name="Ana", last_name="Žukauskaitė")
    bronius = UserFactory(caseworker=True, office=kaunas, first_name="Bronius", last_name="Kalvaitis")
    with time_machine.travel(at(3, 10), tick=False):  # week 10
        case_made(ana, sent=True)
        case_made(ana, sent=True, procedure="ehic")
        case_made(ana)  # a draft, never sent
        case_made(bronius, sent=True)
    with time_machine.travel(at(8, 23, 30), tick=False):  # Sunday evening: still week 10 in Vilnius
        late = case_made(ana)
    with time_machine.travel(at(9, 0, 30), tick=False):  # half an hour later, Monday: week 11
        case_send(late)
        case_made(bronius)
    return ana, bronius


EXPECTED = [
    ["2026-W11", "2026-03-09", "vlk: Kaunas", "Bronius Kalvaitis", 0, 1],
    ["2026-W11", "2026-03-09", "vlk: Vilnius", "Ana Žukauskaitė", 1, 0],
    ["2026-W10", "2026-03-02", "vlk: Kaunas", "Bronius Kalvaitis", 1, 0],
    ["2026-W10", "2026-03-02", "vlk: Vilnius", "Ana Žukauskaitė", 2, 1],
]


def test_the_report_counts_sent_applications_and_drafts_per_caseworker_office_and_week(
    admin_client, two_offices, make_application
):
    make_application()  # a citizen's own online application is nobody's work at a desk
    html = admin_client.get(REPORT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = [
        [cell.strip() for cell in row.split("</td>")[:-1]]
        for row in html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    ]
    assert len(rows) == len(EXPECTED)
    for row, (week, _starts, office, caseworker, sent, drafts) in zip(rows, EXPECTED, strict=True):
        assert row[0].startswith(f"<td>{week}")
        assert row[1] == f"<td>{office}" and row[2].startswith(f"<td>{caseworker}")
        assert row[3:] == [f"<td>{sent}", f"<td>{drafts}"]
    assert 'href="/admin/assisted/assistedcase/report/csv/"' in html
    event = AuditEvent.objects.get(action="assisted.activity_report_viewed")
    assert event.details == {"rows": 4}


def test_the_csv_export_parses_back_to_the_same_numbers(admin_client, two_offices):
    ana, bronius = two_offices
    response = admin_client.get(CSV, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="caseworker-activity-')
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheet applications read UTF-8
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == [
        "Week",
        "Week starts",
        "Office",
        "Caseworker",
        "Caseworker's e-mail address",
        "Applications sent",
        "Drafts not sent",
    ]
    emails = {"Ana Žukauskaitė": ana.email, "Bronius Kalvaitis": bronius.email}
    assert rows == [
        [week, starts, office, name, emails[name], str(sent), str(drafts)]
        for week, starts, office, name, sent, drafts in EXPECTED
    ]
    assert "Ona" not in response.content.decode("utf-8-sig")  # nothing about the people helped
    assert AuditEvent.objects.filter(action="assisted.activity_report_exported").exists()


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text(admin_client):
    case_made(UserFactory(caseworker=True, first_name="=HYPERLINK(1)", last_name=""))
    rows = list(csv.reader(io.StringIO(admin_client.get(CSV).content.decode("utf-8-sig"))))
    assert rows[1][3] == "'=HYPERLINK(1)"


def _caseworker_in_admin(client, **extra):  # type: ignore[no-untyped-def]
    caseworker = UserFactory(caseworker=True, **extra)
    TOTP.activate(caseworker, TOTP_SECRET)
    client.force_login(caseworker)
    return caseworker


@pytest.mark.parametrize("url", [REPORT, CSV, LIST])
def test_a_caseworker_cannot_open_the_report_or_the_list(client, two_offices, url):
    _caseworker_in_admin(client)
    assert client.get(url, follow=True).status_code == 403


@pytest.mark.parametrize("url", [REPORT, CSV, LIST])
def test_a_caseworker_let_into_admin_and_given_the_permission_still_cannot(client, two_offices, url):
    caseworker = _caseworker_in_admin(client, is_staff=True)
    caseworker.user_permissions.add(
        Permission.objects.get(content_type__app_label="assisted", codename="view_assistedcase")
    )
    assert client.get(url).status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="assisted.activity_report").exists()


def test_the_list_shows_office_caseworker_and_procedure_but_never_the_person(admin_client, two_offices):
    html = admin_client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ona" not in html and "Petraitienė" not in html
    assert "vlk: Vilnius" in html and "European Health Insurance Card" in html
    assert 'href="/admin/assisted/assistedcase/report/"' in html
    assert "/admin/assisted/assistedcase/add/" not in html


def test_opening_an_assisted_application_in_admin_is_audited_and_changes_nothing(admin_client, two_offices):
    ana, _bronius = two_offices
    case = ana.assisted_cases.exclude(draft_id=None).first()
    html = admin_client.get(f"{LIST}{case.pk}/change/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ona Petraitienė (1956-03-12)" in html
    assert CODE not in html and "12345678" not in html  # the personal code and the document: never
    event = AuditEvent.objects.get(action="assisted.case_opened_in_admin")
    assert event.object_id == str(case.pk) and event.details == {}
    assert admin_client.post(f"{LIST}{case.pk}/change/", {}).status_code == 403
    assert admin_client.post(f"{LIST}{case.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get(f"{LIST}add/").status_code == 403
