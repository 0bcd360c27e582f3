"""The pension claim in a real browser: the demo pensioner (Ona Petraitienė, ``lt-pensioner``) signs in
through the demo eIDAS node and claims an old-age pension through the task list, with periods in Poland
and Germany and her insurance in Lithuania. In English with JavaScript she leaves after two sections,
signs in again and continues from "Your applications"; in Lithuanian without JavaScript she fills in the
whole claim in one visit. Axe checks each kind of page once per journey: the task list, a question, the
repeatable periods page, the record page, "Have you completed this section?", the age page, the check
page and the page after Send (the assisted claim is in test_assisted_pension.py, with these steps)."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.utils import timezone, translation
from django.utils.functional import Promise
from playwright.sync_api import Browser, Page, Route, expect

from portal.applications.models import Application
from portal.eidas.demo_node.identities import IDENTITIES
from portal.institutions.services import institutions_load
from procedures.engine.fields import country_name
from procedures.engine.forms import SectionCompleteForm
from procedures.engine.registry import registry
from procedures.engine.tasks import TaskStatus
from procedures.pension.flow import FLOW
from procedures.pension.forms import AboutYouForm, DeclarationForm
from procedures.pension.history_forms import RecordForm
from tests.browser.assisted_journey import pdf_text
from tests.browser.conftest import assert_accessible, switch_language
from tests.browser.test_ehic_journeys import choose, fill_address, fill_date, submit, text
from tests.procedures.pension.journey import GERMANY, PAYMENT, POLAND

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PENSIONER = "lt-pensioner"
# Online and in assisted mode (/assisted/<case>/pension/<draft>/<step>/) alike.
STEP_URL = r"/pension/[0-9a-f-]+/{step}/$"
TASKS = ["about_you", "claim", "insurance_here", "abroad", "age", "children", "benefits", "payment"]
HEADINGS = {task.key: task.heading for task in FLOW.tasks}
HOLDER, IBAN = PAYMENT["payment-holder"], PAYMENT["payment-iban"]
# Her Lithuanian personal code, as her eID carries it.
PERSONAL_CODE = next(demo for demo in IDENTITIES if demo.key == PENSIONER).person_identifier.rsplit("/", 1)[1]


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


@pytest.fixture(autouse=True)
def _institutions(transactional_db):
    """Sodra, which the claim is sent to (the pension age rows are put back by tests/conftest.py)."""
    institutions_load(country="LT")


def status_label(language: str, status: TaskStatus) -> str:
    """A task's status as the task list shows it in ``language`` (the catalogue's translation, or the
    English text while it has none)."""
    with translation.override(language):
        return status.label


@dataclass
class Claim:
    """A browser on the pension claim in ``language``; axe runs once for each kind of page."""

    page: Page
    language: str
    accessible: Callable[[Page], None] = assert_accessible
    checked: set[str] = field(default_factory=set)

    def says(self, message: str | Promise | None) -> str:
        """A message (a label, a heading) as the portal shows it in the claim's language."""
        assert message is not None
        return text(self.language, message)

    def check(self, kind: str) -> None:
        if kind not in self.checked:
            self.checked.add(kind)
            self.accessible(self.page)

    def on(self, step: str, kind: str = "") -> None:
        """The browser is on ``step`` of the claim, in the claim's language, under its section's name."""
        expect(self.page).to_have_url(re.compile(STEP_URL.format(step=step)))
        assert self.page.locator("html").get_attribute("lang") == self.language
        definition = FLOW.step(step)
        assert definition is not None
        expect(self.page.locator("main h1")).to_have_text(self.says(definition.title))
        if kind:
            self.check(kind)

    def on_tasks(self) -> None:
        expect(self.page).to_have_url(re.compile(STEP_URL.format(step="tasks")))
        assert self.page.locator("html").get_attribute("lang") == self.language
        expect(self.page.locator("main h1")).to_have_text(self.says(registry.get("pension").title))  # type: ignore[union-attr]
        self.check("tasks")

    def statuses(self) -> dict[str, str]:
        """Each task's status as the task list shows it."""
        return {key: self.page.locator(f"#task-{key}-status").inner_text().strip() for key in TASKS}

    def expect_statuses(self, **statuses: TaskStatus) -> None:
        """The tasks named have these statuses; every other task is not started. A task that cannot
        start yet has no link; the others link to their first page, described by their status."""
        for key in TASKS:
            status = statuses.get(key, TaskStatus.NOT_STARTED)
            expect(self.page.locator(f"#task-{key}-status")).to_have_text(status_label(self.language, status))
            link = self.page.locator(f"main a[aria-describedby='task-{key}-status']")
            expect(link).to_have_count(0 if status == TaskStatus.CANNOT_START else 1)
            if status != TaskStatus.CANNOT_START:
                expect(link).to_have_text(self.says(HEADINGS[key]))

    def open_task(self, key: str, first_step: str, kind: str = "") -> None:
        self.page.get_by_role("link", name=self.says(HEADINGS[key]), exact=True).click()
        self.on(first_step, kind)

    def section_done(self, key: str, *, shows: str = "", completed: str = "yes") -> None:
        """The task's answers under "Have you completed this section?"; the answer, then the task list."""
        self.on(f"{key}_done", "done")
        question = self.page.locator("main form legend")
        expect(question).to_have_text(self.says(SectionCompleteForm.base_fields["completed"].label))
        if shows:
            expect(self.page.locator("main .govuk-summary-card")).to_contain_text(shows)
        choose(self.page, f"{key}_done-completed", completed)
        submit(self.page)
        self.on_tasks()


