"""Property test: whatever is posted to whatever step of whatever procedure, the answer is a page, a
redirect or "bad request", never a server error (Hypothesis: strings, huge numbers, NUL bytes, unknown
keys, tampered counts and step names, random files). Online as a citizen, and in assisted mode as a
caseworker filling in the same steps for a person at the desk."""

import datetime
import re

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.assisted.wizard import assisted_flow
from portal.registers.demo_people import lithuanian_code
from procedures.engine.definition import Flow, Step
from procedures.engine.registry import registry
from procedures.engine.repeatable import ADD, REMOVE, is_repeatable
from procedures.pension.models import PensionSettings
from procedures.pension.reference import reference_forget
from tests.portal.assisted.journey import start_case
from tests.procedures.applicable_legislation import journey
from tests.procedures.ehic import journey as ehic_journey
from tests.procedures.pension import journey as pension_journey

pytestmark = pytest.mark.django_db

PROCEDURES = [procedure for procedure in registry.all() if procedure.flow is not None]
CASES = [(procedure.slug, step.name) for procedure in PROCEDURES for step in procedure.flow.all_steps]

NASTY = [
    "", " ", "0", "-1", "1.5", "1e309", "NaN", "2147483648", str(10**20), "9" * 5000, "\x00", "a\x00b",
    "yes", "no", "on", "LT", "DE", "%", "100 %", "<script>alert(1)</script>", "../../etc/passwd", "ąčęėįšųūž",
    "\u202e", "\ud7ff", "\uff11\uff12", "\u0663", "DROP TABLE",
]  # fmt: skip
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
)
files = st.builds(
    lambda head, body, name: SimpleUploadedFile(name, head + body),
    st.sampled_from([b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"MZ"]),
    st.binary(max_size=200),
    st.sampled_from(["a.pdf", "evil.html", "x", 'q".jpg', "ąžuolas.png", "a.b.c.pdf"]),
)


def _input_names(form_class: type[forms.Form], prefix: str) -> list[str]:
    names = []
    for name, field in form_class.base_fields.items():
        names.append(f"{prefix}-{name}")
        if isinstance(field.widget, forms.MultiWidget):
            names += [f"{prefix}-{name}_{part}" for part in range(len(field.widget.widgets))]
    return names


def input_names(step: Step) -> list[str]:
    """Every input a step's page has (a repeatable step: its counts, three items and its buttons)."""
    if not is_repeatable(step.form_class):
        return _input_names(step.form_class, step.name)  # type: ignore[arg-type]
    counts = [
        f"{step.name}-{count}" for count in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
    ]
    items = [
        name for number in range(3) for name in _input_names(step.form_class.form, f"{step.name}-{number}")
    ]  # type: ignore[union-attr]
    return [*counts, *items, ADD, REMOVE]


def file_names(step: Step) -> list[str]:
    if is_repeatable(step.form_class):
        return []
    return [
        f"{step.name}-{name}"
        for name, field in step.form_class.base_fields.items()
        if isinstance(field, forms.FileField)
    ]  # type: ignore[union-attr]


# How to bring a fresh draft to a state where a step applies, per procedure (its conditions read the
# answers). A procedure without an entry has its steps fuzzed on a fresh draft.
A1_REQUEST_TYPE = {
    "self_employed": "posted_self_employed",
    "work_split": "multi_state_employee",
    "exception_request": "exception",
    "special_case": "mariner",
}


def _a1_draft(client, step: str) -> str:  # type: ignore[no-untyped-def]
    # The documents page with every question on it: a third-country national is asked for a residence permit.
    about_you = {**journey.ABOUT_YOU, "about_you-nationality": "UA"} if step == "documents" else None
    url = journey.through_employer(
        client, request_type=A1_REQUEST_TYPE.get(step, "posted_employee"), about_you=about_you
    )
    if step == "employer_turnover":
        situation = {**journey.SITUATION, "situation-filing_for": "employer_representative"}
        journey.post_step(client, journey.step_url(url, "situation"), "situation", situation)
    if step == "warnings":  # a warning applies: not insured here before the posting
        journey.post_step(client, url, "posting", journey.posting(insured="no"))
    return journey.step_url(url, step)


# The citizen's eID code has a wrong check digit, so he types a valid one for his date of birth; a typed
# code is never looked up in the insurance register: he declares his insurance (and a warning applies).
# In assisted mode the code comes from the person's document (the typed one is ignored) and the register
# knows her: care already received is the warning that brings the warnings page in both modes.
EHIC_CODE = lithuanian_code(datetime.date(1990, 6, 21), female=False, serial=21)
EHIC_CHILD = {"guardian_proof": "child_in_care", "child": "my_child"}
EHIC_KIND = {"replacement": "replacement", "prc_stay": "prc", "prc_validity": "prc", "warnings": "prc"}
EHIC_DELIVERY = {"delivery_office": "office", "delivery": "post"}


