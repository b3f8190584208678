"""Find the mentions of a document, type them, and link those that name the same thing.

1. Name candidates: spaCy's entity spans, and capitalised proper-noun runs it missed.
2. Typing: each candidate collects votes (the NER label, a cue noun before it, an apposition
   after it, a word inside the name); all names of one entity in a document share one type.
3. Linking inside the document: repeated names, a surname after the full name, an acronym
   given in parentheses.
4. Descriptions: events ("un appel aux résultats du premier semestre") and strategies
   ("la stratégie derrière ...") that have no name but are things a graph should hold.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract import lexicon
from kg.extract.demonyms import SUBSTANTIVE_NATIONALITY, country_of_adjective
from kg.extract.places import is_country
from kg.extract.surface import name_key, normalise_word, surface
from kg.model import ORGANIZATION_TYPES, EntityType, Mention, MentionKind, ParsedDocument, Token

NER_TYPES = {
    "PER": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "LOC": EntityType.PLACE,
}
#: weight of a vote from the statistical NER, against an explicit cue in the text
NER_WEIGHT = 1
CUE_WEIGHT = 5
#: the role a name plays in a relation pattern ("X a racheté Y": Y is an organisation)
RELATION_WEIGHT = 2

E = EntityType
#: types that compete: the branch is decided first, then the most specific type inside it
BRANCHES: tuple[tuple[EntityType, ...], ...] = (
    (E.PERSON,),
    (E.ORGANIZATION, E.COMPANY, E.POLITICAL_PARTY, E.SPORTS_TEAM, E.GOVERNMENT_ORGANIZATION,
     E.COURT, E.ARMED_FORCE, E.MEDIA_ORGANIZATION, E.EDUCATIONAL_ORGANIZATION),
    (E.PRODUCT, E.SOFTWARE, E.AI_MODEL, E.VEHICLE, E.SPACECRAFT),
    (E.PROJECT,),
    (E.EVENT, E.ELECTION, E.ATTACK, E.ACCIDENT, E.NATURAL_DISASTER, E.SPORTS_EVENT),
    (E.STRATEGY,),
    (E.PLACE, E.COUNTRY),
    (E.POSITION,),
    (E.CREATIVE_WORK, E.LAW),
    (E.AWARD,),
)
_BRANCH_OF = {t: branch for branch in BRANCHES for t in branch}

# words that start sentences or titles capitalised but are not names
_NOT_NAMES = {
    "le", "la", "les", "l'", "un", "une", "des", "ce", "cette", "ces", "il", "elle", "ils",
    "elles", "on", "nous", "vous", "je", "lors", "selon", "pour", "dans", "mais", "et", "ou",
    "en", "au", "aux", "du", "de", "d'", "à", "par", "sur", "avec", "sans", "après", "avant",
    "depuis", "pendant", "cependant", "ainsi", "alors", "aussi", "enfin", "share", "partager",
    "lire", "ia", "ai", "pdg", "ceo", "m.", "mme", "dr", "monsieur", "madame",
}
#: acronyms French uses as common nouns ("l'IA", "le PDG"): never the start of a name
_COMMON_ACRONYMS = {"ia", "pdg", "dg", "drh", "pme", "eti", "tpe"}
#: French determiners and prepositions: capitalised inside a sentence (after a colon, in
#: a title) they still open no name ("De" and "Du" do: "De Beers", "Du Pont")
_FRENCH_FUNCTION_WORDS = frozenset({
    "le", "la", "les", "l'", "un", "une", "des", "au", "aux", "à", "en", "et", "ou", "ce",
    "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos",
    "mon", "ma", "mes", "par", "pour", "sur", "sous", "dans", "avec", "chez", "entre", "vers",
    "depuis", "selon", "contre", "sans", "après", "avant", "lors", "dès", "quel", "quelle",
    "quels", "quelles", "tout", "toute", "tous", "toutes",
})
_TITLE_PREFIX = re.compile(rf"^(?:{lexicon.PERSON_TITLES})$")
_MONTHS = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
}
_COMMON_NOUN = re.compile(
    rf"^(?:{'|'.join(p for p, _ in lexicon.TYPE_NOUNS)}|"
    rf"{'|'.join(p for p, _ in lexicon.ROLE_NOUNS)}|filiale|division|branche|membre)$"
)
_NAMING_PARTICIPLES = {"baptisé", "baptisée", "baptisés", "baptisées", "nommé", "nommée",
                       "surnommé", "surnommée", "dénommé", "dénommée", "appelé", "appelée"}
_WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}


@dataclass(slots=True)
class Candidate:
    start: int  # token range, end exclusive
    end: int
    sentence: int
    text: str
    start_char: int
    end_char: int
    ner: str = ""
    kind: MentionKind = MentionKind.NAME
    votes: Counter[EntityType] = field(default_factory=Counter)
    cluster: int = -1
    #: the name to give the entity when it differs from the text ("Place Tahrir")
    label: str | None = None
    #: an institution named with a common noun: its noun still heads a noun phrase
    institution: bool = False


def _is_capitalised(token: Token) -> bool:
    return any(c.isupper() for c in token.text[:2]) or (
        token.text[:1].isdigit() and token.pos == "PROPN"
    )


def _trim(parsed: ParsedDocument, start: int, end: int) -> tuple[int, int]:
    """Drop determiners, prepositions, titles and punctuation at the edges of a name span."""
    tokens = parsed.tokens
    while start < end and (
        (tokens[start].pos in {"DET", "ADP", "PUNCT", "CCONJ", "PRON", "SCONJ"}
         and not _capitalised_inside(tokens, start, end))
        # common words the NER swept into the name: "modèle Gemini", "groupe norvégien X"
        # (but not "parti démocratique de l'Arkansas", where the name runs through "de")
        or (tokens[start].text[:1].islower() and tokens[start].pos not in {"NUM"}
            and _capital_before_preposition(tokens, start + 1, end))
        # "attentat de Kaboul", "ville de Lagos": an event or place noun the NER swept in
        or (tokens[start].text[:1].islower() and start + 1 < end
            and _is_common_head(tokens[start].text))
        or normalise_word(tokens[start].text) in {"l'", "d'", "«", '"'}
        or normalise_word(tokens[start].text) in _NAMING_PARTICIPLES
        or _TITLE_PREFIX.match(normalise_word(tokens[start].text))
        or (normalise_word(tokens[start].text) in _COMMON_ACRONYMS and end - start > 1
            and tokens[start + 1].text not in {"&", "et"})  # "IA & Droit" is a name
    ):
        start += 1
    # "pôle de compétitivité Aéronumérique": common words, then the name right after one of
    # them (not "parti démocratique de l'Arkansas", whose name is the complement)
    if start < end and tokens[start].text[:1].islower():
        for k in range(start + 1, end):
            if (tokens[k].text[:1].isupper() and tokens[k - 1].text[:1].islower()
                    and tokens[k - 1].pos in {"NOUN", "ADJ"}):
                start = k
                break
    while end > start and ((tokens[end - 1].pos in {"PUNCT", "ADP", "DET", "CCONJ"}
                            and not (end - start == 1
                                     and _capitalised_inside(tokens, start, end)))
                           or tokens[end - 1].text in {"-", "–", "—"}
                           or tokens[end - 1].text in _WEEKDAYS  # "Thierry Roux jeudi"
                           # "les Journées de la mutualité organisées à Bruxelles"
                           or _EVENT_CLAUSE_PARTICIPLE.match(tokens[end - 1].text)):
        end -= 1
    return start, end


def _is_common_head(word: str) -> bool:
    """A common noun that heads a description rather than a name: an event noun, a place
    classifier ("ville", "province"), an institution ("université", "ambassade")."""
    from kg.extract.events import is_event_noun
    from kg.extract.institutions import is_institution_noun
    from kg.extract.syntax import CLASSIFIERS

    word = normalise_word(word)
    return (word in CLASSIFIERS or is_event_noun(word) is not None
            or is_institution_noun(word))


def _capitalised_common(parsed: ParsedDocument, i: int) -> bool:
    """A capitalised word the tagger took for a common noun or adjective, inside a sentence
    and not after a quote, colon or bracket: French capitalises no common noun there, so it
    is a name the tagger did not know ("Paul Rey pilote Calordis depuis 2019")."""
    tokens = parsed.tokens
    token = tokens[i]
    if (token.pos not in {"NOUN", "ADJ", "X", "ADP", "VERB", "ADV"}
            or not token.text[:1].isupper() or not token.text[1:].islower()
            or len(token.text) < 3
            or normalise_word(token.text) in _FRENCH_FUNCTION_WORDS | {"de", "du", "des"}):
        return False
    if i == 0 or tokens[i - 1].sent != token.sent or parsed.sentences[token.sent].start == i:
        return False
    return tokens[i - 1].text not in {"«", "\"", "“", ":", "(", "—", "–", "-", "/", "."}


def _capitalised_inside(tokens: tuple[Token, ...], start: int, end: int) -> bool:
    """A capitalised word the tagger calls a determiner or preposition, inside a sentence, is
    part of the name ("San Francisco", "Los Angeles", "De Beers", a "Calordis" it did not
    know); "De" and "Du" only before more of the name."""
    token = tokens[start]
    word = normalise_word(token.text)
    if not (token.text[:1].isupper() and start > 0 and tokens[start - 1].sent == token.sent
            and word not in _FRENCH_FUNCTION_WORDS):
        return False
    if word in {"de", "du", "des", "d'"} or len(word) < 3:
        return end - start > 1 and tokens[start + 1].text[:1].isupper()
    return True


def _capital_before_preposition(tokens: tuple[Token, ...], start: int, end: int) -> bool:
    for token in tokens[start:end]:
        if token.text[:1].isupper():
            return True
        if token.pos in {"ADP", "DET", "PUNCT"}:
            return False
    return False


def _candidate(
    parsed: ParsedDocument, start: int, end: int, ner: str, *, trim: bool = True
) -> Candidate | None:
    if trim:
        start, end = _trim(parsed, start, end)
    if start >= end:
        return None
    tokens = parsed.tokens[start:end]
    if not any(_is_capitalised(t) for t in tokens):
        return None
    words = [normalise_word(t.text) for t in tokens]
    if len(words) == 1 and (words[0] in _NOT_NAMES or words[0] in _MONTHS or len(words[0]) < 2):
        return None
    if all(w.isdigit() for w in words):
        return None
    end_char = tokens[-1].end
    sentence = parsed.sentences[tokens[0].sent]
    if end == sentence.end and tokens[-1].text.endswith(".") and len(tokens[-1].text) > 1:
        end_char -= 1  # "Frais & Cie." at the end of a sentence: the stop is the sentence's
    text = parsed.document.text[tokens[0].idx : end_char]
    return Candidate(start, end, tokens[0].sent, text, tokens[0].idx, end_char, ner)


def institution_candidate(parsed: ParsedDocument, start: int, end: int, etype: EntityType,
                          label: str) -> Candidate | None:
    """A name made of an institution noun and what follows ("place Tahrir", "armée
    française"), typed by the noun; its label is capitalised ("Place Tahrir")."""
    cand = _candidate(parsed, start, end, "", trim=False) or _lowercase_candidate(
        parsed, start, end)
    if cand is None:
        return None
    cand.votes[etype] += 2 * CUE_WEIGHT
    cand.label = label
    cand.institution = True
    return cand


def _lowercase_candidate(parsed: ParsedDocument, start: int, end: int) -> Candidate:
    tokens = parsed.tokens[start:end]
    text = parsed.document.text[tokens[0].idx:tokens[-1].end]
    return Candidate(start, end, tokens[0].sent, text, tokens[0].idx, tokens[-1].end, "")


def name_candidates(parsed: ParsedDocument) -> list[Candidate]:
    """NER spans, plus proper-noun runs the NER missed."""
    candidates: list[Candidate] = []
    covered: set[int] = set()
    for span in parsed.ner_spans:
        end = span.end
        # "France 2", "Europe 1": a number closing the name the NER left out
        tokens = parsed.tokens
        if (end < len(tokens) and tokens[end].pos == "NUM" and tokens[end].text.isdigit()
                and len(tokens[end].text) <= 2 and tokens[end].sent == tokens[span.start].sent
                and span.label in {"ORG", "MISC", "LOC"}
                and (end + 1 >= len(tokens) or tokens[end + 1].pos != "NOUN")):
            end += 1
        cand = _candidate(parsed, span.start, end, span.label)
        if (cand is not None and cand.end - cand.start == 1
                and parsed.sentences[cand.sentence].start == cand.start
                and _COMMON_NOUN.match(cand.text.lower())):
            continue  # "Filiale du groupe X, Y met ...": a noun opening the sentence
        if cand is not None:
            candidates.append(cand)
            covered.update(range(cand.start, cand.end))
    tokens = parsed.tokens
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i in covered or not _is_capitalised(token) or not (
            token.pos == "PROPN" or _capitalised_common(parsed, i)
        ):
            i += 1
            continue
        j = i + 1
        while (
            j < len(tokens)
            and j not in covered
            and tokens[j].sent == token.sent
            and (tokens[j].pos == "PROPN" or (tokens[j].pos == "NUM" and j > i)
                 or _capitalised_common(parsed, j))
            and (
                tokens[j].dep.startswith(("flat", "compound", "fixed"))
                or tokens[j].head in range(i, j)
                or any(tokens[k].head == j for k in range(i, j))
            )
        ):
            j += 1
        cand = _candidate(parsed, i, j, "")
        if cand is not None and not (
            # a sentence-initial capitalised word alone is too weak a sign of a name, and a
            # type or role noun there is none ("Filiale du groupe X, Y ...")
            cand.end - cand.start == 1 and parsed.sentences[token.sent].start == cand.start
            and tokens[cand.start].text.isalpha() and tokens[cand.start].text.istitle()
            and (tokens[cand.start].lemma.lower() != tokens[cand.start].text.lower()
                 or _COMMON_NOUN.match(tokens[cand.start].text.lower()))
        ):
            candidates.append(cand)
        i = max(j, i + 1)
    candidates = _merge_split_names(parsed, candidates)
    candidates = _merge_coordinated_firm_names(parsed, candidates)
    candidates = _merge_by_acronym(parsed, candidates)
    # an event's or an institution's name replaces the pieces of it the NER found
    # ("Rencontres de la finance", "Union des maisons"), not a longer name it found
    headed = [h for h in _headed_names(parsed)
              if not any(h.start <= c.start < h.end < c.end or c.start < h.start < c.end
                         for c in candidates)]
    candidates = [c for c in candidates
                  if not any(h.start <= c.start < h.end for h in headed)] + headed
    quoted = _quoted_names(parsed)
    # a quoted title replaces the pieces of it the NER found ("« Cap 2030 »", not "Cap")
    candidates = [c for c in candidates
                  if not any(q.start <= c.start and c.end <= q.end for q in quoted)]
    candidates += quoted
    candidates = [c for c in candidates if not _classifier_before_name(parsed, c)]
    candidates.sort(key=lambda c: (c.start, -c.end))
    # drop candidates nested in an earlier one
    kept: list[Candidate] = []
    last_end = -1
    for cand in candidates:
        if cand.start >= last_end:
            kept.append(cand)
            last_end = cand.end
    return kept


def _classifier_before_name(parsed: ParsedDocument, cand: Candidate) -> bool:
    """"l'État du New Jersey", "la Province de Kapisa": a capitalised place noun before the
    name it classifies names nothing by itself."""
    from kg.extract.syntax import CLASSIFIERS

    tokens = parsed.tokens
    if cand.end - cand.start != 1 or normalise_word(cand.text) not in CLASSIFIERS:
        return False
    k = cand.end
    return (k + 1 < len(tokens) and normalise_word(tokens[k].text) in {"de", "du", "d'", "des"}
            and (tokens[k + 1].text[:1].isupper() or (
                k + 2 < len(tokens) and tokens[k + 2].text[:1].isupper())))


def _merge_by_acronym(parsed: ParsedDocument, candidates: list[Candidate]) -> list[Candidate]:
    """Names the NER cut in pieces and whose acronym follows in brackets are one name:
    "Kleiner Perkins Caufield Byers (KPCB)" is not two people."""
    tokens = parsed.tokens
    candidates = sorted(candidates, key=lambda c: c.start)
    by_end = {c.end: n for n, c in enumerate(candidates)}
    merged: dict[int, Candidate] = {}
    dropped: set[int] = set()
    for cand in candidates:
        acronym = cand.text
        if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()
                and cand.start >= 2 and tokens[cand.start - 1].text == "("):
            continue
        run: list[int] = []
        end = cand.start - 1
        while end in by_end and len(run) < 4:
            n = by_end[end]
            run.insert(0, n)
            end = candidates[n].start
        if len(run) < 2:
            continue
        first, last = candidates[run[0]], candidates[run[-1]]
        initials = "".join(t.text[0] for t in tokens[first.start : last.end]
                           if t.text[:1].isupper())
        if initials != acronym:
            continue
        joined = _candidate(parsed, first.start, last.end, "ORG")
        if joined is not None:
            merged[run[0]] = joined
            dropped.update(run[1:])
    return [merged.get(n, c) for n, c in enumerate(candidates) if n not in dropped]


