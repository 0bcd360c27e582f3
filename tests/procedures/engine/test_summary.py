"""The engine's summary of answers for any procedure: the sections a procedure declares, a card of its
own for a step it does not place, short labels, only what was answered, repeat items as the item form
says, and what the eID fixed shown without a Change link."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django import forms
from django.utils import translation

from portal.applications.services import Submission
from procedures.engine.definition import Flow, Section, Sending, Step
from procedures.engine.repeatable import repeatable
from procedures.engine.summary import SummaryRow, date_display, summary_build, summary_stored


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


class PetForm(forms.Form):
    name = forms.CharField(label="Your pet's name, if it has one (optional)", required=False)
    born = forms.DateField(label="When was your pet born?", required=False)
    summary_labels = {"name": "Pet's name", "born": "Born"}


class VisitForm(forms.Form):
    town = forms.CharField(label="Town")
    nights = forms.IntegerField(label="Nights")

    def summary_value(self, item: dict[str, Any]) -> str:
        return f"{item['town']} — {item['nights']} nights"


class NoteForm(forms.Form):
    note = forms.CharField(label="Anything else?", required=False)
    code = forms.CharField(required=False, widget=forms.HiddenInput)


def _no_submission(answers: dict[str, Any], sending: Sending) -> Submission:
    raise AssertionError("not sent here")


FLOW = Flow(
    reference_prefix="T",
    steps=[
        Step("pet", PetForm, "Your pet"),
        Step(
            "visits",
            repeatable(VisitForm, item_label="Visit", min_num=0, max_num=3, summary_label="Visits"),
            "Visits",
        ),
        Step("note", NoteForm, "Anything else"),
        Step("check", forms.Form, "Check"),
    ],
    sections=[Section("About your pet", ("pet", "visits"), identity=True)],
    build_submission=_no_submission,
)
IDENTITY = SimpleNamespace(given_name="Ona", family_name="Onaitė", date_of_birth=datetime.date(1990, 6, 21))


def _unbound(step: Step) -> Any:
    return step.form_class(prefix=step.name)


def _build(answers: dict[str, Any], unbound=_unbound) -> list[Any]:  # type: ignore[no-untyped-def]
    steps = [step for step in FLOW.steps if step.name in answers]
    return summary_build(
        flow=FLOW,
        steps=steps,
        answers=answers,
        unbound=unbound,
        step_url=lambda name: f"/t/{name}/?return=check",
        identity=IDENTITY,
    )


def test_declared_sections_come_first_and_an_undeclared_step_gets_a_card_of_its_own():
    sections = _build(
        {
            "pet": {"name": "Rex", "born": datetime.date(2020, 5, 1)},
            "visits": [{"town": "Kaunas", "nights": 2}, {"town": "Riga", "nights": 1}],
            "note": {"note": ""},
        }
    )
    assert [section.heading for section in sections] == ["About your pet", "Anything else"]
    about = sections[0].rows
    assert [row.label for row in about] == [
        "Name",
        "Date of birth",
        "Pet's name",
        "Born",
        "Visit 1",
        "Visit 2",
    ]
    assert about[0] == SummaryRow("Name", "Ona Onaitė", source="From your eID")
    assert about[3].value == date_display(datetime.date(2020, 5, 1))  # the portal's one date format
    assert about[2].url == "/t/pet/?return=check#id_pet-name"
    assert about[4] == SummaryRow("Visit 1", "Kaunas — 2 nights", "/t/visits/?return=check#id_visits-0-town")
    # A question asked and left empty is "Not provided" (an empty value); the engine's hidden field is
    # not a question.
    assert sections[1].rows == [SummaryRow("Anything else?", "", "/t/note/?return=check#id_note-note")]


def test_a_step_not_answered_is_left_out_and_no_items_read_none():
    sections = _build({"pet": {"name": "Rex", "born": None}, "visits": []})
    assert [section.heading for section in sections] == ["About your pet"]
    labels = [row.label for row in sections[0].rows]
    assert labels == ["Name", "Date of birth", "Pet's name", "Born", "Visits"]
    assert sections[0].rows[-1].value == "None"


def test_one_item_is_not_numbered():
    sections = _build({"visits": [{"town": "Kaunas", "nights": 2}]})
    assert [row.label for row in sections[0].rows][-1] == "Visit"


def test_a_value_the_eid_fixed_has_no_change_link():
    def unbound(step: Step) -> Any:
        form = _unbound(step)
        if step.name == "note":
            form.fields["code"].disabled = True  # as the prefill makes a value the eID gives
        return form

    sections = _build({"note": {"note": "", "code": "39006211001"}}, unbound=unbound)
    code = sections[-1].rows[-1]
    assert code == SummaryRow("code", "39006211001", source="From your eID")


def test_the_receipt_keeps_the_headings_and_the_texts():
    stored = summary_stored(_build({"pet": {"name": "Rex", "born": None}}))
    assert stored == [
        {
            "heading": "About your pet",
            "rows": [
                {"label": "Name", "value": "Ona Onaitė"},
                {"label": "Date of birth", "value": stored[0]["rows"][1]["value"]},
                {"label": "Pet's name", "value": "Rex"},
                {"label": "Born", "value": ""},
            ],
        }
    ]
