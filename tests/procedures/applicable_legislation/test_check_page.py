"""The A1 request's "Check your answers" page and its receipt: answers grouped into summary cards with
headings, what the eID said at the top, only what the person was asked, short labels, labelled
multi-part answers, Change links to the very field, and no "Question N of M" on the way."""

import subprocess

import pytest
from lxml import html

from portal.applications.models import Application
from portal.documents.services import document_content, receipt_render
from tests.procedures.applicable_legislation.journey import (
    ABOUT_YOU,
    BIRTH,
    CONTACT,
    EMPLOYER,
    NO_EARLIER_POSTINGS,
    NO_OTHER_NUMBERS,
    SITUATION,
    begin,
    post_step,
    through_employer,
    to_check,
    work_split,
)

pytestmark = pytest.mark.django_db

SECTIONS = [
    "About you",
    "How we contact you",
    "Your work",
    "Your employer or business",
    "Earlier postings",
    "Documents",
]


def by_class(element, name: str) -> list:  # type: ignore[no-untyped-def]
    return element.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def cards(page: str) -> dict[str, list[dict[str, str]]]:
    """Each summary card's heading -> its rows: label, value, the Change link and its hidden text."""
    tree = html.fromstring(page)
    found = {}
    for card in by_class(tree, "govuk-summary-card"):
        heading = by_class(card, "govuk-summary-card__title")[0].text_content().strip()
        rows = []
        for row in by_class(card, "govuk-summary-list__row"):
            actions = by_class(row, "govuk-summary-list__actions")
            link = [a for cell in actions for a in cell.iter("a")]
            hidden = [e for cell in actions for e in by_class(cell, "govuk-visually-hidden")]
            rows.append(
                {
                    "label": by_class(row, "govuk-summary-list__key")[0].text_content().strip(),
                    "value": by_class(row, "govuk-summary-list__value")[0].text_content().strip(),
                    "href": link[0].get("href") if link else "",
                    "hidden": hidden[0].text_content().strip() if hidden else "",
                }
            )
        found[heading] = rows
    return found


def labels(rows: list[dict[str, str]]) -> list[str]:
    return [row["label"] for row in rows]


def row(rows: list[dict[str, str]], label: str) -> dict[str, str]:
    return next(item for item in rows if item["label"] == label)


def test_the_answers_are_grouped_into_cards_with_the_eid_details_first(citizen_client):
    page = citizen_client.get(to_check(citizen_client, through_employer(citizen_client))).content.decode()
    found = cards(page)
    assert list(found) == SECTIONS
    about_you = found["About you"]
    assert labels(about_you)[:2] == ["Name", "Date of birth"]
    assert about_you[0]["href"] == "" and "From your eID" in about_you[0]["value"]
    assert row(about_you, "Lithuanian personal code")["value"] == "39006211001"
    assert row(about_you, "Other nationality")["value"] == "Not provided"
    assert row(about_you, "Personal numbers in other countries")["value"] == "None"
    assert labels(found["Your employer or business"]) == [
        "Name",
        "Country of registration",
        "Type of number",
        "Number",
        "Address",
        "A large part of its business in Lithuania",
    ]


def test_only_what_was_asked_is_shown_with_short_labels(citizen_client):
    page = citizen_client.get(to_check(citizen_client, through_employer(citizen_client))).content.decode()
    found = cards(page)
    every_label = [label for rows in found.values() for label in labels(rows)]
    assert not [label for label in every_label if "(optional)" in label or "if you have one" in label]
    # Never asked of a posted employee filing for themselves: the turnover, the work split, the exception.
    assert "Share of the turnover made in Lithuania" not in every_label
    assert "Country 1" not in every_label and "Reasons" not in every_label
    # One place of work was added: one row, no empty "Place of work 2".
    places = [item for item in found["Your work"] if item["label"].startswith("Place of work")]
    assert places == [
        {
            "label": "Place of work",
            "value": "Bau GmbH, GermanyAlexanderplatz 1, Berlin",
            "href": places[0]["href"],
            "hidden": "Place of work",
        }
    ]
    assert ">Bau GmbH, Germany<br>Alexanderplatz 1, Berlin<" in page