def _merge_coordinated_firm_names(
    parsed: ParsedDocument, candidates: list[Candidate]
) -> list[Candidate]:
    """A firm named after two people ends with its legal form, which the NER often leaves on
    the second name only: "Fraser et Neave Limited" is one company, not a person and a
    company. One word, "et" or "&", then a name ending with a legal form make one name."""
    tokens = parsed.tokens
    candidates = sorted(candidates, key=lambda c: c.start)
    merged: list[Candidate] = []
    for cand in candidates:
        last = merged[-1] if merged else None
        if (last is not None and last.end - last.start == 1 and cand.start == last.end + 1
                and tokens[last.end].text.lower() in {"et", "&"}
                and cand.sentence == last.sentence
                and normalise_word(tokens[cand.end - 1].text) in lexicon.LEGAL_FORMS):
            joined = _candidate(parsed, last.start, cand.end, "ORG")
            if joined is not None:
                merged[-1] = joined
                continue
        merged.append(cand)
    return merged


def _merge_split_names(parsed: ParsedDocument, candidates: list[Candidate]) -> list[Candidate]:
    """The NER sometimes cuts a name in two ("Aquitaine" + "Jeux"): a piece it left unlabelled
    that directly follows a name joins it."""
    candidates = sorted(candidates, key=lambda c: c.start)
    merged: list[Candidate] = []
    for cand in candidates:
        last = merged[-1] if merged else None
        if (last is not None and cand.start == last.end and cand.sentence == last.sentence
                and ((cand.ner in {"", "MISC"} and last.ner != "PER"
                      # "le groupe de BTP Sorelis": an acronym before a name is a modifier
                      and not (last.end - last.start == 1 and last.text.isupper()))
                     # "la Fromagerie" + "Hervé-Lucas": a capitalised business noun opens
                     # the name that follows it
                     or (last.end - last.start == 1 and last.text[:1].isupper()
                         and _OPENING_NAME_WORD.match(last.text.lower())))):
            joined = _candidate(parsed, last.start, cand.end, last.ner)
            if joined is not None:
                merged[-1] = joined
                continue
        merged.append(cand)
    return merged