def _ehic_answers(step: str) -> dict[str, dict[str, str]]:
    """Valid answers of every page on the way to ``step``, chosen so that ``step`` applies."""
    today = ehic_journey.today()
    start = today - datetime.timedelta(days=1)  # care already received: a warning to acknowledge
    end = today + datetime.timedelta(days=10)
    return {
        "for_whom": {"for_whom-for_whom": EHIC_CHILD.get(step, "me")},
        "about_you": {
            "about_you-personal_code": EHIC_CODE,
            "about_you-nationality": "UA" if step == "residence_status" else "LT",
            **ehic_journey.address("about_you-address"),
        },
        "insurance": {"insurance-insured": "yes", "insurance-category": "employed"},
        "work_abroad": {"work_abroad-work_abroad": "no"},
        "entitlement_document": {"entitlement_document-entitlement_document": "no"},
        "residence_status": {"residence_status-status": "none"},
        "request": {"request-kind": EHIC_KIND.get(step, "first_card")},
        "replacement": {"replacement-reason": "lost"},
        "prc_stay": {
            "prc_stay-state_of_stay": "ES",
            "prc_stay-there_now": "yes",
            **journey.date_boxes("prc_stay-stay_from", start),
            **journey.date_boxes("prc_stay-stay_to", end),
        },
        "prc_validity": {
            "prc_validity-reason": "treatment",
            **journey.date_boxes("prc_validity-valid_from", start),
            **journey.date_boxes("prc_validity-valid_to", end),
        },
        "delivery": {"delivery-method": EHIC_DELIVERY.get(step, "post")},
        "delivery_address": ehic_journey.address("delivery_address-address"),
        "contact": ehic_journey.CONTACT,
        "warnings": {"warnings-acknowledged": "on"},
    }


def _ehic_draft(client, step: str) -> str:  # type: ignore[no-untyped-def]
    answers = _ehic_answers(step)
    url = ehic_journey.begin(client)
    while not url.endswith(f"/{step}/"):
        name = url.rstrip("/").rsplit("/", 1)[1]
        url = ehic_journey.step(client, url, name, answers[name])
    return url


# The pension claim's pages in the order of its task list, each with a valid answer. A page that only
# some answers bring in (early pension, children, other benefits, a partner) is brought in when it is the
# page fuzzed; the family task only where the amount depends on the partner (a setting); the page that
# acknowledges warnings (after every task, before the check page) when the record is said to be wrong.
PENSION_FAMILY = ("partner_question", "partner", "family_done")


def _pension_pages(step: str) -> list[tuple[str, dict[str, str]]]:
    pj = pension_journey

    def done(task: str) -> tuple[str, dict[str, str]]:
        return f"{task}_done", {f"{task}_done-completed": "yes"}

    def yes_for(page: str) -> str:
        return "yes" if step == page else "no"

    early = step == "working"
    claimed = {"benefit-benefit": "early_old_age" if early else "old_age"}
    family = [("partner_question", {"partner_question-partner": yes_for("partner")}), done("family")]
    return [
        ("about_you", pj.ABOUT_YOU),
        ("birth", pj.BIRTH),
        ("foreign_numbers", pj.items("foreign_numbers", [])),
        ("contact", pj.CONTACT),
        done("about_you"),
        ("benefit", {**claimed, **journey.date_boxes("benefit-start", pj.today().replace(day=1))}),
        *([("working", {"working-working": "no"})] if early else []),
        done("claim"),
        ("insured_here", {"insured_here-insured_here": "yes"}),
        done("insurance_here"),
        ("worked_abroad", {"worked_abroad-worked_abroad": "yes"}),
        ("periods", pj.items("periods", [pj.POLAND, pj.GERMANY])),
        ("record", {"record-right": "no" if step == "warnings" else "yes"}),
        done("abroad"),
        ("age_check", {}),
        done("age"),
        ("raised_children", {"raised_children-raised_children": yes_for("children")}),
        done("children"),
        ("other_benefits_question", {"other_benefits_question-other_benefits": yes_for("other_benefits")}),
        done("benefits"),
        *(family if step in PENSION_FAMILY else []),
        ("payment", pj.PAYMENT),
        done("payment"),
    ]


@pytest.fixture(autouse=True)
def _pension_tables_forgotten():  # type: ignore[no-untyped-def]
    """The pension tables this process keeps for a second are forgotten after each test: a setting turned
    on here (the family task) is rolled back with the test's data, without the signal that forgets them."""
    yield
    reference_forget()


