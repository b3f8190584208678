"""Dates and periods: when an organisation was founded, which period an event covers.

"fondée en 1990", "créée le 30 août 1889" -> foundingDate (xsd:gYear or xsd:date);
"troisième trimestre 2024", "T3 2024", "Q3 2024" -> period "2024-Q3" with startDate/endDate;
"premier semestre 2025" -> "2025-H1".
"""

from __future__ import annotations

import re

from kg.extract.surface import SurfaceSentence, normalise_word
from kg.model import (
    ORGANIZATION_TYPES,
    Attribute,
    AttributeFact,
    EntityType,
    Evidence,
    Mention,
    ParsedDocument,
)

EXTRACTORS = {
    "event-period": "a quarter or half-year named in an event description",
    "founding-date": "'X, fondée en 1990', 'depuis sa création en 1922'",
}

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_ORDINALS = {"premier": 1, "1er": 1, "deuxième": 2, "second": 2, "2e": 2, "troisième": 3,
             "3e": 3, "quatrième": 4, "4e": 4, "dernier": 4}
_QUARTER = re.compile(
    r"\b(?:(?P<ord>premier|1er|deuxième|second|2e|troisième|3e|quatrième|4e|dernier) "
    r"trimestre (?:de l' année |de l' exercice |fiscal )?(?:(?P<y1>\d{4}))"
    r"|[tq](?P<q>[1-4]) (?P<y2>\d{4}))\b"
)
_HALF = re.compile(r"\b(?P<ord>premier|1er|second|deuxième|2e) semestre (?P<y>\d{4})\b")
_DATE = re.compile(rf"\b(?:le )?(?P<d>\d{{1,2}}|1er) (?P<m>{'|'.join(MONTHS)}) (?P<y>\d{{4}})\b")
_FOUNDED = re.compile(
    r"@m(?P<s>\d+) (?:, )?(?:(?:[^@.;:]\S*) ){0,8}?(?:a été |est |fut |avait été )?"
    r"(?:fondée?s?|créée?s?|cofondée?s?|co-fondée?s?|établie?s?) "
    # "fondée à Lyon en 2015": where, then when
    r"(?:(?:à|au|en) @m\d+ (?:\( @m\d+ \) |, )?)?"
    r"(?:en (?P<y>\d{4})|le (?P<date>(?:\d{1,2}|1er) \S+ \d{4}))"
)
_STARTED_IN = re.compile(
    # "X, l'un des groupes les mieux connus du métier, a commencé ses activités"
    r"@m(?P<s>\d+) (?:, [^,;:.@]{1,80} , )?(?:(?:[^@.;:]\S*) ){0,10}?"
    r"(?:a commencé|a démarré|a débuté|a lancé) "
    r"ses (?:opérations|activités) (?:(?:[^.;:]\S*) ){0,3}?en (?P<y>\d{4})"
)
_CREATED_IN = re.compile(
    r"@m(?P<s>\d+) (?:, )?(?:(?:[^@.;:]\S*) ){0,6}?depuis sa (?:création|fondation) en "
    r"(?P<y>\d{4})"
)
_QUARTER_BOUNDS = {1: ("01-01", "03-31"), 2: ("04-01", "06-30"), 3: ("07-01", "09-30"),
                   4: ("10-01", "12-31")}


def iso_date(text: str) -> str | None:
    """"30 août 1889" -> "1889-08-30"."""
    match = _DATE.search(normalise_word(text))
    if match is None:
        return None
    day = 1 if match.group("d") == "1er" else int(match.group("d"))
    return f"{int(match.group('y')):04d}-{MONTHS[match.group('m')]:02d}-{day:02d}"


def period(text: str) -> tuple[str, str, str] | None:
    """A quarter or half-year in ``text``: (label, first day, last day)."""
    words = normalise_word(text)
    match = _QUARTER.search(words)
    if match is not None:
        quarter = int(match.group("q")) if match.group("q") else _ORDINALS[match.group("ord")]
        year = match.group("y1") or match.group("y2")
        first, last = _QUARTER_BOUNDS[quarter]
        return f"{year}-Q{quarter}", f"{year}-{first}", f"{year}-{last}"
    match = _HALF.search(words)
    if match is not None:
        half = 1 if match.group("ord") in {"premier", "1er"} else 2
        year = match.group("y")
        first, last = ("01-01", "06-30") if half == 1 else ("07-01", "12-31")
        return f"{year}-H{half}", f"{year}-{first}", f"{year}-{last}"
    return None


def _evidence(parsed: ParsedDocument, sentence: int, extractor: str, confidence: float
              ) -> Evidence:
    s = parsed.sentences[sentence]
    document = parsed.document
    return Evidence(document.doc_id, document.source, s.text, s.start_char, s.end_char,
                    extractor, confidence, document.date)


