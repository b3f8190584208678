"""Coreference a French reader resolves without effort.

- possessive determiners before an owned thing ("ses produits", "leurs modèles", "sa filiale",
  "sa stratégie") stand for the organisation in focus;
- definite descriptions ("le groupe", "la société", "l'entreprise", "le géant", "la firme")
  stand for the organisation in focus;
- a subject pronoun ("il", "elle") opening a sentence stands for the person last spoken of.

The organisation in focus is the closest organisation named before, in the same sentence or in
the three sentences before. Each resolved mention keeps its antecedent, so the evidence of a
fact says which words were resolved to what.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import lexicon
from kg.extract.surface import normalise_word
from kg.model import (
    ORGANIZATION_TYPES,
    EntityType,
    Mention,
    MentionKind,
    ParsedDocument,
    Token,
)

_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
_ALL_ROLES = "|".join(pattern for pattern, _ in lexicon.ROLE_NOUNS)
_OWNED = re.compile(
    rf"^(?:(?:propres?|nouveaux?|nouvelles?|derniers?|dernières?|principaux|principales?|deux|"
    rf"trois|quatre|cinq|plusieurs|nombreux|nombreuses|\d+) ){{0,2}}"
    rf"(?:{lexicon.PRODUCT_FAMILY_NOUNS}|filiales?|divisions?|stratégies?|plans?|"
    rf"{lexicon.CORPORATE_EVENT_HEADS}|projets?|initiatives?|fondateurs?|cofondateurs?|"
    rf"cofondatrices?|fondatrices?|dirigeants?|dirigeantes?|pdg|patron|patronne|président|"
    rf"présidente|directeur général|directrice générale|directeur|directrice|ceo|"
    rf"concurrents?|rivaux|rival|siège|adhésion|{_ALL_ROLES})\b"
)
#: "son épouse", "sa deuxième épouse", "son mari": the possessor is a person
_SPOUSE = re.compile(r"^(?:(?:deuxième|seconde|troisième|nouvelle|jeune|première) )?"
                     r"(?:épouse|époux|mari|femme)\b(?! d' affaires| politique| de lettres)")
#: "en est (aujourd'hui) le directeur général", "en devient la présidente"
_EN_ROLE = re.compile(
    r"^(?:(?:est|était|sera|devient|deviendra|reste|demeure|fut|est devenue?) "
    r"(?:\S+ )?(?:le|la|l'|son|sa) |"
    # "X en a pris la tête en 2015", "en assure la direction générale"
    r"(?:a|avait|aura) pris (?:la tête|la direction|la présidence|les rênes)|"
    r"(?:prend|prendra|assure|assurera) (?:la tête|la direction|la présidence|les rênes))"
)
_ORG_ANAPHOR = re.compile(rf"^(?:{lexicon.ORG_ANAPHORS})$")
_ROLE_NOUN = re.compile(rf"^(?:{_ALL_ROLES})$")
FOCUS_WINDOW = 3  # sentences


def _antecedent(
    names: list[Mention], sentence: int, before_char: int, types: frozenset[EntityType],
    window: int = FOCUS_WINDOW,
) -> Mention | None:
    best: Mention | None = None
    for mention in names:
        if mention.entity_type not in types:
            continue
        if (sentence - window <= mention.sentence <= sentence
                and mention.end_char <= before_char
                and (best is None or mention.end_char > best.end_char)):
            best = mention
    return best


def _salient(
    names: list[Mention], resolved: list[Mention], sentence: int, before_char: int,
    types: frozenset[EntityType], subjects: set[int],
    noun: str = "", introduced: dict[str, set[str]] | None = None,
) -> Mention | None:
    """The organisation a description like "le groupe" stands for: the one most spoken of so
    far (names and descriptions already resolved to it), recent mentions and subjects counting
    more, a company more than another organisation (the description names a company); the
    latest mentioned among equals."""
    scores: dict[str, float] = {}
    latest: dict[str, Mention] = {}
    for mention in [*names, *resolved]:
        if mention.entity_type not in types or mention.end_char > before_char:
            continue
        key = mention.referent.name
        weight = 2.0 if mention.sentence >= sentence - 1 else 1.0
        if mention.start_char in subjects:
            weight += 1.0
        if mention.entity_type is EntityType.COMPANY:
            weight += 3.0  # "la société", "l'entreprise": a company, not an association
        scores[key] = scores.get(key, 0.0) + weight
        if mention.kind.value == "name" and (
            key not in latest or mention.end_char > latest[key].end_char
        ):
            latest[key] = mention
    if not latest:
        return None
    best = max(latest, key=lambda k: (scores[k], latest[k].end_char))
    if introduced:
        # "le groupe italien" for the one name the text called "le groupe italien X"
        with_phrase = [k for k in latest if " " in noun and noun in introduced.get(k, ())]
        if len(with_phrase) == 1:
            return latest[with_phrase[0]]
        # "le distributeur" for the one name called "le distributeur X" or "X, banque
        # régionale", unless it is much less spoken of
        head = noun.split(" ")[0]
        with_noun = [k for k in latest if head in introduced.get(k, ())]
        if len(with_noun) == 1 and scores[with_noun[0]] >= scores[best] / 2:
            return latest[with_noun[0]]
        # "le groupe coopératif" for the one name called "la coopérative laitière X"
        if " " in noun:
            described = "+" + _masculine(noun.split(" ")[1])
            with_adjective = [k for k in latest if described in introduced.get(k, ())]
            if len(with_adjective) == 1:
                return latest[with_adjective[0]]
        # "le studio" for "Écoute Studio"
        in_name = [k for k in latest if "=" + head in introduced.get(k, ())]
        if len(in_name) == 1 and not with_noun:
            return latest[in_name[0]]
    return latest[best]


def _subject_antecedent(
    parsed: ParsedDocument, names: list[Mention], sentence: int, before_char: int
) -> Mention | None:
    """In "Google, filiale d'Alphabet, fournira son assistant", "son" is the subject's."""
    tokens = parsed.tokens
    s = parsed.sentences[sentence]
    by_start = {tokens[i].idx: i for i in range(s.start, s.end)}
    for mention in names:
        if (mention.sentence == sentence and mention.end_char <= before_char
                and mention.entity_type in ORGANIZATION_TYPES):
            i = by_start.get(mention.start_char)
            if i is not None and _in_subject(tokens, i):
                return mention
    return None