def through_the_demo_node(page: Page, *, javascript: bool) -> None:
    """On the eID login page: Lithuania, then Ona Petraitienė at the demo node. Without JavaScript the
    signed SAML forms wait for a press of Continue."""
    expect(page).to_have_url(re.compile(r"/eidas/login/"))
    page.locator("select[name=country]").select_option("LT")
    page.locator("main form button[type=submit]").click()
    if not javascript:
        page.locator("main form button[type=submit]").click()
    page.locator(f"input[name=identity][value={PENSIONER}]").check()
    page.locator("button[name=continue]").click()
    if not javascript:
        page.locator("main form button[type=submit]").click()


def start_the_claim(claim: Claim, *, javascript: bool) -> None:
    """From /pension/, in the claim's language: Start now, the eID login, then the task list, where
    nothing is started yet and the age section waits for the four before it."""
    page = claim.page
    page.goto("/pension/")
    switch_language(page, claim.language)
    page.locator("main form button[type=submit]").click()  # Start now
    through_the_demo_node(page, javascript=javascript)
    claim.on_tasks()
    claim.expect_statuses(age=TaskStatus.CANNOT_START)
    expect(page.locator("main")).to_contain_text(
        claim.says("You can check your answers and send once you have completed every section.")
    )
    expect(page.get_by_role("button", name=claim.says("Check your answers"))).to_have_count(0)


def about_you(claim: Claim, email: str = "ona@example.lt") -> None:
    """Her name and date of birth come from the eID (or, at an office, from her identity document); she
    tells the rest. Without ``email``, letters by post only."""
    page = claim.page
    claim.open_task("about_you", "about_you", "question")
    main = page.locator("main")
    expect(main).to_contain_text("Ona Petraitienė")
    page.locator("select[name='about_you-nationality']").select_option("LT")
    choose(page, "about_you-marital_status", "widowed")
    fill_address(page, "about_you-address")
    submit(page)
    claim.on("birth")
    choose(page, "birth-sex", "female")
    page.locator("input[name='birth-birth_town']").fill("Kaunas")
    page.locator("select[name='birth-birth_country']").select_option("LT")
    submit(page)
    claim.on("foreign_numbers")
    submit(page)  # none
    claim.on("contact")
    if email:
        page.locator("input[name='contact-email']").fill(email)
    else:
        page.locator("input[name='contact-post_only']").check()
    submit(page)
    claim.section_done("about_you", shows=email or "Kaunas")


def what_she_claims(claim: Claim) -> None:
    """An old-age pension from the first of this month."""
    claim.open_task("claim", "benefit")
    choose(claim.page, "benefit-benefit", "old_age")
    fill_date(claim.page, "benefit-start", timezone.localdate().replace(day=1))
    submit(claim.page)
    claim.section_done("claim")


def insurance_here(claim: Claim, *, completed: str = "yes") -> None:
    """Insured in Lithuania: yes."""
    claim.open_task("insurance_here", "insured_here")
    choose(claim.page, "insured_here-insured_here", "yes")
    submit(claim.page)
    claim.section_done("insurance_here", completed=completed)


def complete_later(claim: Claim, key: str) -> None:
    """The link of a task in progress whose questions are all answered opens "Have you completed this
    section?"."""
    claim.open_task(key, f"{key}_done")
    claim.section_done(key)


def fill_period(page: Page, index: int, period: dict[str, str]) -> None:
    """One period's boxes, as the client tests post them (``POLAND``, ``GERMANY``)."""
    for name, value in period.items():
        box = page.locator(f"[name='periods-{index}-{name}']")
        if name in ("country", "kind"):
            box.select_option(value)
        else:
            box.fill(value)


