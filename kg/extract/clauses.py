"""The parse reader: frames over each sentence's predicates, and open relations.

For each sentence a :class:`~kg.extract.syntax.SentenceGraph` gives the predicates and their
arguments; :func:`kg.extract.frames.match` maps them to properties of the ontology. Where a
clause links two entities of the article and no frame names the link, an open relation
(``kgo:relatedTo``) keeps the predicate's words ("exige les résultats de").
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files

from kg.extract import events, offices
from kg.extract.context import HEADLINE_EXTRACTOR, article_country, headline_facts
from kg.extract.dates import date_expressions
from kg.extract.demonyms import country_of_adjective
from kg.extract.facts import make_attribute, make_fact
from kg.extract.frames import HEDGED_FACTOR, FrameHit, Trial, match
from kg.extract.institutions import Institution
from kg.extract.syntax import Predicate, SentenceGraph
from kg.model import (
    PLACE_TYPES,
    Attribute,
    AttributeFact,
    EntityType,
    Fact,
    Mention,
    MentionKind,
    ParsedDocument,
    Relation,
)

OPEN_EXTRACTOR = "open-clause"
#: an open relation is less certain than a typed one: it says only that the two are linked
OPEN_CONFIDENCE = 0.5
#: "Nigeria : crash d'un avion à Lagos" says the crash and Lagos are in Nigeria, by convention
HEADLINE_CONFIDENCE = 0.7

#: verbs too light to say anything between two entities by themselves
_LIGHT_VERBS = {"être", "avoir", "faire", "dire", "pouvoir", "devoir", "aller", "venir",
                "sembler", "paraître", "falloir", "vouloir", "savoir", "déclarer", "affirmer",
                "annoncer", "expliquer", "indiquer", "estimer", "ajouter", "préciser",
                "rappeler", "souligner", "assurer", "confier", "raconter", "répondre",
                # speaking of something is no link to it
                "évoquer", "mentionner", "citer", "parler", "noter", "signaler", "décrire",
                "commenter", "aborder", "qualifier", "présenter", "juger"}
#: a place complement links the subject to the place only for a verb of going or being
#: expected somewhere ("X se rendra en Guyane", "X est attendu à Alger")
_LOCATIVES = {"à", "en", "dans", "sur", "au sein de", "près de"}
_MOTION_VERBS = {"rendre", "aller", "venir", "arriver", "attendre", "visiter", "voyager",
                 "retourner", "partir", "rentrer", "revenir", "installer", "réfugier",
                 "exiler", "déplacer", "rejoindre", "quitter", "envoyer", "déployer",
                 "transférer", "expulser", "extrader", "fuir", "entrer", "pénétrer"}
#: prepositions whose complement is a circumstance, not a participant
_CIRCUMSTANCES = {"depuis", "pendant", "durant", "après", "avant", "lors de", "selon",
                  "malgré", "vers", "jusqu'à", "avec", "parmi", "pour", "chez", "sans"}


@dataclass(slots=True)
class ReadingTrace:
    """What the parse reader saw, for ``kg explain``: every frame tried on a predicate, and
    each sentence's graph (its predicates and their arguments)."""

    trials: list[Trial] = field(default_factory=list)
    graphs: dict[int, SentenceGraph] = field(default_factory=dict)
    mentions: dict[int, Mention] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OpenHit:
    subject: int  # mention ids
    object: int
    sentence: int
    text: str  # the predicate's words, "exige les résultats de"
    hedged: bool


@dataclass(slots=True)
class ClauseReading:
    """What the parse reader adds to a document's extraction."""

    facts: list[Fact] = field(default_factory=list)
    attributes: list[AttributeFact] = field(default_factory=list)
    #: new mentions to keep: offices, institutions, events, and sides of the facts
    mentions: list[Mention] = field(default_factory=list)