def resolve_anaphora(
    parsed: ParsedDocument, names: list[Mention], taken: set[int]
) -> list[tuple[Mention, int, int]]:
    """Mentions for possessives, organisation descriptions and subject pronouns that can be
    resolved, with their token spans. ``taken`` holds token indices already in a mention."""
    found: list[tuple[Mention, int, int]] = []
    tokens = parsed.tokens
    doc_id = parsed.document.doc_id
    text = parsed.document.text
    subjects = _subject_starts(parsed)
    introduced = _introducing_nouns(parsed, names)
    own_nouns, introducing = _own_nouns(parsed, names)
    #: morphology of the token each mention starts at: "elle" is not "François Bouvier"
    by_char = {t.idx: t.morph for t in tokens}
    for sentence in parsed.sentences:
        words = [normalise_word(t.text) for t in tokens[sentence.start : sentence.end]]
        resolved_until = 0  # "de la société" is read once, not again from "la"
        for offset, word in enumerate(words):
            i = sentence.start + offset
            if i in taken or i < resolved_until:
                continue
            token = tokens[i]
            # (hyphenated words come split in three: "candidat - médicament")
            rest = " ".join(words[offset + 1 : offset + 7]).replace(" - ", "-")
            if word == "en" and _EN_ROLE.match(rest) and offset > 0:
                # "X a cofondé Y et en est le directeur général": "en" is the organisation
                # named last before it (the NER may still call it a place at this stage; the
                # ontology's ranges drop the fact if it stays one)
                target = _antecedent(names, sentence.index, token.idx,
                                     ORGANIZATION_TYPES | {EntityType.PLACE}, window=1)
                if target is not None:
                    found.append((_resolved(doc_id, token.idx, token.end, text, sentence.index,
                                            target, MentionKind.PRONOUN, "pronoun"), i, i + 1))
                continue
            if word in {"son", "sa"} and token.pos == "DET" and _SPOUSE.match(rest):
                person = _person_antecedent(parsed, names, sentence.index, token.idx)
                if person is not None:
                    found.append((_resolved(doc_id, token.idx, token.end, text, sentence.index,
                                            person, MentionKind.PRONOUN, "possessive"), i, i + 1))
                continue
            if word in _POSSESSIVES and token.pos == "DET" and _OWNED.match(rest):
                target = _subject_antecedent(parsed, names, sentence.index, token.idx)
                if target is None and offset <= 1 and sentence.index > 0:
                    # "Son directeur général, X, ...": the company the last sentence was about
                    # (its subject may be a description: "Coté à Francfort, le groupe
                    # réalise ... Son président du directoire, X")
                    previous = parsed.sentences[sentence.index - 1]
                    described = [m for m, _, _ in found if m.sentence == previous.index]
                    target = _subject_antecedent(parsed, names + described, previous.index,
                                                 previous.end_char)
                unknown_focus = (target is None and offset <= 1 and sentence.index > 0
                                 and _unresolved_subject(parsed, sentence.index - 1))
                if target is None and not rest.startswith("siège") and not unknown_focus:
                    # (a seat is the subject's: "la coentreprise aura son siège à Y" says
                    # nothing of the company named last)
                    target = _antecedent(names, sentence.index, token.idx, ORGANIZATION_TYPES)
                if target is not None:
                    found.append((_resolved(doc_id, token.idx, token.end, text, sentence.index,
                                            target, MentionKind.PRONOUN, "possessive"), i, i + 1))
                continue
            if word in {"le", "la", "l'"} and token.pos == "DET":
                role_words = _implicit_role_length(words, offset + 1)
                after = i + 1 + role_words
                if role_words and (
                    after >= sentence.end or words[offset + 1 + role_words] == ","
                    or after in taken or tokens[after].text[:1].isupper()
                ):
                    target = _salient(names, [m for m, _, _ in found], sentence.index,
                                      token.idx, ORGANIZATION_TYPES, subjects)
                    if target is not None and target.entity_type is EntityType.COMPANY:
                        found.append((_resolved(doc_id, token.idx, token.end, text,
                                                sentence.index, target, MentionKind.PRONOUN,
                                                "implicit complement"), i, i + 1))
                    continue
            if word in _EVENT_DETERMINERS and token.pos in {"DET", "ADP"}:
                event = _event_anaphor(parsed, names, words, offset, sentence.index, taken)
                if event is not None:
                    target, noun_index = event
                    noun = tokens[noun_index]
                    found.append((_resolved(doc_id, noun.idx, noun.end, text, sentence.index,
                                            target, MentionKind.NOMINAL,
                                            "definite description"), noun_index, noun_index + 1))
                    resolved_until = noun_index + 1
                    continue
            description = _description_length(words, offset, own_nouns)
            if description:
                after = i + description
                # "le groupe Renault": a type cue before a name, not an anaphor
                # "le groupe Renault", "l'éditeur allemand Kraftwerk", "le groupe Les Echos":
                # a type cue before a name, not an anaphor
                # (a name after a comma is an apposition to what the description completes:
                # "la directrice générale de la coopérative, Stéphanie Morvan")
                nexts = (after,) if after < sentence.end and words[offset + description] == ","\
                    else (after, after + 1)
                if any(k < sentence.end and (k in taken or tokens[k].text[:1].isupper())
                       for k in nexts) or _names_follow(tokens, after, sentence.end, taken):
                    continue
                if after < sentence.end and words[offset + description] in {"de", "du", "des",
                                                                             "d'"}:
                    continue
                phrase = words[offset + description - 1]
                noun_start = i + description - 1
                if words[offset + description - 2] == "-":  # "start - up"
                    noun_start = i + description - 3
                    phrase = "".join(words[offset + description - 3 : offset + description])
                if (offset + description < len(words)
                        and tokens[i + description].pos == "ADJ"):
                    phrase += " " + words[offset + description]  # "groupe italien"
                owner = own_nouns.get(words[offset + description - 1])
                if i + description - 1 in introducing:
                    continue  # "OpenAI, la start-up ...": the apposition that names it
                if owner is not None:
                    # "la fromagerie": the one name the text called so, unless another
                    # organisation is much more spoken of (it may be that one's noun too)
                    target = _salient(names, [m for m, _, _ in found], sentence.index,
                                      token.idx, ORGANIZATION_TYPES, subjects,
                                      introduced={owner: {"~owner"}}, noun="~owner")
                    if target is not None and target.referent.name != owner:
                        target = None
                else:
                    target = _salient(names, [m for m, _, _ in found], sentence.index,
                                      token.idx, ORGANIZATION_TYPES, subjects, phrase,
                                      introduced)
                if target is not None:
                    # the mention is the noun ("groupe"), with its adjectives ("groupe
                    # coopératif"): "du"/"le" stay in the sentence for the patterns to read
                    # ("directeur général du groupe")
                    noun = tokens[noun_start]
                    last = i + description - 1
                    while (last + 1 < sentence.end and tokens[last + 1].pos == "ADJ"
                           and tokens[last + 1].text[:1].islower()
                           and last + 1 not in taken):
                        last += 1
                    found.append((_resolved(doc_id, noun.idx, tokens[last].end, text,
                                            sentence.index, target, MentionKind.NOMINAL,
                                            "definite description"), noun.i, last + 1))
                    resolved_until = last + 1
                continue
            if (
                word in {"il", "elle"}
                and token.dep.startswith("nsubj")
                and offset <= 2
            ):
                target = _antecedent(names, sentence.index - 1, len(text),
                                     frozenset({EntityType.PERSON}), window=1)
                clash = "Gender=Fem" if word == "il" else "Gender=Masc"
                # the tagger's gender of a first name is a guess ("Scott" comes out
                # feminine): it decides only between two people
                others = {m.name for m in names if m.entity_type is EntityType.PERSON
                          and sentence.index - 2 <= m.sentence < sentence.index}
                if target is not None and (clash not in by_char.get(target.start_char, "")
                                           or len(others) == 1):
                    found.append((_resolved(doc_id, token.idx, token.end, text, sentence.index,
                                            target, MentionKind.PRONOUN, "pronoun"), i, i + 1))
    return found