def abroad(claim: Claim) -> None:
    """Periods in Poland and in Germany (the second added with "Add another"), then the record they
    make, country by country."""
    page = claim.page
    claim.open_task("abroad", "worked_abroad")
    choose(page, "worked_abroad-worked_abroad", "yes")
    submit(page)
    claim.on("periods", "periods")
    expect(page.locator("main fieldset[id^=periods-item-]")).to_have_count(1)
    fill_period(page, 0, POLAND)
    page.locator("#periods-add").click()
    claim.on("periods")
    expect(page.locator("main fieldset[id^=periods-item-]")).to_have_count(2)
    expect(page.locator("select[name='periods-0-country']")).to_have_value("PL")  # kept as typed
    claim.check("periods with two")
    fill_period(page, 1, GERMANY)
    submit(page)

    claim.on("record", "record")
    with translation.override(claim.language):
        poland, germany = country_name("PL"), country_name("DE")
    record = page.locator("main dl.govuk-summary-list")
    expect(record.locator("dt")).to_have_text([poland, germany])
    if claim.language == "en":
        expect(record.locator("dd")).to_have_text(
            [
                "You were insured there for 7 years and 3 months",
                "You were insured there for 8 years and 7 months",
            ]
        )
    expect(page.locator("main form legend")).to_have_text(claim.says(RecordForm.base_fields["right"].label))
    choose(page, "record-right", "yes")
    submit(page)
    claim.section_done("abroad", shows=germany)


def the_rest(claim: Claim) -> None:
    """When each country can pay her (Lithuania, Poland, Germany: none put off), no children raised, no
    other benefits, her account."""
    page = claim.page
    claim.open_task("age", "age_check", "age")
    with translation.override(claim.language):
        countries = [country_name(state) for state in ("LT", "PL", "DE")]
    lead = page.locator("main p.govuk-body")
    for country in countries:
        expect(lead.filter(has_text=country).first).to_be_visible()
    expect(page.locator("input[name='age_check-defer']")).to_have_count(3)
    for country in countries:  # to put off her pension there
        expect(page.get_by_role("checkbox", name=country, exact=True)).not_to_be_checked()
    submit(page)
    claim.section_done("age")

    claim.open_task("children", "raised_children")
    choose(page, "raised_children-raised_children", "no")
    submit(page)
    claim.section_done("children")
    claim.open_task("benefits", "other_benefits_question")
    choose(page, "other_benefits_question-other_benefits", "no")
    submit(page)
    claim.section_done("benefits")
    claim.open_task("payment", "payment")
    page.locator("input[name='payment-holder']").fill(HOLDER)
    page.locator("input[name='payment-iban']").fill(IBAN)
    submit(page)
    claim.section_done("payment", shows=HOLDER)


def every_section_completed(claim: Claim) -> None:
    """The task list says every section is completed and offers the check page."""
    claim.expect_statuses(**dict.fromkeys(TASKS, TaskStatus.COMPLETED))
    with translation.override(claim.language):
        done = translation.ngettext(
            "You have completed %(completed)s of %(total)s section.",
            "You have completed %(completed)s of %(total)s sections.",
            len(TASKS),
        ) % {"completed": len(TASKS), "total": len(TASKS)}
    expect(claim.page.locator("main")).to_contain_text(done)
    claim.page.get_by_role("button", name=claim.says("Check your answers")).click()
    claim.on("check", "check")


def check_page_shows_the_claim(claim: Claim) -> None:
    main = claim.page.locator("main")
    with translation.override(claim.language):
        for state in ("PL", "DE"):
            expect(main).to_contain_text(country_name(state))
    expect(main).to_contain_text("Gedimino pr. 1")
    expect(main).to_contain_text(HOLDER)


def send(claim: Claim) -> Application:
    """The declarations ticked, Send: the application page shows the reference and offers the receipt,
    which names it."""
    page = claim.page
    for declaration in DeclarationForm.base_fields:
        page.locator(f"input[name='check-{declaration}']").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]+/$"))
    application = Application.objects.get(procedure="pension")
    expect(page.locator(".govuk-panel")).to_contain_text(application.reference)
    assert page.locator("html").get_attribute("lang") == claim.language
    claim.check("sent")
    receipt = page.get_by_role("link", name=claim.says("Download your receipt (PDF)"))
    expect(receipt).to_be_visible()
    href = receipt.get_attribute("href")
    assert href
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert application.reference in pdf_text(response.body())
    return application


def sent_to_three_states(application: Application) -> None:
    envelope = application.payload
    assert envelope["answers"]["states"] == ["LT", "PL", "DE"]
    assert envelope["sed_hints"] == ["P2000", "P4000"]
    assert envelope["applicant"]["given_name"] == "Ona"


