"""The A1 request tried as an attacker and as a clumsy user would: straight to later URLs, extra fields,
tampered step names, huge numbers, odd files. No stop can be skipped, no warning lost, nothing gives a 500."""

import datetime
import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.applications.models import Application, Draft
from tests.procedures.applicable_legislation.journey import (
    ABOUT_YOU,
    EMPLOYER_ACTIVITY,
    NO_EARLIER_POSTINGS,
    PLACES,
    POSTING_START,
    after_posting,
    earlier,
    months_after,
    post_directly,
    post_step,
    posting,
    step_url,
    through_employer,
    to_check,
    wizard_key,
    work_split,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def send(client, check_url: str):  # type: ignore[no-untyped-def]
    """Tick the declaration on the check page and follow Send; returns the last response."""
    return client.get(post_step(client, check_url, "check", {"check-truthful": "on"})["Location"])


def stored_step(step: str) -> dict:
    return Draft.objects.get().answers["wizard"]["step_data"].get(step, {})


# --- stops -----------------------------------------------------------------------------------------


def test_after_a_stop_no_later_page_nor_send_can_be_reached_by_url(citizen_client):
    url = through_employer(citizen_client)
    stop = post_step(citizen_client, url, "posting", posting(replacing="yes"))["Location"]
    assert stop.endswith("/stop/replacing-a-posted-worker/")
    for later in ("employer_activity", "places", "earlier_postings", "documents", "check", "done"):
        response = citizen_client.get(step_url(url, later))
        assert (response.status_code, response["Location"]) == (302, stop), later
    for later, data in (
        ("employer_activity", EMPLOYER_ACTIVITY),
        ("places", PLACES),
        ("earlier_postings", NO_EARLIER_POSTINGS),
        ("documents", {}),
        ("check", {"check-truthful": "on"}),
    ):
        response = post_directly(citizen_client, step_url(url, later), later, data)
        assert (response.status_code, response["Location"]) == (302, stop), later
    citizen_client.get(step_url(url, "done"))
    assert not Application.objects.exists()
    # The page whose answer stops it stays open, and a changed answer lets the person go on.
    assert citizen_client.get(url).status_code == 200
    assert after_posting(citizen_client, post_step(citizen_client, url, "posting", posting())["Location"])


@pytest.mark.parametrize(
    ("stop", "answers", "extra"),
    [
        ("replacing-a-posted-worker", posting(replacing="yes"), {"zz-replacing": "no"}),
        ("wages-not-paid-here", posting(wages="no"), {"zz-wages_paid_by_employer": "yes"}),
        (
            "posting-over-24-months",
            posting(end=months_after(POSTING_START, 48) - DAY),  # four years
            {"zz-end_2": str(POSTING_START.year + 1), "posting-zz-end_2": "1"},
        ),
    ],
)
def test_extra_fields_do_not_change_what_the_rules_read(citizen_client, stop, answers, extra):
    url = through_employer(citizen_client)
    response = post_step(citizen_client, url, "posting", {**answers, **extra})
    assert response["Location"].endswith(f"/stop/{stop}/")
    assert not [key for key in stored_step("posting") if "zz" in key]  # nothing else is even kept


def test_an_earlier_posting_just_before_counts_whatever_else_is_posted(citizen_client):
    url = through_employer(citizen_client)
    twenty_three_months = posting(end=months_after(POSTING_START, 23) - DAY)
    url = after_posting(
        citizen_client, post_step(citizen_client, url, "posting", twenty_three_months)["Location"]
    )
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    one_month_before = earlier(("DE", months_after(POSTING_START, -4), POSTING_START - 30 * DAY))
    response = post_step(citizen_client, url, "earlier_postings", {**one_month_before, "zz-0-country": "FR"})
    assert response["Location"].endswith("/stop/posting-over-24-months/")
    assert citizen_client.get(step_url(url, "documents"))["Location"] == response["Location"]


def test_a_warning_cannot_be_hidden_by_an_extra_field_and_travels_with_the_application(citizen_client):
    url = through_employer(citizen_client)
    answers = {**posting(insured="no"), "zz-insured_before": "yes"}
    url = after_posting(citizen_client, post_step(citizen_client, url, "posting", answers)["Location"])
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    warnings_url = post_step(citizen_client, url, "documents", {})["Location"]
    assert warnings_url.endswith("/warnings/")
    # Jumping over the warnings page to Send leads back to it.
    check_url = step_url(warnings_url, "check")
    assert send(citizen_client, check_url).status_code == 302
    assert not Application.objects.exists()
    post_step(citizen_client, warnings_url, "warnings", {"warnings-acknowledged": "on"})
    send(citizen_client, check_url)
    assert Application.objects.get().payload["warnings"] == ["insured_less_than_one_month_before_posting"]


def test_a_confirmation_of_warnings_does_not_cover_a_warning_added_later(citizen_client):
    url = through_employer(citizen_client)
    url = after_posting(
        citizen_client, post_step(citizen_client, url, "posting", posting(insured="no"))["Location"]
    )
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    earlier_url = url
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    warnings_url = post_step(citizen_client, url, "documents", {})["Location"]
    check_url = post_step(citizen_client, warnings_url, "warnings", {"warnings-acknowledged": "on"})[
        "Location"
    ]
    # From the check page, the person adds an earlier posting to Germany that ended a month before.
    recent = earlier(("DE", months_after(POSTING_START, -3), POSTING_START - 30 * DAY))
    response = post_step(citizen_client, earlier_url + "?return=check", "earlier_postings", recent)
    assert response["Location"] == check_url
    assert "less than two months before this one" in citizen_client.get(check_url).content.decode()
    back = citizen_client.get(
        post_step(citizen_client, check_url, "check", {"check-truthful": "on"})["Location"]
    )
    assert back["Location"] == warnings_url and not Application.objects.exists()
    page = citizen_client.get(warnings_url).content.decode()
    assert "Your answers have changed since you confirmed" in page
    post_step(citizen_client, warnings_url, "warnings", {"warnings-acknowledged": "on"})
    send(citizen_client, check_url)
    assert Application.objects.get().payload["warnings"] == [
        "insured_less_than_one_month_before_posting",
        "repeat_posting_within_two_months",
    ]


# --- tampered requests -----------------------------------------------------------------------------


def test_unknown_or_foreign_step_names_get_a_bad_request_and_change_nothing(citizen_client):
    url = through_employer(citizen_client)
    key = wizard_key(citizen_client, url)
    assert citizen_client.post(url, {key: "no_such_step", **posting()}).status_code == 400
    assert citizen_client.post(url, {key: "work_split", **work_split(("LT", 50, 50))}).status_code == 400
    assert citizen_client.post(url, posting()).status_code == 400  # no step named at all
    assert citizen_client.get(step_url(url, "no_such_step")).status_code == 400
    # A step that does not apply (work split, for a posted worker) sends the person back to where they were.
    response = citizen_client.post(
        step_url(url, "work_split"), {key: "work_split", **work_split(("LT", 50, 50))}
    )
    assert response.status_code == 302 and response["Location"].endswith("/posting/")
    assert not stored_step("posting") and not stored_step("work_split")


def test_tampered_item_counts_and_buttons_give_a_message_not_an_error(citizen_client):
    url = through_employer(citizen_client)
    url = after_posting(citizen_client, post_step(citizen_client, url, "posting", posting())["Location"])
    for data in (
        {**PLACES, "places-TOTAL_FORMS": "abc", "add_another": "1"},
        {**PLACES, "places-TOTAL_FORMS": str(10**20), "add_another": "1"},
        {**PLACES, "remove_item": "x"},
        {**PLACES, "remove_item": str(10**20)},
        {**PLACES, "places-TOTAL_FORMS": str(10**20)},
    ):
        assert post_step(citizen_client, url, "places", data).status_code == 200, data


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("1", "3", "2147483648"),
        (str(10**20), "3", "2030"),
        ("1", str(10**20), "2030"),
        ("1", "3", "9" * 5000),
    ],
)
def test_huge_numbers_in_a_date_get_a_message_naming_the_question(citizen_client, day, month, year):
    url = through_employer(citizen_client)
    boxes = {"posting-start_0": day, "posting-start_1": month, "posting-start_2": year}
    response = post_step(citizen_client, url, "posting", {**posting(), **boxes})
    assert response.status_code == 200
    assert "The date the work abroad starts must be a real date" in response.content.decode()


