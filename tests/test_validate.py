"""kg.validate: well-formed graphs conform, each kind of mistake is reported as such."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import rdflib.namespace
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, Namespace

from kg.errors import OntologyError
from kg.validate import (
    ValidationReport,
    Violation,
    _parse_turtle,
    _violations,
    load_ontology,
    load_shapes,
    validate,
)
from kg.vocab import KGD, KGE, KGM, KGO, KGS, KGX

# a plain Namespace: pytest probes module globals, and rdflib's XSD warns on unknown names
XSD = Namespace(str(rdflib.namespace.XSD))
DOC = "0123456789abcdef"
SENTENCE = "Lors d’un récent appel, le PDG de Meta, Mark Zuckerberg, s’est ouvert sur Llama."


class Builder:
    """Writes graphs the way docs/rdf-model.md describes them."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.offset = 1000  # where the next generated mention starts
        for prefix, namespace in (("kgo", KGO), ("kge", KGE), ("kgd", KGD), ("kgs", KGS)):
            self.graph.bind(prefix, str(namespace))

    def article(self, doc: str = DOC, title: str | None = "Meta vante Llama") -> URIRef:
        node = KGD[doc]
        g = self.graph
        g.add((node, RDF.type, KGO.NewsArticle))
        if title is not None:
            g.add((node, DCTERMS.title, Literal(title)))
        g.add((node, DCTERMS.language, Literal("fr")))
        g.add((node, KGO.sourceFile, Literal(f"{doc}.fr.txt")))
        g.add((node, DCTERMS.date, Literal("2024-11-01", datatype=XSD.date)))
        return node

    def extractor(self, name: str = "apposition-role") -> URIRef:
        node = KGX[name]
        self.graph.add((node, RDF.type, KGO.Extractor))
        self.graph.add((node, RDF.type, PROV.SoftwareAgent))
        self.graph.add((node, RDFS.label, Literal(f"extractor {name}")))
        self.graph.add((node, RDFS.comment, Literal("X, PDG de Y ...")))
        return node

    def entity(self, key: str, cls: URIRef, label: str, *aliases: str) -> URIRef:
        node = KGE[key]
        self.graph.add((node, RDF.type, cls))
        self.graph.add((node, RDFS.label, Literal(label)))
        for alias in aliases:
            self.graph.add((node, SKOS.altLabel, Literal(alias)))
        self.graph.add((KGD[DOC], KGO.mentions, node))
        return node

    def mention(self, entity: URIRef, text: str, start: int, doc: str = DOC) -> URIRef:
        node = KGM[f"{doc}-{start}-{start + len(text)}"]
        g = self.graph
        g.add((node, RDF.type, KGO.Mention))
        g.add((node, KGO.mentionText, Literal(text)))
        g.add((node, KGO.startOffset, Literal(start)))
        g.add((node, KGO.endOffset, Literal(start + len(text))))
        g.add((node, KGO.denotes, entity))
        return node

    def fact(
        self,
        subject: URIRef,
        predicate: URIRef,
        obj: URIRef | Literal,
        *,
        doc: str = DOC,
        extractor: URIRef = KGX["apposition-role"],
        confidence: Literal | None = None,
        evidence: str | None = SENTENCE,
        plain: bool = True,
        start: int = 0,
    ) -> URIRef:
        """The plain triple (unless ``plain`` is False) and one rdf:Statement for it."""
        g = self.graph
        if plain:
            g.add((subject, predicate, obj))
        key = "|".join(map(str, (subject, predicate, obj, doc, start, extractor)))
        node = KGS[hashlib.sha256(key.encode()).hexdigest()[:16]]
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, RDF.subject, subject))
        g.add((node, RDF.predicate, predicate))
        g.add((node, RDF.object, obj))
        g.add((node, PROV.wasDerivedFrom, KGD[doc]))
        g.add((node, PROV.wasAttributedTo, extractor))
        if confidence is None:
            confidence = Literal("0.9", datatype=XSD.decimal)
        g.add((node, KGO.confidence, confidence))
        if evidence is not None:
            g.add((node, KGO.evidenceText, Literal(evidence)))
        g.add((node, KGO.startOffset, Literal(start)))
        g.add((node, KGO.endOffset, Literal(start + len(SENTENCE))))
        self.offset += 10
        g.add((node, KGO.subjectMention, self.mention(subject, "sujet", self.offset, doc)))
        if not isinstance(obj, Literal):
            g.add((node, KGO.objectMention, self.mention(obj, "objet", self.offset + 5, doc)))
        g.add((node, KGO.assertedOn, Literal("2024-11-01", datatype=XSD.date)))
        return node


