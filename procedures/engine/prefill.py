"""Never ask twice: what a procedure lets the engine fill in for the person, and from where.

A procedure declares it with a :class:`Prefill` on its Flow. Two sources, neither trusted blindly:

- **the eID**: values the identity fixes (a Lithuanian personal code carried in the eIDAS identifier).
  The question is not asked: the value is shown read-only ("From your eID"), whatever is posted under
  its name is ignored, and the step's own form validates it each time the step is validated (a disabled
  Django field takes its initial value);
- **the person's previous application** (of any procedure): its person block, with the account's
  contact details where the person keeps them, offered on a page of its own ("Use these details" /
  "Enter different details"). Chosen, each step's inputs are made from the block as if typed, validated
  by the step's form and saved as a normal draft step only when they validate; the person can change
  them like any other answer.
"""

import datetime
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from portal.accounts.selectors import contact_details_of
from portal.applications.selectors import person_block_last
from procedures.engine.answers import FormMaker, step_answers
from procedures.engine.definition import Answers, Flow, Step
from procedures.engine.personal_numbers import STDNUM_MODULES, personal_number_compact
from procedures.engine.repeatable import is_repeatable
from procedures.engine.summary import item_display, summary_label, value_display

PREFILL_PAGE = "your-details"  # the wizard's URL of the offer (no step has this name)
PREFILL_CHOICE = "prefill"  # the person's answer to the offer, kept with the draft: asked once

# The person block: the SED person section an application keeps as its beneficiary (names, date of birth,
# nationality, sex, place of birth, address, email, phone, personal_numbers, ...).
PersonBlock = Mapping[str, Any]
# step name -> the inputs of that step, as a browser posts them (the formtools storage's format)
StepInputs = dict[str, dict[str, list[str]]]