def test_a_date_error_names_the_question_and_marks_the_wrong_box(citizen_client):
    url = through_employer(citizen_client)
    no_month = post_step(
        citizen_client, url, "posting", {**posting(), "posting-start_1": ""}
    ).content.decode()
    assert "The date the work abroad starts must include a month" in no_month
    assert 'href="#id_posting-start_1"' in no_month  # the error summary leads to the month box
    boxes = dict(re.findall(r'<input[^>]*name="posting-start_(\d)"[^>]*class="([^"]*)"', no_month))
    assert "govuk-input--error" in boxes["1"]  # the month box is marked
    assert "govuk-input--error" not in boxes["0"] + boxes["2"]  # the day and the year are not
    february = {**posting(), "posting-end_0": "30", "posting-end_1": "2"}
    assert (
        "The date the work abroad ends must be a real date"
        in post_step(citizen_client, url, "posting", february).content.decode()
    )
    short_year = {**posting(), "posting-end_2": "28"}
    assert (
        "The date the work abroad ends must include a year with 4 numbers"
        in post_step(citizen_client, url, "posting", short_year).content.decode()
    )


# --- answers checked against each other ------------------------------------------------------------


@pytest.mark.parametrize("country", ["LT", "FR"])
def test_a_place_of_work_must_be_in_the_country_of_the_posting(citizen_client, country):
    url = through_employer(citizen_client)
    url = after_posting(
        citizen_client, post_step(citizen_client, url, "posting", posting(host="DE"))["Location"]
    )
    response = post_step(citizen_client, url, "places", {**PLACES, "places-0-country": country})
    assert "A place of work must be in the country you are posted to: Germany" in response.content.decode()


