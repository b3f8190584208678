"""Extract stage: :class:`ParsedDocument` -> :class:`DocumentExtraction`.

Order of work for one document:
1. name mentions, typed and linked inside the document (:mod:`.mentions`);
2. event and strategy descriptions; possessives, "le groupe", "il" resolved (:mod:`.coref`);
3. relation patterns over each sentence's surface (:mod:`.patterns`), checked against the
   ontology's domains and ranges (:mod:`kg.signatures`);
4. facts about descriptions: who spoke at an event, whose strategy, about what
   (:mod:`.descriptions`); dates of foundings and periods of events (:mod:`.dates`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.extract import descriptions, mentions, offices
from kg.extract.clauses import OPEN_EXTRACTOR, ReadingTrace, read_clauses
from kg.extract.context import HEADLINE_EXTRACTOR
from kg.extract.coref import resolve_anaphora
from kg.extract.dates import EXTRACTORS as DATE_EXTRACTORS
from kg.extract.dates import attribute_facts
from kg.extract.demonyms import EXTRACTORS as DEMONYM_EXTRACTORS
from kg.extract.demonyms import demonym_facts, name_country_facts
from kg.extract.facts import make_fact
from kg.extract.frames import load_frames, match_surface
from kg.extract.institutions import Institution, institution_mentions
from kg.extract.patterns import NOT_THE_NAMES_ROLE, PATTERNS, Pattern
from kg.extract.places import is_country
from kg.extract.surface import SurfaceSentence, surface
from kg.model import (
    DocumentExtraction,
    EntityType,
    Fact,
    Mention,
    MentionKind,
    ParsedDocument,
    Relation,
)
from kg.signatures import DEFAULT_OBJECT, DEFAULT_SUBJECT

__all__ = ["EXTRACTORS", "extract", "extract_all"]

#: "X, Y ou Z"; "X et son frère Y"; "X et les producteurs de films Y": a short description
#: may stand before a coordinated name
_CONJUNCT_AFTER = re.compile(
    r"^(?: ,(?! et | ou ) @m(\d+)"  # "X, Y": a comma joins bare names only
    r"|(?: ,)? (?:et|ou|ainsi que|mais aussi|puis)"  # "X et (les producteurs de films) Y"
    # "X et son épouse, Y": a resolved possessive is a placeholder too
    r"(?: (?:(?:le|la|les|l'|son|sa|ses|leur|leurs)"
    r"(?: (?![@,.;:()]|(?:à|au|aux|en|dans|sur|pour|avec|par) )\S+){0,4}?"
    r"|@m\d+(?: (?![@,.;:()]|(?:à|au|aux|en|dans|sur|pour|avec|par) )\S+){1,4}?)"
    r"(?: ,)?)? @m(\d+))"
)
_CONJUNCT_BEFORE = re.compile(
    r"@m(\d+) (?:,|et|ou)(?: (?:le|la|les|l'|son|sa|ses|leur|leurs)(?: (?![@,.;:()])\S+){0,3})?$"
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern match between two mention ids, before mentions are final."""

    pattern: Pattern
    relation: Relation
    subject: int
    object: int
    sentence: int
    #: the object is the country a place lies in ("basée à Lyon, en France"): kept only if it
    #: is a country
    wider_place: bool = False


def _describe_extractors() -> dict[str, str]:
    found = {p.extractor: p.label for p in PATTERNS}
    found.update(descriptions.EXTRACTORS)
    found.update(DATE_EXTRACTORS)
    found.update(DEMONYM_EXTRACTORS)
    found.update({frame.extractor: frame.label for frame in load_frames()})
    found[OPEN_EXTRACTOR] = ("open relation: a clause links two entities and no frame names "
                             "the link; the statement keeps the predicate's words")
    found[HEADLINE_EXTRACTOR] = ("'Nigeria : crash d'un avion à Lagos': the events, places and "
                                 "public bodies of a headline are in the country it opens with")
    return dict(sorted(found.items()))



#: extractor id -> what it reads; every fact's evidence names one of these
EXTRACTORS: dict[str, str] = _describe_extractors()


def extract_all(parsed_documents: Iterable[ParsedDocument]) -> Iterator[DocumentExtraction]:
    for parsed in parsed_documents:
        yield extract(parsed)