def test_change_links_open_the_question_at_its_field_and_name_it_as_written(citizen_client):
    check = to_check(citizen_client, through_employer(citizen_client))
    found = cards(citizen_client.get(check).content.decode())
    about_you = found["About you"]
    code = row(about_you, "Lithuanian personal code")
    assert code["href"].endswith("/about_you/?return=check#id_about_you-personal_code")
    assert code["hidden"] == "Lithuanian personal code"
    assert row(about_you, "Home address")["href"].endswith("#id_about_you-address_0")
    assert row(about_you, "Sex")["href"].endswith("/birth/?return=check#id_birth-sex_0")
    work = found["Your work"]
    assert row(work, "Start date")["href"].endswith("/posting/?return=check#id_posting-start_0")
    assert row(work, "Place of work")["href"].endswith("/places/?return=check#id_places-0-country")
    # The link's target exists on the page it opens.
    target = row(about_you, "Home address")["href"]
    opened = citizen_client.get(target.split("#")[0]).content.decode()
    assert html.fromstring(opened).get_element_by_id(target.split("#")[1]) is not None


def test_multi_part_answers_are_labelled(citizen_client):
    url = through_employer(citizen_client, request_type="multi_state_employee")
    assert url.endswith("/work_split/")
    url = post_step(citizen_client, url, "work_split", work_split(("LT", 70, 70), ("PL", 30, 30)))["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    url = post_step(citizen_client, url, "documents", {})["Location"]
    found = cards(citizen_client.get(url).content.decode())
    work = found["Your work"]
    assert row(work, "Country 1")["value"] == "Lithuania — 70% of working time, 70% of payUAB Statyba"
    assert row(work, "Country 2")["value"].startswith("Poland — 30% of working time, 30% of pay")
    assert "Start date" not in labels(work)  # the posting page was never asked


def test_no_question_page_counts_questions_and_each_names_its_section(citizen_client):
    url = begin(citizen_client)
    pages = {}
    for step, data in (
        ("about_you", ABOUT_YOU),
        ("birth", BIRTH),
        ("contact", CONTACT),
        ("other_numbers", NO_OTHER_NUMBERS),
        ("situation", SITUATION),
        ("employer", EMPLOYER),
    ):
        pages[step] = citizen_client.get(url).content.decode()
        url = post_step(citizen_client, url, step, data)["Location"]
    assert not [step for step, page in pages.items() if "Question " in page]
    captions = {
        step: by_class(html.fromstring(page), "govuk-caption-l")[0].text_content()
        for step, page in pages.items()
    }
    assert captions == {
        "about_you": "About you",
        "birth": "About you",
        "contact": "How we contact you",
        "other_numbers": "About you",
        "situation": "Your work",
        "employer": "Your employer or business",
    }


def _pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode()


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_receipt_groups_the_answers_under_the_same_headings(citizen_client, language):
    citizen_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    check = to_check(citizen_client, through_employer(citizen_client))
    done = post_step(citizen_client, check, "check", {"check-truthful": "on"})
    citizen_client.get(done["Location"], follow=True)  # Send
    application = Application.objects.get()
    assert application.language == language
    pdf = document_content(receipt_render(application_id=application.pk))
    text = " ".join(_pdf_text(pdf).split())
    headings = [section["heading"] for section in application.summary]
    if language == "en":
        assert headings == SECTIONS
    else:
        assert headings[0] == "Apie Jus" and headings[-1] == "Dokumentai"
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions), "the receipt keeps the cards' order"
    assert "39006211001" in text and "Bau GmbH" in text
    assert "(optional)" not in text and "Place of work 2" not in text
