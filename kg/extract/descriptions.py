"""Facts about events and strategies, which are described rather than named.

- "Lors d'un appel aux résultats ..., le PDG de X, Y, a déclaré" -> Y spokeAt the event;
- "la keynote d'Apple", "sa conférence" -> the event organizedBy the organisation; an earnings
  call where a company's leader speaks is held by that company;
- "la stratégie de X", "sa stratégie" -> strategyOf X; a product named inside -> concerns;
- "X, une précédente initiative de Y" while the article discusses a strategy of Y ->
  X precedentFor that strategy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import lexicon
from kg.extract.surface import normalise_word
from kg.model import (
    ORGANIZATION_TYPES,
    PRODUCT_TYPES,
    EntityType,
    Fact,
    Mention,
    MentionKind,
    ParsedDocument,
    Relation,
)

EXTRACTORS = {
    "event-participant": "subject of a sentence introduced by 'lors de <event>'",
    "event-organizer": "'<event> de Y' or a possessive before the event",
    "corporate-event-of-leader": "an earnings call or AGM where Y's leader speaks is held by Y",
    "strategy-owner": "'la stratégie de Y' or a possessive inside the strategy",
    "strategy-topic": "a product or project named inside a strategy description",
    "precedent-initiative": "'X, une précédente initiative de Y' while Y's strategy is discussed",
    "on-stage": "'a assuré sur scène X': X spoke at the event just described",
    "spoke-there": "'X y est intervenue': X spoke at the event of this or the last sentence",
    "the-two-partners": "'les deux entreprises ont signé un partenariat' after naming two",
}

_INTRODUCERS = {"lors", "cours", "pendant", "durant", "occasion", "à", "au", "aux", "marge"}
_SPEECH = re.compile(rf"^(?:{lexicon.SPEECH_VERBS})$")
_CORPORATE = re.compile(rf"(?:{lexicon.CORPORATE_EVENT_HEADS})")
_PRECEDENT = re.compile(r"\b(?:précédente?s?|ancienne?s?|antérieure?s?|premier|première|"
                        r"autres?) (?:\S+ )?(?:initiative|projet|programme|stratégie)")
_SPEAKING_VERBS = {"déclarer", "affirmer", "expliquer", "indiquer", "souligner", "estimer",
                   "annoncer", "préciser", "ajouter", "assurer", "insister", "confier",
                   "reconnaître", "rappeler", "évoquer", "présenter", "détailler", "ouvrir",
                   "exprimer", "parler", "dire", "répondre", "promettre", "prévenir",
                   "avertir", "juger", "commenter", "défendre", "vanter", "révéler",
                   "saluer", "confirmer", "admettre", "regretter", "féliciter", "marteler",
                   "lancer", "résumer", "noter", "observer", "tempérer", "intervenir",
                   "débattre", "exposer", "plaider", "témoigner"}

Found = tuple[str, Relation, Mention, Mention, int, float]


def description_mentions(parsed: ParsedDocument) -> list[tuple[Mention, int, int]]:
    from kg.extract.mentions import description_mentions as find

    return find(parsed)


def _inside(spans: dict[int, tuple[int, int]], by_id: dict[int, Mention], start: int,
            end: int) -> list[tuple[Mention, int]]:
    found = [(by_id[k], s) for k, (s, e) in spans.items() if k in by_id and start <= s and
             e <= end]
    return sorted(found, key=lambda pair: pair[1])


def facts(
    parsed: ParsedDocument,
    described: list[tuple[Mention, int, int]],
    by_id: dict[int, Mention],
    spans: dict[int, tuple[int, int]],
    pattern_facts: list[Fact],
) -> Iterator[Found]:
    tokens = parsed.tokens
    strategy_owner: dict[Mention, Mention] = {}
    for mention, start, end in described:
        sentence = tokens[start].sent
        # a possessive right before the description belongs to it ("sa stratégie")
        scope_start = start - 1 if start > 0 and tokens[start - 1].sent == sentence else start
        inner = _inside(spans, by_id, scope_start, end)
        owner = _owner(tokens, inner)
        if mention.entity_type is EntityType.STRATEGY:
            if owner is not None:
                strategy_owner[mention] = owner
                yield ("strategy-owner", Relation.STRATEGY_OF, mention, owner, sentence, 0.8)
            for name, _ in inner:
                if name.entity_type in PRODUCT_TYPES or name.entity_type is EntityType.PROJECT:
                    yield ("strategy-topic", Relation.CONCERNS, mention, name, sentence, 0.75)
        elif mention.entity_type is EntityType.EVENT:
            # "une conférence de presse au salon X, organisé par Y": the named event inside
            # the description is what Y organised, and where the speaker spoke too
            named = next((name for name, _ in inner if name.entity_type is EntityType.EVENT
                          and name.kind is MentionKind.NAME and name is not mention), None)
            if owner is None:
                organiser = _organised_by(parsed, end, by_id, spans)
                if organiser is not None:
                    yield ("event-organizer", Relation.ORGANIZED_BY, named or mention,
                           organiser, sentence, 0.8)
            else:
                yield ("event-organizer", Relation.ORGANIZED_BY, mention, owner, sentence, 0.8)
            if _introduced(tokens, start) and not _not_yet(parsed, sentence):
                for person in _subject_people(parsed, sentence, by_id, spans):
                    relation = (Relation.SPOKE_AT if _speaking(parsed, sentence)
                                else Relation.PARTICIPATED_IN)
                    for event in (mention, named) if named is not None else (mention,):
                        yield ("event-participant", relation, person, event, sentence, 0.75)
                    if owner is None and _CORPORATE.search(normalise_word(mention.text)):
                        for fact in pattern_facts:
                            if (fact.subject.referent == person.referent
                                    and fact.relation in {Relation.LEADS, Relation.CEO_OF,
                                                          Relation.CHAIR_OF}
                                    and fact.evidence.sentence_start
                                    == parsed.sentences[sentence].start_char):
                                yield ("corporate-event-of-leader", Relation.ORGANIZED_BY,
                                       mention, fact.object, sentence, 0.65)
    yield from _precedents(parsed, pattern_facts, strategy_owner)
    yield from _on_stage(parsed, described, by_id, spans)
    yield from _spoke_there(parsed, described, by_id, spans)
    yield from _the_two_partners(parsed, by_id, pattern_facts)


def _not_yet(parsed: ParsedDocument, sentence: int) -> bool:
    """The sentence tells of something to come or only possible ("présentera lors de",
    "pourrait intervenir"): nobody has spoken there yet."""
    s = parsed.sentences[sentence]
    for token in parsed.tokens[s.start : s.end]:
        if token.dep.lower() != "root":
            continue
        if "Tense=Fut" in token.morph or "Mood=Cnd" in token.morph:
            return True
        # "doit y intervenir", "va présenter": the root's auxiliary of the future
        return token.lemma in {"devoir", "aller"} and any(
            t.head == token.i and t.pos == "VERB" and "VerbForm=Inf" in t.morph
            for t in parsed.tokens[s.start : s.end])
    return False


def _owner(tokens: tuple, inner: list[tuple[Mention, int]]) -> Mention | None:
    """The organisation a description belongs to: a resolved possessive, or "de <org>"."""
    for name, start in inner:
        if name.entity_type not in ORGANIZATION_TYPES:
            continue
        if name.resolution == "possessive":
            return name
        if start > 0 and normalise_word(tokens[start - 1].text) in {"de", "d'", "du"}:
            return name
    return None


def _introduced(tokens: tuple, start: int) -> bool:
    sentence = tokens[start].sent
    window = [normalise_word(t.text) for t in tokens[max(0, start - 4) : start]
              if t.sent == sentence]
    return any(word in _INTRODUCERS for word in window)


def _root(parsed: ParsedDocument, sentence: int) -> int | None:
    s = parsed.sentences[sentence]
    for i in range(s.start, s.end):
        if parsed.tokens[i].head == i and parsed.tokens[i].pos in {"VERB", "AUX"}:
            return i
    return None


def _speaking(parsed: ParsedDocument, sentence: int) -> bool:
    """A verb of saying in the sentence ("a déclaré X lors de ...")."""
    s = parsed.sentences[sentence]
    return any(t.pos == "VERB" and t.lemma.lower() in _SPEAKING_VERBS
               for t in parsed.tokens[s.start : s.end]) or _FLOOR.search(
                   normalise_word(s.text)) is not None


def _subject_people(
    parsed: ParsedDocument, sentence: int, by_id: dict[int, Mention],
    spans: dict[int, tuple[int, int]],
) -> list[Mention]:
    """People who are the subject of the sentence's main verb, directly or in apposition to a
    subject noun ("le PDG de X, Y, a déclaré")."""
    tokens = parsed.tokens
    root = _root(parsed, sentence)
    subjects = set() if root is None else {
        t.i for t in tokens[parsed.sentences[sentence].start : parsed.sentences[sentence].end]
        if t.head == root and t.dep.startswith("nsubj")}
    people = []
    for k, (start, end) in spans.items():
        mention = by_id.get(k)
        if mention is None or mention.entity_type is not EntityType.PERSON:
            continue
        if mention.sentence != sentence:
            continue
        inside = set(range(start, end))
        if inside & subjects or any(tokens[i].head in subjects and tokens[i].dep in
                                    {"appos", "flat:name", "flat"} for i in inside):
            people.append(mention)
    # the speaker after the verb ("a déclaré X", "a assuré sur scène X") or the agent of
    # a passive ("l'annonce a été faite ... par son directeur général, X")
    for k, (start, _end) in spans.items():
        mention = by_id.get(k)
        if (mention is None or mention.entity_type is not EntityType.PERSON
                or mention.sentence != sentence or mention in people):
            continue
        window = tokens[max(parsed.sentences[sentence].start, start - 6) : start]
        # the verb right before the name, or before a place of speech ("a expliqué à la
        # tribune X", "a précisé sur scène X")
        near = window[-3:]
        if _ON_STAGE.search(normalise_word(" ".join(t.text for t in window))):
            near = window
        if any(t.lemma.lower() in _SPEAKING_VERBS and t.pos == "VERB" for t in near) or (
            any(t.text.lower() == "par" for t in window)
        ):
            people.append(mention)
    if people:
        return people
    # the parser found no subject that is a person: a person named before the main verb,
    # outside any prepositional phrase, opening the sentence or after a comma ("Demis
    # Hassabis, qui dirige X, a présenté ...", "Présent au salon X, le PDG de Y, Z, a dit")
    if root is None:
        return []
    first_token = parsed.sentences[sentence].start
    before_root = sorted((start, k) for k, (start, _end) in spans.items()
                         if tokens[start].sent == sentence and k in by_id and start < root
                         and by_id[k].entity_type is EntityType.PERSON
                         and (start == first_token or tokens[start - 1].text == ","))
    return [by_id[before_root[-1][1]]] if before_root else []


def _organised_by(
    parsed: ParsedDocument, end: int, by_id: dict[int, Mention],
    spans: dict[int, tuple[int, int]],
) -> Mention | None:
    """"la conférence X, organisée le 2 décembre à Nantes par l'association Y": Y."""
    tokens = parsed.tokens
    sentence = tokens[end - 1].sent
    stop = min(parsed.sentences[sentence].end, end + 16)
    organised = next((i for i in range(end, stop) if tokens[i].lemma.lower() in
                      {"organiser", "co-organiser"}), None)
    if organised is None:
        return None
    by_agent = next((i for i in range(organised, stop) if tokens[i].text.lower() == "par"),
                    None)
    if by_agent is None:
        return None
    # the agent is in the same sentence ("par le Gifas. Son cofondateur": not "Son")
    candidates = sorted((start, k) for k, (start, _e) in spans.items()
                        if by_agent < start <= by_agent + 6 and start < stop and k in by_id
                        and by_id[k].entity_type in ORGANIZATION_TYPES)
    return by_id[candidates[0][1]] if candidates else None


_ON_STAGE = re.compile(r"\b(?:sur (?:la )?scène|à la tribune|devant les (?:participants|"
                       r"visiteurs|congressistes|festivaliers|spectateurs))\b")
_STAGE_WINDOW = 3  # sentences


def _on_stage(
    parsed: ParsedDocument, described: list[tuple[Mention, int, int]],
    by_id: dict[int, Mention], spans: dict[int, tuple[int, int]],
) -> Iterator[Found]:
    """"a assuré sur scène X": X spoke at the event the article was just describing."""
    events = sorted(((m.sentence, m) for m, _, _ in described), key=lambda pair: pair[0])
    for sentence in parsed.sentences:
        if not _ON_STAGE.search(normalise_word(sentence.text)):
            continue
        recent = [m for s, m in events if sentence.index - _STAGE_WINDOW <= s <= sentence.index]
        if not recent or not _speaking(parsed, sentence.index):
            continue
        event = recent[-1]
        for person in _subject_people(parsed, sentence.index, by_id, spans):
            yield ("on-stage", Relation.SPOKE_AT, person, event, sentence.index, 0.6)


#: "y" before a verb of speaking: "elle y est intervenue", "il y avait détaillé", "y a
#: partagé la tribune" (not "il y a", which says what exists)
#: taking the floor: "a pris la parole", "prendra la parole"
_FLOOR = re.compile(r"\b(?:pris|prend|prendra|prenait|prendre|prenant) la parole\b")
_SPOKE_THERE = re.compile(
    r"\by (?:est |était |a |avait |ont |avaient |sont |étaient )?(?:aussi |également |déjà |"
    r"notamment |longuement |lui-même |elle-même )?(?:intervenue?s?|présentée?s?|détaillée?s?|"
    r"pris la parole|parlée?s?|exposée?s?|défendue?s?|dévoilée?s?|"
    r"partagée? la tribune|débattue?s?|exprimée?s?|témoignée?|plaidée?)\b"
)
_THERE_WINDOW = 1  # sentences


def _spoke_there(
    parsed: ParsedDocument, described: list[tuple[Mention, int, int]],
    by_id: dict[int, Mention], spans: dict[int, tuple[int, int]],
) -> Iterator[Found]:
    """"X y est intervenue": X spoke at the event named in this sentence or the one before."""
    events = sorted(((m.sentence, m.start_char, m) for m, _, _ in described),
                    key=lambda triple: triple[:2])
    for sentence in parsed.sentences:
        if not _SPOKE_THERE.search(normalise_word(sentence.text)):
            continue
        recent = [m for s, c, m in events
                  if sentence.index - _THERE_WINDOW <= s <= sentence.index
                  and c < sentence.end_char]
        if not recent or _not_yet(parsed, sentence.index):
            continue
        for person in _subject_people(parsed, sentence.index, by_id, spans):
            yield ("spoke-there", Relation.SPOKE_AT, person, recent[-1], sentence.index, 0.6)


#: "les deux entreprises ont signé un partenariat": the two just spoken of are partners
_THE_TWO_PARTNERS = re.compile(
    r"\bles deux (?:entreprises|sociétés|groupes|start-up|partenaires|firmes|entités|"
    r"laboratoires|banques|établissements|constructeurs|opérateurs|acteurs) (?:ont|vont|"
    r"avaient|viennent d') (?:\S+ ){0,2}?(?:signé|conclu|noué|scellé|officialisé|annoncé|"
    r"signer|conclure|nouer) (?:\S+ ){0,3}?(?:un |une |leur )?(?:\S+ )?(?:partenariat|"
    r"alliance|accord de (?:partenariat|coopération|collaboration)|coentreprise)\b")


def _the_two_partners(parsed: ParsedDocument, by_id: dict[int, Mention],
                      pattern_facts: list[Fact]) -> Iterator[Found]:
    """"Les deux entreprises ont signé un partenariat": when this sentence and the one before
    name exactly two organisations, they are partners, unless one is the other's parent
    ("Avialis, la filiale d'Air Méridienne": the two companies are Avialis and another)."""
    related = {frozenset((f.subject.referent.name, f.object.referent.name))
               for f in pattern_facts
               if f.relation in {Relation.SUBSIDIARY_OF, Relation.OWNS, Relation.ACQUIRED}}
    for sentence in parsed.sentences:
        match = _THE_TWO_PARTNERS.search(normalise_word(sentence.text))
        if match is None:
            continue
        before = sentence.start_char + match.start()
        named: dict[str, Mention] = {}
        for mention in sorted(by_id.values(), key=lambda m: m.start_char):
            if (mention.entity_type in ORGANIZATION_TYPES
                    and sentence.index - 1 <= mention.sentence <= sentence.index
                    and mention.end_char <= before):
                named.setdefault(mention.referent.name, mention)
        if len(named) == 2 and frozenset(named) not in related:
            first, second = named.values()
            yield ("the-two-partners", Relation.PARTNER_OF, first, second, sentence.index, 0.65)


def _precedents(
    parsed: ParsedDocument, pattern_facts: list[Fact], strategy_owner: dict[Mention, Mention]
) -> Iterator[Found]:
    for fact in pattern_facts:
        if fact.relation is not Relation.INITIATIVE_OF:
            continue
        if not _PRECEDENT.search(normalise_word(fact.evidence.sentence_text)):
            continue
        for strategy, owner in strategy_owner.items():
            if owner.referent == fact.object.referent:
                sentence = next(s.index for s in parsed.sentences
                                if s.start_char == fact.evidence.sentence_start)
                yield ("precedent-initiative", Relation.PRECEDENT_FOR, fact.subject, strategy,
                       sentence, 0.65)