def well_formed() -> Builder:
    b = Builder()
    b.article()
    b.extractor()
    zuck = b.entity("mark-zuckerberg", KGO.Person, "Mark Zuckerberg", "Zuckerberg")
    meta = b.entity("meta", KGO.Company, "Meta", "le groupe")
    llama = b.entity("llama", KGO.AIModel, "Llama")
    strategy = b.entity("strategie-open-source", KGO.Strategy, "stratégie open source")
    menlo = b.entity("menlo-park", KGO.Place, "Menlo Park")
    alliance = b.entity("ai-alliance", KGO.Organization, "AI Alliance")
    b.fact(zuck, KGO.ceoOf, meta)
    b.fact(zuck, KGO.ceoOf, meta, start=200)  # a second piece of evidence for the same fact
    b.fact(meta, KGO.released, llama)
    b.fact(llama, KGO.productOf, meta)
    b.fact(strategy, KGO.strategyOf, meta)
    b.fact(strategy, KGO.concerns, llama)
    b.fact(meta, KGO.headquarteredIn, menlo)
    b.fact(meta, KGO.memberOf, alliance)
    b.fact(meta, KGO.partnerOf, alliance)
    b.fact(meta, KGO.foundingDate, Literal("2004", datatype=XSD.gYear))
    return b


def found(report: ValidationReport, focus: URIRef, path: URIRef | None, text: str) -> bool:
    """Whether ``report`` holds a violation on ``focus`` (and ``path``) whose message has
    ``text``."""
    return any(
        v.focus_node == str(focus)
        and (path is None or v.path == str(path))
        and text in v.message
        and v.severity == "Violation"
        for v in report.violations
    )


def test_well_formed_graph_conforms() -> None:
    report = validate(well_formed().graph)
    assert report.violations == ()
    assert report.conforms
    assert str(report) == "The graph conforms to the kg shapes."


@pytest.mark.parametrize("cls", sorted(
    {KGO[t.value] for t in __import__("kg.model", fromlist=["EntityType"]).EntityType}, key=str))
def test_an_entity_of_every_class_may_be_mentioned_and_denoted(cls: URIRef) -> None:
    b = well_formed()
    node = b.entity("quelque-chose", cls, "Quelque chose")
    b.mention(node, "Quelque chose", 900)
    report = validate(b.graph)
    assert report.violations == (), str(report)


def test_validate_leaves_the_graph_untouched() -> None:
    graph = well_formed().graph
    before = set(graph)
    validate(graph)
    assert set(graph) == before


def test_entity_with_two_classes() -> None:
    b = well_formed()
    b.graph.add((KGE.meta, RDF.type, KGO.Organization))  # Company already
    report = validate(b.graph)
    assert not report.conforms
    assert found(report, KGE.meta, RDF.type, "exactly one kgo entity class")


def test_entity_without_label() -> None:
    b = well_formed()
    b.graph.remove((KGE.llama, RDFS.label, None))
    report = validate(b.graph)
    assert not report.conforms
    assert found(report, KGE.llama, RDFS.label, "exactly one rdfs:label")


def test_label_with_language_tag_or_two_labels() -> None:
    b = well_formed()
    b.graph.add((KGE.llama, RDFS.label, Literal("Llama 3")))
    b.graph.set((KGE.meta, RDFS.label, Literal("Meta", lang="fr")))
    report = validate(b.graph)
    assert found(report, KGE.llama, RDFS.label, "exactly one rdfs:label")
    assert found(report, KGE.meta, RDFS.label, "plain string")


def test_statement_without_evidence_text() -> None:
    b = well_formed()
    statement = b.fact(KGE["mark-zuckerberg"], KGO.worksFor, KGE.meta, evidence=None)
    report = validate(b.graph)
    assert not report.conforms
    assert found(report, statement, KGO.evidenceText, "kgo:evidenceText")


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_confidence_out_of_range(value: str) -> None:
    b = well_formed()
    confidence = Literal(value, datatype=XSD.decimal)
    statement = b.fact(KGE["mark-zuckerberg"], KGO.worksFor, KGE.meta, confidence=confidence)
    report = validate(b.graph)
    assert not report.conforms
    assert found(report, statement, KGO.confidence, "between 0 and 1")
    assert [v for v in report.violations if v.focus_node == str(statement)] == [
        v for v in report.violations if v.path == str(KGO.confidence)
    ]


def test_confidence_bounds_are_inclusive_and_typed() -> None:
    b = well_formed()
    b.fact(KGE.meta, KGO.partnerOf, KGE.meta, confidence=Literal("1", datatype=XSD.decimal))
    b.fact(KGE.meta, KGO.memberOf, KGE.meta, confidence=Literal("0.0", datatype=XSD.decimal))
    assert validate(b.graph).conforms
    b = well_formed()
    statement = b.fact(KGE.meta, KGO.partnerOf, KGE.meta, confidence=Literal(0.5))  # xsd:double
    assert found(validate(b.graph), statement, KGO.confidence, "xsd:decimal")