def test_a_claim_left_after_two_sections_is_continued_from_your_applications_and_sent(page: Page):
    claim = Claim(page, "en")
    start_the_claim(claim, javascript=True)
    about_you(claim)
    what_she_claims(claim)
    claim.expect_statuses(
        about_you=TaskStatus.COMPLETED, claim=TaskStatus.COMPLETED, age=TaskStatus.CANNOT_START
    )
    expect(page.locator("main")).to_contain_text("You have completed 2 of 8 sections.")

    page.locator(".govuk-service-navigation form button").click()  # Sign out
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have signed out.")
    page.goto("/pension/")
    page.get_by_role("link", name="Log in").first.click()
    through_the_demo_node(page, javascript=True)
    expect(page).to_have_url(re.compile(r"/pension/$"))
    expect(page.locator("main .govuk-inset-text")).to_contain_text(
        "You have an application you have not sent yet."
    )
    page.get_by_role("link", name="Continue it from your applications").click()
    expect(page).to_have_url(re.compile(r"/applications/$"))
    title = claim.says(registry.get("pension").title)  # type: ignore[union-attr]
    page.get_by_role("button", name=f"Continue {title}").click()  # a link that looks like a button

    claim.on_tasks()
    claim.expect_statuses(
        about_you=TaskStatus.COMPLETED, claim=TaskStatus.COMPLETED, age=TaskStatus.CANNOT_START
    )
    insurance_here(claim)
    abroad(claim)
    the_rest(claim)
    every_section_completed(claim)
    check_page_shows_the_claim(claim)
    sent_to_three_states(send(claim))
    assert claim.checked == {
        "tasks",
        "question",
        "done",
        "periods",
        "periods with two",
        "record",
        "age",
        "check",
        "sent",
    }


@pytest.fixture
def page_without_javascript(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="lt-LT", java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def accessible_without_javascript(browser: Browser, live_server) -> Iterator[Callable[[Page], None]]:
    """Axe for a page shown without JavaScript. Axe needs scripts (and timers) in the page it checks, so
    it checks the same document in a second browser page that loads the portal's styles but none of its
    scripts: the page exactly as the person without JavaScript gets it."""
    context = browser.new_context(base_url=live_server.url, locale="lt-LT")
    checker = context.new_page()
    shown: dict[str, str] = {}

    def serve(route: Route) -> None:
        if route.request.url == shown["url"]:
            route.fulfill(body=shown["html"], content_type="text/html; charset=utf-8")
        elif route.request.resource_type == "script":
            route.abort()
        else:
            route.continue_()

    checker.route("**/*", serve)

    def check(page: Page) -> None:
        shown.update(url=page.url, html=page.content())
        checker.goto(page.url)
        assert checker.locator("html").get_attribute("lang") == page.locator("html").get_attribute("lang")
        expect(checker.locator("main h1")).to_have_text(page.locator("main h1").inner_text())
        expect(checker.locator("body")).not_to_have_class(re.compile("js-enabled"))
        assert_accessible(checker)

    try:
        yield check
    finally:
        context.close()


def test_a_claim_in_lithuanian_without_javascript_in_one_visit(
    page_without_javascript: Page, accessible_without_javascript: Callable[[Page], None]
):
    claim = Claim(page_without_javascript, "lt", accessible_without_javascript)
    start_the_claim(claim, javascript=False)
    about_you(claim)
    what_she_claims(claim)
    insurance_here(claim, completed="no")  # "No, I will come back to it later"
    claim.expect_statuses(
        about_you=TaskStatus.COMPLETED,
        claim=TaskStatus.COMPLETED,
        insurance_here=TaskStatus.IN_PROGRESS,
        age=TaskStatus.CANNOT_START,
    )
    shown = claim.statuses()  # completed, in progress, not started, cannot start yet: four words
    assert len({shown["about_you"], shown["insurance_here"], shown["abroad"], shown["age"]}) == 4, shown
    abroad(claim)
    claim.expect_statuses(
        **dict.fromkeys(("about_you", "claim", "abroad"), TaskStatus.COMPLETED),
        insurance_here=TaskStatus.IN_PROGRESS,
        age=TaskStatus.CANNOT_START,
    )
    complete_later(claim, "insurance_here")
    claim.expect_statuses(
        **dict.fromkeys(("about_you", "claim", "insurance_here", "abroad"), TaskStatus.COMPLETED)
    )  # the age section can start now
    the_rest(claim)
    every_section_completed(claim)
    check_page_shows_the_claim(claim)
    application = send(claim)
    sent_to_three_states(application)
    assert application.language == "lt" and application.payload["language"] == "lt"
    assert claim.checked == {
        "tasks",
        "question",
        "done",
        "periods",
        "periods with two",
        "record",
        "age",
        "check",
        "sent",
    }


def test_her_personal_code_is_taken_from_her_eid_and_not_asked(page: Page):
    claim = Claim(page, "en")
    start_the_claim(claim, javascript=True)
    claim.open_task("about_you", "about_you")
    from_eid = page.locator("main dl.govuk-summary-list").first
    expect(from_eid).to_contain_text(PERSONAL_CODE, timeout=1000)
    label = str(AboutYouForm.base_fields["personal_code"].label)
    expect(page.get_by_role("textbox", name=label)).to_have_count(0)
