"""The card application's rules as a person meets them in the wizard: errors on the page, stop pages that
explain what to do instead, and stops that no URL, no POST and no Send can get around."""

import datetime
import html
import re
from collections.abc import Callable

import pytest
from django.utils import translation

from portal.applications.models import Application
from portal.registers.demo_people import DEMO_PARENT_CODE, lithuanian_code
from portal.registers.models import InsuranceTestRecord
from procedures.ehic.flow import FLOW
from procedures.ehic.models import EhicRules
from procedures.engine.summary import date_display
from tests.procedures.applicable_legislation.journey import date_boxes, post_step, step_url
from tests.procedures.ehic.journey import (
    CONTACT,
    DAY,
    DECLARATIONS,
    a_child,
    address,
    begin,
    child_born,
    child_data,
    for_me,
    insured,
    send,
    step,
    today,
)

pytestmark = pytest.mark.django_db

WORK_ABROAD = "work_abroad-work_abroad"
DOCUMENT = "entitlement_document-entitlement_document"


def text(response) -> str:  # type: ignore[no-untyped-def]
    """The page as a person reads it (entities such as &#x27; turned back into characters)."""
    assert response.status_code == 200, response
    return html.unescape(response.content.decode())


def stop_of(response) -> str:  # type: ignore[no-untyped-def]
    """The key of the stop page a response sends the person to."""
    assert response.status_code == 302, response
    found = re.search(r"/stop/([a-z0-9-]+)/$", response["Location"])
    assert found, response["Location"]
    return found.group(1)


def stay(country: str, start: datetime.date, end: datetime.date) -> dict[str, str]:
    return {
        "prc_stay-state_of_stay": country,
        "prc_stay-there_now": "no",
        **date_boxes("prc_stay-stay_from", start),
        **date_boxes("prc_stay-stay_to", end),
    }


def validity(start: datetime.date, end: datetime.date) -> dict[str, str]:
    return {
        "prc_validity-reason": "card_not_in_time",
        **date_boxes("prc_validity-valid_from", start),
        **date_boxes("prc_validity-valid_to", end),
    }


def about_me(client) -> str:  # type: ignore[no-untyped-def]
    """Start an application for myself and answer "About you"; returns the insurance page's URL."""
    url = step(client, begin(client), "for_whom", {"for_whom-for_whom": "me"})
    return step(client, url, "about_you", {"about_you-nationality": "LT", **address("about_you-address")})


def about_my_child(client, born: datetime.date, code: str):  # type: ignore[no-untyped-def]
    """Start an application for my child; returns the child page's URL and the response to its answers."""
    url = step(client, begin(client), "for_whom", {"for_whom-for_whom": "my_child"})
    return url, post_step(client, url, "child", child_data(born, code))


# --- the certificate's validity and the insurance end ----------------------------------------------


def test_a_certificate_ending_the_day_after_the_insurance_ends_is_refused_on_the_page(parent_client):
    insured_until = today() + 10 * DAY
    insured(DEMO_PARENT_CODE, until=insured_until)
    url = step(parent_client, for_me(parent_client), "request", {"request-kind": "prc"})
    url = step(parent_client, url, "prc_stay", stay("ES", today() + DAY, today() + 20 * DAY))

    refused = post_step(parent_client, url, "prc_validity", validity(today() + DAY, insured_until + DAY))
    with translation.override("en"):
        message = f"The certificate cannot be valid after the insurance ends on {date_display(insured_until)}"
    assert message in text(refused)
    assert "govuk-error-summary" in text(refused)

    accepted = post_step(parent_client, url, "prc_validity", validity(today() + DAY, insured_until))
    assert accepted.status_code == 302
    assert accepted["Location"].endswith("/delivery/")