def test_leads_with_a_person_as_object() -> None:
    b = well_formed()
    bob = b.entity("bob", KGO.Person, "Bob")
    b.fact(KGE["mark-zuckerberg"], KGO.leads, bob)
    report = validate(b.graph)
    assert not report.conforms
    assert found(report, KGE["mark-zuckerberg"], KGO.leads, "object of kgo:leads")
    assert not found(report, KGE["mark-zuckerberg"], None, "subject of kgo:leads")


def test_leads_with_an_organization_as_subject() -> None:
    b = well_formed()
    b.fact(KGE["ai-alliance"], KGO.leads, KGE.meta)
    report = validate(b.graph)
    assert found(report, KGE["ai-alliance"], None, "subject of kgo:leads is a kgo:Person")


def test_subclasses_satisfy_ranges() -> None:
    """kgo:Company is a kgo:Organization, kgo:AIModel a kgo:Product: no violation."""
    b = well_formed()
    b.fact(KGE["mark-zuckerberg"], KGO.leads, KGE.meta)
    b.fact(KGE.meta, KGO.owns, KGE.llama)
    assert validate(b.graph).violations == ()


def test_statement_attributed_to_a_non_extractor() -> None:
    b = well_formed()
    statement = b.fact(KGE["mark-zuckerberg"], KGO.worksFor, KGE.meta, extractor=KGE.meta)
    report = validate(b.graph)
    assert not report.conforms
    assert found(report, statement, PROV.wasAttributedTo, "kgo:Extractor")


def test_statement_not_derived_from_an_article() -> None:
    b = well_formed()
    statement = b.fact(KGE["mark-zuckerberg"], KGO.worksFor, KGE.meta, doc="ffffffffffffffff")
    report = validate(b.graph)
    assert found(report, statement, PROV.wasDerivedFrom, "kgo:NewsArticle")


def test_fact_without_statement() -> None:
    b = well_formed()
    b.graph.add((KGE.meta, KGO.subsidiaryOf, KGE["ai-alliance"]))
    report = validate(b.graph)
    assert not report.conforms
    assert found(report, KGE.meta, KGO.subsidiaryOf, "no rdf:Statement")
    (violation,) = report.violations
    assert violation.value == str(KGE["ai-alliance"])


def test_statement_without_fact() -> None:
    b = well_formed()
    statement = b.fact(KGE["mark-zuckerberg"], KGO.worksFor, KGE.meta, plain=False)
    report = validate(b.graph)
    assert found(report, statement, None, "not asserted")


def test_offsets() -> None:
    b = well_formed()
    statement = b.fact(KGE["mark-zuckerberg"], KGO.worksFor, KGE.meta)
    b.graph.set((statement, KGO.startOffset, Literal(-3)))
    mention = b.mention(KGE.meta, "Meta", 40)
    b.graph.set((mention, KGO.endOffset, Literal(40)))
    report = validate(b.graph)
    assert found(report, statement, KGO.startOffset, ">= 0")
    assert found(report, mention, KGO.startOffset, "below kgo:endOffset")


def test_article_and_mention_requirements() -> None:
    b = well_formed()
    b.graph.remove((KGD[DOC], KGO.sourceFile, None))
    b.graph.remove((KGD[DOC], DCTERMS.title, None))  # optional
    mention = b.mention(KGE.meta, "Meta", 40)
    b.graph.remove((mention, KGO.denotes, None))
    report = validate(b.graph)
    assert found(report, KGD[DOC], KGO.sourceFile, "kgo:sourceFile")
    assert not any(v.path == str(DCTERMS.title) for v in report.violations)
    assert found(report, mention, KGO.denotes, "exactly one entity")


def test_attribute_domain_and_datatype() -> None:
    b = well_formed()
    b.fact(KGE["mark-zuckerberg"], KGO.foundingDate, Literal("2004-02", datatype=XSD.gYearMonth))
    b.fact(KGE.meta, KGO.foundingDate, Literal("février 2004"))
    report = validate(b.graph)
    assert found(report, KGE["mark-zuckerberg"], None, "subject of kgo:foundingDate")
    assert found(report, KGE.meta, KGO.foundingDate, "xsd:gYear")


def test_unknown_predicate_in_statement() -> None:
    b = well_formed()
    statement = b.fact(KGE.meta, RDFS.seeAlso, KGE.llama)
    assert found(validate(b.graph), statement, RDF.predicate, "kgo fact or attribute property")


