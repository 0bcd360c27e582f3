"""The field types every procedure uses: forgiving input, compact storage, clear errors."""

import datetime

import pytest
from django import forms
from django.utils import translation

from procedures.engine.fields import AddressField, BicField, IbanField, PercentField, overlapping_periods
from procedures.engine.forms import ContactForm


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


class BankForm(forms.Form):
    iban = IbanField(label="IBAN")
    bic = BicField(label="BIC", required=False)


class AddressForm(forms.Form):
    address = AddressField(label="Address")


def test_an_iban_is_forgiven_spaces_and_case_and_stored_compact():
    form = BankForm({"iban": " lt12 1000-0111 0100 1000 ", "bic": "habalt22"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"iban": "LT121000011101001000", "bic": "HABALT22"}
    assert IbanField.display("LT121000011101001000") == "LT12 1000 0111 0100 1000"


def test_an_iban_with_a_wrong_check_digit_gets_a_clear_message():
    form = BankForm({"iban": "LT13 1000 0111 0100 1000"})
    assert not form.is_valid()
    assert form.errors["iban"] == [
        "Enter a real IBAN, as on your bank statement, like LT12 1000 0111 0100 1000"
    ]


def test_a_bic_of_the_wrong_length_is_refused():
    form = BankForm({"iban": "LT121000011101001000", "bic": "HABAL"})
    assert not form.is_valid()
    assert "Enter a real BIC" in form.errors["bic"][0]


def test_an_address_is_kept_as_its_parts_with_a_tidy_postcode():
    form = AddressForm(
        {"address_0": " Gedimino  pr. 1 ", "address_2": "Vilnius", "address_3": "lt 01103", "address_4": "LT"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["address"] == {
        "line_1": "Gedimino pr. 1",
        "line_2": "",
        "town": "Vilnius",
        "postcode": "LT-01103",
        "country": "LT",
    }
    assert (
        AddressField.display(form.cleaned_data["address"]) == "Gedimino pr. 1, LT-01103, Vilnius, Lithuania"
    )


def test_an_address_without_a_town_says_what_is_missing():
    form = AddressForm({"address_0": "Gedimino pr. 1", "address_4": "LT"})
    assert not form.is_valid()
    assert "Enter the town or city" in form.errors["address"]


def test_a_wrong_lithuanian_postcode_is_refused():
    data = {"address_0": "Gedimino pr. 1", "address_2": "Vilnius", "address_3": "123", "address_4": "LT"}
    form = AddressForm(data)
    assert not form.is_valid()
    assert "Enter a Lithuanian postcode" in form.errors["address"][0]


@pytest.mark.parametrize(("typed", "value"), [("40", 40), ("40 %", 40), (" 0%", 0), ("100", 100)])
def test_a_percentage_accepts_a_percent_sign(typed, value):
    assert PercentField(label="Share").clean(typed) == value


@pytest.mark.parametrize("typed", ["101", "-1", "forty"])
def test_a_percentage_outside_0_to_100_is_refused(typed):
    with pytest.raises(forms.ValidationError, match="Enter a percentage from 0 to 100"):
        PercentField(label="Share").clean(typed)


def test_overlapping_periods_in_the_same_country_are_found():
    day = datetime.date
    periods = [
        {"country": "DE", "start": day(2024, 1, 1), "end": day(2024, 6, 30)},
        {"country": "DE", "start": day(2024, 6, 30), "end": day(2024, 12, 31)},
        {"country": "FR", "start": day(2024, 1, 1), "end": None},
        {"country": "DE", "start": day(2025, 1, 1), "end": day(2025, 2, 1)},
    ]
    assert overlapping_periods(periods) == [(1, 2)]


def test_contact_needs_one_route_or_letters_by_post():
    assert not ContactForm({}).is_valid()
    assert ContactForm({"post_only": "on"}).is_valid()
    form = ContactForm({"phone": "+370 (600) 00-000"})
    assert form.is_valid() and form.cleaned_data["phone"] == "+37060000000"
    assert not ContactForm({"phone": "call me"}).is_valid()