_EVENT_DETERMINERS = {"le", "la", "l'", "les", "du", "des", "au", "aux", "ce", "cet", "cette",
                      "ces"}
_DEMONSTRATIVES = {"ce", "cet", "cette", "ces"}
#: nouns that name an event by its kind: "le forum" is the forum the article named
_EVENT_NOUNS = {"salon", "forum", "congrès", "sommet", "conférence", "festival", "colloque",
                "rencontres", "assises", "journées", "symposium", "biennale", "foire", "expo",
                "exposition", "trophées", "championnat", "tournoi"}
#: nouns for any event: "l'événement" is the one just spoken of
_ANY_EVENT_NOUNS = {"événement", "évènement", "manifestation", "rendez-vous"}


def _event_anaphor(
    parsed: ParsedDocument, names: list[Mention], words: list[str], offset: int,
    sentence: int, taken: set[int],
) -> tuple[Mention, int] | None:
    """"lors du forum", "ce congrès", "l'événement": the event the text named before (the one
    named with that noun, or the last one for "l'événement"), and the noun's token index."""
    if offset + 1 >= len(words):
        return None
    noun = words[offset + 1]
    if noun not in _EVENT_NOUNS and noun not in _ANY_EVENT_NOUNS:
        return None
    tokens = parsed.tokens
    noun_index = parsed.sentences[sentence].start + offset + 1
    following = words[offset + 2] if offset + 2 < len(words) else ""
    demonstrative = words[offset] in _DEMONSTRATIVES
    determiner_index = noun_index - 1
    if offset >= 1 and words[offset - 1] == "," and determiner_index - 2 in taken:
        return None  # "le Forum X, le rendez-vous annuel de la filière": its apposition
    if not demonstrative and (
        following in {"de", "du", "des", "d'", "«", '"'}
        or noun_index + 1 in taken
        or (noun_index + 1 < len(tokens) and tokens[noun_index + 1].text[:1].isupper())
    ):
        return None  # "le salon Vivatech", "le forum de l'emploi": a name or another event
    start_char = tokens[noun_index].idx
    events = [m for m in names if m.entity_type is EntityType.EVENT
              and m.kind is MentionKind.NAME and m.end_char <= start_char]
    if noun in _EVENT_NOUNS:
        same = [m for m in events
                if normalise_word(m.text).split()[0].removesuffix("s") == noun.removesuffix("s")]
        if len({m.referent.name for m in same}) == 1:
            return same[-1], noun_index
        if not demonstrative:
            return None
    recent = [m for m in events if sentence - m.sentence <= 2]
    if recent:
        return recent[-1], noun_index
    return None