def test_violation_text_is_prefixed() -> None:
    b = well_formed()
    b.graph.remove((KGE.llama, RDFS.label, None))
    report = validate(b.graph)
    (violation,) = report.violations
    assert str(violation).startswith("Violation: kge:llama rdfs:label: ")
    assert str(report) == str(violation)
    b.fact(KGE["mark-zuckerberg"], KGO.leads, b.entity("bob", KGO.Person, "Bob"))
    assert "Violation: kge:mark-zuckerberg kgo:leads (kge:bob): The object of kgo:leads" in str(
        validate(b.graph)
    )
    assert str(Violation("_:b0", "", "m", "Warning")) == "Warning: _:b0: m"
    assert str(Violation("urn:x", "", "m", "Info", '"1.5"')) == 'Info: urn:x ("1.5"): m'


def test_python_checks_match_the_sparql_constraints() -> None:
    """validate() runs the shapes' SPARQL constraints and kgsh:Entity's class count in Python,
    and gives pyshacl the ontology's class hierarchy only: pyshacl running the whole shapes
    file with the whole ontology must report exactly the same."""
    from pyshacl import validate as shacl_validate

    b = well_formed()
    b.graph.add((KGE.meta, KGO.subsidiaryOf, KGE["ai-alliance"]))  # fact, no statement
    b.graph.add((KGE.meta, KGO.subsidiaryOf, KGE.llama))  # ... and a range error
    b.fact(KGE["mark-zuckerberg"], KGO.worksFor, KGE.meta, plain=False)  # statement, no fact
    b.fact(KGE.meta, KGO.startDate, Literal("2020", datatype=XSD.gYear), plain=False)
    b.graph.remove((KGE.llama, RDFS.label, None))
    b.graph.add((KGE.meta, RDF.type, KGO.Organization))  # two entity classes
    b.fact(KGE.meta, KGO.foundingDate, Literal("2004", datatype=XSD.gYear), plain=False)
    (statement,) = b.graph.subjects(RDF.predicate, KGO.foundingDate)
    b.graph.set((statement, RDF.predicate, URIRef("https://example.org/unknown")))
    _conforms, results, _text = shacl_validate(
        b.graph, shacl_graph=load_shapes(), ont_graph=load_ontology(), inference="none"
    )
    assert isinstance(results, Graph)
    expected = sorted(set(_violations(results)), key=repr)
    report = validate(b.graph)
    assert sorted(report.violations, key=repr) == expected
    messages = {v.message for v in report.violations}
    assert "A fact has no rdf:Statement giving its evidence." in messages
    assert "The fact a statement reifies is not asserted in the graph." in messages
    assert any("exactly one kgo entity class" in m for m in messages)
    assert any("a kgo fact or attribute property" in m for m in messages)


def test_blank_node_entity_is_reported() -> None:
    b = well_formed()
    node = BNode()
    b.graph.add((node, RDF.type, KGO.Place))
    b.graph.add((node, RDFS.label, Literal("quelque part")))
    report = validate(b.graph)
    assert any(v.focus_node.startswith("_:") for v in report.violations)


def test_loaders_are_cached_and_left_unchanged() -> None:
    assert load_ontology() is load_ontology()
    assert load_shapes() is load_shapes()
    assert (None, RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")) in load_shapes()
    ontology, shapes = set(load_ontology()), set(load_shapes())
    b = well_formed()
    b.graph.add((KGE.meta, KGO.subsidiaryOf, KGE["ai-alliance"]))
    validate(b.graph)
    assert set(load_ontology()) == ontology
    assert set(load_shapes()) == shapes


def test_unparsable_file_raises_ontology_error(tmp_path: Path) -> None:
    bad = tmp_path / "kg.ttl"
    bad.write_text("@prefix kgo: <https://w3id.org/kgnews/ontology#> .\nkgo:Person a \n", "utf-8")
    with pytest.raises(OntologyError) as info:
        _parse_turtle(bad)
    message = str(info.value)
    assert message.startswith("cannot parse kg.ttl: ")
    assert "\n" not in message
    with pytest.raises(OntologyError, match=r"cannot read missing\.ttl"):
        _parse_turtle(tmp_path / "missing.ttl")


def large_graph(entities: int = 120, facts: int = 220) -> Graph:
    """About 5,000 triples shaped like kg's output."""
    b = Builder()
    b.article()
    b.extractor()
    people = [b.entity(f"p{i}", KGO.Person, f"Personne {i}", f"P{i}") for i in range(entities // 2)]
    companies = [b.entity(f"c{i}", KGO.Company, f"Société {i}") for i in range(entities // 2)]
    for i in range(facts):
        b.fact(people[i % len(people)], KGO.worksFor, companies[(i * 7) % len(companies)], start=i)
    return b.graph


def test_a_large_well_formed_graph_conforms() -> None:
    """About 5,000 triples of kg's shape: no false violation at size (its speed is measured by
    bench/archive.py, not here)."""
    graph = large_graph()
    assert 4_500 <= len(graph) <= 6_500
    report = validate(graph)
    assert report.conforms, report
    assert report.violations == ()
