"""A1 journeys through the wizard with the test client (the browser journeys are in tests/browser)."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client

from portal.applications.models import Application, Draft
from portal.applications.services import envelope_validate
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.procedures.applicable_legislation.journey import (
    ABOUT_YOU,
    BIRTH,
    CONTACT,
    EMPLOYER,
    NO_EARLIER_POSTINGS,
    NO_OTHER_NUMBERS,
    PLACES,
    POSTING_START,
    SITUATION,
    after_posting,
    begin,
    date_boxes,
    earlier,
    months_after,
    post_step,
    posting,
    through_employer,
    to_check,
    work_split,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_a_posted_employee_sends_an_a1_request(citizen_client):
    url = begin(citizen_client)
    url = post_step(citizen_client, url, "about_you", ABOUT_YOU)["Location"]
    assert url.endswith("/birth/")
    url = post_step(citizen_client, url, "birth", BIRTH)["Location"]
    assert url.endswith("/contact/")
    url = post_step(citizen_client, url, "contact", CONTACT)["Location"]
    assert url.endswith("/other_numbers/")
    numbers = {**NO_OTHER_NUMBERS, "other_numbers-0-country": "PL", "other_numbers-0-number": "4405-1401-359"}
    url = post_step(citizen_client, url, "other_numbers", numbers)["Location"]
    assert url.endswith("/situation/")
    url = post_step(citizen_client, url, "situation", SITUATION)["Location"]
    url = post_step(citizen_client, url, "employer", EMPLOYER)["Location"]
    assert url.endswith("/posting/")
    url = to_check(citizen_client, url)
    assert url.endswith("/check/")
    page = citizen_client.get(url).content.decode()
    assert "UAB Statyba" in page and "Change" in page and "Send your application" in page
    done = post_step(citizen_client, url, "check", {"check-truthful": "on"})
    final = citizen_client.get(done["Location"], follow=True)
    application = Application.objects.get()
    assert application.reference in final.content.decode()
    assert application.payload["sed_hints"] == ["A009"]
    assert application.payload["answers"]["holder"]["personal_code"] == "39006211001"
    assert application.payload["answers"]["holder"]["personal_numbers"] == [
        {"country": "LT", "number": "39006211001", "institution": ""},
        {"country": "PL", "number": "44051401359", "institution": ""},
    ]
    assert application.payload["answers"]["places_of_work"] == [
        {"country": "DE", "company": "Bau GmbH", "address": "Alexanderplatz 1, Berlin"}
    ]
    envelope_validate(application.payload)
    assert not Draft.objects.exists()


def test_a_posting_of_25_months_leads_to_the_exception_offer(citizen_client):
    url = through_employer(citizen_client)
    response = post_step(citizen_client, url, "posting", posting(end=months_after(POSTING_START, 25) - DAY))
    assert "/stop/posting-over-24-months/" in response["Location"]
    page = citizen_client.get(response["Location"]).content.decode()
    assert "Ask for an exception instead" in page


def test_replacing_a_posted_worker_leads_to_the_eligibility_page(citizen_client):
    url = through_employer(citizen_client)
    response = post_step(citizen_client, url, "posting", posting(replacing="yes"))
    assert "/stop/replacing-a-posted-worker/" in response["Location"]


def test_an_invalid_lithuanian_personal_code_gets_a_clear_message(citizen_client):
    url = begin(citizen_client)
    response = post_step(
        citizen_client, url, "about_you", {**ABOUT_YOU, "about_you-personal_code": "39006211002"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real Lithuanian personal code" in html and "<title>Error:" in html


def test_a_personal_code_must_match_the_date_of_birth(citizen_client):
    url = begin(citizen_client)
    response = post_step(
        citizen_client, url, "about_you", {**ABOUT_YOU, "about_you-personal_code": "45802151009"}
    )
    assert "does not match your date of birth" in response.content.decode()


def test_answers_are_saved_per_step_and_unreadable_in_the_database(citizen_client):
    url = begin(citizen_client)
    post_step(citizen_client, url, "about_you", ABOUT_YOU)
    draft = Draft.objects.get()
    assert draft.answers["wizard"]["step_data"]["about_you"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM applications_draft")
        assert "Gedimino" not in cursor.fetchone()[0]


def test_another_citizen_cannot_open_a_draft_or_an_application(citizen_client, client):
    url = begin(citizen_client)
    other = Client()
    post_acs(other, node_response(start_login(other), "pl-worker"))
    assert other.get(url).status_code == 404


def test_a_multi_state_worker_sends_a_request_with_the_split_of_work(citizen_client):
    url = through_employer(citizen_client, request_type="multi_state_employee")
    assert url.endswith("/work_split/")
    url = post_step(citizen_client, url, "work_split", work_split(("LT", 40, 35), ("PL", 60, 65)))["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    url = post_step(citizen_client, url, "documents", {})["Location"]
    page = citizen_client.get(url).content.decode()
    assert "likely to apply to you: Lithuania" in page and "This is not a decision" in page
    done = post_step(citizen_client, url, "check", {"check-truthful": "on"})
    citizen_client.get(done["Location"])
    application = Application.objects.get()
    assert application.payload["sed_hints"] == ["A003"]
    assert application.payload["answers"]["work_split"] == [
        {"country": "LT", "employers": "UAB Statyba", "working_time": 40, "pay": 35},
        {"country": "PL", "employers": "UAB Statyba", "working_time": 60, "pay": 65},
    ]
    assert application.payload["answers"]["indicative_outcome"] == "LT"
    envelope_validate(application.payload)


def test_changing_an_answer_from_check_your_answers_returns_there(citizen_client):
    url = through_employer(citizen_client)
    check_url = to_check(citizen_client, url)
    change_url = url.replace("/posting/", "/employer/") + "?return=check"
    assert change_url.split("?")[0] in citizen_client.get(check_url).content.decode()
    response = post_step(citizen_client, change_url, "employer", {**EMPLOYER, "employer-name": "UAB Nauja"})
    assert response["Location"] == check_url
    assert "UAB Nauja" in citizen_client.get(check_url).content.decode()


def test_the_application_shows_in_your_applications_and_only_to_you(citizen_client):
    url = through_employer(citizen_client)
    url = to_check(citizen_client, url)
    confirmation = citizen_client.get(
        post_step(citizen_client, url, "check", {"check-truthful": "on"})["Location"]
    )
    application = Application.objects.get()
    assert confirmation["Location"] == f"/applications/{application.pk}/"
    assert application.reference in citizen_client.get("/applications/").content.decode()
    # Reloading the confirmation works; another citizen gets "not found" for it and for the draft URL.
    assert citizen_client.get(f"/applications/{application.pk}/").status_code == 200
    other = Client()
    post_acs(other, node_response(start_login(other), "pl-worker"))
    assert other.get(f"/applications/{application.pk}/").status_code == 404
    assert other.get(url).status_code == 404


def test_sending_twice_gives_one_application(citizen_client):
    url = through_employer(citizen_client)
    url = to_check(citizen_client, url)
    done_url = post_step(citizen_client, url, "check", {"check-truthful": "on"})["Location"]
    first = citizen_client.get(done_url)
    second = citizen_client.get(done_url)  # the back button, a second tab, a double click
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1


def test_a_draft_can_be_resumed_after_logging_in_again_and_deleted(citizen_client):
    url = begin(citizen_client)
    post_step(citizen_client, url, "about_you", ABOUT_YOU)
    citizen_client.post("/eidas/logout/")
    again = Client(HTTP_ACCEPT_LANGUAGE="en")
    post_acs(again, node_response(start_login(again), "lt-worker"))
    listing = again.get("/applications/").content.decode()
    assert url.replace("/about_you/", "/birth/") in listing
    page = again.get(url)
    assert 'value="Gedimino pr. 1"' in page.content.decode()
    draft = Draft.objects.get()
    again.post(f"/applications/drafts/{draft.pk}/delete/")
    assert not Draft.objects.exists()


def test_each_wizard_page_needs_few_queries(citizen_client, django_assert_max_num_queries):
    url = begin(citizen_client)
    with django_assert_max_num_queries(10):
        citizen_client.get(url)
    management = re.search(r'name="([a-z_]+-current_step)"', citizen_client.get(url).content.decode()).group(
        1
    )
    with django_assert_max_num_queries(10):
        response = citizen_client.post(url, {management: "about_you", **ABOUT_YOU})
    assert response.status_code == 302


def test_places_of_work_can_be_added_and_removed_without_javascript(citizen_client):
    url = through_employer(citizen_client)
    url = after_posting(citizen_client, post_step(citizen_client, url, "posting", posting())["Location"])
    page = post_step(citizen_client, url, "places", {**PLACES, "add_another": "1"})
    html = page.content.decode()
    assert 'name="places-1-country"' in html and "Bau GmbH" in html  # a second item, nothing lost
    two = {**PLACES, "places-TOTAL_FORMS": "2", "places-1-country": "AT", "places-1-company": "Wien AG"}
    page = post_step(citizen_client, url, "places", {**two, "remove_item": "0"})
    html = page.content.decode()
    assert 'name="places-1-country"' not in html and "Wien AG" in html and "Bau GmbH" not in html
    # At least one place of work is needed; with no item at all the error leads to "Add another".
    empty = post_step(citizen_client, url, "places", {"places-TOTAL_FORMS": "0", "places-INITIAL_FORMS": "0"})
    assert '<a href="#places-add">Add at least one place of work</a>' in empty.content.decode()


def test_queries_per_page_do_not_grow_with_the_number_of_items(citizen_client, django_assert_max_num_queries):
    url = through_employer(citizen_client)
    url = after_posting(citizen_client, post_step(citizen_client, url, "posting", posting())["Location"])
    many = {"places-TOTAL_FORMS": "9", "places-INITIAL_FORMS": "0"}
    for number in range(9):
        many.update({f"places-{number}-country": "DE", f"places-{number}-company": f"Firma {number}"})
    management = re.search(r'name="([a-z_]+-current_step)"', citizen_client.get(url).content.decode()).group(
        1
    )
    with django_assert_max_num_queries(10):
        response = citizen_client.post(url, {management: "places", **many})
    assert response.status_code == 302
    with django_assert_max_num_queries(10):
        citizen_client.get(url)


def test_a_soft_rule_warns_on_the_check_page_and_travels_with_the_application(citizen_client):
    url = through_employer(citizen_client)
    url = after_posting(
        citizen_client, post_step(citizen_client, url, "posting", posting(insured="no"))["Location"]
    )
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    warnings_url = post_step(citizen_client, url, "documents", {})["Location"]
    assert warnings_url.endswith("/warnings/")  # a page to acknowledge the warning comes first
    page = citizen_client.get(warnings_url).content.decode()
    assert (
        "less than a month before the work abroad" in page and "You can still send your application" in page
    )
    refused = post_step(citizen_client, warnings_url, "warnings", {})
    assert "Confirm that you want to send your application" in refused.content.decode()
    check_url = post_step(citizen_client, warnings_url, "warnings", {"warnings-acknowledged": "on"})[
        "Location"
    ]
    assert check_url.endswith("/check/")
    assert "less than a month before the work abroad" in citizen_client.get(check_url).content.decode()
    citizen_client.get(post_step(citizen_client, check_url, "check", {"check-truthful": "on"})["Location"])
    assert Application.objects.get().payload["warnings"] == ["insured_less_than_one_month_before_posting"]


def test_a_self_employed_posting_asks_when_the_activity_started(citizen_client):
    url = through_employer(citizen_client, request_type="posted_self_employed")
    assert url.endswith("/self_employed/")
    url = post_step(
        citizen_client,
        url,
        "self_employed",
        date_boxes("self_employed-since", POSTING_START - datetime.timedelta(days=14)),
    )["Location"]
    url = post_step(citizen_client, url, "posting", posting())["Location"]
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    warnings_url = post_step(citizen_client, url, "documents", {})["Location"]
    assert "less than two months before the work abroad" in citizen_client.get(warnings_url).content.decode()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _documents_page(client) -> str:  # type: ignore[no-untyped-def]
    url = through_employer(client)
    url = after_posting(client, post_step(client, url, "posting", posting())["Location"])
    url = post_step(client, url, "places", PLACES)["Location"]
    return post_step(client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]


def test_a_pdf_contract_is_attached_with_its_checksum(citizen_client, settings):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    url = _documents_page(citizen_client)
    upload = SimpleUploadedFile(
        "contract.pdf", PDF, content_type="text/plain"
    )  # the browser's word is ignored
    check_url = post_step(citizen_client, url, "documents", {"documents-employment_contract": upload})[
        "Location"
    ]
    assert "contract.pdf" in citizen_client.get(check_url).content.decode()
    waiting = [path for path in (settings.MEDIA_ROOT / "uploads-in-progress").rglob("*") if path.is_file()]
    assert waiting and all(b"%PDF" not in path.read_bytes() for path in waiting)  # encrypted on disk
    citizen_client.get(post_step(citizen_client, check_url, "check", {"check-truthful": "on"})["Location"])
    attachment = Application.objects.get().payload["attachments"][0]
    assert attachment == {
        "name": "contract.pdf",
        "sha256": hashlib.sha256(PDF).hexdigest(),
        "content_type": "application/pdf",
    }
    assert not [path for path in (settings.MEDIA_ROOT / "uploads-in-progress").rglob("*") if path.is_file()]
    stored = [path for path in (settings.MEDIA_ROOT / "documents").rglob("*") if path.is_file()]
    assert len(stored) == 1 and b"%PDF" not in stored[0].read_bytes()


def test_a_file_that_is_not_a_pdf_or_image_is_refused_whatever_its_name(citizen_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = _documents_page(citizen_client)
    disguised = SimpleUploadedFile(
        "contract.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf"
    )
    response = post_step(citizen_client, url, "documents", {"documents-employment_contract": disguised})
    assert response.status_code == 200
    assert "The file must be a PDF, JPG or PNG" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(citizen_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    url = _documents_page(citizen_client)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (1024 * 1024), content_type="application/pdf")
    response = post_step(citizen_client, url, "documents", {"documents-employment_contract": big})
    assert "The file must be smaller than 1 MB" in response.content.decode()


def test_a_personal_number_of_another_country_is_checked_with_that_countrys_rules(citizen_client):
    url = begin(citizen_client)
    url = post_step(citizen_client, url, "about_you", ABOUT_YOU)["Location"]
    url = post_step(citizen_client, url, "birth", BIRTH)["Location"]
    url = post_step(citizen_client, url, "contact", CONTACT)["Location"]
    wrong = {**NO_OTHER_NUMBERS, "other_numbers-0-country": "PL", "other_numbers-0-number": "44051401358"}
    response = post_step(citizen_client, url, "other_numbers", wrong)
    assert "Enter a real personal number of that country" in response.content.decode()


def test_a_mariner_is_asked_about_the_ship(citizen_client):
    url = through_employer(citizen_client, request_type="mariner")
    assert url.endswith("/special_case/")
    special = {"special_case-vessel": "MS Baltic", "special_case-flag_state": "LT"}
    url = post_step(citizen_client, url, "special_case", special)["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    check_url = post_step(citizen_client, url, "documents", {})["Location"]
    citizen_client.get(post_step(citizen_client, check_url, "check", {"check-truthful": "on"})["Location"])
    payload = Application.objects.get().payload
    assert payload["answers"]["special_case"]["vessel"] == "MS Baltic"
    assert payload["sed_hints"] == []
    envelope_validate(payload)


def test_after_the_24_month_stop_the_person_can_ask_for_an_exception(citizen_client):
    url = through_employer(citizen_client)
    stop = post_step(citizen_client, url, "posting", posting(end=months_after(POSTING_START, 25) - DAY))[
        "Location"
    ]
    alternative = re.search(r'href="([^"]+/situation/)"', citizen_client.get(stop).content.decode()).group(1)
    url = post_step(
        citizen_client, alternative, "situation", {**SITUATION, "situation-request_type": "exception"}
    )["Location"]
    url = post_step(citizen_client, url, "employer", EMPLOYER)["Location"]
    assert url.endswith("/exception_request/")
    end = months_after(POSTING_START, 25) - DAY
    exception = {
        **date_boxes("exception_request-start", POSTING_START),
        **date_boxes("exception_request-end", end),
    }
    exception.update(
        {
            "exception_request-host_country": "DE",
            "exception_request-reasons": "The bridge project lasts 25 months.",
        }
    )
    url = post_step(citizen_client, url, "exception_request", exception)["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    check_url = post_step(citizen_client, url, "documents", {})["Location"]
    citizen_client.get(post_step(citizen_client, check_url, "check", {"check-truthful": "on"})["Location"])
    payload = Application.objects.get().payload
    assert payload["sed_hints"] == ["A001"]
    assert payload["answers"]["period"] == {"start": POSTING_START.isoformat(), "end": end.isoformat()}
    assert "posting" not in payload["answers"]  # the abandoned posting answers are not sent
    envelope_validate(payload)


def test_a_period_that_ends_before_it_starts_is_refused(citizen_client):
    url = through_employer(citizen_client)
    response = post_step(
        citizen_client, url, "posting", posting(end=POSTING_START - datetime.timedelta(days=28))
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()
    url = after_posting(citizen_client, post_step(citizen_client, url, "posting", posting())["Location"])
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    dates = {"start_0": "1", "start_1": "6", "start_2": "2025", "end_0": "1", "end_1": "5", "end_2": "2025"}
    earlier = {f"earlier_postings-0-{key}": value for key, value in dates.items()}
    earlier.update(
        {
            "earlier_postings-TOTAL_FORMS": "1",
            "earlier_postings-INITIAL_FORMS": "0",
            "earlier_postings-0-country": "DE",
        }
    )
    response = post_step(citizen_client, url, "earlier_postings", earlier)
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_a_repeat_posting_within_two_months_counts_towards_the_24_months(citizen_client):
    url = through_employer(citizen_client)
    # 14 months now, after 13 months that ended six weeks before: 27 months in all.
    url = after_posting(
        citizen_client,
        post_step(citizen_client, url, "posting", posting(end=months_after(POSTING_START, 14) - DAY))[
            "Location"
        ],
    )
    before = (months_after(POSTING_START, -13), POSTING_START - datetime.timedelta(days=42))
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    response = post_step(citizen_client, url, "earlier_postings", earlier(("DE", *before)))
    assert "/stop/posting-over-24-months/" in response["Location"]
    # The same earlier posting to another country does not count.
    response = post_step(citizen_client, url, "earlier_postings", earlier(("FR", *before)))
    assert response["Location"].endswith("/documents/")


def test_overlapping_earlier_postings_in_one_country_are_refused(citizen_client):
    url = through_employer(citizen_client)
    url = after_posting(citizen_client, post_step(citizen_client, url, "posting", posting())["Location"])
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    overlapping = earlier(
        ("DE", datetime.date(2024, 1, 1), datetime.date(2024, 6, 30)),
        ("DE", datetime.date(2024, 6, 1), datetime.date(2024, 12, 31)),
    )
    response = post_step(citizen_client, url, "earlier_postings", overlapping)
    assert response.status_code == 200
    assert "Earlier posting 1 and Earlier posting 2 overlap" in response.content.decode()


def test_the_work_abroad_must_be_in_another_country(citizen_client):
    url = through_employer(citizen_client)
    response = post_step(citizen_client, url, "posting", {**posting(), "posting-host_country": "LT"})
    assert "not Lithuania" in response.content.decode()


def test_an_employer_representative_gives_the_turnover_share_and_a_low_one_is_flagged(citizen_client):
    url = post_step(citizen_client, begin(citizen_client), "about_you", ABOUT_YOU)["Location"]
    url = post_step(citizen_client, url, "birth", BIRTH)["Location"]
    url = post_step(citizen_client, url, "contact", {"contact-post_only": "on"})["Location"]
    url = post_step(citizen_client, url, "other_numbers", NO_OTHER_NUMBERS)["Location"]
    situation = {**SITUATION, "situation-filing_for": "employer_representative"}
    url = post_step(citizen_client, url, "situation", situation)["Location"]
    url = post_step(citizen_client, url, "employer", EMPLOYER)["Location"]
    url = post_step(citizen_client, url, "posting", posting())["Location"]
    assert url.endswith("/employer_turnover/")
    url = post_step(citizen_client, url, "employer_turnover", {"employer_turnover-turnover_share": "20 %"})[
        "Location"
    ]
    url = post_step(citizen_client, url, "places", PLACES)["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    warnings_url = post_step(citizen_client, url, "documents", {})["Location"]
    assert "less than a quarter of its turnover" in citizen_client.get(warnings_url).content.decode()
    check_url = post_step(citizen_client, warnings_url, "warnings", {"warnings-acknowledged": "on"})[
        "Location"
    ]
    citizen_client.get(post_step(citizen_client, check_url, "check", {"check-truthful": "on"})["Location"])
    payload = Application.objects.get().payload
    assert payload["filed_by"] == {"role": "employer_representative"}
    assert payload["answers"]["employer_substantial_activity"] == {"turnover_share_percent": 20}
    assert payload["warnings"] == ["employer_turnover_below_a_quarter"]
    envelope_validate(payload)


def test_shares_of_work_that_do_not_add_up_are_refused(citizen_client):
    url = through_employer(citizen_client, request_type="multi_state_self_employed")
    url = post_step(
        citizen_client,
        url,
        "self_employed",
        {"self_employed-since_0": "1", "self_employed-since_1": "1", "self_employed-since_2": "2020"},
    )["Location"]
    assert url.endswith("/work_split/")
    response = post_step(citizen_client, url, "work_split", work_split(("LT", 40, 50), ("PL", 40, 50)))
    assert "The shares of your working time add up to 80%" in response.content.decode()
    response = post_step(citizen_client, url, "work_split", work_split(("PL", 50, 50), ("PL", 50, 50)))
    assert "Add each country once" in response.content.decode()
    url = post_step(
        citizen_client, url, "work_split", work_split(("LT", 10, 10), ("PL", 45, 45), ("DE", 45, 45))
    )["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    check_url = post_step(citizen_client, url, "documents", {})["Location"]
    assert (
        "the institution has to weigh your whole situation" in citizen_client.get(check_url).content.decode()
    )


def test_a_vat_number_is_checked_with_its_check_digits(citizen_client):
    url = post_step(citizen_client, begin(citizen_client), "about_you", ABOUT_YOU)["Location"]
    url = post_step(citizen_client, url, "birth", BIRTH)["Location"]
    url = post_step(citizen_client, url, "contact", CONTACT)["Location"]
    url = post_step(citizen_client, url, "other_numbers", NO_OTHER_NUMBERS)["Location"]
    url = post_step(citizen_client, url, "situation", SITUATION)["Location"]
    vat = {**EMPLOYER, "employer-registration_type": "vat", "employer-registration_number": "LT 100001919018"}
    assert "Enter a real VAT number" in post_step(citizen_client, url, "employer", vat).content.decode()
    vat["employer-registration_number"] = "lt 100001919017"
    assert post_step(citizen_client, url, "employer", vat)["Location"].endswith("/posting/")