def extract(parsed: ParsedDocument, trace: ReadingTrace | None = None) -> DocumentExtraction:
    """Find the mentions and facts of one parsed document. With ``trace``, every frame tried
    on a predicate is recorded there with what came of it (``kg explain`` shows them)."""
    candidates = mentions.name_candidates(parsed)
    # institutions named with a common noun: one that holds a place of its own ("l'université
    # de Manchester") is a mention beside it; the others become names ("la place Tahrir",
    # "l'armée française", "la commission européenne")
    institution_names = institution_mentions(
        parsed, [(c.start, c.end, c.ner == "LOC" or is_country(c.text)) for c in candidates],
        frozenset((c.start, c.end) for c in candidates if c.ner == "ORG"),
        frozenset((c.start, c.end) for c in candidates if c.ner == "PER"))
    candidates, institution_names = _institutions_as_names(parsed, candidates,
                                                           institution_names)
    office_phrases = offices.find_offices(
        parsed, [(c.start, c.end, c.ner) for c in candidates]
        + [(n.start, n.end, "ORG") for n in institution_names])
    title_words = {span for office in office_phrases for span in office.title_names}
    # "ministre des Finances": "Finances" names nothing; "Premier ministre libanais", which
    # the NER takes for a person, is an office
    inside_office: dict[int, list[offices.Office]] = {}
    for office in office_phrases:
        for k in range(office.start, office.end):
            inside_office.setdefault(k, []).append(office)
    candidates = [c for c in candidates if (c.start, c.end) not in title_words
                  and not any(o.start <= c.start and c.end <= o.end
                              and (c.start, c.end) != o.jurisdiction_span
                              for o in inside_office.get(c.start, ()))]
    mentions.type_candidates(parsed, candidates)
    clusters = mentions.link_names(parsed, candidates)

    # first pass: typed names only, to resolve anaphora and run the patterns
    name_mentions, _ = mentions.build_mentions(parsed, candidates, clusters)
    typed_names = [m for m in name_mentions if m is not None]
    taken = {i for c in candidates for i in range(c.start, c.end)}
    anaphora = resolve_anaphora(parsed, typed_names, taken)

    # mention ids: candidates first, then anaphora
    spans: dict[int, tuple[int, int]] = {k: (c.start, c.end) for k, c in enumerate(candidates)}
    base = len(candidates)
    for n, (_, start, end) in enumerate(anaphora):
        spans[base + n] = (start, end)

    surfaces = _surfaces(parsed, spans)
    hits = _pattern_hits(surfaces)

    # the role a name plays in a relation is evidence of its type (more than the NER's
    # guess, less than an explicit cue); an untyped name takes the type its relation demands
    extra_votes = _votes_from_hits(hits, base)
    if extra_votes:
        for k, etype in extra_votes:
            # the NER is reliable on multi-word person names: a pattern does not overturn it
            if candidates[k].ner == "PER" and " " in candidates[k].text:
                continue
            candidates[k].votes[etype] += mentions.RELATION_WEIGHT
        name_mentions, _ = mentions.build_mentions(parsed, candidates, clusters)

    by_id: dict[int, Mention] = {k: m for k, m in enumerate(name_mentions) if m is not None}
    # a resolved pronoun or description has its referent's type, as re-typed above
    final_type = {m.name: m.entity_type for m in by_id.values() if m.antecedent is None}
    for n, (mention, _, _) in enumerate(anaphora):
        etype = final_type.get(mention.referent.name, mention.entity_type)
        by_id[base + n] = (mention if etype is mention.entity_type
                           else dataclasses.replace(mention, entity_type=etype))

    document = parsed.document
    facts: list[Fact] = []
    for hit in hits:
        subject, obj = by_id.get(hit.subject), by_id.get(hit.object)
        if subject is None or obj is None:
            continue
        relation = hit.relation
        allowed = hit.pattern.subject_types
        if allowed is not None and subject.entity_type not in allowed:
            continue
        allowed = hit.pattern.object_types
        if allowed is not None and obj.entity_type not in allowed:
            continue
        if hit.pattern.named_subject and subject.kind is MentionKind.PRONOUN:
            continue  # "sa nouvelle filiale, ..." is no apposition to a name
        if not hit.pattern.extractor.startswith("en-role") and any(
            m.kind is MentionKind.PRONOUN and m.text.lower() == "en" for m in (subject, obj)
        ):
            continue  # "en" stands for an organisation only before "est le <role>"
        if hit.wider_place and not is_country(obj.referent.name):
            continue  # "à Vitré (Ille-et-Vilaine)": the seat is the town, not its département
        if hit.pattern.person_relation and subject.entity_type is EntityType.PERSON:
            relation = hit.pattern.person_relation
        fact = make_fact(parsed, hit.pattern.extractor, relation, subject, obj, hit.sentence,
                     hit.pattern.confidence)
        if fact is not None:
            facts.append(fact)

    # surface frames: forms the parse does not give reliably ("X, aux États-Unis")
    id_types = {k: m.entity_type for k, m in by_id.items()}
    name_ids = {k for k, m in by_id.items() if m.kind is MentionKind.NAME}
    for surf in surfaces:
        if "@m" not in surf.text:
            continue
        for frame_hit in match_surface(surf.text, surf.sentence.index, id_types,
                                       trace.trials if trace is not None else None,
                                       surf.sentence.start, name_ids):
            if isinstance(frame_hit.frame.states, Relation):
                fact = make_fact(parsed, frame_hit.frame.extractor, frame_hit.frame.states,
                                 by_id[frame_hit.subject], by_id[int(frame_hit.object)],
                                 frame_hit.sentence, frame_hit.frame.confidence)
                if fact is not None:
                    facts.append(fact)

    described = descriptions.description_mentions(parsed)
    all_mentions = list(by_id.values()) + [m for m, _, _ in described]
    # named events ("la conférence Google I/O") get the same treatment as described ones
    # (and so do descriptions resolved to a named event: "lors du forum")
    named_events = [(by_id[k], *spans[k]) for k in sorted(by_id)
                    if by_id[k].entity_type is EntityType.EVENT]
    for extractor, relation, subject, obj, sentence, prior in descriptions.facts(
        parsed, described + named_events, by_id, spans, facts
    ):
        fact = make_fact(parsed, extractor, relation, subject, obj, sentence, prior)
        if fact is not None:
            facts.append(fact)

    names_in_order = sorted((m for m in by_id.values() if m.kind is MentionKind.NAME),
                            key=lambda m: m.start_char)
    for extractor, relation, subject, obj, sentence, prior in (
        *demonym_facts(parsed, surfaces, by_id), *name_country_facts(parsed, names_in_order)
    ):
        fact = make_fact(parsed, extractor, relation, subject, obj, sentence, prior)
        if fact is not None:
            facts.append(fact)
            all_mentions.append(obj)

    attributes = attribute_facts(parsed, described, surfaces, by_id)

    # the parse reader: offices, institutions, events and dates, then frames and open
    # relations
    names_at = {spans[k]: m for k, m in by_id.items() if k < base}
    reading = read_clauses(
        parsed, spans=spans, mentions=by_id, names_at=names_at, described=described,
        office_phrases=office_phrases, institutions=institution_names,
        candidate_spans=[(c.start, c.end) for c in candidates], typed_facts=facts,
        headed_names={k for k, c in enumerate(candidates) if c.institution}, trace=trace,
    )
    facts += reading.facts
    attributes += reading.attributes
    facts = _offices_over_company_roles(facts)
    known = {(m.start_char, m.end_char, m.name) for m in all_mentions}
    for mention in reading.mentions:
        if (mention.start_char, mention.end_char, mention.name) not in known:
            known.add((mention.start_char, mention.end_char, mention.name))
            all_mentions.append(mention)
    return DocumentExtraction(
        document=document,
        mentions=tuple(sorted(all_mentions, key=lambda m: (m.start_char, m.end_char))),
        facts=tuple(_dedupe(facts)),
        attributes=tuple(attributes),
        sentence_spans=tuple((s.start_char, s.end_char) for s in parsed.sentences),
    )


