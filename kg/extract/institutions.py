"""Institutions and sites named with a common noun: "l'université anglaise de Manchester",
"l'ambassade de France à Damas", "la place Tahrir", "l'armée française".

French news writes these in lower case, so the NER rarely takes them for names. A noun listed
in ``frames/institutions.toml``, its adjectives, and the name after it (directly, or after
"de"; an embassy also "à" its city) make a name of the class listed there. A name inside
(Manchester, France, Damas) keeps its own mention, so that the frames can say where the
institution is. A body named by a nationality adjective alone ("l'armée française", "le
gouvernement malien") is that country's body, named so ("Armée française").
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib.resources import files

from kg.extract.demonyms import country_of_adjective
from kg.extract.offices import normalise
from kg.model import EntityType, Mention, MentionKind, ParsedDocument

_DE = {"de", "du", "des", "d'"}
_DETERMINERS = {"la", "le", "les", "l'"}


@dataclass(frozen=True, slots=True)
class Institution:
    """A mention found, with the country a nationality adjective gave it. ``inner`` is the
    token range of a place named inside ("Manchester" in "l'université de Manchester"),
    which stays an entity of its own; a name that is only the institution's own ("Tahrir"
    in "la place Tahrir", "Yale" in "l'université de Yale") is absorbed (``inner`` None)."""

    mention: Mention
    start: int
    end: int
    country: str | None = None
    inner: tuple[int, int] | None = None
    absorbed: tuple[int, int] | None = None


@functools.cache
def _lexicon() -> tuple[dict[tuple[str, ...], EntityType], frozenset[tuple[str, ...]], int]:
    data = tomllib.loads((files("kg.extract") / "frames" / "institutions.toml")
                         .read_text("utf-8"))
    nouns: dict[tuple[str, ...], EntityType] = {}
    for group in data["institution"]:
        for noun in group["nouns"]:
            nouns[_words(noun)] = EntityType(group["class"])
    national = frozenset(_words(n) for n in data["national"]["nouns"])
    return nouns, national, max(len(k) for k in nouns)


@functools.cache
def _not_absorbing() -> frozenset[tuple[str, ...]]:
    data = tomllib.loads((files("kg.extract") / "frames" / "institutions.toml")
                         .read_text("utf-8"))
    return frozenset(_words(noun) for group in data["institution"]
                     if not group.get("absorbs", True) for noun in group["nouns"])


@functools.cache
def _named_only() -> frozenset[tuple[str, ...]]:
    data = tomllib.loads((files("kg.extract") / "frames" / "institutions.toml")
                         .read_text("utf-8"))
    return frozenset(_words(noun) for group in data["institution"]
                     if group.get("named_only", False) for noun in group["nouns"])


#: classes whose noun and an adjective make a name ("la commission européenne")
_PUBLIC = {EntityType.GOVERNMENT_ORGANIZATION, EntityType.COURT, EntityType.ARMED_FORCE}
#: adjectives that, with an institution noun, name one body: "la commission européenne",
#: "la commission électorale", "la Cour constitutionnelle fédérale"
_NAMING_ADJECTIVES = {normalise(w) for w in (
    "européen", "européenne", "fédéral", "fédérale", "national", "nationale", "international",
    "internationale", "constitutionnel", "constitutionnelle", "électoral", "électorale",
    "suprême", "pénal", "pénale", "militaire", "spatial", "spatiale", "populaire", "civil",
    "civile", "islamique", "provisoire", "intérimaire", "onusien", "onusienne")}


def _names_a_body(adjectives: list[str]) -> bool:
    return any(normalise(a) in _NAMING_ADJECTIVES or country_of_adjective(a)
               for a in adjectives)


def is_institution_noun(word: str) -> bool:
    """A one-word noun that names an institution with what follows ("université")."""
    return (normalise(word),) in _lexicon()[0]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(normalise(phrase).replace("'", "' ").split())


def institution_mentions(parsed: ParsedDocument, names: list[tuple[int, int, bool]],
                         organisations: frozenset[tuple[int, int]] = frozenset(),
                         people: frozenset[tuple[int, int]] = frozenset()
                         ) -> list[Institution]:
    """Institution names with their token ranges. ``names`` are the name candidates' token
    ranges, with whether each names a place: a name that already starts at the noun
    ("Université de Yale") is left as it is. ``organisations`` are the names the NER calls
    organisations."""
    nouns, national, longest = _lexicon()
    tokens = parsed.tokens
    words = [normalise(t.text) for t in tokens]
    starts = {s: e for s, e, _ in names}
    places = {(s, e) for s, e, place in names if place}
    covered = {i for s, e, _ in names for i in range(s, e)}
    text = parsed.document.text
    found: list[Institution] = []
    i = 0
    while i < len(tokens):
        hit = None
        for width in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(words[i:i + width])
            if key in nouns and tokens[i + width - 1].sent == tokens[i].sent:
                hit = (key, width)
                break
        if hit is None or i in covered or tokens[i].pos not in {"NOUN", "PROPN", "ADJ"}:
            i += 1
            continue
        key, width = hit
        etype = nouns[key]
        sentence = tokens[i].sent
        k = i + width
        country = None
        # adjectives: "anglaise", "nucléaire", "international", "guyanais"
        while k < len(tokens) and tokens[k].sent == sentence and tokens[k].pos == "ADJ" and (
                k not in starts):
            country = country or country_of_adjective(tokens[k].text)
            k += 1
        end = None
        inner = absorbed = None
        if k in starts:  # "la place Tahrir", "le gouvernement Papadimos"
            if key in _not_absorbing():
                i += width  # "l'association Aquitaine Jeux": the name is Aquitaine Jeux
                continue
            end = starts[k]
            absorbed = (k, end)
        elif key in _named_only():
            i += width  # "l'opération de police": no name
            continue
        elif k < len(tokens) and words[k] in _DE:
            j = k + 1
            while j < len(tokens) and words[j] in _DETERMINERS:
                j += 1
            if j in starts and tokens[j].sent == sentence and not (
                    etype is EntityType.ARMED_FORCE and (j, starts[j]) in organisations):
                # (not "les rebelles de l'Armée syrienne libre": the army is named by itself)
                end = starts[j]
                # "l'université de Manchester": Manchester stays a place of its own;
                # "le ministère de la Défense", "l'université de Yale": one name
                if ((j, end) in places and etype is not EntityType.GOVERNMENT_ORGANIZATION) \
                        or (j, end) in people:
                    # (a place or a person named inside stays an entity of its own: "le
                    # gouvernement de Mariano Rajoy")
                    inner = (j, end)
                else:
                    absorbed = (j, end)
        if end is not None and key[0] in {"ambassade", "consulat"} and end + 1 < len(tokens) \
                and words[end] == "a" and end + 1 in starts:  # "à", normalised
            end = starts[end + 1]  # "l'ambassade de France à Damas"
        if end is None and country is not None and key in national and k == i + width + 1:
            end = k  # "l'armée française", "le gouvernement malien"
        if end is None and k > i + width and etype in _PUBLIC and _names_a_body(
                [tokens[t].text for t in range(i + width, k)]):
            end = k  # "la commission européenne", "la Cour constitutionnelle fédérale"
        if end is None:
            i += width
            continue
        first, last = tokens[i], tokens[end - 1]
        phrase = text[first.idx:last.end]
        label = " ".join(phrase.split())
        label = label[:1].upper() + label[1:]
        mention = Mention(
            doc_id=parsed.document.doc_id, start_char=first.idx, end_char=last.end,
            text=phrase, sentence=sentence, entity_type=etype, name=label,
            kind=MentionKind.NAME,
        )
        found.append(Institution(mention, i, end, country if end == k else None, inner,
                                 absorbed))
        i = end
    return found
