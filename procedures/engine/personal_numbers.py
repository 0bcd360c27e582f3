"""Personal identification numbers per country, checked with python-stdnum where it knows the country's
scheme; other countries get a format check only. Spaces, hyphens and case never matter."""

import importlib
import re

STDNUM_MODULES = {
    "AT": "at.vnr", "BE": "be.nn", "BG": "bg.egn", "CH": "ch.ssn", "CZ": "cz.rc", "DE": "de.idnr",
    "DK": "dk.cpr", "EE": "ee.ik", "ES": "es.dni", "FI": "fi.hetu", "FR": "fr.nir", "GR": "gr.amka",
    "HR": "hr.oib", "IE": "ie.pps", "IS": "is_.kennitala", "IT": "it.codicefiscale", "LI": "li.peid",
    "LT": "lt.asmens", "LV": "lv.pvn", "NL": "nl.bsn", "NO": "no.fodselsnummer", "PL": "pl.pesel",
    "PT": "pt.cc", "RO": "ro.cnp", "SE": "se.personnummer", "SI": "si.emso", "SK": "sk.rc",
}  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-./]")
_FORMAT_ONLY = re.compile(r"^[A-Z0-9]{4,20}$")


def personal_number_compact(country: str, number: str) -> str | None:
    """The number in its compact form if it is valid for the country, else None."""
    module_name = STDNUM_MODULES.get(country.upper())
    if module_name is None:
        compact = _SEPARATORS.sub("", number).upper()
        return compact if _FORMAT_ONLY.match(compact) else None
    module = importlib.import_module(f"stdnum.{module_name}")
    # As typed first (some schemes give a separator a meaning), then with the separators taken out.
    for candidate in (number, _SEPARATORS.sub("", number)):
        try:
            return str(module.validate(candidate))
        except Exception:  # noqa: BLE001, S112 - stdnum raises ValidationError subclasses: "not valid"
            continue
    return None
