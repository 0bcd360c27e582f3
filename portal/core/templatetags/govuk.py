"""Render Django form fields with the classes and ARIA wiring of GOV.UK Frontend components."""

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.Select, "govuk-select"),
    (forms.Textarea, "govuk-textarea"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.widgets.Input, "govuk-input"),
]


@register.simple_tag
def govuk_widget(field: BoundField, extra_classes: str = "") -> str:
    """The field's widget with its GOV.UK class, error state and hint/error references."""
    widget = field.field.widget
    css = next((name for kind, name in _WIDGET_CLASSES if isinstance(widget, kind)), "")
    if field.errors and css in {"govuk-input", "govuk-select", "govuk-textarea", "govuk-file-upload"}:
        css += f" {css}--error"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    # No placeholders: the design system keeps every instruction in the label or hint, where it stays
    # visible while people type.
    attrs: dict[str, Any] = {"class": f"{css} {extra_classes}".strip(), "placeholder": False}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def has_errors(form: Any) -> bool:
    """A form or a formset with something to correct."""
    if form is None or not getattr(form, "is_bound", False):
        return False
    if isinstance(form, forms.BaseFormSet):
        return form.total_error_count() > 0
    return bool(form.errors)


@register.filter
def is_multi(field: BoundField) -> bool:
    """Several inputs under one question (the date input): rendered in a fieldset."""
    return isinstance(field.field.widget, forms.MultiWidget)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def first_error_part(field: BoundField) -> int:
    """The box of a multi-box question (the date input) that an error should lead to: the first wrong
    one as the boxes are shown (a widget's ``shown_order``: year first in Lithuanian), so the error
    summary's link lands where the person has to type; the first box shown when none is marked."""
    widget = field.field.widget
    shown = widget.shown_order() if hasattr(widget, "shown_order") else range(len(widget.widgets))
    wrong = getattr(widget, "error_parts", ()) or tuple(shown)
    return next(number for number in shown if number in wrong)


@register.filter
def error_target(field: BoundField) -> str:
    """The id an error summary link for ``field`` leads to: its first radio, the box of a multi-box
    question to correct first (``first_error_part``), else the field itself."""
    if getattr(field.field.widget, "input_type", "") == "radio":
        return f"{field.auto_id}_0"
    if is_multi(field):
        return f"{field.auto_id}_{first_error_part(field)}"
    return str(field.auto_id)
