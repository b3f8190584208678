"""Offices: "le président égyptien", "ministre des Finances", "le sénateur", as Positions.

An office noun (listed in ``frames/offices.toml``) with its title complements ("des
Finances"), its jurisdiction ("de la Commission européenne", "égyptien") and nothing else
becomes a mention of a :class:`~kg.model.EntityType.POSITION`. Its label is the office's
canonical name: the masculine title, capitalised, then its jurisdiction ("Président de
l'Égypte", "Ministre des Finances", "Sénateur"). A position with a jurisdiction is one entity
across articles; one without ("le sénateur") is one per article. Who holds it is read by the
``position-held`` frame.

Work is done in two steps, because whether "président de X" is an office depends on X's
type: :func:`find_offices` runs on the tokens before names are typed (and says which name
candidates are only words of a title, "Finances"), :func:`position_mentions` runs once
mentions are typed.
"""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib.resources import files

from kg.extract.demonyms import country_of_adjective
from kg.extract.places import article_of_country, is_country
from kg.model import (
    PLACE_TYPES,
    EntityType,
    Mention,
    MentionKind,
    ParsedDocument,
)

#: types of a jurisdiction that make an ambiguous noun ("président", "chef") an office
PUBLIC_TYPES = PLACE_TYPES | {EntityType.GOVERNMENT_ORGANIZATION, EntityType.COURT,
                              EntityType.ARMED_FORCE, EntityType.PLACE}
_LINKS = {"de", "d'", "du", "des", "aux", "au", "a", "en"}  # normalised: "à" is "a"
_DETERMINERS = {"la", "le", "les", "l'"}
_STOP_POS = {"VERB", "AUX", "PRON", "SCONJ", "PUNCT", "NUM"}
#: place nouns between an office and its jurisdiction ("gouverneur de l'État de X")
_CLASSIFIER_WORDS = {"etat", "province", "region", "ville", "comte", "district", "territoire",
                     "canton", "departement", "commune"}


@dataclass(frozen=True, slots=True)
class OfficeNoun:
    words: tuple[str, ...]  # normalised words of the canonical (masculine) form
    canonical: str  # "secrétaire d'état"
    portfolio: bool  # "de ..." continues the title
    public: bool  # an office whatever its complement
    national: bool = False  # an office of a country's state


@dataclass(slots=True)
class Office:
    """An office phrase found in the tokens: ``start:end`` covers the title, its
    complements and its jurisdiction."""

    start: int
    end: int
    noun: OfficeNoun
    title: str  # "Ministre des Finances"
    sentence: int
    #: token range of a name naming the jurisdiction ("de la Commission européenne")
    jurisdiction_span: tuple[int, int] | None = None
    #: the words before that name ("de la"), to write the label
    jurisdiction_link: str = "de"
    #: a country given by a nationality adjective ("le président égyptien")
    jurisdiction_country: str | None = None
    #: token ranges of name candidates that are only words of the title ("Finances")
    title_names: tuple[tuple[int, int], ...] = ()
    #: the phrase stands right before a name ("le président Barack Obama")
    before_name: bool = False
    #: where an ambassador's post is ("en Afghanistan"), after the jurisdiction
    post: str = ""


@functools.lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """Lower case, apostrophes unified, accents removed: "Défense" -> "defense"."""
    word = unicodedata.normalize("NFKD", word.replace("’", "'").lower())
    return "".join(c for c in word if not unicodedata.combining(c))


@functools.cache
def _lexicon() -> tuple[dict[tuple[str, ...], OfficeNoun], int]:
    data = tomllib.loads((files("kg.extract") / "frames" / "offices.toml").read_text("utf-8"))
    nouns: dict[tuple[str, ...], OfficeNoun] = {}
    national = {_words(noun) for noun in data["national"]["nouns"]}
    for group in data["office"]:
        for noun in group["nouns"]:
            words = _words(noun)
            office = OfficeNoun(words, noun, group["complement"] == "portfolio",
                                bool(group["public"]), words in national)
            nouns[office.words] = office
    for feminine, masculine in data["feminine"].items():
        nouns[_words(feminine)] = nouns[_words(masculine)]
    for noun, title in data["titles"].items():
        office = nouns[_words(noun)]
        nouns[_words(noun)] = OfficeNoun(office.words, title, office.portfolio, office.public,
                                         office.national)
    return nouns, max(len(k) for k in nouns)


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(normalise(phrase).replace("'", "' ").split())