def _institutions_as_names(
    parsed: ParsedDocument, candidates: list[mentions.Candidate],
    institutions: list[Institution],
) -> tuple[list[mentions.Candidate], list[Institution]]:
    """Institutions without a place inside become name candidates, typed by their noun,
    replacing the name they absorb; the others stay beside the names."""
    absorbed = {i.absorbed for i in institutions if i.absorbed is not None}
    kept = [c for c in candidates if (c.start, c.end) not in absorbed]
    nested: list[Institution] = []
    for institution in institutions:
        if institution.inner is not None:
            nested.append(institution)
            continue
        candidate = mentions.institution_candidate(parsed, institution.start, institution.end,
                                                   institution.mention.entity_type,
                                                   institution.mention.name)
        if candidate is not None:
            kept.append(candidate)
    kept.sort(key=lambda c: (c.start, -c.end))
    return kept, nested


def _surfaces(
    parsed: ParsedDocument, spans: dict[int, tuple[int, int]]
) -> list[SurfaceSentence]:
    by_sentence: dict[int, dict[int, tuple[int, int]]] = {}
    for ident, (start, _end) in spans.items():
        by_sentence.setdefault(parsed.tokens[start].sent, {})[ident] = spans[ident]
    return [surface(parsed, s, by_sentence.get(s.index, {})) for s in parsed.sentences]