def read_clauses(
    parsed: ParsedDocument, *, spans: dict[int, tuple[int, int]], mentions: dict[int, Mention],
    names_at: dict[tuple[int, int], Mention], described: list[tuple[Mention, int, int]],
    office_phrases: list[offices.Office], institutions: list[Institution],
    candidate_spans: list[tuple[int, int]], typed_facts: list[Fact],
    headed_names: set[int] | None = None, trace: ReadingTrace | None = None,
) -> ClauseReading:
    """Offices, institutions, events and dates as mentions, then the frames and open
    relations of every sentence. ``spans``/``mentions`` are the names and resolved anaphora
    found so far (by id); ``typed_facts`` are the facts the surface patterns found, which an
    open relation never repeats; ``headed_names`` are names headed by a common noun ("la
    place Tahrir"), whose noun is still a predicate."""
    reading = ClauseReading()
    names_at = dict(names_at)
    for institution in institutions:
        names_at[(institution.start, institution.end)] = institution.mention
    every_adjective = adjective_mentions(parsed, set())
    country = article_country(parsed, [*mentions.values(), *(m for m, _ in every_adjective)])
    positions = offices.position_mentions(parsed, office_phrases, names_at, country)
    taken = {i for k, (s, e) in spans.items() if k not in (headed_names or set())
             for i in range(s, e)}
    taken |= {i for _, s, e in described for i in range(s, e)}
    taken |= {i for _, s, e in positions for i in range(s, e)}
    institution_tokens = {i for n in institutions for i in range(n.start, n.end)}
    # an event description may hold names ("l'assassinat de X") but not start inside one
    news_events = [(m, s, e) for m, s, e in events.event_mentions(parsed, candidate_spans)
                   if s not in taken and s not in institution_tokens]
    taken |= {i for _, s, e in news_events for i in range(s, e)}
    # a nationality adjective inside an institution's name still names its country
    adjectives = [(m, token) for m, token in every_adjective if token not in taken]
    all_spans = dict(spans)
    all_mentions: dict[int, Mention] = dict(mentions)
    names = {k for k, m in mentions.items() if m.kind is MentionKind.NAME}
    next_id = max(all_spans, default=-1) + 1
    for mention, start, end in (*described, *positions, *news_events,
                                *((n.mention, n.start, n.end) for n in institutions)):
        all_spans[next_id], all_mentions[next_id] = (start, end), mention
        next_id += 1
    for mention, token in adjectives:
        all_spans[next_id], all_mentions[next_id] = (token, token + 1), mention
        next_id += 1
    frame_hits, open_hits = read_sentences(parsed, all_spans, all_mentions,
                                           date_expressions(parsed), names,
                                           headed_names or set(), trace)
    used: list[Mention] = []
    for hit in frame_hits:
        subject = all_mentions[hit.subject]
        prior = hit.frame.confidence * (HEDGED_FACTOR if hit.hedged else 1.0)
        if isinstance(hit.object, str):
            if isinstance(hit.frame.states, Attribute):
                reading.attributes.append(make_attribute(
                    parsed, hit.frame.extractor, hit.frame.states, subject, hit.object,
                    hit.sentence, prior))
            continue
        if not isinstance(hit.frame.states, Relation):
            continue
        obj = all_mentions[hit.object]
        fact = make_fact(parsed, hit.frame.extractor, hit.frame.states, subject, obj,
                         hit.sentence, prior)
        if fact is not None:
            reading.facts.append(fact)
            used += [subject, obj]
    typed_pairs = {(f.subject.referent.name, f.object.referent.name, f.evidence.sentence_start)
                   for f in (*typed_facts, *reading.facts)}
    for hit_open in open_hits:
        subject, obj = all_mentions[hit_open.subject], all_mentions[hit_open.object]
        start = parsed.sentences[hit_open.sentence].start_char
        if ((subject.referent.name, obj.referent.name, start) in typed_pairs
                or (obj.referent.name, subject.referent.name, start) in typed_pairs):
            continue  # a typed fact always wins over an open one
        prior = OPEN_CONFIDENCE * (HEDGED_FACTOR if hit_open.hedged else 1.0)
        fact = make_fact(parsed, OPEN_EXTRACTOR, Relation.RELATED_TO, subject, obj,
                         hit_open.sentence, prior, relation_text=hit_open.text)
        if fact is not None:
            reading.facts.append(fact)
            used += [subject, obj]
    for subject, country_mention in headline_facts(parsed, list(all_mentions.values())):
        # a law of the headline's country applies there
        relation = (Relation.APPLIES_TO_JURISDICTION if subject.referent.entity_type
                    is EntityType.LAW else Relation.COUNTRY)
        fact = make_fact(parsed, HEADLINE_EXTRACTOR, relation, subject,
                         country_mention, 0, HEADLINE_CONFIDENCE)
        if fact is not None:
            reading.facts.append(fact)
    reading.mentions = [*(m for m, _, _ in positions), *(m for m, _, _ in news_events),
                        *(n.mention for n in institutions), *used]
    return reading