_NAME_HEADS = {
    **dict.fromkeys(("rencontres", "assises", "journées", "sommet", "forum", "salon", "congrès",
                     "festival", "conférence", "colloque", "symposium", "biennale", "foire",
                     "états", "semaine", "trophées"), EntityType.EVENT),
    **dict.fromkeys(("union", "fédération", "association", "syndicat", "confédération",
                     "chambre", "conseil", "institut", "agence", "comité", "groupement",
                     "mouvement", "collectif", "observatoire", "fondation", "office",
                     "secrétariat", "alliance", "coalition", "consortium"),
                    EntityType.ORGANIZATION),
    **dict.fromkeys(("autorité", "ministère", "commission", "haut-commissariat"),
                    EntityType.GOVERNMENT_ORGANIZATION),
    **dict.fromkeys(("banque", "caisse", "compagnie", "société"), EntityType.COMPANY),
    **dict.fromkeys(("armée", "forces"), EntityType.ARMED_FORCE),
    # "l'État islamique", "l'État français": a state named with an adjective
    **dict.fromkeys(("état",), EntityType.ORGANIZATION),
    **dict.fromkeys(("parti",), EntityType.POLITICAL_PARTY),
    **dict.fromkeys(("cour", "tribunal"), EntityType.COURT),
}
_EVENT_NAME_WORDS = {"NOUN", "ADJ", "PROPN", "NUM"}
#: participles that open a clause about the event, never part of its name ("les Journées
#: de la mutualité organisées à Bruxelles")
_EVENT_CLAUSE_PARTICIPLE = re.compile(r"^(?:organisé|prévu|tenu|programmé|accueilli|lancé|"
                                      r"co-organisé|coorganisé)e?s?$")


