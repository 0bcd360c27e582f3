"""Repeatable groups ("add another"): a step whose form is a formset of one small form per item.

Works without JavaScript: "Add another" and "Remove" are submit buttons; the page comes back with one
item more or less, and nothing typed is lost. At least ``min_num`` and at most ``max_num`` items.
"""

from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from procedures.engine.fields import overlapping_periods

ADD = "add_another"
REMOVE = "remove_item"


class RepeatableFormSet(forms.BaseFormSet):
    item_label: Any = _("Item")
    summary_label: Any = ""  # the summary's row when no item was added ("None"); no row without it

    def items(self) -> list[dict[str, Any]]:
        """The answers of every item that was filled in."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data]

    def valid_items(self) -> list[dict[str, Any]]:
        """In ``clean()``: the items that are valid on their own (the others show their own errors)."""
        return [form.cleaned_data for form in self.forms if form.is_valid() and form.cleaned_data]


class NonOverlappingPeriodsFormSet(RepeatableFormSet):
    """Items with a period (``start``, ``end``) and a ``country``: two periods in the same country may
    not overlap (it is nearly always a typing mistake)."""

    def clean(self) -> None:
        super().clean()
        for first, second in overlapping_periods(self.valid_items()):
            raise forms.ValidationError(
                format_lazy(
                    _("{item} {first} and {item} {second} overlap: check the dates"),
                    item=self.item_label,
                    first=first,
                    second=second,
                ),
                code="overlap",
            )


def repeatable(
    form_class: type[forms.Form],
    *,
    item_label: Any,
    min_num: int,
    max_num: int,
    formset: type[RepeatableFormSet] = RepeatableFormSet,
    summary_label: Any = "",
    too_few: Any = None,
) -> type[RepeatableFormSet]:
    """A formset class for one step; ``formset`` may add checks across items (its ``clean()``).
    ``too_few`` says what to add when there are fewer than ``min_num`` items ("Add at least one place of
    work"): the error summary links it to the first box of the group."""
    # formset_factory subclasses ``formset``; django-stubs type its result as a plain BaseFormSet.
    formset_class = cast(
        type[RepeatableFormSet],
        forms.formset_factory(
            form_class,
            formset=formset,
            extra=0 if min_num else 1,
            min_num=min_num,
            max_num=max_num,
            validate_min=True,
            validate_max=True,
        ),
    )
    formset_class.default_error_messages = {
        "too_few_forms": format_lazy(_("{item}: add at least {number}"), item=item_label, number=min_num)
        if too_few is None
        else too_few,
        "too_many_forms": format_lazy(_("You can add up to {number}"), number=max_num),
    }
    formset_class.item_label = item_label
    formset_class.summary_label = summary_label
    return formset_class


def is_repeatable(form_class: Any) -> bool:
    return isinstance(form_class, type) and issubclass(form_class, RepeatableFormSet)


def item_form_class(form_class: Any) -> Any:
    """The form of one item for a repeatable step, else the step's form itself."""
    return form_class.form if is_repeatable(form_class) else form_class


def _count(value: Any, *, limit: int = 1000) -> int | None:
    """A posted count or index, or None when it is not a small whole number (a tampered form)."""
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > len(str(limit)):
        return None
    number = int(text)
    return number if number <= limit else None


def with_item_added(data: QueryDict, prefix: str) -> QueryDict:
    changed = data.copy()
    total = f"{prefix}-TOTAL_FORMS"
    count = _count(changed.get(total, "0"))
    if count is not None:  # a tampered count is left as it is: the formset reports it
        changed[total] = str(count + 1)
    return changed


def removed_item_number(data: QueryDict, prefix: str) -> int | None:
    """The number people see (from 1) of the item the "Remove" button takes out, or None when the
    button names no item there is (a tampered form: nothing is removed)."""
    total, index = _count(data.get(f"{prefix}-TOTAL_FORMS")), _count(data.get(REMOVE))
    if total is None or index is None or index >= total:
        return None
    return index + 1


def with_item_removed(data: QueryDict, prefix: str) -> QueryDict:
    """The same data with the item named by the "Remove" button taken out and the items after it moved
    up. A tampered count or item number changes nothing."""
    changed = data.copy()
    total, index = _count(changed.get(f"{prefix}-TOTAL_FORMS")), _count(data.get(REMOVE))
    if total is None or index is None or index >= total:
        return changed
    items = []
    for number in range(total):
        if number == index:
            continue
        start = f"{prefix}-{number}-"
        items.append({key[len(start) :]: changed.getlist(key) for key in data if key.startswith(start)})
    for key in [key for key in data if key.startswith(f"{prefix}-") and key.split("-")[1].isdigit()]:
        del changed[key]
    for number, item in enumerate(items):
        for field, values in item.items():
            changed.setlist(f"{prefix}-{number}-{field}", values)
    changed[f"{prefix}-TOTAL_FORMS"] = str(len(items))
    return changed
