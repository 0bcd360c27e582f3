"""How the pension is paid: which accounts are in the SEPA area, and whether the account holder is the
claimant (a soft check: the institution confirms an account in someone else's name)."""

import unicodedata

# The countries of the Single Euro Payments Area (European Payments Council, scheme list): the EU and
# EEA, Switzerland, the United Kingdom, Monaco, San Marino, Andorra, the Vatican, and the British Crown
# dependencies and Gibraltar, which have IBANs of their own prefix only in part (GI, plus GB ones).
SEPA_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
        "CH",
        "GB",
        "MC",
        "SM",
        "AD",
        "VA",
        "GI",
    ]
)


def in_sepa(country: str) -> bool:
    """Whether an account in ``country`` (an IBAN's first two letters) is in the SEPA area."""
    return country.upper() in SEPA_COUNTRIES


# Letters that carry no separate accent in Unicode (NFKD leaves them as they are).
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "\N{LATIN SMALL LETTER DOTLESS I}": "i", "þ": "th"}
)


def _words(name: str) -> list[str]:
    """A name's words without case, accents or punctuation ("Ona Petraitienė" -> ["ona", "petraitiene"])."""
    plain = unicodedata.normalize("NFKD", name.casefold().translate(_PLAIN_LETTERS))
    letters = "".join(
        character if character.isalnum() else " "
        for character in plain
        if not unicodedata.combining(character)
    )
    return sorted(letters.split())


def holder_is_claimant(holder: str, given_name: str, family_name: str) -> bool:
    """Whether the account holder is the claimant, whatever the case, accents and order of the words
    ("PETRAITIENE ONA" is Ona Petraitienė)."""
    return bool(_words(holder)) and _words(holder) == _words(f"{given_name} {family_name}")
