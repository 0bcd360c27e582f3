"""Format checks of the pension or insurance numbers a person had in other states.

Where python-stdnum knows the number a state's pension institution uses, procedures.engine's
personal_number_compact checks it. Germany is the exception: its pension institutions identify people
by the pension insurance number (Rentenversicherungsnummer), which stdnum does not check and which is
not the tax identification number (stdnum.de.idnr) that personal_number_compact knows for Germany.
"""

import datetime
import re

from procedures.engine.personal_numbers import personal_number_compact

_SEPARATORS = re.compile(r"[\s\-./]")
# Area number (of the institution that gave it), date of birth DDMMYY, the first letter of the birth
# name, a serial number and a check digit.
_GERMAN_PENSION_NUMBER = re.compile(r"^(\d{2})(\d{2})(\d{2})(\d{2})([A-Z])(\d{2})(\d)$")
_GERMAN_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
# When the serial numbers of a day of birth run out, the day is given plus 32 or 64 (plus 96 for the first
# of a month); a day or month not known is 00 (the common circular of the social insurance institutions
# on registrations, 3.1.1.2).
_DAY_STEP = 32


def german_pension_number_check_digit(first_eleven: str) -> int:
    """The check digit of a German pension insurance number from its first eleven characters (the
    published method: the letter becomes its two-digit place in the alphabet, A = 01; the twelve digits
    are multiplied by 2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1; the digit sums of the products are added; the
    check digit is that sum modulo 10)."""
    letter = first_eleven[8]
    digits = first_eleven[:8] + f"{ord(letter) - ord('A') + 1:02d}" + first_eleven[9:]
    total = sum(
        _digit_sum(int(digit) * weight) for digit, weight in zip(digits, _GERMAN_WEIGHTS, strict=True)
    )
    return total % 10


def _digit_sum(number: int) -> int:
    return sum(int(digit) for digit in str(number))


def german_pension_number_compact(number: str) -> str | None:
    """The number in its compact form (``65170839J003``) if it is a well-formed German pension
    insurance number with a right check digit, else None. Spaces, hyphens and case never matter."""
    compact = _SEPARATORS.sub("", number).upper()
    found = _GERMAN_PENSION_NUMBER.match(compact)
    if found is None:
        return None
    area, day, month = int(found[1]), int(found[2]), int(found[3])
    if area == 0 or month > 12 or day > 97 or day == 96:
        return None
    if german_pension_number_check_digit(compact[:11]) != int(found[7]):
        return None
    return compact


def german_pension_number_born(number: str) -> tuple[int, int, int] | None:
    """The day, month and two-digit year of birth inside a German pension insurance number (0 for a day
    or month that was not known when the number was given)."""
    compact = german_pension_number_compact(number)
    if compact is None:
        return None
    return int(compact[2:4]) % _DAY_STEP, int(compact[4:6]), int(compact[6:8])


def german_pension_number_fits(number: str, born: datetime.date) -> bool:
    """Whether the date of birth inside the number can be ``born`` (a soft check: a mismatch is worth a
    question, as the number was given once and a date of birth may have been corrected since)."""
    inside = german_pension_number_born(number)
    if inside is None:
        return False
    day, month, year = inside
    return year == born.year % 100 and month in (0, born.month) and day in (0, born.day)


def pension_number_compact(country: str, number: str) -> str | None:
    """The number a person had with a state's pension institution, in its compact form if it is well
    formed for that state, else None."""
    if country.upper() == "DE":
        return german_pension_number_compact(number)
    return personal_number_compact(country, number)