def _pension_draft(client, step: str) -> str:  # type: ignore[no-untyped-def]
    """Every page before ``step`` answered (for the check page and the warnings page: every task)."""
    if step in PENSION_FAMILY:
        configuration = PensionSettings.current()
        configuration.family_supplements = True
        configuration.save()
    tasks = pension_journey.begin(client)
    for name, data in _pension_pages(step):
        if name == step:
            break
        pension_journey.step(client, tasks, name, data)
    return pension_journey.page_url(tasks, step)


REACH = {"applicable-legislation": _a1_draft, "ehic": _ehic_draft, "pension": _pension_draft}
# Online, the signed-in worker fills in every procedure but the pension claim: the demo pensioner makes it
# (the worker, born 1990, is too young: his claim stops before its later pages).
SIGNED_IN_FOR = {"pension": pension_journey.pensioner_signed_in}


def _fresh_draft(client, slug: str, step: str) -> str:  # type: ignore[no-untyped-def]
    url = client.post(f"/{slug}/begin/")["Location"]
    return re.sub(r"/[a-z_]+/$", f"/{step}/", url)


def _wizard_key(client, url: str) -> str:  # type: ignore[no-untyped-def]
    """The wizard's "current step" field, read from the step's own page when it is shown (a draft's
    first page depends on its answers), else from the procedure's first page."""
    found = re.search(r'name="([a-z_]+-current_step)"', client.get(url).content.decode())
    return found.group(1) if found else journey.wizard_key(client, url)


def test_every_step_of_every_procedure_is_covered():
    assert PROCEDURES, "no procedure can be filled in online"
    assert {slug for slug, _step in CASES} == {procedure.slug for procedure in PROCEDURES}


@pytest.mark.parametrize(("slug", "step_name"), CASES)
def test_any_post_to_any_step_gets_a_page_a_redirect_or_bad_request(citizen_client, slug, step_name):
    SIGNED_IN_FOR.get(slug, lambda client: client)(citizen_client)
    url = REACH.get(slug, lambda client, name: _fresh_draft(client, slug, name))(citizen_client, step_name)
    flow = registry.get(slug).flow  # type: ignore[union-attr]
    post_anything_to(citizen_client, flow, step_name, url, reached=slug in REACH)


@pytest.fixture
def desk(client, caseworker_with_totp, monkeypatch):  # type: ignore[no-untyped-def]
    """A caseworker at an office's desk. The journeys' first page becomes the first page of an assisted
    case's draft (Ona, identified from her document), so that REACH answers the same pages in assisted
    mode."""
    client.force_login(caseworker_with_totp)
    monkeypatch.setattr(journey, "begin", lambda desk: start_case(desk, "applicable-legislation"))
    monkeypatch.setattr(ehic_journey, "begin", lambda desk, **_kwargs: start_case(desk, "ehic"))
    monkeypatch.setattr(pension_journey, "begin", lambda desk: start_case(desk, "pension"))
    return client


def _fresh_case(client, slug: str, step: str) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"/[a-z_]+/$", f"/{step}/", start_case(client, slug))


@pytest.mark.parametrize(("slug", "step_name"), CASES)
def test_any_post_to_any_step_in_assisted_mode_gets_a_page_a_redirect_or_bad_request(desk, slug, step_name):
    url = REACH.get(slug, lambda client, name: _fresh_case(client, slug, name))(desk, step_name)
    assert url.startswith("/assisted/"), url
    flow = assisted_flow(registry.get(slug).flow)  # type: ignore[arg-type]  # its own last page
    post_anything_to(desk, flow, step_name, url, reached=slug in REACH)


def post_anything_to(client, flow: Flow, step_name: str, url: str, *, reached: bool) -> None:  # type: ignore[no-untyped-def]
    """Hypothesis posts to the step's page at ``url`` (``reached``: the page is shown there); only a
    page, a redirect or bad request is fine."""
    step = flow.step(step_name)
    assert step is not None
    if reached:
        assert client.get(url).status_code == 200, f"{step_name} is not reached: the fuzz would miss it"
    key = _wizard_key(client, url)
    names = input_names(step)
    keys = st.sampled_from([*names, *(f"zz-{name}" for name in names), "wizard_goto_step", "", "x" * 300])
    step_names = st.sampled_from([step_name, step_name, step_name, "done", "nonexistent", "", "\x00"])
    other_steps = st.sampled_from([item.name for item in flow.all_steps])

    @settings(
        max_examples=25,
        deadline=None,
        database=None,  # nothing written into the working tree
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        data=st.dictionaries(keys, st.one_of(values, st.lists(values, max_size=3)), max_size=14),
        current=st.one_of(step_names, other_steps),
        upload=st.dictionaries(st.sampled_from(file_names(step) or ["none"]), files, max_size=2),
    )
    def post_anything(data, current, upload):  # type: ignore[no-untyped-def]
        for file in upload.values():
            file.seek(0)
        response = client.post(url, {**data, **upload, key: current})
        assert response.status_code in (200, 302, 400), (response.status_code, data, current)

    post_anything()
