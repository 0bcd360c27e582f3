"""Repeatable groups: which item a "Remove" button takes out (the number people read in the sentence
that confirms it), whatever a tampered form posts."""

import pytest
from django.http import QueryDict

from procedures.engine.repeatable import removed_item_number, with_item_removed


def posted(total: str, remove: str) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update({"places-TOTAL_FORMS": total, "remove_item": remove})
    for number in range(3):
        data[f"places-{number}-company"] = f"Firma {number}"
    return data


def test_the_removed_item_is_named_by_the_number_people_see():
    data = posted("3", "1")
    assert removed_item_number(data, "places") == 2
    assert with_item_removed(data, "places").getlist("places-1-company") == ["Firma 2"]


@pytest.mark.parametrize(
    ("total", "remove"), [("3", "3"), ("3", "x"), ("abc", "0"), ("3", str(10**20)), ("3", "")]
)
def test_a_tampered_remove_names_no_item(total, remove):
    assert removed_item_number(posted(total, remove), "places") is None