def _pattern_hits(surfaces: list[SurfaceSentence]) -> list[Hit]:
    hits: list[Hit] = []
    for surf in surfaces:
        text = surf.text
        if "@m" not in text:
            continue
        passed: dict[int, bool] = {}
        for pattern in PATTERNS:
            if pattern.requires is not None:
                key = id(pattern.requires)
                if key not in passed:
                    passed[key] = pattern.requires.search(text) is not None
                if not passed[key]:
                    continue
            for match in pattern.regex.finditer(text):
                if pattern.extractor.startswith("role-before-name") and (
                        NOT_THE_NAMES_ROLE.search(text[:match.start()])):
                    continue
                if pattern.relation in {Relation.RELEASED, Relation.DEVELOPS} and (
                        _NOT_A_PRODUCT.search(match.group(0))):
                    continue  # "a lancé une offensive sur X": an action, not a product
                seat = pattern.relation is Relation.HEADQUARTERED_IN
                s_ids = _with_conjuncts(text, match, "s")
                # after a seat, a second name is the larger place, not the one modified
                o_ids = _with_conjuncts(text, match, "o", modifier=not seat)
                if text[: match.start("o") - 2].endswith(": "):
                    o_ids += _enumerated(text[match.end("o"):])
                wider = _wider_places(text, match.end("o")) if seat else []
                for s in s_ids:
                    for o in o_ids:
                        if s != o:
                            hits.append(Hit(pattern, pattern.relation, s, o,
                                            surf.sentence.index))
                    hits += [Hit(pattern, pattern.relation, s, o, surf.sentence.index, True)
                             for o in wider if o != s]
    return hits


_NEXT_NAME = re.compile(r"^ @m(\d+)")
#: what one launches or announces that is not a product
_NOT_A_PRODUCT = re.compile(
    r" (?:une?|l'|les|la|le|des|d') (?:nouvelle |vaste |grande |violente )?"
    r"(?:offensive|attaque|opération|campagne|appel|enquête|ultimatum|avertissement|"
    r"mandat|assaut|raid|frappe|frappes|bombardement|procédure|plainte|grève|"
    r"mobilisation|manifestation|alerte|mission|négociations?|pourparlers|initiative)s? ")
#: after a place: the larger place it lies in ("à Lyon, en France", "à Austin (Texas)",
#: "à Delft, dans l'ouest des Pays-Bas", "de Montgomery Alabama")
_WIDER_PLACE = re.compile(
    r"^(?: ,)? (?:\( |(?:en|au|aux|dans) (?:(?:l' |le |la )?(?:nord|sud|est|ouest|centre|"
    r"nord-est|nord-ouest|sud-est|sud-ouest) (?:de la |de l' |du |des |de |d' ))?)?"
    r"@m(\d+)(?: \))?"
)


def _wider_places(text: str, end: int) -> list[int]:
    """The mentions after a place that may name the larger places it lies in ("à Delft, aux
    Pays-Bas", "à Austin (Texas)")."""
    found = []
    rest = text[end:]
    while (wider := _WIDER_PLACE.match(rest)) is not None:
        found.append(int(wider.group(1)))
        rest = rest[wider.end():]
    return found


#: the next item of an enumeration after a colon: a name alone between commas, or after
#: "et" ("X, qui a quitté le CNRS, Y, son directeur technique, et Z")
_ENUMERATED = re.compile(r"(?:^| , (?:et )?| et )@m(\d+)(?= , | et | \.| ;|$)")


def _enumerated(rest: str) -> list[int]:
    """The other names of an enumeration introduced by a colon, up to the sentence's end;
    names inside the items' relative clauses or before a role noun are not items."""
    return [int(m.group(1)) for m in _ENUMERATED.finditer(rest.split(" ; ")[0])]