_NOUN_PHRASE_POS = {"ADJ", "ADP", "DET", "NOUN"}


def _names_follow(tokens: tuple[Token, ...], start: int, end: int, taken: set[int]) -> bool:
    """The words from ``start`` are the rest of a noun phrase that ends in a name: "le
    fabricant allemand de composants électroniques X" introduces X, it does not refer back."""
    for k in range(start, min(start + 8, end)):
        token = tokens[k]
        if k in taken or token.text[:1].isupper():
            return k > start
        if token.pos not in _NOUN_PHRASE_POS:
            return False
    return False


_ANAPHOR_NOUNS = {phrase.split()[-1] for phrase in lexicon.ORG_ANAPHORS.split("|")}
_ARTICLES = {"le", "la", "l'", "un", "une"}


def _organisation_names(
    parsed: ParsedDocument, names: list[Mention]
) -> Iterator[tuple[Mention, int, int]]:
    """Each organisation name with the indices of its first token and of the token after it."""
    tokens = parsed.tokens
    by_start = {t.idx: t.i for t in tokens}
    for mention in names:
        if mention.entity_type not in ORGANIZATION_TYPES:
            continue
        i = by_start.get(mention.start_char)
        if i is None:
            continue
        end = i
        while end < len(tokens) and tokens[end].idx < mention.end_char:
            end += 1
        yield mention, i, end


