"""Sorting names as readers of a language expect, without ICU: Lithuanian puts č, š and ž after c, s and
z, and y between į and j, where a code-point sort puts Čekija and Švedija after Vokietija."""

import unicodedata
from typing import Any

LATIN = "abcdefghijklmnopqrstuvwxyz"
# The Lithuanian alphabet, with q, w and x (foreign names) where the Latin alphabet has them.
ALPHABETS = {"lt": "aąbcčdeęėfghiįyjklmnopqrsštuųūvwxzž"}

_RANKS = {
    language: {letter: rank for rank, letter in enumerate(letters)} for language, letters in ALPHABETS.items()
}
_LATIN_RANKS = {letter: rank for rank, letter in enumerate(LATIN)}

# Kinds of character, in sorting order: spaces and punctuation, digits, letters of the alphabet, others.
_OTHER, _DIGIT, _LETTER, _FOREIGN = range(4)


def collation_key(text: str, language: str | None = None) -> tuple[Any, ...]:
    """A key for ``sorted`` that orders ``text`` as in ``language``'s alphabet (Latin order for languages
    not listed in ``ALPHABETS``): letters with other accents sort with their base letter (é as e), case
    and accents only break ties."""
    ranks = _RANKS.get((language or "").split("-")[0], _LATIN_RANKS)
    folded = unicodedata.normalize("NFC", text.casefold())
    weights = []
    for char in folded:
        if char in ranks:
            weights.append((_LETTER, ranks[char]))
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base in ranks:
            weights.append((_LETTER, ranks[base]))
        elif char.isalpha():
            weights.append((_FOREIGN, ord(char)))
        elif char.isdigit():
            weights.append((_DIGIT, ord(char)))
        else:
            weights.append((_OTHER, ord(char)))
    return (tuple(weights), folded, text)
