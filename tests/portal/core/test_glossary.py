"""The Lithuanian catalogue says one thing in one word, in the institutions' own vocabulary.

locale/lt/GLOSSARY.md is the reviewers' table; its last column lists wrong variants in backticks (whole
words, case-sensitive; `/.../` is a regular expression). Every Lithuanian translation is checked against it.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.utils import translation

from portal.applications.states import Status
from portal.notifications.models import Notification

LOCALE = Path(__file__).resolve().parents[3] / "locale" / "lt"
GLOSSARY = LOCALE / "GLOSSARY.md"
CATALOGUE = LOCALE / "LC_MESSAGES" / "django.po"


@dataclass(frozen=True)
class Term:
    english: str
    lithuanian: str
    wrong: tuple[re.Pattern[str], ...]


def _pattern(variant: str) -> re.Pattern[str]:
    if len(variant) > 2 and variant.startswith("/") and variant.endswith("/"):
        return re.compile(variant[1:-1])
    return re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)")


def glossary_terms(text: str) -> list[Term]:
    """The table rows of the glossary (header and separator left out)."""
    terms = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) < 3 or cells[0] == "English" or set(cells[0]) <= {"-", " "}:
            continue
        variants = re.findall(r"`([^`]+)`", cells[-1])
        terms.append(Term(cells[0], cells[1], tuple(_pattern(v) for v in variants)))
    return terms


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def wrong_terms(catalogue: polib.POFile, terms: list[Term]) -> list[str]:
    """One line per translation that uses a wrong variant: the msgid, the wrong words and the right term."""
    found = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        for text in _translations(entry):
            for term in terms:
                hits = [m.group(0) for pattern in term.wrong for m in pattern.finditer(text)]
                if hits:
                    found.append(f"{entry.msgid!r}: {', '.join(hits)!r} -> {term.lithuanian}")
    return found


@pytest.fixture(scope="module")
def terms() -> list[Term]:
    return glossary_terms(GLOSSARY.read_text(encoding="utf-8"))


def test_the_glossary_lists_terms_with_their_wrong_variants(terms):
    english = {term.english for term in terms}
    assert {
        "certificate A1",
        "reference number (of an application)",
        "insured",
        "you, your (polite)",
    } <= english
    assert all(term.wrong for term in terms), "every row names at least one wrong variant"


def test_the_lithuanian_catalogue_uses_no_wrong_variant_of_a_glossary_term(terms):
    catalogue = polib.pofile(str(CATALOGUE))
    assert wrong_terms(catalogue, terms) == []


def test_a_translation_with_a_wrong_variant_is_named(terms):
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="certificate A1", msgstr="pažyma A1"))
    catalogue.append(polib.POEntry(msgid="Enter the date", msgstr="Įveskite datą"))
    catalogue.append(polib.POEntry(msgid="We received your application", msgstr="Gavome jūsų prašymą"))
    catalogue.append(polib.POEntry(msgid="%(n)s%%", msgstr="%(n)s%%"))
    catalogue.append(polib.POEntry(msgid="Your application", msgstr="Jūsų prašymas"))
    catalogue.append(polib.POEntry(msgid="100%", msgstr="100\u00a0%"))

    found = wrong_terms(catalogue, terms)

    assert [line.split(":")[0] for line in found] == [
        "'certificate A1'",
        "'Enter the date'",
        "'We received your application'",
        "'%(n)s%%'",
    ]


BOARD_LT = "Valstybinio socialinio draudimo fondo valdyba"


@pytest.mark.django_db
def test_the_header_footer_and_privacy_notice_name_the_board_in_lithuanian(client, settings):
    settings.PORTAL_INSTITUTION_NAME = ""
    page = client.get("/privacy/", headers={"Accept-Language": "lt"}).content.decode()
    assert '<html lang="lt"' in page
    # The header link, the footer's copyright and the data controller sentence.
    assert page.count(BOARD_LT) >= 3
    assert f"valdytojas yra {BOARD_LT}." in page
    assert "draudimo fondas" not in page


@pytest.mark.django_db
def test_the_board_is_named_in_english_too(client, settings):
    settings.PORTAL_INSTITUTION_NAME = ""
    page = client.get("/privacy/", headers={"Accept-Language": "en"}).content.decode()
    assert "State Social Insurance Fund Board is the controller" in page


def test_a_sent_application_is_pateiktas_and_a_sent_email_issiustas():
    with translation.override("lt"):
        assert str(Status.SUBMITTED.label) == "Pateiktas"
        assert str(Notification.Status.SENT.label) == "Išsiųstas"
    with translation.override("en"):
        assert str(Status.SUBMITTED.label) == "Sent"