def test_a_certificate_outside_the_stay_or_too_long_is_refused_on_the_page(parent_client):
    EhicRules.objects.update(prc_maximum_days=10)
    url = step(parent_client, for_me(parent_client), "request", {"request-kind": "prc"})
    url = step(parent_client, url, "prc_stay", stay("ES", today() + DAY, today() + 30 * DAY))
    outside = post_step(parent_client, url, "prc_validity", validity(today(), today() + 5 * DAY))
    assert "The certificate must be valid only within the dates of the stay" in text(outside)
    too_long = post_step(parent_client, url, "prc_validity", validity(today() + DAY, today() + 11 * DAY))
    assert "The certificate can be valid for at most 10 days" in text(too_long)
    assert step(parent_client, url, "prc_validity", validity(today() + DAY, today() + 10 * DAY))


# --- the child ---------------------------------------------------------------------------------------


def test_a_child_of_18_gets_the_stop_page_and_a_child_of_17_goes_on(parent_client):
    born, code = a_child(18)
    url, response = about_my_child(parent_client, born, code)
    assert stop_of(response) == "child-over-age-cap"
    page = text(parent_client.get(response["Location"]))
    assert "Adults apply for their own card" in page
    assert f'href="{step_url(url, "child")}"' in page  # the date of birth can be corrected

    born, code = a_child(17)
    _url, response = about_my_child(parent_client, born, code)
    assert response["Location"].endswith("/insurance/")


def test_a_childs_personal_code_that_does_not_match_the_date_of_birth_is_refused_on_the_page(parent_client):
    born = child_born(8)
    someone_else = lithuanian_code(born - DAY, female=True, serial=456)
    _url, response = about_my_child(parent_client, born, someone_else)
    assert "The personal code does not match the child's date of birth" in text(response)


# --- insurance ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "register",
    [
        lambda: InsuranceTestRecord.objects.filter(personal_code=DEMO_PARENT_CODE).update(insured=False),
        lambda: InsuranceTestRecord.objects.filter(personal_code=DEMO_PARENT_CODE).delete(),
        lambda: insured(DEMO_PARENT_CODE, until=today() - DAY),  # the insurance ended yesterday
    ],
    ids=["not-insured", "not-in-the-register", "insurance-ended"],
)
def test_a_person_the_register_does_not_know_as_insured_gets_the_stop_page(parent_client, register):
    register()
    url = about_me(parent_client)
    assert "Not insured" in text(parent_client.get(url))
    response = post_step(parent_client, url, "insurance", {})
    assert stop_of(response) == "not-insured"
    page = text(parent_client.get(response["Location"]))
    assert "The card is only for people with health insurance in Lithuania" in page
    assert "how to become insured" in page


def test_without_an_insurance_register_the_question_is_asked_and_the_answer_flagged(parent_client, settings):
    settings.INSURANCE_REGISTER = ""
    url = about_me(parent_client)
    assert "Are you covered by compulsory health insurance in Lithuania?" in text(parent_client.get(url))
    url = step(
        parent_client, url, "insurance", {"insurance-insured": "yes", "insurance-category": "employed"}
    )
    url = step(parent_client, url, "work_abroad", {WORK_ABROAD: "no"})
    url = step(parent_client, url, "entitlement_document", {DOCUMENT: "no"})
    url = step(parent_client, url, "request", {"request-kind": "first_card"})
    url = step(parent_client, url, "delivery", {"delivery-method": "office"})
    url = step(parent_client, url, "delivery_office", {"delivery_office-office": "vilnius"})
    url = step(parent_client, url, "contact", CONTACT)
    assert url.endswith("/warnings/")
    assert "We could not check the health insurance in the register" in text(parent_client.get(url))
    url = step(parent_client, url, "warnings", {"warnings-acknowledged": "on"})
    send(parent_client, url)
    envelope = Application.objects.get().payload
    assert "insurance_declared" in envelope["warnings"]
    assert envelope["answers"]["insurance"]["source"] == "declared"


def test_declaring_no_insurance_without_a_register_stops_too(parent_client, settings):
    settings.INSURANCE_REGISTER = ""
    response = post_step(parent_client, about_me(parent_client), "insurance", {"insurance-insured": "no"})
    assert stop_of(response) == "not-insured"