def find_offices(parsed: ParsedDocument, name_spans: list[tuple[int, int, str]]
                 ) -> list[Office]:
    """Office phrases in the document. ``name_spans`` are the name candidates (start, end,
    NER label), to tell a jurisdiction ("de la Grèce") from a title word ("des Finances")."""
    nouns, longest = _lexicon()
    tokens = parsed.tokens
    words = [normalise(t.text) for t in tokens]
    starts = {s: (s, e, label) for s, e, label in name_spans}
    found: list[Office] = []
    i = 0
    while i < len(tokens):
        match = None
        for width in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(words[i:i + width])
            if key in nouns and tokens[i + width - 1].sent == tokens[i].sent:
                match = (nouns[key], width)
                break
        if match is None or tokens[i].pos not in {"NOUN", "ADJ", "PROPN", "X"}:
            i += 1
            continue
        noun, width = match
        if i > 0 and words[i - 1] in {"ex", "ex-"}:
            i += width
            continue
        if i > 1 and words[i - 1] == "," and words[i - 2] in {"»", '"', "”"}:
            i += width  # "« ... », juge X": a verb of saying, inverted
            continue
        office = _complete(parsed, i, i + width, noun, words, starts)
        found.append(office)
        i = office.end
    return found


def _complete(parsed: ParsedDocument, start: int, end: int, noun: OfficeNoun,
              words: list[str], starts: dict[int, tuple[int, int, str]]) -> Office:
    tokens = parsed.tokens
    sentence = tokens[start].sent
    title = [_capitalised(noun.canonical)]
    office = Office(start, end, noun, "", sentence)
    title_names: list[tuple[int, int]] = []
    k = end
    while k < len(tokens) and tokens[k].sent == sentence and k - end < 12:
        word = words[k]
        token = tokens[k]
        country = country_of_adjective(token.text.lower()) if token.pos == "ADJ" else None
        if country and office.jurisdiction_country is None and office.jurisdiction_span is None:
            # "le ministre grec", "la secrétaire d'État américaine"
            office.jurisdiction_country = country
            k += 1
            continue
        if word not in _LINKS:
            break
        # a complement: "de (la) X ..."
        j = k + 1
        while j < len(tokens) and words[j] in _DETERMINERS | {"l'"}:
            j += 1
        if j >= len(tokens) or tokens[j].sent != sentence:
            break
        link = " ".join(words[k:j]).replace("' ", "'")
        if (j not in starts and words[j] in _CLASSIFIER_WORDS and j + 1 < len(tokens)
                and words[j + 1] in {"de", "du", "d'"}):
            # "gouverneur de l'État de Nuevo León": the jurisdiction after its classifier
            c = j + 2 if words[j + 1] != "de" or j + 2 >= len(tokens) or words[j + 2] not in (
                _DETERMINERS) else j + 3
            if c in starts and not noun.portfolio:
                link = parsed.document.text[tokens[k].idx:tokens[c - 1].end]
                link = link[:1].lower() + link[1:]
                j = c
        if j in starts:
            s, e, label = starts[j]
            text = parsed.document.text[tokens[s].idx:tokens[e - 1].end]
            place = is_country(text) or label == "LOC"
            if noun.portfolio and not place:
                # "ministre de la Défense": a title word the NER took for a name ("la Marine
                # marchande": with the adjectives after it)
                title_names.append((s, e))
                while (e < len(tokens) and tokens[e].sent == sentence
                       and tokens[e].pos == "ADJ" and not country_of_adjective(tokens[e].text)):
                    e += 1
                title.append(_portfolio(parsed, k, e))
                k = e
                continue
            if office.jurisdiction_span is not None or office.jurisdiction_country:
                if word in {"en", "a", "au", "aux"} and noun.words[0] in {"ambassadeur",
                                                                         "consul"}:
                    # "ambassadeur de France en Afghanistan": where the post is
                    office.post = parsed.document.text[tokens[k].idx:tokens[e - 1].end]
                    k = e
                    continue
                break
            office.jurisdiction_span = (s, e)
            office.jurisdiction_link = link
            k = e
            continue
        if noun.portfolio and tokens[j].pos in {"NOUN", "PROPN", "ADJ"} and word != "en":
            e = j
            while (e < len(tokens) and tokens[e].sent == sentence and e not in starts
                   and (tokens[e].pos in {"NOUN", "PROPN", "ADJ"} or (
                       words[e] in {"et", "de", "des", "du", "d'", "la", "l'"}
                       and e + 1 < len(tokens) and tokens[e + 1].pos in {"NOUN", "PROPN",
                                                                         "DET", "ADJ"}))):
                if tokens[e].pos not in {"NOUN", "PROPN", "ADJ"} and e + 1 < len(tokens) and (
                        e + 1 in starts):
                    break
                e += 1
            while e > j and words[e - 1] in {"et", "de", "des", "du", "d'", "la", "l'"}:
                e -= 1
            if e == j:
                break
            title.append(_portfolio(parsed, k, e))
            k = e
            continue
        break
    office.end = k
    office.title = " ".join(title)
    office.title_names = tuple(title_names)
    nxt = k + 1 if k < len(tokens) and tokens[k].text == "," else k
    office.before_name = nxt in starts and starts[nxt][2] in {"PER", ""}
    return office


