"""Which place names are countries, from the ISO 3166 names and their French translations
that the pycountry package ships (no network)."""

from __future__ import annotations

import functools
import re

from kg.extract.surface import name_key


@functools.cache
def _country_keys(french_only: bool = False) -> frozenset[str]:
    import gettext

    import pycountry

    try:
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        translate = french.gettext
    except OSError:  # pragma: no cover - the French catalogue ships with pycountry
        def translate(message: str) -> str:
            return message
    keys: set[str] = set()
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name),
                     getattr(country, "official_name", country.name)}:
            forms = (translate(name),) if french_only else (name, translate(name))
            for form in forms:
                keys.add(name_key(form))
                # "Russie, Fédération de" -> "Russie"; "Bolivie (État plurinational de)"
                short = re.split(r"[,(]", form)[0]
                keys.add(name_key(short))
    keys.discard("")
    if french_only:
        # French names that are also English words or parts of other places' names
        # ("New Jersey", "Isle of Man")
        keys -= {"jersey", "guernesey", "man"}
    return frozenset(keys)


def is_country(name: str) -> bool:
    return name_key(name) in _country_keys()


def is_french_country_name(name: str) -> bool:
    """The name is a country's French name ("Portugal", "Allemagne", "Corée du Sud"): English
    names such as "Georgia" or "Jordan", which name people and US states, are not."""
    return name_key(name) in _country_keys(True)


#: countries named without an article ("de Cuba", "d'Israël")
_NO_ARTICLE = {"cuba", "israel", "malte", "chypre", "singapour", "madagascar", "monaco",
               "haiti", "taiwan", "bahrein", "oman", "hong kong", "porto rico", "djibouti",
               "maurice", "andorre", "sainte-lucie", "trinite-et-tobago", "nauru", "tuvalu",
               "kiribati", "samoa", "tonga", "brunei", "macao", "jersey", "guernesey"}
#: plural country names ("des États-Unis")
_PLURAL = {"etats-unis", "pays-bas", "emirats arabes unis", "philippines", "comores",
           "seychelles", "maldives", "bahamas", "fidji", "iles salomon", "iles marshall"}
#: masculine names ending in -e ("du Mexique")
_MASCULINE_E = {"mexique", "cambodge", "mozambique", "zimbabwe", "belize", "suriname",
                "bengale", "maine", "tennessee"}


def article_of_country(name: str) -> str:
    """The French phrase "of <country>": "de la Grèce", "du Mali", "des États-Unis",
    "de l'Égypte", "d'Israël", "de Cuba"."""
    key = " ".join(name_key(name).split())
    vowel = key[:1] in "aeiouyh" and not key.startswith(("hong", "hongrie", "honduras"))
    if key in _NO_ARTICLE:
        return f"d'{name}" if vowel else f"de {name}"
    if key in _PLURAL or key.replace(" ", "-") in _PLURAL:
        return f"des {name}"
    if vowel:
        return f"de l'{name}"
    if key.endswith("e") and key not in _MASCULINE_E:
        return f"de la {name}"
    return f"du {name}"
