"""Answering the card application's pages with the test client, as a person would (EHIC tests)."""

import datetime
import re

from django.utils import timezone

from portal.institutions.services import institutions_load
from portal.registers.connectors import Category
from portal.registers.demo_people import DEMO_PARENT_CODE, lithuanian_code
from portal.registers.models import InsuranceTestRecord, PopulationTestRecord
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.procedures.applicable_legislation.journey import date_boxes, post_step

DAY = datetime.timedelta(days=1)
ADDRESS = {"_0": "Gedimino pr. 1", "_2": "Vilnius", "_3": "01103", "_4": "LT"}


def address(prefix: str) -> dict[str, str]:
    return {f"{prefix}{part}": value for part, value in ADDRESS.items()}


def today() -> datetime.date:
    return timezone.localdate()


def child_born(age: int) -> datetime.date:
    """A child's date of birth ``age`` years and a month ago (relative to the day the tests run)."""
    day = today() - datetime.timedelta(days=31)
    return (
        day.replace(year=day.year - age)
        if not (day.month == 2 and day.day == 29)
        else day.replace(year=day.year - age, day=28)
    )


def insured(code: str, *, category: str = Category.EMPLOYED, until: datetime.date | None = None) -> None:
    InsuranceTestRecord.objects.update_or_create(
        personal_code=code, defaults={"insured": True, "insured_until": until, "category": category}
    )


def a_child(age: int = 8, *, linked: bool = True, **insurance) -> tuple[datetime.date, str]:  # type: ignore[no-untyped-def]
    """A child of the demo parent in the registers; returns the date of birth and the personal code."""
    born = child_born(age)
    code = lithuanian_code(born, female=True, serial=456)
    insured(code, category=Category.CHILD, **insurance)
    if linked:
        PopulationTestRecord.objects.update_or_create(
            adult_code=DEMO_PARENT_CODE, child_code=code, defaults={"relationship": "parent"}
        )
    return born, code


def parent_signed_in(client):  # type: ignore[no-untyped-def]
    """The demo parent (Rūta Vaitkienė, valid Lithuanian code), signed in, reading English pages,
    insured as an employee in the demo insurance register; the institutions and offices loaded."""
    institutions_load(country="LT")  # the health insurance fund and its offices
    insured(DEMO_PARENT_CODE)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    post_acs(client, node_response(start_login(client), "lt-parent"))
    return client


def begin(client, *, earlier_details: str = "no") -> str:  # type: ignore[no-untyped-def]
    """Start an application; when the portal offers the details of an earlier one, answer the offer."""
    response = client.post("/ehic/begin/")
    assert response.status_code == 302, response
    url = response["Location"]
    first = client.get(url)
    if first.status_code == 302 and first["Location"].endswith("/your-details/"):
        chosen = client.post(first["Location"], {"use": earlier_details})
        assert chosen.status_code == 302, chosen
    return url


def step(client, url: str, name: str, data: dict | None = None) -> str:  # type: ignore[no-untyped-def]
    """Answer one page; returns where the wizard goes next (fails on a page shown again with errors)."""
    response = post_step(client, url, name, data or {})
    errors = re.findall(
        r'govuk-error-message">(?:<span[^>]*>[^<]*</span>)?\s*([^<]+)', response.content.decode()
    )
    assert response.status_code == 302, (url, errors)
    return response["Location"]


def for_me(client) -> str:  # type: ignore[no-untyped-def]
    """Start and answer the pages about the applicant herself, up to "What do you need?"."""
    url = step(client, begin(client), "for_whom", {"for_whom-for_whom": "me"})
    url = step(client, url, "about_you", {"about_you-nationality": "LT", **address("about_you-address")})
    return through_insurance(client, url)


def for_my_child(client, born: datetime.date, code: str) -> str:  # type: ignore[no-untyped-def]
    url = step(client, begin(client), "for_whom", {"for_whom-for_whom": "my_child"})
    url = step(client, url, "child", child_data(born, code))
    return through_insurance(client, url)


def child_data(born: datetime.date, code: str) -> dict[str, str]:
    return {
        "child-given_name": "Austėja",
        "child-family_name": "Vaitkutė",
        **date_boxes("child-date_of_birth", born),
        "child-personal_code": code,
        "child-nationality": "LT",
        **address("child-address"),
    }


def through_insurance(client, url: str) -> str:  # type: ignore[no-untyped-def]
    assert url.endswith("/insurance/"), url
    url = step(client, url, "insurance")
    url = step(client, url, "work_abroad", {"work_abroad-work_abroad": "no"})
    return step(client, url, "entitlement_document", {"entitlement_document-entitlement_document": "no"})


def prc(client, url: str, *, start: datetime.date, end: datetime.date, country: str = "ES") -> str:  # type: ignore[no-untyped-def]
    url = step(client, url, "request", {"request-kind": "prc"})
    stay = {"prc_stay-state_of_stay": country, "prc_stay-there_now": "no"}
    url = step(
        client,
        url,
        "prc_stay",
        {**stay, **date_boxes("prc_stay-stay_from", start), **date_boxes("prc_stay-stay_to", end)},
    )
    validity = {"prc_validity-reason": "card_not_in_time"}
    return step(
        client,
        url,
        "prc_validity",
        {
            **validity,
            **date_boxes("prc_validity-valid_from", start),
            **date_boxes("prc_validity-valid_to", end),
        },
    )


DECLARATIONS = {"check-truthful": "on", "check-liable": "on", "check-not_identity": "on"}
CONTACT = {"contact-email": "ruta@example.lt"}


def send(client, url: str) -> str:  # type: ignore[no-untyped-def]
    """Tick the declarations and send; returns the URL the person lands on (their application)."""
    done = post_step(client, url, "check", DECLARATIONS)
    assert done.status_code == 302, done
    landed = client.get(done["Location"])
    assert landed.status_code == 302, landed
    return landed["Location"]
