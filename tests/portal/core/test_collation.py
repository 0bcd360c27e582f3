"""Names sorted as the language's readers expect (Lithuanian alphabet: č, š, ž after c, s, z; y
between į and j), and countries named as the EU Interinstitutional Style Guide names them."""

import pytest
from django.utils import translation
from django_countries import countries

from portal.core.collation import collation_key


def _sorted(words: list[str], language: str) -> list[str]:
    return sorted(words, key=lambda word: collation_key(word, language))


def test_lithuanian_letters_with_a_caron_come_after_their_base_letter():
    words = ["Švedija", "Vokietija", "Čekija", "Suomija", "Danija", "Centrinės Afrikos Respublika", "Žalia"]
    assert _sorted(words, "lt") == [
        "Centrinės Afrikos Respublika",
        "Čekija",
        "Danija",
        "Suomija",
        "Švedija",
        "Vokietija",
        "Žalia",
    ]


def test_lithuanian_y_comes_between_i_with_ogonek_and_j():
    assert _sorted(["Jūra", "Yra", "Įlanka", "Ibiza"], "lt") == ["Ibiza", "Įlanka", "Yra", "Jūra"]


def test_lithuanian_letters_with_an_ogonek_or_dot_follow_their_base_letter():
    assert _sorted(["Ėglė", "Ęra", "Eva", "Ąžuolas", "Azija", "Būti"], "lt") == [
        "Azija",
        "Ąžuolas",
        "Būti",
        "Eva",
        "Ęra",
        "Ėglė",
    ]


def test_english_sorts_accented_letters_with_their_base_letter():
    words = ["Zambia", "Åland Islands", "Czechia", "Côte d'Ivoire", "Curaçao", "Albania"]
    assert _sorted(words, "en") == [
        "Åland Islands",
        "Albania",
        "Côte d'Ivoire",
        "Curaçao",
        "Czechia",
        "Zambia",
    ]


def test_case_does_not_decide_the_order_and_a_space_comes_before_letters():
    assert _sorted(["jungtinės Amerikos Valstijos", "Jungtinė Karalystė", "JAV"], "lt") == [
        "JAV",
        "Jungtinė Karalystė",
        "jungtinės Amerikos Valstijos",
    ]


@pytest.mark.parametrize(("language", "name"), [("lt", "Nyderlandai"), ("en", "Netherlands")])
def test_the_netherlands_have_the_style_guide_short_name_everywhere(language, name):
    with translation.override(language):
        assert countries.name("NL") == name
        assert "Olandija" not in {str(country_name) for _code, country_name in countries}