#: ambiguous nouns that alone before a name still name an office ("le président Barack
#: Obama"), when no company is spoken of around them
_BARE_OFFICES = {"président", "vice-président"}
#: sentences around an office where a company makes "le président X" the company's
_COMPANY_WINDOW = 3


def _company_near(sentence: int, company_sentences: list[int]) -> bool:
    return any(sentence - _COMPANY_WINDOW <= s <= sentence + 1 for s in company_sentences)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _portfolio(parsed: ParsedDocument, start: int, end: int) -> str:
    """"des affaires étrangères" -> "des Affaires étrangères": the first noun capitalised."""
    tokens = parsed.tokens
    parts: list[str] = []
    capitalised = False
    for token in tokens[start:end]:
        text = token.text.replace("’", "'")
        if not capitalised and token.pos in {"NOUN", "PROPN", "ADJ"}:
            text = _capitalised(text)
            capitalised = True
        if parts and parts[-1].endswith("'"):
            parts[-1] += text
        else:
            parts.append(text)
    return " ".join(parts)


def position_mentions(
    parsed: ParsedDocument, offices: list[Office], names_at: dict[tuple[int, int], Mention],
    article_country: str | None = None,
) -> list[tuple[Mention, int, int]]:
    """The offices that are positions, as mentions with their token ranges. ``names_at``
    maps a name candidate's token range to its typed mention; ``article_country`` is the
    one country the article is about, if any: a national office said alone is its."""
    found: list[tuple[Mention, int, int]] = []
    tokens = parsed.tokens
    text = parsed.document.text
    companies = sorted({m.sentence for m in names_at.values()
                        if m.referent.entity_type is EntityType.COMPANY})
    for office in offices:
        jurisdiction: str | None = office.jurisdiction_country
        link = "de"
        if office.jurisdiction_span is not None:
            named = names_at.get(office.jurisdiction_span)
            if named is None:
                continue
            if not office.noun.public and named.referent.entity_type not in PUBLIC_TYPES:
                continue  # "président de Renault": the company's chair (patterns)
            jurisdiction = named.referent.name
            link = office.jurisdiction_link
        elif not office.noun.public and jurisdiction is None and not (
                office.before_name and office.noun.canonical in _BARE_OFFICES
                and not _company_near(office.sentence, companies)):
            continue  # "le directeur général X", "le président", alone: of what?
        if jurisdiction is None and office.noun.national and article_country is not None:
            jurisdiction = article_country  # "le président" of an article about one country
        label = office.title
        if jurisdiction is not None:
            if office.jurisdiction_span is None:  # "président égyptien", or the article's
                label += " " + article_of_country(jurisdiction)
            else:  # as the text says it: "de la Grèce", "de France", "du Conseil"
                label += " " + (link + " " if not link.endswith("'") else link) + jurisdiction
        if office.post:
            label += " " + office.post
        first, last = tokens[office.start], tokens[office.end - 1]
        mention = Mention(
            doc_id=parsed.document.doc_id, start_char=first.idx, end_char=last.end,
            text=text[first.idx:last.end], sentence=first.sent,
            entity_type=EntityType.POSITION, name=label,
            kind=MentionKind.NAME if jurisdiction is not None else MentionKind.NOMINAL,
        )
        found.append((mention, office.start, office.end))
    return found
