"""Foreign pension numbers (procedures.pension.numbers): the German pension insurance number with its
check digit, never the German tax ID in its place; other states as their personal numbers."""

import datetime

import pytest
from stdnum.de import idnr

from procedures.pension.numbers import (
    german_pension_number_born,
    german_pension_number_check_digit,
    german_pension_number_compact,
    german_pension_number_fits,
    pension_number_compact,
)

D = datetime.date


@pytest.mark.parametrize(
    ("typed", "compact"),
    [
        ("65170839J003", "65170839J003"),  # the Deutsche Rentenversicherung's example
        ("65 170839 J 00 3", "65170839J003"),
        ("65-170839-j-003", "65170839J003"),
        ("10010490A443", "10010490A443"),
    ],
)
def test_a_valid_german_pension_number_is_kept_in_its_compact_form(typed, compact):
    assert german_pension_number_compact(typed) == compact
    assert pension_number_compact("DE", typed) == compact


def test_the_check_digit_follows_the_published_method():
    # 6 5 1 7 0 8 3 9 | J = 1 0 | 0 0 weighted 2 1 2 5 7 1 2 1 2 1 2 1; digit sums of the products:
    # 12→3, 5, 2, 35→8, 0, 8, 6, 9, 2, 0, 0, 0 = 43
    assert german_pension_number_check_digit("65170839J00") == 3
    # The letter counts as two digits (Z = 26): 2, 2, 0, 5, 0, 1, 16→7, 0, 4, 6, 10→1, 0 = 28
    assert german_pension_number_check_digit("12010180Z50") == 8


@pytest.mark.parametrize(
    "typed",
    [
        "65170839J004",  # wrong check digit
        "65170839J08",  # too short
        "651708390003",  # a digit where the letter goes
        "65171339J003",  # month 13
        "00170839J003",  # no area number
        "",
    ],
)
def test_an_invalid_german_pension_number_is_refused(typed):
    assert german_pension_number_compact(typed) is None


def test_a_german_tax_id_is_not_a_pension_number():
    tax_id = "36574261809"  # valid for stdnum.de.idnr, the number personal_number_compact knows for Germany
    assert idnr.is_valid(tax_id)
    assert pension_number_compact("DE", tax_id) is None


def test_the_date_of_birth_inside_the_number():
    assert german_pension_number_born("65170839J003") == (17, 8, 39)
    assert german_pension_number_fits("65170839J003", D(1939, 8, 17))
    assert not german_pension_number_fits("65170839J003", D(1939, 8, 18))
    assert not german_pension_number_fits("65170839J004", D(1939, 8, 17))


def test_a_day_raised_because_the_serial_numbers_ran_out_is_still_the_day_of_birth():
    first_eleven = "65490839J00"  # 17 + 32
    number = first_eleven + str(german_pension_number_check_digit(first_eleven))
    assert german_pension_number_born(number) == (17, 8, 39)
    assert german_pension_number_fits(number, D(1939, 8, 17))


def test_other_states_use_their_personal_numbers():
    assert pension_number_compact("PL", "44051401359") == "44051401359"  # PESEL
    assert pension_number_compact("PL", "44051401358") is None
    assert pension_number_compact("AT", "1237 010180") == "1237010180"  # the Austrian insurance number
    assert pension_number_compact("UA", "AB 123456") == "AB123456"  # no scheme known: the format only