def _introducing_nouns(parsed: ParsedDocument, names: list[Mention]) -> dict[str, set[str]]:
    """The description nouns a text put before each organisation's name ("le distributeur
    auvergnat Basalte": distributeur): "le distributeur" later is that one."""
    tokens = parsed.tokens
    found: dict[str, set[str]] = {}
    for mention, i, end in _organisation_names(parsed, names):
        nouns = found.setdefault(mention.referent.name, set())
        # "Écoute Studio", "Banque Océane": the noun is in the name itself
        nouns.update("=" + w for w in normalise_word(mention.text).split()
                     if w in _ANAPHOR_NOUNS)
        # "X, banque régionale basée à Y": the apposition's noun
        after = [normalise_word(t.text) for t in tokens[end : end + 3]]
        if after[:1] == [","]:
            rest = after[2:] if len(after) > 2 and after[1] in _ARTICLES else after[1:2]
            nouns.update(w for w in rest[:1] if w in _ANAPHOR_NOUNS)
        sentence_start = parsed.sentences[tokens[i].sent].start
        k = i
        while k - 1 >= max(sentence_start, i - 6):
            k -= 1
            word = normalise_word(tokens[k].text)
            if k - 2 >= sentence_start and tokens[k - 1].text == "-":
                word = f"{normalise_word(tokens[k - 2].text)}-{word}"  # "start - up"
                k -= 2
            if (tokens[k].pos in {"PUNCT", "VERB", "AUX", "PRON", "SCONJ", "CCONJ"}
                    or tokens[k].text[:1].isupper()):
                break  # the noun heads the name's own noun phrase, no earlier clause
            if tokens[k].pos in {"NOUN", "ADJ"} and tokens[k].text[:1].islower():
                # "la coopérative laitière X": "le groupe coopératif", "le groupe laitier"
                # describe it too
                nouns.add("+" + _masculine(word))
            if word in _ANAPHOR_NOUNS:
                nouns.add(word)
                if k + 1 < i and tokens[k + 1].pos == "ADJ":
                    nouns.add(f"{word} {normalise_word(tokens[k + 1].text)}")
                break
            if tokens[k].pos == "DET":
                break
    return found


_DEFINITE = {"le", "la", "l'"}
#: nouns that say what an organisation is to another: "la filiale" is whose filiale the
#: sentence says, not the one the text once called so
_RELATIONAL_NOUNS = {"filiale", "filiales", "maison", "partenaire", "partenaires", "concurrent",
                     "concurrente", "rival", "client", "cliente", "fournisseur", "actionnaire",
                     "propriétaire", "acquéreur", "repreneur", "cible", "division", "branche",
                     "coentreprise", "joint-venture", "spécialiste", "leader", "numéro"}