def test_an_unverified_child_never_has_their_register_data_shown(parent_client):
    insured_until = today() + 400 * DAY
    with translation.override("en"):
        shown_until = date_display(insured_until)
    born, code = a_child(8, linked=False, until=insured_until)  # no population register record
    url, response = about_my_child(parent_client, born, code)
    assert response["Location"].endswith("/insurance/")
    page = text(parent_client.get(response["Location"]))
    assert "Is the child covered by compulsory health insurance in Lithuania?" in page
    assert shown_until not in page
    assert "From the health insurance register" not in page
    assert "Insured until" not in page

    # The same child, once the register confirms the link, has the register's data shown instead.
    a_child(8, linked=True, until=insured_until)
    response = post_step(parent_client, url, "child", child_data(born, code))
    page = text(parent_client.get(response["Location"]))
    assert shown_until in page
    assert "From the health insurance register" in page
    assert "Is the child covered by compulsory health insurance in Lithuania?" not in page


# --- which country covers the person -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("work_abroad", "document"),
    [
        ("without_lithuanian_a1", None),
        ("no", "from_another_state"),
        ("with_lithuanian_a1", "from_another_state"),
    ],
)
def test_a_person_another_country_covers_gets_the_stop_page(parent_client, work_abroad, document):
    url = step(parent_client, about_me(parent_client), "insurance")
    response = post_step(parent_client, url, "work_abroad", {WORK_ABROAD: work_abroad})
    if document is not None:
        response = post_step(
            parent_client, response["Location"], "entitlement_document", {DOCUMENT: document}
        )
    assert stop_of(response) == "covered-elsewhere"
    assert "Another country issues your card" in text(parent_client.get(response["Location"]))


def test_a_posted_worker_with_a_lithuanian_a1_and_a_lithuanian_s1_is_not_stopped(parent_client):
    url = step(parent_client, about_me(parent_client), "insurance")
    url = step(parent_client, url, "work_abroad", {WORK_ABROAD: "with_lithuanian_a1"})
    url = step(parent_client, url, "entitlement_document", {DOCUMENT: "from_lithuania"})
    assert url.endswith("/request/")


# --- where the certificate is for -------------------------------------------------------------------


def test_a_stay_outside_the_area_gets_the_travel_insurance_stop_page(parent_client):
    url = step(parent_client, for_me(parent_client), "request", {"request-kind": "prc"})
    response = post_step(parent_client, url, "prc_stay", stay("US", today() + DAY, today() + 10 * DAY))
    assert stop_of(response) == "stay-outside-the-area"
    page = text(parent_client.get(response["Location"]))
    assert "take out travel insurance" in page
    assert f'href="{url}"' in page  # change the country


def test_a_certificate_for_a_stay_in_lithuania_is_not_needed(parent_client):
    url = step(parent_client, for_me(parent_client), "request", {"request-kind": "prc"})
    response = post_step(parent_client, url, "prc_stay", stay("LT", today() + DAY, today() + 10 * DAY))
    assert stop_of(response) == "stay-in-this-country"
    page = text(parent_client.get(response["Location"]))
    assert "You do not need a certificate for care in Lithuania" in page
    assert f'href="{url}"' in page  # change the country


def test_a_stay_in_the_united_kingdom_is_covered_unless_the_rules_say_otherwise(parent_client):
    url = step(parent_client, for_me(parent_client), "request", {"request-kind": "prc"})
    assert step(parent_client, url, "prc_stay", stay("GB", today() + DAY, today() + 10 * DAY)).endswith(
        "/prc_validity/"
    )
    EhicRules.objects.update(united_kingdom=False)
    response = post_step(parent_client, url, "prc_stay", stay("GB", today() + DAY, today() + 10 * DAY))
    assert stop_of(response) == "stay-outside-the-area"


# --- a card that would be valid too briefly -----------------------------------------------------------


def test_a_card_valid_too_briefly_stops_and_offers_a_certificate(parent_client):
    insured(DEMO_PARENT_CODE, until=today() + 30 * DAY)
    url = for_me(parent_client)
    response = post_step(parent_client, url, "request", {"request-kind": "first_card"})
    assert stop_of(response) == "card-valid-too-briefly"
    page = text(parent_client.get(response["Location"]))
    assert "Ask for a provisional certificate instead" in page
    assert f'href="{url}"' in page
    # The alternative: the same page, a certificate this time.
    assert parent_client.get(url).status_code == 200
    assert step(parent_client, url, "request", {"request-kind": "prc"}).endswith("/prc_stay/")