def _headed_names(parsed: ParsedDocument) -> list[Candidate]:
    """Names the NER misses or cuts because their words are common nouns: a capitalised
    event or institution noun inside a sentence, and its complements ("les Assises de
    l'information de proximité", "l'Union des maisons de cognac"). The head gives the type.
    "Université" only opens "Université d'été", an event."""
    tokens = parsed.tokens
    found: list[Candidate] = []
    for i, token in enumerate(tokens):
        word = token.text.lower()
        etype = _NAME_HEADS.get(word)
        if word == "université":
            etype = EntityType.EVENT
        if (etype is None or not token.text[:1].isupper()
                or parsed.sentences[token.sent].start == i):
            continue
        end = i + 1
        if word == "états":  # "États généraux de ..."
            if end >= len(tokens) or tokens[end].text.lower() != "généraux":
                continue
            end += 1
        if word == "université" and " ".join(t.text.lower() for t in tokens[end:end + 2]) != (
                "d' été") and " ".join(t.text.lower() for t in tokens[end:end + 2]) != "d’ été":
            continue
        last = end
        k = end
        while k < len(tokens) and k - i < 10 and tokens[k].sent == token.sent:
            low = normalise_word(tokens[k].text)
            if tokens[k].ent_type == "PER" and tokens[k].ent_iob == "B":
                break  # "le président du Conseil national Jean Dupré"
            if word == "état" and tokens[k].pos != "ADJ":
                break  # "l'État islamique", not "l'État de New York" (a place)
            # a participle ends a name ("de la finance embarquée,"), it does not open a
            # clause ("Sommet du sport business organisé à Lyon")
            if (tokens[k].pos in _EVENT_NAME_WORDS or (
                    tokens[k].pos == "VERB" and "VerbForm=Part" in tokens[k].morph
                    and k > end and (k + 1 >= len(tokens) or tokens[k + 1].pos == "PUNCT")
            )) and low not in _MONTHS and not _EVENT_CLAUSE_PARTICIPLE.match(low):
                k += 1
                last = k
            elif low in {"de", "du", "des", "d'", "la", "l'", "le", "&", "pour"}:
                k += 1
            else:
                break
        if last == end:
            continue  # "le Salon" alone is no name; "la Banque Lumière" is the NER's
        cand = _candidate(parsed, i, last, "MISC", trim=False)
        if cand is not None:
            # the noun opening the name outweighs a trade word inside it ("finance")
            cand.votes[etype] += 2 * CUE_WEIGHT
            found.append(cand)
    return found


_OPENING = {"«", "\"", "“"}
_CLOSING = {"»", "\"", "”"}
_QUOTED_BEFORE_TYPE = re.compile(
    rf"^, (?:son|sa|ses|leur|leurs) (?:nouveau |nouvelle |nouvel )?"
    rf"(?:{lexicon.STRATEGY_HEADS}|plans?|{lexicon.PRODUCT_FAMILY_NOUNS})\b"
)
_QUOTED_AFTER = re.compile(
    rf"(?:^| )(?:{'|'.join(p for p, _ in lexicon.TYPE_NOUNS)}|{lexicon.PRODUCT_FAMILY_NOUNS}|"
    rf"plans?)"
    rf"(?: [\w'-]+)?(?: ,)?$"
)


def _quoted_names(parsed: ParsedDocument) -> list[Candidate]:
    """A short capitalised title in quotes right after a type noun names a thing: the plan
    stratégique « Cap 2030 », le programme « Lycées respirables »."""
    tokens = parsed.tokens
    found: list[Candidate] = []
    for i, token in enumerate(tokens):
        if token.text not in _OPENING or i + 1 >= len(tokens):
            continue
        end = next((j for j in range(i + 1, min(i + 8, len(tokens)))
                    if tokens[j].text in _CLOSING), None)
        if end is None or end == i + 1 or not tokens[i + 1].text[:1].isupper():
            continue
        sentence = parsed.sentences[token.sent]
        before = " ".join(normalise_word(t.text) for t in tokens[sentence.start : i])
        after = " ".join(normalise_word(t.text) for t in tokens[end + 1 : min(end + 6,
                                                                              sentence.end)])
        # the type noun before the title, or in apposition after it: « Jardin 2030 », son
        # plan stratégique
        if not (_QUOTED_AFTER.search(before) or _QUOTED_BEFORE_TYPE.match(after)):
            continue
        # a title keeps its article: « Les Marées de Brume »
        cand = _candidate(parsed, i + 1, end, "", trim=False)
        if cand is not None:
            found.append(cand)
    return found


# --- typing ------------------------------------------------------------------------------

_TYPE_BEFORE = [
    # the noun must not itself be a complement: "le spécialiste des logiciels X" is no software
    (re.compile(rf"(?:^| )(?<!spécialiste des )(?<!spécialiste de )(?<!spécialiste du )"
                rf"(?<!leader des )(?<!leader du )(?<!acteur des )(?<!champion des )"
                rf"(?<!numéro un des )(?<!pionnier des )(?:{pattern})"
                rf"(?: (?!(?:de|du|des|d'|à|au|aux|en|et|ou|par|lors|pendant|après|avant|"
                rf"depuis|selon) )[\w'-]+)?"
                # "le fabricant allemand de composants électroniques de puissance X",
                # "le fonds d'investissement américain X": complements of the noun
                rf"(?: (?:de|du|des|d') (?:la |l' )?[a-zéèêàâîôûç][\w'-]*"
                rf"(?: (?!(?:de|du|des|d'|à|au|aux|en|et|ou|par) )[a-zéèêàâîôûç][\w'-]*)?){{0,2}}"
                rf" (?:(?:«|\") )?$"), etype)
    for pattern, etype in lexicon.TYPE_NOUNS
]
#: "une filiale de distribution, X, dirigée par": an indefinite type phrase, then the name
_TYPE_BEFORE_COMMA = [
    (re.compile(rf"(?:^| )(?:un|une) (?:{pattern})(?: (?!@m)[\w'-]+){{0,3}} , $"), etype)
    for pattern, etype in lexicon.TYPE_NOUNS
]
#: "fabriquée à Vire", "en visite à Vire", "né à Lyon": a place
_LOCATIVE_BEFORE = re.compile(
    r"(?:^| )(?:fabriquée?s?|produite?s?|assemblée?s?|visite|usine|usines|site|entrepôt|"
    r"née?|domiciliée?s?|habite|vit|réside|installée? près de) (?:à|en|au) $"
)
#: "le parti des Frères musulmans", "le mouvement du 6 Avril": the name of a party
_PARTY_BEFORE = re.compile(r"(?:^| )(?:le |un |au |du )?(?:parti|partis|mouvement) "
                           r"(?:politique |islamiste |nationaliste |d' opposition )?"
                           r"(?:des|du|de la|de l'|d') $")
#: "à X", "en X", "près de X", an event noun and "de X": where something happens
_PLACE_PREPOSITION = re.compile(
    r"(?:^| )(?:à|au|aux|en|près de|près d'|dans la ville de|dans la région de|"
    r"(?:attentat|attentats|attaque|séisme|explosion|bombardement|massacre|bataille|"
    r"siège|prise|crash|naufrage|inondations?|combats) (?:de|d'|à)) $")
#: a name right after "plan" or "plan de <noun>": the plan's name
_PLAN_BEFORE = re.compile(r"(?:^| )(?:le|son|sa|leur|du|au|un|ce|nouveau) plan"
                          r"(?: (?:de|d') [a-zéèêàâîôûç][\w'-]*)? (?:\" )?$")
#: a name right after "lors de", "en marge de": an event
_EVENT_BEFORE = re.compile(r"(?:^| )(?:lors|en marge|à l' occasion|au cours) "
                           r"(?:de la|de l'|du|des|de|d') $")