def attribute_facts(
    parsed: ParsedDocument,
    described: list[tuple[Mention, int, int]],
    surfaces: list[SurfaceSentence],
    by_id: dict[int, Mention],
) -> list[AttributeFact]:
    found: list[AttributeFact] = []
    for mention, _start, _end in described:
        if mention.entity_type is not EntityType.EVENT:
            continue
        span = period(mention.text)
        if span is None:
            day = iso_date(mention.text)
            if day is not None:  # "la conférence du 12 mars 2024"
                evidence = _evidence(parsed, mention.sentence, "event-period", 0.9)
                found.append(AttributeFact(mention, Attribute.START_DATE, day, "date", evidence))
            continue
        label, first, last = span
        evidence = _evidence(parsed, mention.sentence, "event-period", 0.9)
        found += [
            AttributeFact(mention, Attribute.PERIOD, label, "string", evidence),
            AttributeFact(mention, Attribute.START_DATE, first, "date", evidence),
            AttributeFact(mention, Attribute.END_DATE, last, "date", evidence),
        ]
    for surf in surfaces:
        for regex in (_FOUNDED, _CREATED_IN, _STARTED_IN):
            for match in regex.finditer(surf.text):
                subject = by_id.get(int(match.group("s")))
                if subject is None or subject.entity_type not in (
                    ORGANIZATION_TYPES | {EntityType.PROJECT}
                ):
                    continue
                if match.groupdict().get("date"):
                    value, datatype = iso_date(match.group("date")), "date"
                else:
                    value, datatype = match.group("y"), "gYear"
                if value is None:
                    continue
                evidence = _evidence(parsed, surf.sentence.index, "founding-date", 0.85)
                found.append(AttributeFact(subject, Attribute.FOUNDING_DATE, value, datatype,
                                           evidence))
    return found


# --- date expressions in a sentence, resolved against the article's date --------------------

_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
             "dimanche": 6}
_RELATIVE_DAYS = {"hier": -1, "aujourd'hui": 0, "demain": 1, "avant-hier": -2,
                  "après-demain": 2}


def date_expressions(parsed: ParsedDocument) -> dict[int, str]:
    """Token index -> ISO value (``2012-06-17``, ``2012-06``, ``2006``) for every token of a
    date expression: "le 3 juin 2012", "dimanche 17 juin", "le 19 mars dernier", "en 2006",
    "ce vendredi", "hier soir", "en septembre 2012". A day without a year takes the year of
    the article's date; a weekday alone or "hier" needs the article's date."""
    from datetime import date, timedelta

    reference: date | None = None
    if parsed.document.date:
        try:
            reference = date.fromisoformat(parsed.document.date)
        except ValueError:
            reference = None
    tokens = parsed.tokens
    words = [normalise_word(t.text) for t in tokens]
    found: dict[int, str] = {}
    i = 0
    while i < len(tokens):
        word = words[i]
        sentence = tokens[i].sent

        def at(k: int, sentence: int = sentence) -> str:
            return words[k] if k < len(tokens) and tokens[k].sent == sentence else ""

        start = i
        k = i
        weekday = None
        if word in _WEEKDAYS:
            weekday = _WEEKDAYS[word]
            k += 1
        day = None
        if (at(k).isdigit() and 1 <= int(at(k)) <= 31 and at(k + 1) in MONTHS) or (
                at(k) == "1er" and at(k + 1) in MONTHS):
            day = 1 if at(k) == "1er" else int(at(k))
            k += 1
        value = None
        if at(k) in MONTHS and (day is not None or at(k + 1).isdigit() or i == k):
            month = MONTHS[at(k)]
            k += 1
            year = None
            if at(k).isdigit() and len(at(k)) == 4:
                year = int(at(k))
                k += 1
            elif reference is not None:
                year = reference.year
                if at(k) == "dernier" and reference is not None and (
                        (month, day or 1) > (reference.month, reference.day)):
                    year -= 1
            if at(k) in {"dernier", "prochain"}:
                k += 1
            if year is not None and day is not None:
                try:
                    value = date(year, month, day).isoformat()
                except ValueError:
                    value = None
            elif year is not None and (day is None and (i < k - 1 or at(k - 1).isdigit())):
                value = f"{year:04d}-{month:02d}"
        elif weekday is not None and reference is not None and day is None:
            # "ce vendredi", "jeudi": the closest such day to the article's date
            offset = (weekday - reference.weekday() + 7) % 7
            back = offset - 7 if offset else 0
            chosen = back if abs(back) <= abs(offset) else offset
            if at(i - 1) in {"ce", "cette"} or offset != 0 or back == 0:
                value = (reference + timedelta(days=chosen)).isoformat()
        elif word in _RELATIVE_DAYS and reference is not None:
            value = (reference + timedelta(days=_RELATIVE_DAYS[word])).isoformat()
            k = i + 1
        elif (word.isdigit() and len(word) == 4 and 1800 <= int(word) <= 2100
              and at(i - 1) in {"en", "de", "depuis", "dès"} and tokens[i].pos == "NUM"
              and not (at(i + 1) in {"-", "–", "à", "au", "et"} and at(i + 2).isdigit())):
            # (not "de 1950 à 1953", "1950-1953": a period is no point in time)
            value = word
            k = i + 1
        if value is None:
            i += 1
            continue
        if at(start - 1) in {"le", "ce", "cette"} and start > 0:
            start -= 1
        for t in range(start, max(k, i + 1)):
            found[t] = value
        i = max(k, i + 1)
    return found