_INDEFINITE = {"un", "une"}


def _own_nouns(parsed: ParsedDocument,
               names: list[Mention]) -> tuple[dict[str, str], set[int]]:
    """Nouns this text put right before one organisation's name, or in apposition to it,
    that are no common description noun: "la fromagerie Bouvier" makes "la fromagerie" stand
    for Bouvier later on. Nouns put before several names stand for none. Also the token
    indices of those introducing nouns, which refer to nothing before them."""
    tokens = parsed.tokens
    owners: dict[str, set[str]] = {}
    introducing: set[int] = set()
    for mention, i, end in _organisation_names(parsed, names):
        k = i - 1
        while k >= 0 and tokens[k].pos == "ADJ" and tokens[k].text[:1].islower():
            k -= 1
        heads = []
        if (k >= 1 and tokens[k].pos == "NOUN" and tokens[k].text[:1].islower()
                and normalise_word(tokens[k - 1].text) in _DEFINITE | _INDEFINITE):
            heads.append(k)  # "la fromagerie (familiale) X"
        if (end + 2 < len(tokens) and tokens[end].text == ","
                and normalise_word(tokens[end + 1].text) in _DEFINITE | _INDEFINITE
                and tokens[end + 2].pos == "NOUN"):
            heads.append(end + 2)  # "X, la fromagerie"
        for head_index in heads:
            head = normalise_word(tokens[head_index].text)
            if (head not in _ANAPHOR_NOUNS and head not in _RELATIONAL_NOUNS
                    and not _ROLE_NOUN.match(head)):
                owners.setdefault(head, set()).add(mention.referent.name)
                introducing.add(head_index)
    own = {noun: next(iter(names)) for noun, names in owners.items() if len(names) == 1}
    return own, introducing


def _masculine(word: str) -> str:
    """A French noun or adjective folded to its masculine singular, roughly: "laitière" and
    "laitiers" give "laitier", "coopérative" gives "coopératif"."""
    word = word.removesuffix("s") if len(word) > 3 and not word.endswith("ss") else word
    for feminine, masculine in (("ière", "ier"), ("ive", "if"), ("euse", "eux"),
                                ("enne", "en"), ("elle", "el"), ("ale", "al"), ("aux", "al")):
        if word.endswith(feminine):
            return word[: -len(feminine)] + masculine
    return word.removesuffix("e") if len(word) > 3 else word


def _person_antecedent(
    parsed: ParsedDocument, names: list[Mention], sentence: int, before_char: int
) -> Mention | None:
    """Whose "son épouse": the person just before ("Y et sa femme"); else the person subject
    of the sentence, named before the possessive; else the person named last before it in
    the sentence; else the subject of the sentence before, or the first person it named."""
    tokens = parsed.tokens
    by_start = {t.idx: t.i for t in tokens}
    people = [m for m in names if m.entity_type is EntityType.PERSON
              and m.end_char <= before_char and sentence - 1 <= m.sentence <= sentence]
    text = parsed.document.text
    for mention in people:
        if text[mention.end_char:before_char].strip() in {"et", "avec", ","}:
            return mention
    for mention in people:
        i = by_start.get(mention.start_char)
        if mention.sentence == sentence and i is not None and _in_subject(tokens, i):
            return mention
    here = [m for m in people if m.sentence == sentence]
    if here:
        return max(here, key=lambda m: m.end_char)
    # "Son épouse, ..." opening a sentence: the person the last one was about ("présidé par
    # X, frère cadet d'Y. Son épouse, ..." is X's)
    before = [m for m in people if m.sentence == sentence - 1]
    for mention in before:
        i = by_start.get(mention.start_char)
        if i is not None and _in_subject(tokens, i):
            return mention
    return min(before, key=lambda m: m.start_char, default=None)