_DATELINE = re.compile(r"^(?: \( @m\d+ \))? , (?:\d{1,2}|1er) \S+ (?:\d{4} )?[—–-]")
_FRONTED_PARTICIPLE = re.compile(
    r"^(?:fondée?s?|créée?s?|cofondée?s?|co-fondée?s?|rachetée?s?|acquise?s?|reprise?s?|"
    r"basée?s?|installée?s?|implantée?s?|dirigée?s?|présidée?s?|détenue?s?|contrôlée?s?|"
    r"développée?s?|conçue?s?|organisée?s?|née?s?|lancée?s?|cotée?s?|située?s?|"
    r"spécialisée?s?|issue?s?|présente?s?) "
)
_APPOSITION_ADJECTIVES = (
    r"nouveau|nouvel|nouvelle|jeune|petit|petite|grand|grande|célèbre|puissant|puissante|"
    r"principal|principale|premier|première|précédent|précédente|ancien|ancienne|autre|"
    r"vaste|influent|influente|discret|discrète|géant|géante|fameux|fameuse|propre"
)
_TYPE_APPOSITION = [
    # not when a name follows the noun: "Basée à X, la société Y" types Y, not X
    # ("X, parti en 2023 diriger ...", "X, produit de l'hydrogène": without a determiner
    # the word is a verb)
    (re.compile(rf"^ ?(?:\" )?, (?:(?:un|une|le|la|l'|les|des|ce|cette|son|sa|ses|leur|leurs) |"
                rf"(?!(?:parti|produit|marque|programme|groupe|lance)\b))"
                rf"(?:(?:{_APPOSITION_ADJECTIVES}) )?(?:{pattern})\b(?! (?:[\w'-]+ )?@m)"), etype)
    for pattern, etype in lexicon.TYPE_NOUNS
]
_TYPE_COPULA = [
    (re.compile(rf"^ (?:est|était|sera|reste|devient|est devenue?) (?:un|une|le|la|l') "
                rf"(?:[\w'-]+ ){{0,2}}?(?:{pattern})\b"), etype)
    for pattern, etype in lexicon.TYPE_NOUNS
]
#: a business or institution noun that can open a name ("Fromagerie X", "Banque Y")
_OPENING_NAME_WORD = re.compile(
    rf"^(?:{lexicon.TRADE_NOUNS}|banque|compagnie|société|fondation|institut|université|"
    rf"association|fédération|brasserie|maison|laboratoires?|éditions|groupe|radio|tv|"
    rf"télé)$"
)
_METALS = {"or", "argent", "bronze", "cristal", "platine"}
_NAME_WORDS = [(re.compile(rf"^(?:{pattern})$"), etype) for pattern, etype in lexicon.NAME_WORDS]
_PERSON_BEFORE = re.compile(
    rf"(?:^| )(?:{lexicon.PERSON_TITLES})"
    rf"(?: (?!(?:de|du|des|d'|chez|à|au|aux|en|et|ou|par|pour|@m\d+) )[\w'.-]+){{0,2}} $"
)
_ROLE_WORDS = "|".join(p for p, _ in lexicon.ROLE_NOUNS)
_PERSON_APPOSITION = re.compile(
    rf"^ ?, (?:(?:le|la|l'|un|une|son|sa|leur|actuel|actuelle|nouveau|nouvelle|ancien|"
    rf"ancienne|ex-) )*(?:{_ROLE_WORDS})\b"
)
_ROLE_OF = re.compile(
    rf"(?:^| )(?:{_ROLE_WORDS}|analystes?|économistes?|salariés?|employés?|dirigeants?|"
    rf"actionnaires?|ingénieurs?|chercheurs?|porte-parole|avocats?|équipes?)"
    rf"(?: [\w'-]+)? (?:de|d'|du|chez) (?:la |l' )?$"
)
_SPORTS_ROLE_OF = re.compile(
    rf"(?:^| )(?:{lexicon.SPORTS_ROLE_NOUNS})(?: [\w'-]+)? (?:de|d'|du|des) (?:la |l' )?$")
#: "le club de Tottenham Hotspur", "au club du Bayern Munich"
_CLUB_OF = re.compile(r"(?:^| )clubs? (?:de|du|d') (?:la |l' )?$")
#: what only a company does or has: "X emploie 300 personnes", "l'action X", "le capital de X"
_COMPANY_AFTER = re.compile(
    r"^ (?:, (?!@m)[^,;:.()]{1,80}? , )?(?:emploie|emploient|a réalisé un chiffre|réalise un "
    r"chiffre|a levé|lève|levait|est cotée?|a publié ses (?:résultats|comptes|ventes)|"
    r"publie ses (?:résultats|comptes)|compte (?:désormais |aujourd'hui )?\S+ "
    r"(?:salariés|employés|clients|abonnés|magasins|usines)|exploite|commercialise|fabrique|"
    r"a inauguré (?:une|son|sa) (?:usine|site)|a ouvert (?:un|une|son|sa) (?:bureau|usine|"
    r"magasin|filiale)|a déposé le bilan|a été placée? en redressement|a licencié|"
    r"a racheté|rachète|a acquis|acquiert)\b"
)
_COMPANY_BEFORE = re.compile(
    r"(?:^| )(?:l' action|le titre|les actionnaires|le capital|les salariés|les employés|"
    r"le chiffre d' affaires|les usines|l' usine|le siège social|le siège|les comptes|"
    r"les résultats|"
    r"la valorisation|la filiale|le rachat|l' acquisition|la cotation|"
    r"le conseil d' administration|le conseil de surveillance|le directoire|"
    r"le comité exécutif|le comité de direction|les actionnaires) (?:de |d' |du )?"
    r"(?:la |l' )?$"
)
_LIST_AFTER_TYPE = re.compile(
    r"(?:tels? que|telles? que|comme|notamment|dont|à savoir|parmi lesquels|parmi lesquelles)"
    r" ((?:@m\d+ (?:, |et |ou |ainsi que )?)+)"
)


