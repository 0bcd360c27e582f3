"""The summary of a draft's answers, grouped into the sections its procedure declares: the check page's
summary cards and the receipt.

Only what the person was asked appears: the steps that apply and whose answers validate (the typed
answers of ``procedures.engine.answers``), and in a repeatable step only the items filled in. Each row
has a short label (a form's ``summary_labels``, else the field's label), a value in words, and a link to
the question's field. A repeatable step's item form may say how an item reads (``summary_value``). A form
may also carry ``findings``, (label, value) pairs the server found out for its page (what a register
says), shown with their ``findings_source`` and without a Change link.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.files import File
from django.forms.boundfield import BoundField
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.core.formats.dates import human_date
from procedures.engine.definition import Answers, Flow, Section, Step
from procedures.engine.repeatable import RepeatableFormSet

# step -> an unbound form (or formset) of that step, made as the wizard makes it (the same kwargs), to
# read its labels, choices and field ids
UnboundForm = Callable[[Step], Any]
# step -> the URL of its page (the wizard adds how to come back to the check page)
StepUrl = Callable[[str], str]


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: str  # "" when the person left it empty ("Not provided"); lines separated by "\n"
    url: str = ""  # the Change link, to the question's field; none for what the eID said
    source: str = ""  # where a value without a Change link comes from ("From your eID")


@dataclass(frozen=True)
class SummarySection:
    heading: str
    rows: list[SummaryRow] = field(default_factory=list)

    def stored(self) -> dict[str, Any]:
        """As kept with the application for its receipt: the texts only, in the language of sending."""
        return {
            "heading": self.heading,
            "rows": [{"label": row.label, "value": row.value} for row in self.rows],
        }


def date_display(value: datetime.date) -> str:
    return human_date(value)


def value_display(form_field: forms.Field, value: Any) -> str:
    """An answer in words: a choice by its label, a date as a date, a file by its name."""
    if value is None or value == "" or value == []:
        return ""
    display = getattr(form_field, "display", None)
    if display is not None:
        return str(display(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return date_display(value)
    if isinstance(value, File):
        return str(value.name or "")
    choices = getattr(form_field, "choices", None)
    if choices is not None:
        return str(dict(choices).get(value, value))
    return str(value)


def field_anchor(bound: BoundField) -> str:
    """The id of the box a Change link leads to: the first box shown of a question with several (the
    date's, the address's), the first option of radios, else the field's own."""
    widget = bound.field.widget
    if isinstance(widget, forms.MultiWidget):
        context = widget.get_context(bound.html_name, None, {"id": bound.auto_id})
        return str(context["widget"]["subwidgets"][0]["attrs"]["id"])
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    return str(bound.auto_id)


def summary_label(form: forms.Form, name: str) -> str:
    """The short label of a field on the summary: without "(optional)" or "if you have one"."""
    labels = getattr(form, "summary_labels", {})
    return str(labels.get(name) or form.fields[name].label or name)


def _form_rows(form: forms.Form, answers: dict[str, Any], url: str, fixed_by: Any = "") -> list[SummaryRow]:
    """A row per question of the page; a value the eID fixed (a disabled, hidden field) has no Change
    link and says where it comes from; other hidden fields are the engine's, not questions."""
    rows = []
    for name, form_field in form.fields.items():
        from_eid = form_field.widget.is_hidden and form_field.disabled
        if form_field.widget.is_hidden and not from_eid:
            continue
        label, value = summary_label(form, name), value_display(form_field, answers.get(name))
        if from_eid:
            rows.append(SummaryRow(label, value, source=str(fixed_by or _("From your eID"))))
        else:
            rows.append(SummaryRow(label, value, f"{url}#{field_anchor(form[name])}"))
    # What the server found out for this page (a register's answer): shown, never changed by the person.
    source = str(getattr(form, "findings_source", ""))
    rows += [
        SummaryRow(str(label), str(value), source=source) for label, value in getattr(form, "findings", [])
    ]
    return rows


def item_display(form: forms.Form, item: dict[str, Any]) -> str:
    """One item of a repeatable step: as its form says (``summary_value``), else each part answered
    on a line of its own, named ("Company: Bau GmbH")."""
    own = getattr(form, "summary_value", None)
    if own is not None:
        return str(own(item))
    lines = []
    for name, form_field in form.fields.items():
        value = value_display(form_field, item.get(name))
        if value:
            lines.append(f"{summary_label(form, name)}: {value}")
    return "\n".join(lines)


def _item_rows(formset: RepeatableFormSet, items: list[dict[str, Any]], url: str) -> list[SummaryRow]:
    if not items:
        empty_label = getattr(formset, "summary_label", "")
        return [SummaryRow(str(empty_label), _("None"), url)] if empty_label else []
    rows = []
    for index, item in enumerate(items):
        form = formset.form(prefix=formset.add_prefix(index), **formset.get_form_kwargs(index))
        label = str(formset.item_label) if len(items) == 1 else f"{formset.item_label} {index + 1}"
        first = next(iter(form.fields))
        rows.append(SummaryRow(label, item_display(form, item), f"{url}#{field_anchor(form[first])}"))
    return rows


def _step_rows(
    step: Step, answer: Any, unbound: UnboundForm, step_url: StepUrl, fixed_by: Any = ""
) -> list[SummaryRow]:
    form = unbound(step)
    url = step_url(step.name)
    if isinstance(form, RepeatableFormSet):
        return _item_rows(form, [item for item in answer if item], url)
    return _form_rows(form, answer, url, fixed_by)


def identity_source(identity: Any) -> str:
    """Where what the identity fixes comes from: the person's eID, or what a caseworker checked (an
    identity's own ``source``)."""
    return str(getattr(identity, "source", "") or _("From your eID"))


def identity_rows(identity: Any) -> list[SummaryRow]:
    """What the eID said about the person: shown, never changed here."""
    source = identity_source(identity)
    name = " ".join(part for part in (identity.given_name, identity.family_name) if part)
    rows = [SummaryRow(pgettext("person", "Name"), name, source=source)]
    if identity.date_of_birth:
        rows.append(SummaryRow(_("Date of birth"), date_display(identity.date_of_birth), source=source))
    return rows


def _sections(flow: Flow, steps: Iterable[Step]) -> list[tuple[Section, list[Step]]]:
    """The declared sections in their order, each with its steps among ``steps``; then a section of its
    own for each step that none declares."""
    steps = list(steps)
    grouped = [(section, [step for step in steps if step.name in section.steps]) for section in flow.sections]
    grouped += [
        (Section(heading=step.title, steps=(step.name,)), [step])
        for step in steps
        if flow.section_of(step.name) is None
    ]
    return grouped


def summary_build(
    *,
    flow: Flow,
    steps: Iterable[Step],
    answers: Answers,
    unbound: UnboundForm,
    step_url: StepUrl,
    identity: Any = None,
) -> list[SummarySection]:
    """The summary cards of ``steps`` (those the person answered), with what the eID said at the top
    (of the section that declares ``identity``, else of a card of its own). Empty sections are left out."""
    sections = []
    person = identity_rows(identity) if identity is not None else []
    if person and not any(section.identity for section in flow.sections):
        sections.append(SummarySection(_("Your details from your eID"), person))
    for section, section_steps in _sections(flow, steps):
        rows = list(person) if section.identity else []
        for step in section_steps:
            rows += _step_rows(step, answers[step.name], unbound, step_url, identity_source(identity))
        if rows:
            sections.append(SummarySection(str(section.heading), rows))
    return sections


def summary_stored(sections: list[SummarySection]) -> list[dict[str, Any]]:
    return [section.stored() for section in sections]