def _with_conjuncts(text: str, match: re.Match[str], group: str, *,
                    modifier: bool = True) -> list[int]:
    """The mention in ``group`` and those coordinated with it ("X, Y ou Z"). With
    ``modifier``, a name that ends the match and is directly followed by another ("le groupe
    de @BTP @Sorelis") was a modifier of that other name, which is the one meant."""
    ident = int(match.group(group))
    rest = text[match.end(group):]
    if modifier and match.end(group) == match.end():
        while (following := _NEXT_NAME.match(rest)) is not None:
            ident = int(following.group(1))
            rest = rest[following.end():]
    ids = [ident]
    while (more := _CONJUNCT_AFTER.match(rest)) is not None:
        ids.append(int(more.group(1) or more.group(2)))
        rest = rest[more.end():]
    own_apposition = text[match.end(group):].startswith((" ,", " ("))
    if match.start(group) - 2 == match.start() and not own_apposition:
        # the slot opens the match: "A et B ont fondé", "A, B et C a ..."
        # the link next to the slot must be "et"/"ou": in "Basé à X, Y est dirigé", X is no
        # second subject
        head = text[: match.start()].rstrip()
        first = True
        while (more := _CONJUNCT_BEFORE.search(head)) is not None:
            if first and more.group(0).split()[1] == ",":
                break
            first = False
            ids.append(int(more.group(1)))
            head = head[: more.start()].rstrip()
    return ids


#: slots only a business fills: what is bought or sold, whose chief executive or products
#: these are, who launches products. An organisation named there is a company.
_COMPANY_SLOTS = {(Relation.ACQUIRED, "o"), (Relation.RELEASED, "s"), (Relation.PRODUCT_OF, "o"),
                  (Relation.CEO_OF, "o"), (Relation.SUBSIDIARY_OF, "s"),
                  (Relation.SUBSIDIARY_OF, "o")}


def _votes_from_hits(hits: list[Hit], base: int) -> list[tuple[int, EntityType]]:
    votes = []
    for hit in hits:
        for ident, slot, default in ((hit.subject, "s", DEFAULT_SUBJECT.get(hit.relation)),
                                     (hit.object, "o", DEFAULT_OBJECT.get(hit.relation))):
            if ident >= base:
                continue
            if slot == "s" and hit.pattern.subject_vote is not None:
                votes.append((ident, hit.pattern.subject_vote))
            elif (hit.relation, slot) in _COMPANY_SLOTS:
                votes.append((ident, EntityType.COMPANY))
            elif default is not None:
                votes.append((ident, default))
    return votes


_COMPANY_ROLES = {Relation.CEO_OF, Relation.CHAIR_OF, Relation.LEADS}
#: who heads one of these holds an office (a Position), not a company's role
_PUBLIC_BODIES = {EntityType.GOVERNMENT_ORGANIZATION, EntityType.COURT, EntityType.COUNTRY,
                  EntityType.PLACE, EntityType.ARMED_FORCE}


def _offices_over_company_roles(facts: list[Fact]) -> list[Fact]:
    """A head of a public body holds an office: "le chef de l'Autorité palestinienne X" is
    X's position held, not a company role; nor is a role whose office the reader found in
    the same sentence."""
    offices = {(f.subject.referent.name, f.evidence.sentence_start) for f in facts
               if f.relation is Relation.POSITION_HELD}
    return [f for f in facts if not (
        f.relation in _COMPANY_ROLES
        and (f.object.referent.entity_type in _PUBLIC_BODIES
             or (f.subject.referent.name, f.evidence.sentence_start) in offices))]


#: relation -> the more general one it implies (one sentence states the specific one only)
GENERAL_RELATION = {Relation.CEO_OF: Relation.LEADS, Relation.CHAIR_OF: Relation.LEADS,
                    Relation.LEADS: Relation.WORKS_FOR, Relation.RELEASED: Relation.DEVELOPS,
                    Relation.HEADQUARTERED_IN: Relation.LOCATED_IN,
                    Relation.COUNTRY: Relation.LOCATED_IN}


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per (subject, relation, object, sentence): the most confident reading."""
    best: dict[tuple[str, Relation, str, int], Fact] = {}
    for fact in facts:
        key = (fact.subject.referent.name, fact.relation, fact.object.referent.name,
               fact.evidence.sentence_start)
        current = best.get(key)
        if current is None or fact.evidence.confidence > current.evidence.confidence:
            best[key] = fact
    # a more specific relation read from the same sentence replaces the general one
    general = GENERAL_RELATION
    for key in list(best):
        subject, relation, obj, start = key
        if relation is Relation.WORKS_FOR:  # "X a rejoint Y": an employee, not a member
            best.pop((subject, Relation.MEMBER_OF, obj, start), None)
        parent = general.get(relation)
        while parent is not None:
            best.pop((subject, parent, obj, start), None)
            parent = general.get(parent)
    return sorted(best.values(), key=lambda f: (f.evidence.sentence_start,
                                               f.subject.start_char, f.relation,
                                               f.object.start_char))