def type_candidates(parsed: ParsedDocument, candidates: list[Candidate]) -> None:
    """Fill each candidate's ``votes`` from the NER label and the words around it."""
    spans = {k: (c.start, c.end) for k, c in enumerate(candidates)}
    by_sentence: dict[int, list[int]] = {}
    for k, cand in enumerate(candidates):
        by_sentence.setdefault(cand.sentence, []).append(k)
    for s_index, members in by_sentence.items():
        surf = surface(parsed, parsed.sentences[s_index], {k: spans[k] for k in members})
        text = surf.text
        for k in members:
            cand = candidates[k]
            if cand.ner in NER_TYPES:
                cand.votes[NER_TYPES[cand.ner]] += NER_WEIGHT
            marker = f"@m{k}"
            at = re.search(rf"(?:^| ){marker}(?= |$)", text)
            if at is None:
                continue
            pos = at.start() + (1 if text[at.start()] == " " else 0)
            before = text[:pos]
            after = text[pos + len(marker):]
            # the indefinite phrase only when the name is an apposition between commas
            before_cues = _TYPE_BEFORE + (_TYPE_BEFORE_COMMA if after.startswith(" ,") else [])
            # the head noun is the first: "l'éditeur de logiciels X" is a company, and
            # "logiciels" only its complement
            found = [(m.start(), etype) for regex, etype in before_cues
                     if (m := regex.search(before[-80:])) is not None]
            if found:
                cand.votes[min(found, key=lambda f: f[0])[1]] += CUE_WEIGHT
            for regex, etype in _TYPE_APPOSITION:
                # "Fondée en 1872 par X, la maison est ...": the main clause's subject, no
                # apposition to X
                if regex.search(after[:60]) and not (_FRONTED_PARTICIPLE.match(before)
                                                     and " , " not in before):
                    cand.votes[etype] += CUE_WEIGHT
                    break
            for regex, etype in _TYPE_COPULA:
                if regex.search(after[:60]):
                    cand.votes[etype] += CUE_WEIGHT
                    break
            if (_COMPANY_AFTER.search(after[:140]) or _COMPANY_BEFORE.search(before[-40:])
                    or SUBSTANTIVE_NATIONALITY.search(before[-30:])):
                cand.votes[EntityType.COMPANY] += CUE_WEIGHT
            if _PERSON_BEFORE.search(before[-60:]) or _PERSON_APPOSITION.search(after[:60]):
                cand.votes[EntityType.PERSON] += CUE_WEIGHT
            elif (_SPORTS_ROLE_OF.search(before[-60:]) or _CLUB_OF.search(before[-30:])) and (
                    not is_country(cand.text)):
                # "l'attaquant du PSG", "l'entraîneur de Chelsea": a team
                cand.votes[EntityType.SPORTS_TEAM] += CUE_WEIGHT
            elif _ROLE_OF.search(before[-60:]) and not is_country(cand.text):
                # "le patron de X", "les analystes de X": X employs people
                cand.votes[EntityType.ORGANIZATION] += CUE_WEIGHT
            _person_shape(parsed, cand)
            if _PARTY_BEFORE.search(before[-40:]):
                cand.votes[EntityType.POLITICAL_PARTY] += CUE_WEIGHT
            if _PLAN_BEFORE.search(before[-40:]):
                # "le plan « Horizon 2030 »", "son plan de transformation Nova 2027"
                cand.votes[EntityType.STRATEGY] += CUE_WEIGHT
            if _EVENT_BEFORE.search(before[-40:]) and not is_country(cand.text):
                # "lors de la Paris Games Week", "en marge du Mobile World Congress"
                cand.votes[EntityType.EVENT] += CUE_WEIGHT
            # "les Grecs": the people of a country; "l'Américaine Serena Williams": one of
            # them, named right after
            country = country_of_adjective(cand.text) if cand.text[:1].isupper() and (
                cand.end - cand.start == 1) and (
                cand.text.lower().endswith(("s", "x")) or re.match(r" @m\d+", after)) else None
            if country is not None:
                # "les Grecs", "les Polonais": the people of a country stand for it
                cand.votes[EntityType.COUNTRY] += 2 * CUE_WEIGHT
                cand.label = country
            if (is_country(cand.text) or (pos == 0 and _DATELINE.match(after))
                    or _LOCATIVE_BEFORE.search(before[-40:])):
                # "PARIS, 9 avril — ...": a dateline names a place
                cand.votes[EntityType.PLACE] += CUE_WEIGHT
            elif cand.ner not in NER_TYPES and _PLACE_PREPOSITION.search(before[-30:]):
                # "à Kaboul", "attentat de Kaboul": a weak sign of a place, for a name the
                # NER has no opinion on
                cand.votes[EntityType.PLACE] += NER_WEIGHT
            words = [normalise_word(t.text) for t in parsed.tokens[cand.start : cand.end]]
            if len(words) > 2 and words[-2] in {"d'", "de"} and parsed.tokens[
                    cand.end - 1].text in _METALS:
                # "la Palme d'or", "le Lion d'argent": a metal in lower case closes an award's
                # name ("Côte-d'Or", a place, writes it with a capital)
                cand.votes[EntityType.AWARD] += CUE_WEIGHT
            head_type = _NAME_HEADS.get(words[0])
            for n, word in enumerate(words):
                for regex, etype in _NAME_WORDS:
                    if (n > 0 and head_type is EntityType.ORGANIZATION
                            and etype is EntityType.COMPANY):
                        continue  # "Alliance européenne pour le cloud": the head decides
                    if regex.match(word) and len(words) > 1:
                        # the head opening the name counts more than a word inside it:
                        # "Ministère de l'Économie et des Finances" is no company; an
                        # ampersand is a weaker sign than a noun before the name ("la
                        # conférence IA & Droit")
                        cand.votes[etype] += (RELATION_WEIGHT if word == "&" else
                                              CUE_WEIGHT + (1 if n == 0 else 0))
                        break
        # a list introduced by a type noun: "des produits tels que X, Y ou Z"
        for match in _LIST_AFTER_TYPE.finditer(text):
            head = text[: match.start()].rstrip()
            listed = next((t for r, t in _TYPE_BEFORE if r.search(head[-80:] + " ")), None)
            if listed is None:
                continue
            for ident in re.findall(r"@m(\d+)", match.group(1)):
                candidates[int(ident)].votes[listed] += CUE_WEIGHT


_INITIAL = re.compile(r"^[A-ZÉ]\.$")


def _person_shape(parsed: ParsedDocument, cand: Candidate) -> None:
    """Names shaped like a person's: a middle initial ("George H. Thomas") is a strong sign;
    a first name joined to a surname by the parser's flat:name a weak one."""
    tokens = parsed.tokens[cand.start : cand.end]
    if len(tokens) < 2 or cand.ner in {"ORG", "LOC"}:
        return
    if any(_INITIAL.match(t.text) for t in tokens[1:-1]) and tokens[-1].text[:1].isupper():
        cand.votes[EntityType.PERSON] += CUE_WEIGHT
    elif len(tokens) <= 3 and all(t.dep == "flat:name" for t in tokens[1:]) and all(
        t.text[:1].isupper() and t.text[1:].islower() for t in tokens
    ):
        cand.votes[EntityType.PERSON] += NER_WEIGHT


def decide_type(votes: Counter[EntityType]) -> EntityType | None:
    """The type of an entity from all its mentions' votes: the strongest branch, and inside it
    the most specific type an explicit cue asked for."""
    if not votes:
        return None
    branch_scores: Counter[tuple[EntityType, ...]] = Counter()
    for etype, weight in votes.items():
        branch_scores[_BRANCH_OF[etype]] += weight
    order = {branch: n for n, branch in enumerate(BRANCHES)}
    branch = max(branch_scores, key=lambda b: (branch_scores[b], -order[b]))
    if branch_scores[branch] <= 0:
        return None
    specific = [t for t in branch if votes.get(t, 0) >= CUE_WEIGHT]
    if (not specific and EntityType.COMPANY in branch
            and votes.get(EntityType.COMPANY, 0) >= RELATION_WEIGHT):
        return EntityType.COMPANY  # named in a business's slot, with no cue against it
    if not specific:
        return branch[0]
    # the best-supported specific type; among equals the more specific (later) one
    return max(specific, key=lambda t: (votes[t], branch.index(t)))


# --- linking names inside a document --------------------------------------------------------

def link_names(parsed: ParsedDocument, candidates: list[Candidate]) -> list[list[int]]:
    """Group candidates that name the same thing; returns clusters of candidate indices."""
    clusters: list[list[int]] = []
    by_key: dict[str, int] = {}
    keys = [name_key(c.text) for c in candidates]
    # full names first, so that a surname can find its full name whatever the order
    order = sorted(range(len(candidates)), key=lambda k: (-len(keys[k].split()), k))
    for k in order:
        key = keys[k]
        if not key:
            continue
        if key in by_key:
            clusters[by_key[key]].append(k)
            continue
        target = None
        words = key.split()
        if len(words) == 1:
            target = _surname_target(candidates, keys, by_key, clusters, key)
        if target is None:
            target = _acronym_target(parsed, candidates, keys, by_key, k)
        if target is None:
            target = _initial_target(candidates, by_key, clusters, key)
        if target is None and len(words) <= 2:
            target = _short_name_target(candidates, by_key, clusters, k, key)
        if target is None:
            target = len(clusters)
            clusters.append([])
        clusters[target].append(k)
        by_key[key] = target
    for n, members in enumerate(clusters):
        members.sort()
        for k in members:
            candidates[k].cluster = n
    return clusters


