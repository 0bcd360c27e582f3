"""Country names as the EU Interinstitutional Style Guide writes them (its list of countries), where
django-countries' translation differs: set as ``COUNTRIES_OVERRIDE``, so every list, page, letter and
the admin use them. They are reference data per language, like the institutions' names."""

from django.utils.functional import lazy
from django.utils.translation import get_language, gettext

STYLE_GUIDE_NAMES: dict[str, dict[str, str]] = {
    "NL": {"lt": "Nyderlandai", "en": "Netherlands"},  # django-countries' Lithuanian says "Olandija"
}


def _style_guide_name(code: str) -> str:
    names = STYLE_GUIDE_NAMES[code]
    return names.get((get_language() or "en").split("-")[0]) or gettext(names["en"])


def country_name_overrides() -> dict[str, str]:
    """Names that take the language of whoever reads them (lazy), for ``COUNTRIES_OVERRIDE``."""
    return {code: lazy(_style_guide_name, str)(code) for code in STYLE_GUIDE_NAMES}
