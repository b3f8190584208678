"""Resolve and RDF stages on hand-built extractions (no model)."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.extract import EXTRACTORS
from kg.model import EntityType, MentionKind, Relation
from kg.rdf import to_rdf
from kg.resolve import resolve
from kg.vocab import KGD, KGE, KGO
from tests.factories import document, fact, mention, sample_extraction


def test_mentions_of_one_entity_become_one_node():
    graph = resolve([sample_extraction()])
    assert set(graph.entities) == {"tim-cook", "apple"}
    assert graph.entities["tim-cook"].entity_type is EntityType.PERSON
    # the pronoun is a mention of Tim Cook, not a name of his
    assert graph.entities["tim-cook"].aliases == set()


def test_same_name_in_two_documents_is_one_entity():
    first = sample_extraction(document(doc_id="a" * 16))
    second = sample_extraction(document(doc_id="b" * 16, source="b.txt"))
    graph = resolve([first, second])
    assert graph.entities["apple"].documents == {"a" * 16, "b" * 16}
    assert len(graph.facts) == 4


def test_descriptions_are_scoped_to_their_article():
    docs = [document("Lors de la conférence de presse de Renault.", doc_id=d * 16)
            for d in "ab"]
    extractions = []
    for doc in docs:
        event = mention(doc, "conférence de presse de Renault", EntityType.EVENT,
                        kind=MentionKind.NOMINAL)
        renault = mention(doc, "Renault", EntityType.COMPANY)
        extractions.append(type(sample_extraction())(
            doc, (event, renault), (fact(doc, event, Relation.ORGANIZED_BY, renault),)))
    graph = resolve(extractions)
    events = [e for e in graph.entities.values() if e.entity_type is EntityType.EVENT]
    assert len(events) == 2


def test_fact_written_as_triple_and_as_statement_with_evidence():
    knowledge = resolve([sample_extraction()])
    graph = to_rdf(knowledge, extractors=EXTRACTORS)
    tim, apple = KGE["tim-cook"], KGE["apple"]
    assert (tim, KGO.ceoOf, apple) in graph
    assert (tim, RDF.type, KGO.Person) in graph
    assert (tim, RDFS.label, Literal("Tim Cook")) in graph
    statements = list(graph.subjects(RDF.predicate, KGO.ceoOf))
    assert len(statements) == 1
    st = statements[0]
    assert (st, RDF.type, RDF.Statement) in graph
    assert (st, RDF.subject, tim) in graph and (st, RDF.object, apple) in graph
    assert graph.value(st, PROV.wasDerivedFrom) == KGD["d0c0000000000001"]
    assert str(graph.value(st, KGO.evidenceText)) == "Tim Cook, le PDG d'Apple, a parlé."
    assert graph.value(st, KGO.startOffset).toPython() == 0
    assert 0 < float(graph.value(st, KGO.confidence)) <= 1
    assert (graph.value(st, PROV.wasAttributedTo), RDF.type, KGO.Extractor) in graph
    mention_node = graph.value(st, KGO.subjectMention)
    assert str(graph.value(mention_node, KGO.mentionText)) == "Tim Cook"
    assert graph.value(mention_node, KGO.denotes) == tim


def test_resolved_pronoun_is_recorded_in_the_evidence():
    graph = to_rdf(resolve([sample_extraction()]))
    st = next(iter(graph.subjects(RDF.predicate, KGO.leads)))
    mention_node = graph.value(st, KGO.subjectMention)
    assert str(graph.value(mention_node, KGO.mentionText)) == "Il"
    assert str(graph.value(mention_node, KGO.resolution)) == "pronoun"
    antecedent = graph.value(mention_node, KGO.antecedent)
    assert str(graph.value(antecedent, KGO.mentionText)) == "Tim Cook"


def test_min_confidence_filters_facts():
    graph = to_rdf(resolve([sample_extraction()]), min_confidence=0.5)
    assert (KGE["tim-cook"], KGO.ceoOf, KGE["apple"]) in graph
    assert (KGE["tim-cook"], KGO.leads, KGE["apple"]) not in graph


def test_article_node_records_source_and_mentions():
    graph = to_rdf(resolve([sample_extraction()]))
    doc = KGD["d0c0000000000001"]
    assert (doc, RDF.type, KGO.NewsArticle) in graph
    assert str(graph.value(doc, KGO.sourceFile)) == "a.txt"
    assert set(graph.objects(doc, KGO.mentions)) == {KGE["tim-cook"], KGE["apple"]}


def test_same_input_gives_the_same_bytes():
    from kg.export import turtle_bytes

    first = turtle_bytes(to_rdf(resolve([sample_extraction()])))
    second = turtle_bytes(to_rdf(resolve([sample_extraction()])))
    assert first == second


def test_aliases_are_alt_labels():
    doc = document("Mark Zuckerberg parle. Zuckerberg sourit.")
    full = mention(doc, "Mark Zuckerberg", EntityType.PERSON)
    short = mention(doc, "Zuckerberg", EntityType.PERSON, occurrence=1, antecedent=full,
                    resolution="surname")
    extraction = type(sample_extraction())(doc, (full, short), ())
    graph = to_rdf(resolve([extraction]))
    assert (KGE["mark-zuckerberg"], SKOS.altLabel, Literal("Zuckerberg")) in graph


def test_surname_alone_in_another_article_joins_the_full_name():
    first = document("Mark Zuckerberg parle.", doc_id="a" * 16)
    second = document("Zuckerberg dirige Meta.", doc_id="b" * 16)
    full = mention(first, "Mark Zuckerberg", EntityType.PERSON)
    short = mention(second, "Zuckerberg", EntityType.PERSON)
    meta = mention(second, "Meta", EntityType.COMPANY)
    extraction = type(sample_extraction())
    knowledge = resolve([
        extraction(first, (full,), ()),
        extraction(second, (short, meta), (fact(second, short, Relation.LEADS, meta),)),
    ])
    assert "zuckerberg" not in knowledge.entities
    assert knowledge.facts[0].subject == "mark-zuckerberg"
    graph = to_rdf(knowledge)
    assert (KGE["mark-zuckerberg"], KGO.leads, KGE["meta"]) in graph
    denoted = set(graph.objects(None, KGO.denotes))
    assert KGE["zuckerberg"] not in denoted
    assert (KGE["mark-zuckerberg"], SKOS.altLabel, Literal("Zuckerberg")) in graph


def test_a_date_that_no_longer_fits_the_entitys_type_is_dropped() -> None:
    """Two articles call Cardiolia a person, one a company founded in 2004: the entity is a
    person, and 'founded in 2004' leaves with the company reading (it broke SHACL)."""
    from kg.model import Attribute, AttributeFact, DocumentExtraction, EntityType, Evidence
    from kg.resolve import resolve
    from tests.factories import document, mention

    extractions = []
    for n, etype in enumerate((EntityType.PERSON, EntityType.PERSON, EntityType.COMPANY)):
        doc = document("Cardiolia a parlé en 2004.", doc_id=f"d0c000000000000{n}",
                       source=f"{n}.txt")
        who = mention(doc, "Cardiolia", etype)
        attributes = ()
        if etype is EntityType.COMPANY:
            evidence = Evidence(doc.doc_id, doc.source, doc.text, 0, len(doc.text), "x", 0.9)
            attributes = (AttributeFact(who, Attribute.FOUNDING_DATE, "2004", "gYear",
                                        evidence),)
        extractions.append(DocumentExtraction(doc, (who,), (), attributes))
    knowledge = resolve(extractions)
    assert knowledge.entities["cardiolia"].entity_type is EntityType.PERSON
    assert knowledge.attributes == []


def test_an_entity_node_for_a_batch_carries_only_that_batchs_mentions():
    """An archive's hub entity is mentioned by thousands of articles: a batch's check gets its
    node with the batch's own kgo:mentions only, the store gets them all."""
    from rdflib import Graph

    from kg.model import Entity, KnowledgeGraph
    from kg.rdf import RdfWriter

    hub = Entity(key="paris", label="Paris", entity_type=EntityType.PLACE, named=True,
                 documents={f"doc{n}" for n in range(50)})
    writer = RdfWriter(KnowledgeGraph(entities={"paris": hub}))
    whole, batch = Graph(), Graph()
    writer.entity(whole, hub)
    writer.entity(batch, hub, {"doc3", "doc7", "elsewhere"})
    assert len(list(whole.subjects(KGO.mentions, KGE.paris))) == 50
    assert set(batch.subjects(KGO.mentions, KGE.paris)) == {KGD.doc3, KGD.doc7}
    assert (KGE.paris, RDFS.label, Literal("Paris")) in batch