def _surname_target(
    candidates: list[Candidate], keys: list[str], by_key: dict[str, int],
    clusters: list[list[int]], key: str,
) -> int | None:
    # "la maison Verlaine ... créé par Gaston Verlaine": a word the text calls a company is
    # the company's name, not the founder's surname
    own: Counter[EntityType] = Counter()
    for k, other in enumerate(keys):
        if other == key:
            own.update(candidates[k].votes)
    # (the NER's person votes add up over many mentions; a cue outweighs them)
    organisation = own[EntityType.COMPANY] + own[EntityType.ORGANIZATION]
    if organisation >= CUE_WEIGHT and organisation > 2 * own[EntityType.PERSON]:
        return None
    matches = set()
    for other_key, cluster in by_key.items():
        words = other_key.split()
        if len(words) >= 2 and words[-1] == key:
            votes: Counter[EntityType] = Counter()
            for k in clusters[cluster]:
                votes.update(candidates[k].votes)
            if decide_type(votes) == EntityType.PERSON:
                matches.add(cluster)
    return matches.pop() if len(matches) == 1 else None


_SUBSIDIARY_WORDS = {"international", "france", "europe", "asia", "asie", "afrique", "africa",
                     "america", "amerique", "usa", "uk", "deutschland", "iberia", "benelux",
                     "nordic", "holding", "participations", "fondation", "foundation",
                     "ventures", "gmbh", "inc", "ltd", "north", "south"}
_GENERIC_FIRST = {"maison", "groupe", "group", "laboratoires", "laboratoire", "banque",
                  "societe", "compagnie", "editions", "fondation", "etablissements", "ets",
                  "les", "la", "le", "cabinet", "agence", "studio", "studios",
                  # named events and sites: "Sandy" after "Ouragan Sandy"
                  "ouragan", "typhon", "cyclone", "tempete", "tornade", "operation", "place",
                  "musee", "gouvernement", "mosquee", "stade", "aeroport", "universite",
                  "ecole", "lycee", "hopital", "theatre"}


def _short_name_target(
    candidates: list[Candidate], by_key: dict[str, int], clusters: list[list[int]], k: int,
    key: str,
) -> int | None:
    """"Hélion" after "Hélion Énergies", "Verdier" after "Maison Verdier": an organisation
    named short. Only when exactly one organisation's name starts with the short form (or
    ends with it after a generic word), and nothing says the short form is a person."""
    if candidates[k].votes.get(EntityType.PERSON, 0) >= CUE_WEIGHT:
        return None  # "M. Verdier": a person, whatever the company is called
    words = key.split()
    matches = set()
    for other_key, cluster in by_key.items():
        other = other_key.split()
        if len(other) <= len(words):
            continue
        # "Alcéa International", "Google France", "X Participations": a subsidiary or a
        # holding of the short-named organisation, not another name for it
        prefix = other[: len(words)] == words and not (
            set(other[len(words):]) & _SUBSIDIARY_WORDS
            or is_country(" ".join(other[len(words):])))
        suffix = other[-len(words):] == words and other[0] in _GENERIC_FIRST
        if not (prefix or suffix):
            continue
        votes: Counter[EntityType] = Counter()
        for j in clusters[cluster]:
            votes.update(candidates[j].votes)
        etype = decide_type(votes)
        if etype in ORGANIZATION_TYPES or (suffix and etype not in {None, EntityType.PERSON}):
            # ("Sandy" after "Ouragan Sandy", "Tahrir" after "Place Tahrir")
            matches.add(cluster)
    return matches.pop() if len(matches) == 1 else None


def _acronym_target(
    parsed: ParsedDocument, candidates: list[Candidate], keys: list[str],
    by_key: dict[str, int], k: int,
) -> int | None:
    """"Kleiner Perkins Caufield Byers (KPCB)": the acronym in parentheses names the same."""
    cand = candidates[k]
    text = cand.text
    letters = text.replace(".", "")
    # "KPCB", and an acronym written as a word: "Ufip", "Unesco"
    shaped = letters.isupper() or (letters[:1].isupper() and letters[1:].islower()
                                   and len(letters) <= 5)
    if not (2 <= len(text) <= 8 and shaped and letters.isalpha()):
        return None
    tokens = parsed.tokens
    if cand.start == 0 or tokens[cand.start - 1].text != "(" or (
            cand.end < len(tokens) and tokens[cand.end].text != ")"):
        # "le PSG" after "le Paris Saint-Germain", "l'ONU" after "l'Organisation des
        # Nations unies": an acronym anywhere whose letters are the initials of exactly one
        # longer name of the article
        if not (letters.isupper() and 2 <= len(letters) <= 6):
            return None
        matches = {by_key[keys[j]] for j, other in enumerate(candidates)
                   if j != k and keys[j] in by_key and len(other.text.split()) >= 1
                   and letters in _initials(other.text)
                   and other.votes.get(EntityType.PERSON, 0) < CUE_WEIGHT
                   and other.ner != "PER"}
        return matches.pop() if len(matches) == 1 else None
    for j in range(k - 1, -1, -1):
        other = candidates[j]
        if other.end <= cand.start - 1 and other.end >= cand.start - 2:
            if keys[j] not in by_key:
                return None
            initials = "".join(w[0] for w in other.text.split() if w[:1].isalpha()).upper()
            if initials.startswith(letters[:2].upper()):
                return by_key[keys[j]]
            # "le Parti des travailleurs (PT)", "l'Union des fermiers libres (UFL)":
            # an organisation's name, then its acronym in another language
            if (len(other.text.split()) >= 2 and other.ner not in {"PER", "LOC"}
                    and not is_country(other.text)
                    and other.votes.get(EntityType.PERSON, 0) < CUE_WEIGHT):
                return by_key[keys[j]]
            return None
    return None


_ACRONYM_SKIPS = {"de", "du", "des", "d'", "d’", "la", "le", "l'", "l’", "les", "et", "pour",
                  "en", "à", "au", "aux", "of", "the", "and", "for"}


def _initials(name: str) -> set[str]:
    """The acronyms a name may go by: "Paris Saint-Germain" -> PSG; "Organisation des
    Nations unies" -> ONU (content words) and ON (capitalised words)."""
    words = [w for part in name.replace("’", "' ").replace("'", "' ").split()
             for w in part.split("-") if w]
    content = [w for w in words if w.lower() not in _ACRONYM_SKIPS and w[:1].isalpha()]
    if len(content) < 2:
        return set()
    return {"".join(w[0] for w in content).upper(),
            "".join(w[0] for w in content if w[0].isupper()).upper()}