def adjective_mentions(parsed: ParsedDocument, taken: set[int]) -> list[tuple[Mention, int]]:
    """A nationality adjective outside any mention stands for its country ("le journaliste
    français" -> France), and a party word for its party ("le sénateur démocrate" -> Parti
    démocrate) in an article that speaks of the party as a group; for the frames that read
    a modifier (``mod``) or a noun's own mention ("le démocrate X")."""
    found = []
    parties = _parties_spoken_of(parsed)
    for token in parsed.tokens:
        if token.i in taken:
            continue
        party = parties.get(_singular(token.text.lower()))
        if party is None and token.pos == "ADJ" and token.head != token.i and (
                parsed.tokens[token.head].lemma.lower() in _POLITICAL_NOUNS):
            # "le candidat républicain X", "le sénateur démocrate X": said of a politician
            party = _party_words().get(_singular(token.text.lower()))
        if party is not None and token.pos in {"ADJ", "NOUN", "PROPN", "X"}:
            found.append((Mention(
                doc_id=parsed.document.doc_id, start_char=token.idx, end_char=token.end,
                text=token.text, sentence=token.sent, entity_type=EntityType.POLITICAL_PARTY,
                name=party, kind=MentionKind.NAME, resolution="party word",
            ), token.i))
            continue
        if token.pos not in {"ADJ", "X"}:
            continue
        country = country_of_adjective(token.text)
        if country is None:
            continue
        found.append((Mention(
            doc_id=parsed.document.doc_id, start_char=token.idx, end_char=token.end,
            text=token.text, sentence=token.sent, entity_type=EntityType.COUNTRY,
            name=country, kind=MentionKind.NAME, resolution="nationality adjective",
        ), token.i))
    return found


#: nouns of politicians whose party word names the party
_POLITICAL_NOUNS = {"candidat", "candidate", "sénateur", "sénatrice", "député", "députée",
                    "gouverneur", "gouverneure", "élu", "élue", "maire", "président",
                    "présidente", "ministre", "leader", "chef", "militant", "militante",
                    "représentant", "représentante", "parlementaire", "eurodéputé",
                    "sénateurs", "députés", "élus", "candidats"}


@functools.cache
def _party_words() -> dict[str, str]:
    data = tomllib.loads((files("kg.extract") / "frames" / "parties.toml").read_text("utf-8"))
    return dict(data["parties"])


@functools.lru_cache(maxsize=65536)
def _singular(word: str) -> str:
    """"démocrates" -> "démocrate", "républicaines" -> "républicain"."""
    for ending, replacement in (("aines", "ain"), ("aine", "ain"), ("s", "")):
        if word.endswith(ending) and word[: -len(ending)] + replacement in _party_words():
            return word[: -len(ending)] + replacement
    return word


def _parties_spoken_of(parsed: ParsedDocument) -> dict[str, str]:
    """The party words of the article that also name the party as a group: "les démocrates"
    (a plural noun after "les"), "le Parti démocrate"."""
    words = [t.text.lower() for t in parsed.tokens]
    found: dict[str, str] = {}
    for k, word in enumerate(words):
        singular = _singular(word)
        party = _party_words().get(singular)
        if party is None or k == 0:
            continue
        if (words[k - 1] == "les" and word != singular) or words[k - 1] == "parti":
            found[singular] = party
    return found


def read_sentences(
    parsed: ParsedDocument, spans: dict[int, tuple[int, int]], mentions: dict[int, Mention],
    dates: dict[int, str], names: set[int], headed: set[int],
    trace: ReadingTrace | None = None,
) -> tuple[list[FrameHit], list[OpenHit]]:
    """Frame hits and open relations of every sentence (with ``trace``, every frame tried)."""
    by_sentence: dict[int, dict[int, tuple[int, int]]] = {}
    for ident, (start, end) in spans.items():
        by_sentence.setdefault(parsed.tokens[start].sent, {})[ident] = (start, end)
    types = {ident: m.entity_type for ident, m in mentions.items()}
    name_ids, headed_ids = frozenset(names), frozenset(headed)
    if trace is not None:
        trace.mentions = dict(mentions)
    hits: list[FrameHit] = []
    opened: list[OpenHit] = []
    for index, sentence_spans in sorted(by_sentence.items()):
        if trace is None and len(sentence_spans) < 2 and not any(t in dates for t in range(
                parsed.sentences[index].start, parsed.sentences[index].end)):
            continue
        graph = SentenceGraph(parsed, index, sentence_spans, name_ids, headed_ids)
        found = list(match(graph, types, dates, trace.trials if trace is not None else None))
        if trace is not None:
            trace.graphs[index] = graph
        hits += found
        typed_pairs = {frozenset((h.subject, h.object)) for h in found
                       if isinstance(h.object, int)}
        opened += _open_relations(graph, mentions, typed_pairs)
    return hits, opened