# --- no stop can be skipped ------------------------------------------------------------------------


def _not_insured(client) -> str:  # type: ignore[no-untyped-def]
    InsuranceTestRecord.objects.filter(personal_code=DEMO_PARENT_CODE).update(insured=False)
    url = about_me(client)
    assert stop_of(post_step(client, url, "insurance", {})) == "not-insured"
    return url


def _child_over_age_cap(client) -> str:  # type: ignore[no-untyped-def]
    url, response = about_my_child(client, *a_child(18))
    assert stop_of(response) == "child-over-age-cap"
    return url


def _covered_elsewhere(client) -> str:  # type: ignore[no-untyped-def]
    url = step(client, about_me(client), "insurance")
    assert stop_of(post_step(client, url, "work_abroad", {WORK_ABROAD: "without_lithuanian_a1"}))
    return url


def _stay_outside_the_area(client) -> str:  # type: ignore[no-untyped-def]
    url = step(client, for_me(client), "request", {"request-kind": "prc"})
    assert stop_of(post_step(client, url, "prc_stay", stay("US", today() + DAY, today() + 10 * DAY)))
    return url


def _card_valid_too_briefly(client) -> str:  # type: ignore[no-untyped-def]
    insured(DEMO_PARENT_CODE, until=today() + 30 * DAY)
    url = for_me(client)
    assert stop_of(post_step(client, url, "request", {"request-kind": "first_card"}))
    return url


# Valid answers for every page, so that nothing but the stop can refuse them.
VALID = {
    "about_you": {"about_you-nationality": "LT", **address("about_you-address")},
    "insurance": {},
    "work_abroad": {WORK_ABROAD: "no"},
    "entitlement_document": {DOCUMENT: "no"},
    "residence_status": {"residence_status-status": "refugee"},
    "request": {"request-kind": "first_card"},
    "replacement": {"replacement-reason": "lost"},
    "prc_stay": stay("ES", today() + DAY, today() + 10 * DAY),
    "prc_validity": validity(today() + DAY, today() + 10 * DAY),
    "delivery": {"delivery-method": "post"},
    "delivery_office": {"delivery_office-office": "vilnius"},
    "delivery_address": address("delivery_address-address"),
    "contact": CONTACT,
    "warnings": {"warnings-acknowledged": "on"},
    "check": DECLARATIONS,
}


@pytest.mark.parametrize(
    ("stopped", "stop"),
    [
        (_not_insured, "not-insured"),
        (_child_over_age_cap, "child-over-age-cap"),
        (_covered_elsewhere, "covered-elsewhere"),
        (_stay_outside_the_area, "stay-outside-the-area"),
        (_card_valid_too_briefly, "card-valid-too-briefly"),
    ],
)
def test_after_a_stop_no_later_page_nor_send_can_be_reached(
    parent_client, stopped: Callable[..., str], stop: str
):
    url = stopped(parent_client)
    stopping_step = url.rstrip("/").rsplit("/", 1)[1]
    stop_page = re.sub(r"/[a-z_]+/$", f"/stop/{stop}/", url)
    names = [item.name for item in FLOW.all_steps]
    later = names[names.index(stopping_step) + 1 :]
    assert later
    key = re.search(r'name="([a-z_]+-current_step)"', text(parent_client.get(url)))
    assert key, "the page whose answer stops it stays open"
    for name in [*later, "done"]:
        response = parent_client.get(step_url(url, name))
        assert (response.status_code, response["Location"]) == (302, stop_page), name
    for name in later:
        response = parent_client.post(step_url(url, name), {key.group(1): name, **VALID.get(name, {})})
        assert (response.status_code, response["Location"]) == (302, stop_page), name
    # Send itself is no step: a POST to it is refused as a tampered form; nothing is sent either way.
    done = parent_client.post(step_url(url, "done"), {key.group(1): "check", **DECLARATIONS})
    assert done.status_code == 400
    assert not Application.objects.exists()
    assert parent_client.get(stop_page).status_code == 200