def _initial_target(candidates: list[Candidate], by_key: dict[str, int],
                    clusters: list[list[int]], key: str) -> int | None:
    """"B. Obama" after "Barack Obama": an initial and the surname of one full name."""
    words = key.split()
    if len(words) != 2 or len(words[0]) != 1:
        return None
    matches = {cluster for other, cluster in by_key.items()
               if len(other.split()) >= 2 and other.split()[-1] == words[1]
               and other.split()[0].startswith(words[0]) and len(other.split()[0]) > 1}
    return matches.pop() if len(matches) == 1 else None


def build_mentions(
    parsed: ParsedDocument, candidates: list[Candidate], clusters: list[list[int]]
) -> tuple[list[Mention | None], list[EntityType | None]]:
    """Turn typed, linked candidates into :class:`Mention` objects (``None`` where the entity
    has no type), each non-first mention pointing at its cluster's representative."""
    doc_id = parsed.document.doc_id
    mentions: list[Mention | None] = [None] * len(candidates)
    cluster_types: list[EntityType | None] = []
    for members in clusters:
        votes: Counter[EntityType] = Counter()
        for k in members:
            votes.update(candidates[k].votes)
        etype = decide_type(votes)
        if etype is None:
            etype = _miscellaneous_type(parsed, [candidates[k] for k in members])
        if etype is EntityType.PLACE and any(is_country(candidates[k].text) for k in members):
            etype = EntityType.COUNTRY
        cluster_types.append(etype)
        if etype is None:
            continue
        # representative: the longest name, earliest among equals
        rep_k = max(members, key=lambda k: (len(name_key(candidates[k].text)), -k))
        rep = _to_mention(doc_id, candidates[rep_k], etype, None, None)
        mentions[rep_k] = rep
        rep_key = name_key(rep.text)
        for k in members:
            if k == rep_k:
                continue
            key = name_key(candidates[k].text)
            how = None if key == rep_key else _how_linked(key, rep_key)
            mentions[k] = _to_mention(doc_id, candidates[k], etype, rep, how)
    return mentions, cluster_types


_LAW_WORDS = {"loi", "act", "code", "traité", "constitution", "charte", "convention",
              "accords", "accord", "directive", "pacte", "décret", "règlement"}
_EVENT_WORDS = {"guerre", "révolution", "printemps", "crise", "bataille", "coupe", "jeux",
                "championnat", "mondial", "festival", "sommet", "massacre", "génocide",
                "conférence", "exposition", "olympiques"}


def _miscellaneous_type(parsed: ParsedDocument, members: list[Candidate]) -> EntityType | None:
    """A name the NER calls MISC and nothing else typed: a law ("Loi fondamentale",
    "PROTECT IP Act"), an event ("Seconde Guerre mondiale") or else a product ("Minitel",
    "YouTube", "GLONASS"). A topic opening a headline ("Informatique : ...") is no name."""
    if not any(c.ner == "MISC" for c in members):
        return None
    tokens = parsed.tokens
    for cand in members:
        if cand.end < len(tokens) and tokens[cand.end].text == ":" and (
                parsed.sentences[cand.sentence].start == cand.start):
            return None
    words = {normalise_word(t.text) for c in members for t in tokens[c.start:c.end]}
    if words & _LAW_WORDS:
        return EntityType.LAW
    if words & _EVENT_WORDS:
        return EntityType.EVENT
    if any(len(c.text.split()) > 3 for c in members):
        return None  # a phrase the NER took for a title
    return EntityType.PRODUCT


def _how_linked(key: str, rep_key: str) -> str:
    if rep_key.split()[-1] == key:
        return "surname" if len(rep_key.split()) == 2 else "short name"
    if rep_key.startswith(key + " "):
        return "short name"
    return "acronym"


def _to_mention(
    doc_id: str, cand: Candidate, etype: EntityType, antecedent: Mention | None,
    resolution: str | None,
) -> Mention:
    return Mention(
        doc_id=doc_id, start_char=cand.start_char, end_char=cand.end_char, text=cand.text,
        sentence=cand.sentence, entity_type=etype,
        name=cand.label or " ".join(cand.text.split()),
        kind=cand.kind, antecedent=antecedent, resolution=resolution,
    )


# --- descriptions: events and strategies -----------------------------------------------------

_EVENT_HEAD = re.compile(rf"^(?:{lexicon.EVENT_HEADS})$")
_STRATEGY_HEAD = re.compile(rf"^(?:{lexicon.STRATEGY_HEADS})$")
_COMPLEMENT_START = {"de", "du", "des", "d'", "aux", "au", "sur", "derrière", "pour", "visant",
                     "autour", "en"}
_STOP_WORDS = {"qui", "que", "qu'", "dont", "où", "lequel", "laquelle", "afin", "alors", "mais"}


def description_spans(parsed: ParsedDocument) -> list[tuple[int, int, EntityType]]:
    """Token spans (start, end, type) of event and strategy descriptions with a complement."""
    found: list[tuple[int, int, EntityType]] = []
    tokens = parsed.tokens
    for sentence in parsed.sentences:
        words = [normalise_word(t.text) for t in tokens[sentence.start : sentence.end]]
        i = 0
        while i < len(words):
            hit = None
            for width in (4, 3, 2, 1):
                phrase = " ".join(words[i : i + width])
                if len(words[i : i + width]) < width:
                    continue
                if _EVENT_HEAD.match(phrase):
                    hit = (width, EntityType.EVENT)
                    break
                if _STRATEGY_HEAD.match(phrase):
                    hit = (width, EntityType.STRATEGY)
                    break
            if hit is None or tokens[sentence.start + i].pos not in {"NOUN", "PROPN"} or (
                i > 0 and words[i - 1] in {"de", "des", "du", "d'"}  # "centre de congrès"
            ):
                i += 1
                continue
            width, etype = hit
            end = i + width
            # a complement makes it specific ("la stratégie", alone, is not an entity)
            if (end >= len(words) or words[end] not in _COMPLEMENT_START) and (
                etype is EntityType.STRATEGY or width == 1
            ):
                i += 1
                continue
            while end < len(words) and end - i < 14:
                token = tokens[sentence.start + end]
                # a participle with its complement stays: "consacrée à ces résultats"
                # (not its agent: "organisée par le groupe" says who, it names nothing)
                participle = (token.pos == "VERB" and "VerbForm=Part" in token.morph
                              and end + 1 < len(words)
                              and tokens[sentence.start + end + 1].pos == "ADP"
                              and words[end + 1] != "par")
                if (token.pos in {"PUNCT", "VERB", "AUX", "PRON"} and not participle) or (
                    words[end] in _STOP_WORDS
                ):
                    break
                end += 1
            while end > i + width and tokens[sentence.start + end - 1].pos in {"ADP", "DET",
                                                                                 "CCONJ"}:
                end -= 1
            found.append((sentence.start + i, sentence.start + end, etype))
            i = end
    return found


def description_mentions(parsed: ParsedDocument) -> list[tuple[Mention, int, int]]:
    """Mentions for event and strategy descriptions, with their token spans."""
    result = []
    text = parsed.document.text
    for start, end, etype in description_spans(parsed):
        first, last = parsed.tokens[start], parsed.tokens[end - 1]
        span_text = text[first.idx : last.end]
        result.append((
            Mention(
                doc_id=parsed.document.doc_id, start_char=first.idx, end_char=last.end,
                text=span_text, sentence=first.sent, entity_type=etype,
                name=" ".join(span_text.split()), kind=MentionKind.NOMINAL,
            ),
            start,
            end,
        ))
    return result
