"""Resolve stage: mentions from many documents -> one :class:`Entity` per real-world thing.

Inside a document the extract stage already linked mentions (a surname to its full name, "le
groupe" to the organisation in focus): each mention's ``referent`` is the name that stands for
its entity. Across documents, named entities with the same slug are one entity (Apple in two
articles is one node). Descriptions ("l'appel aux résultats du premier semestre") are
only ever the same within one article, so their keys carry the article's id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kg.iri import slug
from kg.model import (
    EVENT_TYPES,
    WORK_TYPES,
    DocumentExtraction,
    Entity,
    EntityType,
    KnowledgeGraph,
    Mention,
    MentionKind,
    ResolvedAttribute,
    ResolvedFact,
)
from kg.signatures import ATTRIBUTE_DOMAINS, fits


def entity_key(mention: Mention) -> str:
    referent = mention.referent
    if referent.kind is MentionKind.NAME:
        return slug(referent.name)
    return f"{slug(referent.name)}-{referent.doc_id[:6]}"


_DETERMINERS = ("le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ", "ce ", "cet ", "cette ",
                "ces ")


def _without_determiner(words: str) -> str:
    lowered = words.lower()
    for determiner in _DETERMINERS:
        if lowered.startswith(determiner) and len(words) > len(determiner):
            return words[len(determiner):].lstrip()
    return words


class Resolver:
    """Accumulates documents one at a time (streaming) and yields the resolved graph.

    With ``keep_facts=False`` only the entity table is kept (labels, type votes, aliases,
    the articles that mention each entity): an archive's facts stay on disk, and after
    :meth:`finish` each article's facts are resolved on their own with :meth:`resolve`.
    """

    def __init__(self, keep_facts: bool = True) -> None:
        self.graph = KnowledgeGraph()
        self.keep_facts = keep_facts
        self._type_votes: dict[str, Counter[EntityType]] = {}
        self._seen: set[tuple[str, int, int]] = set()
        self._documents: set[str] = set()
        self._last_document = ""

    def add(self, extraction: DocumentExtraction) -> None:
        """Add one document's extraction (or one section's: a long article comes in
        several, see :func:`kg.nlp.sections`)."""
        graph = self.graph
        doc_id = extraction.document.doc_id
        if doc_id != self._last_document:
            self._seen.clear()  # (a mention is seen twice only within its own article)
            self._last_document = doc_id
        if doc_id not in self._documents:
            self._documents.add(doc_id)
            graph.documents.append(extraction.document)
        for mention in extraction.mentions:
            self._entity(mention)
        for fact in extraction.facts:
            subject = self._entity(fact.subject)
            obj = self._entity(fact.object)
            if self.keep_facts:
                graph.facts.append(ResolvedFact(subject.key, fact.relation, obj.key,
                                                fact.evidence, fact.subject, fact.object))
        for attribute in extraction.attributes:
            subject = self._entity(attribute.subject)
            if self.keep_facts:
                graph.attributes.append(ResolvedAttribute(
                    subject.key, attribute.attribute, attribute.value, attribute.datatype,
                    attribute.evidence, attribute.subject))

    def key(self, mention: Mention) -> str:
        """The key of the entity ``mention`` stands for, after :meth:`finish`."""
        key = entity_key(mention)
        return self.graph.merged.get(key, key)

    def resolve(self, extraction: DocumentExtraction
                ) -> tuple[list[ResolvedFact], list[ResolvedAttribute]]:
        """One article's facts and attributes against the finished entity table: keys
        merged, and only what fits the entities' final types (as :meth:`result` does)."""
        entities = self.graph.entities
        facts = []
        for fact in extraction.facts:
            subject, obj = self.key(fact.subject), self.key(fact.object)
            if fits(fact.relation, entities[subject].entity_type, entities[obj].entity_type):
                facts.append(ResolvedFact(subject, fact.relation, obj, fact.evidence,
                                          fact.subject, fact.object))
        attributes = []
        for attribute in extraction.attributes:
            subject = self.key(attribute.subject)
            if entities[subject].entity_type in ATTRIBUTE_DOMAINS[attribute.attribute]:
                attributes.append(ResolvedAttribute(
                    subject, attribute.attribute, attribute.value, attribute.datatype,
                    attribute.evidence, attribute.subject))
        return facts, attributes

    def _entity(self, mention: Mention) -> Entity:
        key = entity_key(mention)
        entity = self.graph.entities.get(key)
        referent = mention.referent
        if entity is None:
            entity = Entity(key=key, label=referent.name, entity_type=referent.entity_type)
            self.graph.entities[key] = entity
            self._type_votes[key] = Counter()
        where = (mention.doc_id, mention.start_char, mention.end_char)
        if where not in self._seen:
            self._seen.add(where)
            if self.keep_facts:
                entity.mentions.append(mention)
            entity.documents.add(mention.doc_id)
            if mention.kind is MentionKind.NAME:
                entity.named = True
                self._type_votes[key][mention.entity_type] += 1
                if mention.name != entity.label:
                    entity.aliases.add(mention.name)
            if mention.entity_type is EntityType.POSITION or (
                    mention.kind is MentionKind.NOMINAL
                    and mention.entity_type in EVENT_TYPES | WORK_TYPES):
                # the office or the event as the text words it: "président égyptien", "la
                # sénatrice", "le crash" (for an event described more than once)
                words = _without_determiner(" ".join(mention.text.split()))
                if words.casefold() != entity.label.casefold():
                    entity.aliases.add(words)
        return entity

    def finish(self) -> None:
        """Decide each entity's type (the most frequent across documents) and merge lone
        surnames into full names."""
        graph = self.graph
        for key, entity in graph.entities.items():
            votes = self._type_votes[key]
            if votes:
                entity.entity_type = max(votes, key=lambda t: (votes[t], t.value))
            entity.aliases.discard(entity.label)
        self._merge_surnames()

    def result(self) -> KnowledgeGraph:
        """The graph so far, with one type per entity (the most frequent across documents)
        and the facts whose arguments still fit that type."""
        self.finish()
        graph = self.graph
        graph.facts = [
            f for f in graph.facts
            if fits(f.relation, graph.entities[f.subject].entity_type,
                    graph.entities[f.object].entity_type)
        ]
        # (an entity typed otherwise by most articles loses the dates that do not fit it)
        graph.attributes = [
            a for a in graph.attributes
            if graph.entities[a.subject].entity_type in ATTRIBUTE_DOMAINS[a.attribute]
        ]
        return graph


    def _merge_surnames(self) -> None:
        """A person named by surname alone in one article ("Cook") is the person whose
        full name another article gives ("Tim Cook"), when exactly one such person
        exists in the corpus."""
        graph = self.graph
        people = [e for e in graph.entities.values() if e.entity_type is EntityType.PERSON]
        by_last: dict[str, list[Entity]] = {}
        for person in people:
            words = person.key.split("-")
            if len(words) >= 2:
                by_last.setdefault(words[-1], []).append(person)
        renamed: dict[str, str] = {}
        for person in people:
            if "-" in person.key:
                continue
            targets = by_last.get(person.key, [])
            if len(targets) != 1:
                continue
            target = targets[0]
            target.aliases.add(person.label)
            target.aliases.update(person.aliases)
            target.mentions.extend(person.mentions)
            target.documents.update(person.documents)
            target.named = target.named or person.named
            self._type_votes[target.key].update(self._type_votes.pop(person.key))
            renamed[person.key] = target.key
            del graph.entities[person.key]
        if renamed:
            graph.facts = [
                ResolvedFact(renamed.get(f.subject, f.subject), f.relation,
                             renamed.get(f.object, f.object), f.evidence, f.subject_mention,
                             f.object_mention)
                for f in graph.facts
            ]
            graph.attributes = [
                ResolvedAttribute(renamed.get(a.subject, a.subject), a.attribute, a.value,
                                  a.datatype, a.evidence, a.subject_mention)
                for a in graph.attributes
            ]
        graph.merged.update(renamed)


def resolve(extractions: Iterable[DocumentExtraction]) -> KnowledgeGraph:
    resolver = Resolver()
    for extraction in extractions:
        resolver.add(extraction)
    return resolver.result()