class PrefillChoiceForm(forms.Form):
    use = forms.ChoiceField(
        label=_("Do you want to use these details?"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Use these details")), ("no", _("Enter different details"))],
        error_messages={"required": _("Select whether you want to use these details")},
    )


def identity_personal_number(identity: Any, country: str) -> str | None:
    """The personal number the eIDAS identifier (``XX/YY/value``) carries, when it carries one of
    ``country``: the value validates with that country's scheme and, where the number holds a date of
    birth, that date is the eID's. An identifier may be a pseudonym: anything else gives None."""
    verified = getattr(identity, "verified_numbers", {}).get(country.upper())
    if verified:  # read from an identity document a caseworker saw (assisted mode)
        return personal_number_compact(country, verified)
    parts = str(identity.person_identifier or "").split("/")
    if len(parts) != 3 or parts[0].upper() != country.upper():
        return None
    number = personal_number_compact(country, parts[2])
    module_name = STDNUM_MODULES.get(country.upper())
    if number is None or module_name is None:  # a format check alone is not enough to trust it
        return None
    birth_date = getattr(importlib.import_module(f"stdnum.{module_name}"), "get_birth_date", None)
    if birth_date is not None:
        try:
            born: datetime.date | None = birth_date(number)
        except ValueError:  # stdnum's InvalidComponent: no date of birth in this number
            born = None
        if born != identity.date_of_birth:
            return None
    return number


def personal_code_from_eid(step: str, country: str = "LT") -> Callable[[Any], dict[str, dict[str, Any]]]:
    """For ``Prefill.identity``: the eID fixes the ``personal_code`` question of ``step`` when the eIDAS
    identifier carries a valid personal code of ``country``."""

    def fixed(identity: Any) -> dict[str, dict[str, Any]]:
        code = identity_personal_number(identity, country)
        return {step: {"personal_code": code}} if code else {}

    return fixed


def contact_from_person(person: PersonBlock) -> dict[str, Any]:
    """The answers of the shared contact page (procedures.engine.forms.ContactForm) from a person block."""
    return {
        "email": person.get("email", ""),
        "phone": person.get("phone", ""),
        "post_only": bool(person.get("post_only")),
    }


def fix_from_identity(form: Any, values: Mapping[str, Any]) -> list[tuple[Any, Any]]:
    """Make the fields the eID fixes read-only on ``form``; returns their (label, value) to show."""
    shown = []
    for name, value in values.items():
        if name not in getattr(form, "fields", {}) or value in (None, ""):
            continue
        fixed = form.fields[name]
        fixed.disabled = True  # bound or not, Django validates the initial value, never the posted one
        fixed.initial = value
        fixed.widget = forms.HiddenInput()
        form.initial = {**form.initial, name: value}  # never the dict formtools may share
        shown.append((summary_label(form, name), value))
    return shown


def _field_inputs(prefix: str, name: str, form_field: forms.Field, value: Any) -> dict[str, list[str]]:
    key = f"{prefix}-{name}"
    if value in (None, "") or value is False:
        return {}
    if isinstance(form_field.widget, forms.MultiWidget):
        parts = form_field.widget.decompress(value) or []
        return {f"{key}_{number}": [str(part)] for number, part in enumerate(parts) if part not in (None, "")}
    if isinstance(form_field, forms.BooleanField):
        return {key: ["on"]}
    return {key: [str(value)]}


def step_inputs(form_class: Any, prefix: str, values: Any) -> dict[str, list[str]]:
    """A step's answers as the inputs a person would have posted on its page."""
    inputs: dict[str, list[str]] = {}
    if is_repeatable(form_class):
        items = list(values or [])
        inputs = {f"{prefix}-TOTAL_FORMS": [str(len(items) or 1)], f"{prefix}-INITIAL_FORMS": ["0"]}
        for number, item in enumerate(items):
            inputs.update(step_inputs(form_class.form, f"{prefix}-{number}", item))
        return inputs
    for name, value in (values or {}).items():
        form_field = form_class.base_fields.get(name)
        if form_field is not None:
            inputs.update(_field_inputs(prefix, name, form_field, value))
    return inputs


@dataclass(frozen=True)
class PrefillOffer:
    """What an earlier application (and the account) would fill in, already validated."""

    inputs: StepInputs  # step -> its inputs, only for the steps whose inputs validate
    rows: list[tuple[str, str]]  # (label, value) shown to the person before they choose
    reference: str  # the earlier application's reference ("" when only the account's details are used)


def person_block(*, user: Any, identity: Any) -> tuple[dict[str, Any], str]:
    """The person block to offer and the reference of the application it comes from: the latest
    application about this same person, with the contact details the person keeps on the account (where
    letters and e-mails go) in place of that application's."""
    last = person_block_last(
        owner=user, person_identifier=identity.person_identifier, date_of_birth=identity.date_of_birth
    )
    person = dict(last.person) if last is not None else {}
    contact = contact_details_of(user=user)
    if contact is not None:
        person.update({"email": contact.email, "phone": contact.phone})
        if contact.address:
            person["address"] = contact.address
    return person, last.reference if last is not None else ""


def _answered(form: Any) -> list[tuple[str, str]]:
    """A valid form's answers in words, with the questions' short labels (empty answers left out)."""
    return [
        (summary_label(form, name), value_display(form_field, form.cleaned_data.get(name)))
        for name, form_field in form.fields.items()
        if not form_field.widget.is_hidden and form.cleaned_data.get(name) not in (None, "", False)
    ]


def _rows(form: Any) -> list[tuple[str, str]]:
    if not is_repeatable(type(form)):
        return _answered(form)
    items = [item for item in form.forms if item.cleaned_data]
    return [
        (f"{form.item_label} {number}", item_display(item, item.cleaned_data))
        for number, item in enumerate(items, start=1)
    ]


def prefill_offer(
    *,
    flow: Flow,
    person: PersonBlock,
    reference: str,
    make_form: FormMaker,
    prefix: Callable[[Step], str],
) -> PrefillOffer | None:
    """Validate what ``person`` gives each step with the step's own form, in the flow's order (a step
    sees the prefilled answers before it); None when nothing validates."""
    values = flow.prefill.person(person) if person else {}
    inputs: StepInputs = {}
    rows: list[tuple[str, str]] = []
    before: Answers = {}
    for step in flow.steps:
        if step.name not in values or not step.applies(before):
            continue
        data = step_inputs(step.form_class, prefix(step), values[step.name])
        form = make_form(step, dict(before), MultiValueDict(data), None)
        if not form.is_valid():
            continue  # no longer valid (a rule changed, a code was mistyped): the person answers it
        inputs[step.name] = data
        before[step.name] = step_answers(form)
        rows += _rows(form)
    return PrefillOffer(inputs=inputs, rows=rows, reference=reference) if inputs else None


class PrefillPages:
    """The wizard's page that offers an earlier application's details (mixed into ProcedureWizard).

    A fresh draft's first page sends the person there once, when there is something to offer; the
    choice is kept with the draft (its ``extra_data``), so the page never comes back by itself."""

    if TYPE_CHECKING:  # given by ProcedureWizard and formtools' NamedUrlWizardView
        flow: Flow
        procedure: Any
        request: Any
        storage: Any
        steps: Any
        _offer: PrefillOffer | None

        def get_step_url(self, step: str) -> str: ...
        def get_form_prefix(self, step: str, form: Any) -> str: ...
        def _make_form(self, step: Step, before: Answers, data: Any, files: Any) -> Any: ...
        def _resume_step(self) -> str: ...
        def identity(self) -> Any: ...

    def _prefill_offer(self) -> PrefillOffer | None:
        """What the earlier details would fill in (looked up once per request)."""
        if not hasattr(self, "_offer"):
            person, reference = person_block(user=self.request.user, identity=self.identity())
            self._offer = prefill_offer(
                flow=self.flow,
                person=person,
                reference=reference,
                make_form=self._make_form,
                prefix=lambda step: self.get_form_prefix(step.name, step.form_class),
            )
        return self._offer

    def _prefill_first(self, step: str) -> HttpResponse | None:
        """A fresh draft's first page: the offer of the earlier details comes first, once."""
        fresh = not self.storage.data.get(self.storage.step_data_key)
        if step != self.steps.first or not fresh or PREFILL_CHOICE in self.storage.extra_data:
            return None
        if self._prefill_offer() is None:
            return None
        return redirect(self.get_step_url(PREFILL_PAGE))

    def _prefill_page(self, form: PrefillChoiceForm) -> HttpResponse:
        offer = self._prefill_offer()
        if offer is None:
            return redirect(self.get_step_url(self.steps.first))
        context = {
            "form": form,
            "offer": offer,
            "procedure": self.procedure,
            "draft": self.request.draft,
            "previous_url": reverse("procedures:start", kwargs={"slug": self.procedure.slug}),
        }
        return render(self.request, "engine/prefill.html", context)

    def _prefill_choose(self, form: PrefillChoiceForm) -> HttpResponse:
        """The person's choice. To use the details, each offered step is saved as if the person had sent
        its page (its own form validated it just now), and the person goes on where an answer is missing."""
        offer = self._prefill_offer()
        if offer is None:
            return redirect(self.get_step_url(self.steps.first))
        if not form.is_valid():
            return self._prefill_page(form)
        choice = form.cleaned_data["use"]
        self.storage.extra_data = {**self.storage.extra_data, PREFILL_CHOICE: choice}
        if choice != "yes":
            return redirect(self.get_step_url(self.steps.first))
        for name, inputs in offer.inputs.items():
            self.storage.set_step_data(name, inputs)
        self.storage.current_step = self._resume_step()
        return redirect(self.get_step_url(self.storage.current_step))