def _in_subject(tokens: tuple[Token, ...], i: int) -> bool:
    """The token is a subject, or a name attached to a subject noun just before it ("la
    société Frais & Cie a été rachetée")."""
    token = tokens[i]
    if token.dep.startswith("nsubj"):
        return True
    attached = {"appos", "flat:name", "nmod", "compound", "amod"}
    head = tokens[token.head]
    if token.dep in attached and head.i < i and i - head.i <= 3:
        if head.dep.startswith("nsubj"):
            return True
        # "La maison de cognac X a annoncé": X completes a noun of the subject
        above = tokens[head.head]
        return (head.dep in attached and above.dep.startswith("nsubj") and above.i < head.i
                and i - above.i <= 4)
    return False


#: a subject kg does not resolve, opening the sentence or its main clause
_UNRESOLVED_SUBJECT = re.compile(
    r"(?:^|, )(?:cette dernière|ce dernier|ces derniers|ces dernières|celle-ci|celui-ci|"
    r"celles-ci|ceux-ci) (?!, )")


def _unresolved_subject(parsed: ParsedDocument, sentence: int) -> bool:
    """The sentence's subject is "cette dernière", "celle-ci": what a possessive opening the
    next sentence refers to is not known."""
    return _UNRESOLVED_SUBJECT.search(normalise_word(parsed.sentences[sentence].text)) is not None


def _subject_starts(parsed: ParsedDocument) -> set[int]:
    """Character offsets of tokens in subject position: the subject itself, or a name in
    apposition to it ("Le constructeur Renault a annoncé")."""
    tokens = parsed.tokens
    return {token.idx for token in tokens if _in_subject(tokens, token.i)}


_IMPLICIT_ROLE = re.compile(rf"^(?:{lexicon.IMPLICIT_ROLES})$")


def _implicit_role_length(words: list[str], offset: int) -> int:
    """Length in words of a corporate role noun at ``offset`` ("pdg", "directrice financière")
    with no complement after it, 0 otherwise."""
    for width in (4, 3, 2, 1):
        phrase = " ".join(words[offset : offset + width])
        if len(words[offset : offset + width]) == width and _IMPLICIT_ROLE.match(phrase):
            following = words[offset + width] if offset + width < len(words) else ""
            if following in {"de", "du", "des", "d'", "chez", "au", "à", "pour"}:
                return 0
            return width
    return 0


def _description_length(words: list[str], offset: int,
                        own_nouns: dict[str, str] | None = None) -> int:
    """Length in words of an organisation description starting at ``offset`` ("le groupe",
    "du groupe", "de la société", or a noun of ``own_nouns``: "la fromagerie"), 0 if none
    starts there."""
    def describes(article: str, noun: str) -> bool:
        return bool(_ORG_ANAPHOR.match(f"{article} {noun}")) or (
            own_nouns is not None and noun in own_nouns and article in _DEFINITE)

    if offset + 1 >= len(words):
        return 0
    if offset + 2 < len(words) and _ORG_ANAPHOR.match(" ".join(words[offset : offset + 3])):
        return 3  # "la jeune pousse" (three words there: "le groupe" ending a sentence is two)
    if (offset + 3 < len(words) and words[offset + 2] == "-"
            and describes(words[offset], "-".join(words[offset + 1 : offset + 4:2]))):
        return 4  # "la start-up", which the tokenizer splits in three
    if (offset + 4 < len(words) and words[offset] in {"de", "à"} and words[offset + 3] == "-"
            and words[offset + 1] in {"la", "l'"}
            and describes(words[offset + 1], "-".join(words[offset + 2 : offset + 5:2]))):
        return 5  # "de la start-up"
    if describes(words[offset], words[offset + 1]):
        return 2
    if words[offset] in {"du", "au"} and describes("le", words[offset + 1]):
        return 2
    if (offset + 2 < len(words) and words[offset] in {"de", "à"}
            and words[offset + 1] in {"la", "l'"} and describes(words[offset + 1],
                                                                words[offset + 2])):
        return 3
    return 0


def _resolved(
    doc_id: str, start: int, end: int, text: str, sentence: int, target: Mention,
    kind: MentionKind, how: str,
) -> Mention:
    return Mention(
        doc_id=doc_id, start_char=start, end_char=end, text=text[start:end], sentence=sentence,
        entity_type=target.entity_type, name=target.referent.name, kind=kind,
        antecedent=target, resolution=how,
    )