def _open_relations(graph: SentenceGraph, mentions: dict[int, Mention],
                    typed: set[frozenset[int]]) -> list[OpenHit]:
    found: list[OpenHit] = []
    seen: set[frozenset[int]] = set()
    for predicate in graph.predicates():
        if (predicate.kind != "verb" or predicate.negated or predicate.hedged
                or predicate.lemma in _LIGHT_VERBS or graph.tok(predicate.token).pos != "VERB"):
            continue
        # the edge reads as the clause does: "X était exploité par Y" runs from X to Y
        surface_subject = "theme" if predicate.passive else "agent"
        subjects = [s for s in _named(graph, predicate, surface_subject, mentions,
                                      direct=True)
                    if mentions[s].referent.entity_type not in PLACE_TYPES]
        if not subjects:
            continue  # (a place doing something is mostly a misread clause)
        for arg in predicate.args:
            if (arg.role in {surface_subject, "time", "obl", "attr"}
                    or arg.role in _CIRCUMSTANCES):
                continue
            if arg.role in _LOCATIVES and predicate.lemma not in _MOTION_VERBS:
                continue  # "X a perdu dans le Missouri": where it happened, not a link
            objects = _named(graph, predicate, arg.role, mentions, only=arg.token)
            target = arg.token
            if not objects and graph.tok(arg.token).pos == "NOUN":
                # "exige les résultats de l'élection": through the object noun to the entity
                # it is of, one step
                for child in graph.kids(arg.token, "nmod"):
                    if graph.preposition(child) == "de":
                        named = [m for m in graph.mentions_at(child) if m in mentions
                                 and mentions[m].entity_type is not EntityType.POSITION]
                        if named:
                            objects, target = named, child
                            break
            for obj in objects:
                for subject in subjects:
                    pair = frozenset((subject, obj))
                    if subject == obj or pair in typed or pair in seen:
                        continue
                    if mentions[subject].referent == mentions[obj].referent:
                        continue
                    seen.add(pair)
                    found.append(OpenHit(subject, obj, graph.sentence.index,
                                         _words(graph, predicate, target, obj),
                                         predicate.hedged))
    return found


def _named(graph: SentenceGraph, predicate: Predicate, role: str,
           mentions: dict[int, Mention], only: int | None = None, direct: bool = False
           ) -> list[int]:
    out = []
    for arg in predicate.args:
        if arg.role != role or (only is not None and arg.token != only):
            continue
        if direct and arg.via not in {"nsubj", "nsubj:pass", "obl:agent", "conj", "name",
                                      "control"}:
            continue  # a subject handed on by a participle or a clause: too far to say
        for ident in graph.mentions_at(arg.token):
            mention = mentions.get(ident)
            if mention is None or mention.entity_type is EntityType.POSITION:
                continue
            if mention.kind is MentionKind.PRONOUN and mention.antecedent is None:
                continue
            out.append(ident)
    return out


def _words(graph: SentenceGraph, predicate: Predicate, arg_token: int, obj: int) -> str:
    """The predicate's words: the verb with its auxiliaries, negation and reflexive, then
    the words between the verb and the object's mention ("exige les résultats de")."""
    tokens = graph.tokens
    verb = predicate.token
    parts = [c for c in graph.kids(verb, "aux", "expl", "advmod")
             if c < verb and tokens[c].text.lower() not in {"ne", "n'", "n’"}]
    start = min([verb, *parts])
    span = graph.spans.get(obj)
    end = span[0] if span is not None and span[0] > verb else verb + 1
    words = [tokens[k].text for k in range(start, end)
             if tokens[k].pos != "PUNCT" or tokens[k].text in {"-"}]
    text = " ".join(words).replace("' ", "'").replace("’ ", "’")
    if len(text.split()) > 8:  # too far: the verb and its preposition
        prep = graph.preposition(arg_token)
        text = " ".join(tokens[k].text for k in range(start, verb + 1))
        if prep:
            text += " " + prep
    return text
