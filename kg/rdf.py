"""RDF stage: :class:`KnowledgeGraph` -> rdflib ``Graph`` following ``docs/rdf-model.md``.

Every fact is written twice: the plain triple, and an ``rdf:Statement`` per piece of evidence
carrying the article (``prov:wasDerivedFrom``), the sentence and its offsets, the mentions,
the extractor (``prov:wasAttributedTo``) and a confidence. No blank nodes: every node has a
deterministic IRI, so the same input always gives the same graph.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.iri import digest
from kg.model import (
    Document,
    Entity,
    Evidence,
    KnowledgeGraph,
    Mention,
    Relation,
    ResolvedAttribute,
    ResolvedFact,
)
from kg.resolve import entity_key
from kg.vocab import KGD, KGE, KGM, KGO, KGS, KGX, PREFIXES


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for prefix, vocabulary in (("rdf", RDF), ("rdfs", RDFS), ("owl", OWL), ("skos", SKOS),
                               ("prov", PROV), ("xsd", XSD), ("dcterms", DCTERMS)):
        graph.bind(prefix, str(vocabulary), override=True)
    return graph


def entity_iri(key: str) -> URIRef:
    return KGE[key]


def document_iri(doc_id: str) -> URIRef:
    return KGD[doc_id]


def mention_iri(mention: Mention) -> URIRef:
    return KGM[f"{mention.doc_id}-{mention.start_char}-{mention.end_char}"]


def extractor_iri(extractor: str) -> URIRef:
    return KGX[extractor]


def _decimal(value: float) -> Literal:
    return Literal(Decimal(f"{value:.3f}").normalize(), datatype=XSD.decimal)


def _date(value: str, datatype: str) -> Literal:
    if datatype == "string":
        return Literal(value)
    return Literal(value, datatype=XSD[datatype])


def to_rdf(
    knowledge: KnowledgeGraph,
    *,
    min_confidence: float = 0.0,
    extractors: dict[str, str] | None = None,
    open_relations: bool = True,
) -> Graph:
    """Write ``knowledge`` as RDF. Facts under ``min_confidence`` are left out (and open
    relations, ``kgo:relatedTo``, without ``open_relations``), and so are entities that are
    then left with neither a fact nor a name."""
    graph = new_graph()
    writer = RdfWriter(knowledge, min_confidence=min_confidence,
                       open_relations=open_relations)
    for document in knowledge.documents:
        writer.document(graph, document)
    writer.facts(graph, knowledge.facts, knowledge.attributes)
    writer.entities(graph)
    writer.extractors(graph, extractors or {})
    return graph


class RdfWriter:
    """Writes a resolved graph piece by piece, into whichever rdflib graph it is given: all
    at once (:func:`to_rdf`), or an archive's articles one batch at a time (the entity
    nodes last, once every fact that uses them is known)."""

    def __init__(self, knowledge: KnowledgeGraph, *, min_confidence: float = 0.0,
                 open_relations: bool = True) -> None:
        self.knowledge = knowledge
        self.min_confidence = min_confidence
        self.open_relations = open_relations
        #: entities some written fact uses, and extractors of written facts
        self.used: set[str] = set()
        self.used_extractors: set[str] = set()

    def key_of(self, mention: Mention) -> str:
        key = entity_key(mention)
        return self.knowledge.merged.get(key, key)

    def document(self, graph: Graph, document: Document) -> None:
        node = document_iri(document.doc_id)
        graph.add((node, RDF.type, KGO.NewsArticle))
        graph.add((node, RDF.type, PROV.Entity))
        if document.title:
            graph.add((node, DCTERMS.title, Literal(document.title)))
        graph.add((node, DCTERMS.language, Literal(document.language)))
        graph.add((node, KGO.sourceFile, Literal(document.source)))
        for other in self.knowledge.also_read_as.get(document.doc_id, ()):
            graph.add((node, KGO.sourceFile, Literal(other)))
        if document.date:
            graph.add((node, DCTERMS.date, Literal(document.date, datatype=XSD.date)))

    def facts(self, graph: Graph, facts: Iterable[ResolvedFact],
              attributes: Iterable[ResolvedAttribute]) -> None:
        key_of = self.key_of
        for fact in facts:
            if fact.evidence.confidence < self.min_confidence or (
                    not self.open_relations and fact.relation is Relation.RELATED_TO):
                continue
            self.used.update((fact.subject, fact.object))
            s, p, o = entity_iri(fact.subject), KGO[fact.relation.value], entity_iri(fact.object)
            graph.add((s, p, o))
            statement = KGS[digest(str(s), str(p), str(o), fact.evidence.doc_id,
                                   str(fact.evidence.sentence_start), fact.evidence.extractor)]
            _statement(graph, statement, s, p, o, fact.evidence)
            graph.add((statement, KGO.subjectMention,
                       _mention(graph, fact.subject_mention, key_of)))
            graph.add((statement, KGO.objectMention,
                       _mention(graph, fact.object_mention, key_of)))
            self.used_extractors.add(fact.evidence.extractor)
        for attribute in attributes:
            if attribute.evidence.confidence < self.min_confidence:
                continue
            self.used.add(attribute.subject)
            s, p = entity_iri(attribute.subject), KGO[attribute.attribute.value]
            value = _date(attribute.value, attribute.datatype)
            graph.add((s, p, value))
            statement = KGS[digest(str(s), str(p), attribute.value, attribute.evidence.doc_id,
                                   str(attribute.evidence.sentence_start),
                                   attribute.evidence.extractor)]
            _statement(graph, statement, s, p, value, attribute.evidence)
            graph.add((statement, KGO.subjectMention,
                       _mention(graph, attribute.subject_mention, key_of)))
            self.used_extractors.add(attribute.evidence.extractor)

    def entity(self, graph: Graph, entity: Entity, documents: Collection[str] | None = None
               ) -> bool:
        """The entity's node, if a written fact uses it or an article names it; with
        ``documents``, only those articles' ``kgo:mentions`` of it (a batch's check needs its
        own articles', not the thousands of an archive's hub entity)."""
        if entity.key not in self.used and not entity.named:
            return False
        node = entity_iri(entity.key)
        graph.add((node, RDF.type, KGO[entity.entity_type.value]))
        graph.add((node, RDFS.label, Literal(entity.label)))
        for alias in sorted(entity.aliases):
            graph.add((node, SKOS.altLabel, Literal(alias)))
        for doc_id in sorted(entity.documents):
            if documents is None or doc_id in documents:
                graph.add((document_iri(doc_id), KGO.mentions, node))
        return True

    def entities(self, graph: Graph) -> None:
        for entity in self.knowledge.entities.values():
            self.entity(graph, entity)

    def extractors(self, graph: Graph, descriptions: dict[str, str]) -> None:
        for extractor in sorted(self.used_extractors):
            node = extractor_iri(extractor)
            graph.add((node, RDF.type, KGO.Extractor))
            graph.add((node, RDF.type, PROV.SoftwareAgent))
            graph.add((node, RDFS.label, Literal(extractor)))
            if extractor in descriptions:
                graph.add((node, RDFS.comment, Literal(descriptions[extractor])))
            elif extractor.startswith("llm:"):
                from kg.extract.llm import describe_extractor

                described = describe_extractor(extractor)
                if described is not None:
                    graph.add((node, RDFS.comment, Literal(described)))


def _statement(graph: Graph, node: URIRef, s: URIRef, p: URIRef, o: URIRef | Literal,
               evidence: Evidence) -> None:
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, RDF.subject, s))
    graph.add((node, RDF.predicate, p))
    graph.add((node, RDF.object, o))
    graph.add((node, PROV.wasDerivedFrom, document_iri(evidence.doc_id)))
    graph.add((node, PROV.wasAttributedTo, extractor_iri(evidence.extractor)))
    graph.add((node, KGO.confidence, _decimal(evidence.confidence)))
    graph.add((node, KGO.evidenceText, Literal(evidence.sentence_text)))
    graph.add((node, KGO.startOffset, Literal(evidence.sentence_start)))
    graph.add((node, KGO.endOffset, Literal(evidence.sentence_end)))
    if evidence.date:
        graph.add((node, KGO.assertedOn, Literal(evidence.date, datatype=XSD.date)))
    if evidence.relation_text:
        graph.add((node, KGO.relationText, Literal(evidence.relation_text)))


def _mention(graph: Graph, mention: Mention, key_of: Callable[[Mention], str]) -> URIRef:
    node = mention_iri(mention)
    if (node, RDF.type, KGO.Mention) in graph:
        return node
    graph.add((node, RDF.type, KGO.Mention))
    graph.add((node, KGO.mentionText, Literal(mention.text)))
    graph.add((node, KGO.startOffset, Literal(mention.start_char)))
    graph.add((node, KGO.endOffset, Literal(mention.end_char)))
    graph.add((node, KGO.denotes, entity_iri(key_of(mention))))
    if mention.resolution:
        graph.add((node, KGO.resolution, Literal(mention.resolution)))
    if mention.antecedent is not None:
        graph.add((node, KGO.antecedent, _mention(graph, mention.antecedent, key_of)))
    return node
