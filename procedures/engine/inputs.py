"""What the wizard reads of posted inputs and how it makes answers JSON-ready."""

import datetime
from typing import Any


def json_ready(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(item) for item in value]
    return value


def field_names(form: Any) -> set[str]:
    """The names of the inputs a step's form reads (a formset's management form and items included)."""
    parts = [form.management_form, *form.forms] if hasattr(form, "management_form") else [form]
    return {part.add_prefix(name) for part in parts for name in part.fields}


def part_of(key: str, names: set[str]) -> bool:
    """One box of a question with several (``start_0``: the day of ``start``)."""
    name, _underscore, number = key.rpartition("_")
    return number.isdigit() and name in names
