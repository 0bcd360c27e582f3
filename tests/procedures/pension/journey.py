"""Answering the pension claim's pages with the test client, as a person would (pension tests).

The demo pensioner (Ona Petraitienė, born 15 February 1958, her Lithuanian code in her eID) is past
pension age in every table, so the claims below can be sent whatever the day the tests run."""

import datetime
import html
import re
import uuid
from typing import Any

from django.test import Client
from django.utils import timezone

from portal.applications.models import Application
from portal.eidas.constants import LOA_SUBSTANTIAL
from portal.eidas.demo_node import idp
from portal.eidas.demo_node.identities import DemoIdentity
from portal.institutions.services import institutions_load
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.procedures.applicable_legislation.journey import date_boxes, post_step

PENSIONER_BORN = datetime.date(1958, 2, 15)
ADDRESS = {"_0": "Gedimino pr. 1", "_2": "Vilnius", "_3": "01103", "_4": "LT"}


def today() -> datetime.date:
    return timezone.localdate()


def pensioner_signed_in(client: Client, language: str = "en") -> Client:
    institutions_load(country="LT")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    post_acs(client, node_response(start_login(client), "lt-pensioner"))
    return client


def begin(client: Client) -> str:
    """Start a claim: the task list's URL."""
    response = client.post("/pension/begin/")
    assert response.status_code == 302, response
    url = response["Location"]
    assert url.endswith("/tasks/"), url
    return url


def page_url(url: str, page: str) -> str:
    """Another page of the same draft."""
    return re.sub(r"/[a-z_]+/(\?.*)?$", f"/{page}/", url)


def errors_on(response: Any) -> list[str]:
    return re.findall(
        r'govuk-error-message">(?:<span[^>]*>[^<]*</span>)?\s*([^<]+)', response.content.decode()
    )


def step(client: Client, url: str, name: str, data: dict[str, str] | None = None) -> str:
    """Answer one page; returns where the wizard goes next (fails on a page shown again with errors)."""
    response = post_step(client, page_url(url, name), name, data or {})
    assert response.status_code == 302, (name, errors_on(response))
    return str(response["Location"])


def done(client: Client, url: str, task: str, completed: str = "yes") -> str:
    return step(client, url, f"{task}_done", {f"{task}_done-completed": completed})


def items(prefix: str, rows: list[dict[str, str]]) -> dict[str, str]:
    """The inputs of a repeatable page with ``rows`` filled in."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def period(
    country: str, start: datetime.date, end: datetime.date | None, kind: str = "employed"
) -> dict[str, str]:
    row = {"country": country, "kind": kind, **date_boxes("start", start)}
    if end is not None:
        row.update(date_boxes("end", end))
    return row


ABOUT_YOU = {
    "about_you-nationality": "LT",
    "about_you-marital_status": "widowed",
    **{f"about_you-address{part}": value for part, value in ADDRESS.items()},
}
BIRTH = {"birth-sex": "female", "birth-birth_town": "Kaunas", "birth-birth_country": "LT"}
CONTACT = {"contact-email": "ona@example.lt"}
PAYMENT = {"payment-holder": "PETRAITIENE ONA", "payment-iban": "lt12 1000 0111 0100 1000"}
# Periods in Poland and Germany while the claimant was 25 to 40 (relative to her birth, not today).
POLAND = period("PL", datetime.date(1983, 3, 1), datetime.date(1990, 5, 31))
GERMANY = period("DE", datetime.date(1990, 6, 1), datetime.date(1998, 12, 31), "self_employed")


def about_you(client: Client, tasks: str, *, foreign: list[dict[str, str]] | None = None) -> str:
    url = step(client, tasks, "about_you", ABOUT_YOU)
    url = step(client, url, "birth", BIRTH)
    url = step(client, url, "foreign_numbers", items("foreign_numbers", foreign or []))
    url = step(client, url, "contact", CONTACT)
    return done(client, url, "about_you")


def claim(client: Client, tasks: str, *, benefit: str = "old_age", start: datetime.date | None = None) -> str:
    start = start or today().replace(day=1)
    url = step(client, tasks, "benefit", {"benefit-benefit": benefit, **date_boxes("benefit-start", start)})
    if benefit == "early_old_age":
        url = step(client, url, "working", {"working-working": "no"})
    return done(client, url, "claim")


def insurance_here(client: Client, tasks: str, insured: str = "yes") -> str:
    url = step(client, tasks, "insured_here", {"insured_here-insured_here": insured})
    return done(client, url, "insurance_here")


def abroad(client: Client, tasks: str, periods: list[dict[str, str]] | None = None) -> str:
    periods = [POLAND, GERMANY] if periods is None else periods
    if not periods:
        url = step(client, tasks, "worked_abroad", {"worked_abroad-worked_abroad": "no"})
        return done(client, url, "abroad")
    url = step(client, tasks, "worked_abroad", {"worked_abroad-worked_abroad": "yes"})
    url = step(client, url, "periods", items("periods", periods))
    url = step(client, url, "record", {"record-right": "yes"})
    return done(client, url, "abroad")


def the_rest(client: Client, tasks: str) -> str:
    """When the claim can be paid, children, other benefits and payment: each completed."""
    url = step(client, tasks, "age_check")
    url = done(client, url, "age")
    url = step(client, url, "raised_children", {"raised_children-raised_children": "no"})
    url = done(client, url, "children")
    url = step(client, url, "other_benefits_question", {"other_benefits_question-other_benefits": "no"})
    url = done(client, url, "benefits")
    url = step(client, url, "payment", PAYMENT)
    return done(client, url, "payment")


def whole_claim(client: Client, periods: list[dict[str, str]] | None = None) -> str:
    """Every section completed; returns the task list's URL."""
    tasks = begin(client)
    about_you(client, tasks)
    claim(client, tasks)
    insurance_here(client, tasks)
    abroad(client, tasks, periods)
    the_rest(client, tasks)
    return tasks