def test_a_place_of_work_stops_matching_when_the_posting_changes_and_send_notices(citizen_client):
    url = through_employer(citizen_client)
    check_url = to_check(citizen_client, url)
    post_step(citizen_client, url + "?return=check", "posting", posting(host="AT"))
    response = citizen_client.get(
        post_step(citizen_client, check_url, "check", {"check-truthful": "on"})["Location"]
    )
    assert response["Location"].endswith("/places/") and not Application.objects.exists()


@pytest.mark.parametrize("typed", ["390-0621-0004", "390.0621 0004", " 3900621-0004 "])
def test_a_personal_code_with_hyphens_or_spaces_is_accepted_and_sent_compact(citizen_client, typed):
    url = through_employer(citizen_client, about_you={**ABOUT_YOU, "about_you-personal_code": typed})
    send(citizen_client, to_check(citizen_client, url))
    holder = Application.objects.get().payload["answers"]["holder"]
    assert holder["personal_code"] == "39006210004"
    assert holder["personal_numbers"][0] == {"country": "LT", "number": "39006210004", "institution": ""}


# --- what the check page and the payload say -------------------------------------------------------


def test_the_check_page_names_the_marginal_states_left_out_and_the_rule(citizen_client):
    url = through_employer(citizen_client, request_type="multi_state_employee")
    url = post_step(
        citizen_client, url, "work_split", work_split(("LT", 30, 30), ("PL", 67, 67), ("DE", 3, 3))
    )["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    check_url = post_step(citizen_client, url, "documents", {})["Location"]
    page = citizen_client.get(check_url).content.decode()
    assert "We left out Germany: less than 5% of your working time there is marginal work" in page
    assert "You do 30% of your work in Lithuania, where you live" in page
    send(citizen_client, check_url)
    answers = Application.objects.get().payload["answers"]
    assert answers["indicative_outcome"] == "LT"
    assert answers["indicative_outcome_basis"] == {
        "rule": "residence_share",
        "marginal_states_left_out": ["DE"],
    }


def test_under_a_quarter_at_home_the_employers_seat_decides_and_the_page_says_so(citizen_client):
    url = through_employer(citizen_client, request_type="multi_state_employee")
    url = post_step(citizen_client, url, "work_split", work_split(("LT", 20, 20), ("PL", 80, 80)))["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    page = citizen_client.get(post_step(citizen_client, url, "documents", {})["Location"]).content.decode()
    assert "where your employer has its registered office applies: Lithuania" in page
    assert "We left out" not in page


def test_a_repeat_posting_within_two_months_is_a_warning_for_the_institution(citizen_client):
    url = through_employer(citizen_client)
    url = after_posting(citizen_client, post_step(citizen_client, url, "posting", posting())["Location"])
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    three_months_ending_a_month_before = earlier(
        ("DE", months_after(POSTING_START, -4), POSTING_START - 30 * DAY)
    )
    warnings_url = post_step(
        citizen_client,
        post_step(citizen_client, url, "earlier_postings", three_months_ending_a_month_before)["Location"],
        "documents",
        {},
    )["Location"]
    assert warnings_url.endswith("/warnings/")
    assert (
        "ended less than two months before this one starts"
        in citizen_client.get(warnings_url).content.decode()
    )
    check_url = post_step(citizen_client, warnings_url, "warnings", {"warnings-acknowledged": "on"})[
        "Location"
    ]
    send(citizen_client, check_url)
    assert Application.objects.get().payload["warnings"] == ["repeat_posting_within_two_months"]


# --- uploads ---------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _documents_url(client) -> str:  # type: ignore[no-untyped-def]
    url = through_employer(client)
    url = after_posting(client, post_step(client, url, "posting", posting())["Location"])
    url = post_step(client, url, "places", PLACES)["Location"]
    return post_step(client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]


@pytest.mark.parametrize(
    ("name", "kept_as"),
    [("evil.html", "evil.pdf"), ('in"voice\r\n.pdf.exe', "in_voice.pdf"), ("../../etc/passwd", "passwd.pdf")],
)
def test_an_upload_is_kept_and_downloaded_with_the_extension_of_its_real_type(citizen_client, name, kept_as):
    url = _documents_url(citizen_client)
    upload = SimpleUploadedFile(name, PDF, content_type="text/html")
    check_url = post_step(citizen_client, url, "documents", {"documents-employment_contract": upload})[
        "Location"
    ]
    send(citizen_client, check_url)
    application = Application.objects.get()
    attachment = application.payload["attachments"][0]
    assert attachment["name"] == kept_as
    download = citizen_client.get(f"/applications/{application.pk}/documents/{attachment['sha256']}/")
    assert download["Content-Disposition"] == f'attachment; filename="{kept_as}"'
    assert download["Content-Type"] == "application/pdf"


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


def test_an_image_over_the_pixel_limit_is_refused_with_a_clear_message(citizen_client, settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 2_000_000
    url = _documents_url(citizen_client)
    for picture in (_png(2000, 1001), _png_claiming(100_000, 100_000)):
        upload = SimpleUploadedFile("scan.png", picture, content_type="image/png")
        response = post_step(citizen_client, url, "documents", {"documents-employment_contract": upload})
        assert response.status_code == 200
        assert "The image is too large: it can have at most 2 million pixels" in response.content.decode()
    upload = SimpleUploadedFile("scan.png", _png(1000, 1000), content_type="image/png")
    assert post_step(citizen_client, url, "documents", {"documents-employment_contract": upload})["Location"]


def test_a_damaged_image_is_refused(citizen_client):
    url = _documents_url(citizen_client)
    broken = SimpleUploadedFile("scan.png", _png(50, 50)[:60], content_type="image/png")
    response = post_step(citizen_client, url, "documents", {"documents-employment_contract": broken})
    assert "The file cannot be opened" in response.content.decode()
