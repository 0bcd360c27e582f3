"""The country lists of every question: named and sorted in the reader's language, built once per
language (the cache is kept) and never mixed up between languages."""

from django.utils import translation

from procedures.engine.fields import all_country_choices, country_choices

LITHUANIAN = [
    "Airija", "Austrija", "Belgija", "Bulgarija", "Čekija", "Danija", "Estija", "Graikija", "Islandija",
    "Ispanija", "Italija", "Kipras", "Kroatija", "Latvija", "Lenkija", "Lichtenšteinas", "Lietuva",
    "Liuksemburgas", "Malta", "Nyderlandai", "Norvegija", "Portugalija", "Prancūzija", "Rumunija",
    "Slovakija", "Slovėnija", "Suomija", "Švedija", "Šveicarija", "Vengrija", "Vokietija",
]  # fmt: skip
ENGLISH = [
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland",
    "France", "Germany", "Greece", "Hungary", "Iceland", "Ireland", "Italy", "Latvia", "Liechtenstein",
    "Lithuania", "Luxembourg", "Malta", "Netherlands", "Norway", "Poland", "Portugal", "Romania",
    "Slovakia", "Slovenia", "Spain", "Sweden", "Switzerland",
]  # fmt: skip


def _names(choices: list[tuple[str, str]]) -> list[str]:
    return [name for code, name in choices if code]


def test_the_coordination_area_in_lithuanian_alphabetical_order_with_the_style_guide_names():
    with translation.override("lt"):
        assert _names(country_choices()) == LITHUANIAN


def test_the_coordination_area_in_english_alphabetical_order():
    with translation.override("en"):
        assert _names(country_choices()) == ENGLISH


def test_each_language_keeps_its_own_order_when_languages_alternate():
    for _round in range(2):
        with translation.override("lt"):
            assert _names(country_choices()) == LITHUANIAN
        with translation.override("en"):
            assert _names(country_choices()) == ENGLISH


def test_every_country_in_lithuanian_puts_the_c_with_caron_after_c():
    with translation.override("lt"):
        names = _names(all_country_choices())
    assert names.index("Centrinės Afrikos Respublika") < names.index("Čadas") < names.index("Čilė")
    assert names.index("Čilė") < names.index("Danija")
    assert names.index("Sirija") < names.index("Šri Lanka") < names.index("Tailandas")
    assert names.index("Zambija") < names.index("Žaliasis Kyšulys")
    assert "Nyderlandai" in names and "Olandija" not in names