DECLARATIONS = {"check-truthful": "on", "check-forward": "on"}


def send(client: Client, tasks: str) -> str:
    """From the task list: check the answers and send; returns where the person lands."""
    response = post_step(client, page_url(tasks, "check"), "check", DECLARATIONS)
    assert response.status_code == 302, errors_on(response)
    landed = client.get(response["Location"])
    assert landed.status_code == 302, landed
    return str(landed["Location"])


# --- shared by the tests of the claim's pages ----------------------------------------------------------


def page_text(response: Any) -> str:
    """A page's text as a person reads it: without tags, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def statuses(client: Client, tasks: str) -> dict[str, str]:
    """The task list as it reads: each task's name and its status."""
    page = client.get(tasks)
    assert page.status_code == 200, page
    found = re.findall(
        r'<li class="govuk-task-list__item.*?__name-and-hint">(.*?)</div>\s*'
        r'<div class="govuk-task-list__status[^"]*"[^>]*>(.*?)</div>',
        page.content.decode(),
        flags=re.S,
    )
    return {_plain(name): _plain(status) for name, status in found}


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def person_born(born: datetime.date, sex: str = "Female") -> DemoIdentity:
    """A made-up person of the demo eID node with this date of birth (the pensioner's names, so the
    account in PAYMENT is in her name)."""
    return DemoIdentity(
        "lt-born", f"LT/LT/{uuid.uuid4().hex[:20]}", "Petraitienė", "Ona", born.isoformat(), sex, "born"
    )


def signed_in_as(client: Client, identity: DemoIdentity, language: str = "en") -> Client:
    institutions_load(country="LT")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    post_acs(client, idp.authn_response(request=start_login(client), identity=identity, loa=LOA_SUBSTANTIAL))
    return client


def whole_claim_as(
    client: Client,
    *,
    benefit: str = "old_age",
    start: datetime.date | None = None,
    working: str = "no",
    periods: list[dict[str, str]] | None = None,
) -> str:
    """Every section completed, for the benefit, start and periods given; returns the task list's URL."""
    tasks = begin(client)
    about_you(client, tasks)
    start = start or today().replace(day=1)
    url = step(client, tasks, "benefit", {"benefit-benefit": benefit, **date_boxes("benefit-start", start)})
    if benefit == "early_old_age":
        url = step(client, url, "working", {"working-working": working})
    done(client, url, "claim")
    insurance_here(client, tasks)
    abroad(client, tasks, periods)
    the_rest(client, tasks)
    return tasks


def envelope() -> dict[str, Any]:
    """What the institution received: the one pension claim sent."""
    return dict(Application.objects.get(procedure="pension").payload)


def send_acknowledging(client: Client, tasks: str) -> str:
    """Send a claim with warnings: Send leads to "Some answers need a closer look", acknowledged there,
    then Send again from the check page; returns where the person lands."""
    response = post_step(client, page_url(tasks, "check"), "check", DECLARATIONS)
    assert response.status_code == 302, errors_on(response)
    landed = client.get(response["Location"])
    assert landed.status_code == 302, landed
    if not landed["Location"].endswith("/warnings/"):
        return str(landed["Location"])
    step(client, landed["Location"], "warnings", {"warnings-acknowledged": "on"})
    return send(client, tasks)
