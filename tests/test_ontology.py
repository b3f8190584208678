"""ontology/kg.ttl and ontology/shapes.ttl: in sync with kg.vocab, documented, aligned."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, Namespace
from rdflib.term import Node

from kg.model import Attribute, EntityType, Relation
from kg.signatures import ATTRIBUTE_DOMAINS, SIGNATURES
from kg.validate import KGSH, load_ontology, load_shapes
from kg.vocab import KGO, SCHEMA, WD, WDT

KGO_NS = str(KGO._NS)
ONTOLOGY_IRI = URIRef("https://w3id.org/kgnews/ontology")
VOCAB = frozenset(KGO.__annotations__)  # the names kg.vocab declares, in order
PROV = Namespace("http://www.w3.org/ns/prov#")
# not rdflib's XSD: pytest probes module globals, and that DefinedNamespace warns on unknown names
XSD_NS = "http://www.w3.org/2001/XMLSchema#"

LINKS = (
    OWL.equivalentClass,
    OWL.equivalentProperty,
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def kgo(name: str) -> URIRef:
    return URIRef(KGO_NS + name)


def local(term: Node) -> str:
    return str(term).removeprefix(KGO_NS)


def defined(g: Graph, kind: URIRef | None = None) -> set[URIRef]:
    """kgo: terms the ontology declares (as ``kind``, or as any class or property)."""
    kinds = TERM_TYPES if kind is None else (kind,)
    return {
        s
        for k in kinds
        for s in g.subjects(RDF.type, k)
        if isinstance(s, URIRef) and s.startswith(KGO_NS)
    }


def union(g: Graph, node: Node | None) -> frozenset[Node]:
    """A class or datatype, or the members of an owl:unionOf."""
    if node is None:
        return frozenset()
    members = g.value(node, OWL.unionOf) if isinstance(node, BNode) else None
    if members is None:
        return frozenset({node})
    return frozenset(Collection(g, members))


def superclasses(g: Graph, cls: Node) -> set[Node]:
    """``cls`` and everything above it through rdfs:subClassOf."""
    seen: set[Node] = set()
    todo = [cls]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(g.objects(current, RDFS.subClassOf))
    return seen


def inverses(g: Graph, prop: URIRef) -> set[Node]:
    return set(g.objects(prop, OWL.inverseOf)) | set(g.subjects(OWL.inverseOf, prop))


def links(g: Graph, term: URIRef, *, through_inverse: bool = False) -> set[Node]:
    found = {o for p in LINKS for o in g.objects(term, p)}
    if through_inverse:
        for inverse in inverses(g, term):
            if isinstance(inverse, URIRef) and inverse.startswith(KGO_NS):
                found |= links(g, inverse)
    return found


ENTITY_CLASSES = frozenset(kgo(t.value) for t in EntityType)
#: the entity classes and kgo:Entity, their common superclass (never written as a type)
ANY_ENTITY = ENTITY_CLASSES | {kgo("Entity")}


def entity_properties(g: Graph) -> set[URIRef]:
    """Object properties whose domain and range are entity classes."""
    return {
        p
        for p in defined(g, OWL.ObjectProperty)
        if union(g, g.value(p, RDFS.domain)) <= ANY_ENTITY
        and union(g, g.value(p, RDFS.range)) <= ANY_ENTITY
    }


# --------------------------------------------------------------------------------------------
# The ontology parses and has a header
# --------------------------------------------------------------------------------------------


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    labels = {label.language for label in onto.objects(ONTOLOGY_IRI, RDFS.label)}
    comments = {c.language for c in onto.objects(ONTOLOGY_IRI, RDFS.comment)}
    assert {"fr", "en"} <= labels
    assert {"fr", "en"} <= comments
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None


def test_shapes_parse(shapes: Graph) -> None:
    assert len(set(shapes.subjects(RDF.type, SH.NodeShape))) > 40


# --------------------------------------------------------------------------------------------
# In sync with kg.vocab and kg.model
# --------------------------------------------------------------------------------------------


def test_every_vocab_term_is_defined(onto: Graph) -> None:
    missing = sorted(VOCAB - {local(t) for t in defined(onto)})
    assert missing == [], f"in kg.vocab.KGO but not defined in kg.ttl: {missing}"


def test_every_defined_term_is_in_vocab(onto: Graph) -> None:
    extra = sorted({local(t) for t in defined(onto)} - VOCAB)
    assert extra == [], f"defined in kg.ttl but missing from kg.vocab.KGO: {extra}"


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl"])
def test_no_undeclared_kgo_iri_is_used(onto: Graph, shapes: Graph, name: str) -> None:
    """A typo such as kgo:Organisation in a domain or a shape would go unnoticed otherwise."""
    g = onto if name == "kg.ttl" else shapes
    used = {
        term
        for triple in g
        for term in triple
        if isinstance(term, URIRef) and term.startswith(KGO_NS)
    }
    unknown = sorted(local(t) for t in used if local(t) not in VOCAB)
    assert unknown == []
    # kgo: IRIs in the SPARQL constraints of the shapes too
    for text in g.objects(None, SH.select):
        names = set(re.findall(r"\bkgo:(\w+)", str(text)))
        assert names <= VOCAB, sorted(names - VOCAB)


def test_each_term_has_exactly_one_kind(onto: Graph) -> None:
    for term in defined(onto):
        kinds = [k for k in TERM_TYPES if (term, RDF.type, k) in onto]
        assert len(kinds) == 1, (local(term), kinds)


def test_model_enums_match_the_ontology(onto: Graph) -> None:
    for entity_type in EntityType:
        assert (kgo(entity_type.value), RDF.type, OWL.Class) in onto
    for relation in Relation:
        assert (kgo(relation.value), RDF.type, OWL.ObjectProperty) in onto
    for attribute in Attribute:
        assert (kgo(attribute.value), RDF.type, OWL.DatatypeProperty) in onto
    assert ANY_ENTITY | {kgo("NewsArticle"), kgo("Mention"), kgo("Extractor")} == defined(
        onto, OWL.Class
    )


# --------------------------------------------------------------------------------------------
# Documented in French and English
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VOCAB))
@pytest.mark.parametrize("annotation", [RDFS.label, RDFS.comment])
def test_label_and_comment_in_french_and_english(
    onto: Graph, name: str, annotation: URIRef
) -> None:
    values = [v for v in onto.objects(kgo(name), annotation) if isinstance(v, Literal)]
    languages = sorted(v.language or "" for v in values)
    assert languages == ["en", "fr"], (name, annotation, languages)
    assert all(str(v).strip() for v in values)


# --------------------------------------------------------------------------------------------
# Hierarchy, inverses, symmetry
# --------------------------------------------------------------------------------------------

SUBCLASSES = [
    ("Company", "Organization"), ("Software", "Product"), ("AIModel", "Software"),
    ("Country", "Place"), ("PoliticalParty", "Organization"), ("SportsTeam", "Organization"),
    ("GovernmentOrganization", "Organization"), ("Court", "GovernmentOrganization"),
    ("ArmedForce", "Organization"), ("MediaOrganization", "Organization"),
    ("EducationalOrganization", "Organization"), ("Law", "CreativeWork"),
    ("Vehicle", "Product"), ("Spacecraft", "Vehicle"), ("Election", "Event"),
    ("Attack", "Event"), ("Accident", "Event"), ("NaturalDisaster", "Event"),
    ("SportsEvent", "Event"),
]
SUBPROPERTIES = [
    ("ceoOf", "leads"),
    ("chairOf", "leads"),
    ("leads", "worksFor"),
    ("hasCeo", "ledBy"),
    ("hasChair", "ledBy"),
    ("ledBy", "employs"),
    ("initiativeOf", "foundedBy"),
    ("released", "develops"),
    ("releasedBy", "developedBy"),
    ("headquarteredIn", "locatedIn"),
    ("spokeAt", "participatedIn"),
    ("acquired", "owns"),
    ("acquiredBy", "ownedBy"),
    ("memberOfPoliticalParty", "memberOf"),
    ("memberOfSportsTeam", "memberOf"),
]
INVERSES = [
    ("leads", "ledBy"),
    ("ceoOf", "hasCeo"),
    ("chairOf", "hasChair"),
    ("worksFor", "employs"),
    ("foundedBy", "founderOf"),
    ("develops", "developedBy"),
    ("released", "releasedBy"),
    ("precedentFor", "inspiredBy"),
    ("organizedBy", "organizerOf"),
    ("subsidiaryOf", "hasSubsidiary"),
    ("owns", "ownedBy"),
    ("acquired", "acquiredBy"),
    ("memberOf", "hasMember"),
    ("positionHeld", "positionHolder"),
    ("candidateIn", "candidate"),
    ("participatedIn", "participant"),
    ("capital", "capitalOf"),
    ("partOf", "hasPart"),
]


@pytest.mark.parametrize(("sub", "sup"), SUBCLASSES)
def test_subclasses(onto: Graph, sub: str, sup: str) -> None:
    assert (kgo(sub), RDFS.subClassOf, kgo(sup)) in onto


def test_every_top_entity_class_is_an_entity(onto: Graph) -> None:
    """The shapes accept "any entity" as sh:class kgo:Entity: that holds only if every entity
    class reaches kgo:Entity through rdfs:subClassOf, and nothing else does."""
    reaching = {c for c in defined(onto, OWL.Class) - {kgo("Entity")}
                if kgo("Entity") in superclasses(onto, c)}
    assert reaching == ENTITY_CLASSES
    assert not list(onto.triples((kgo("Entity"), RDFS.subClassOf, None)))


def test_extractor_is_a_prov_software_agent(onto: Graph) -> None:
    assert (kgo("Extractor"), RDFS.subClassOf, PROV.SoftwareAgent) in onto
    assert kgo("Software") not in superclasses(onto, kgo("Extractor"))


@pytest.mark.parametrize(("sub", "sup"), SUBPROPERTIES)
def test_subproperties(onto: Graph, sub: str, sup: str) -> None:
    assert (kgo(sub), RDFS.subPropertyOf, kgo(sup)) in onto


@pytest.mark.parametrize(("a", "b"), INVERSES)
def test_inverse_pairs(onto: Graph, a: str, b: str) -> None:
    assert (kgo(a), OWL.inverseOf, kgo(b)) in onto
    assert (kgo(b), OWL.inverseOf, kgo(a)) in onto


def test_every_inverse_is_one_of_the_pairs(onto: Graph) -> None:
    declared = {
        frozenset({local(s), local(o)})
        for s, o in onto.subject_objects(OWL.inverseOf)
        if s.startswith(KGO_NS) and o.startswith(KGO_NS)
    }
    assert declared == {frozenset(pair) for pair in INVERSES}


def test_partner_of_is_symmetric(onto: Graph) -> None:
    assert (kgo("partnerOf"), RDF.type, OWL.SymmetricProperty) in onto
    partner = kgo("partnerOf")
    assert union(onto, onto.value(partner, RDFS.domain)) == union(
        onto, onto.value(partner, RDFS.range)
    )


# --------------------------------------------------------------------------------------------
# Domains and ranges
# --------------------------------------------------------------------------------------------

KNOWN_DOMAINS = ANY_ENTITY | {kgo("NewsArticle"), kgo("Mention"), RDF.Statement}


def properties(onto: Graph) -> Iterator[URIRef]:
    yield from sorted(defined(onto, OWL.ObjectProperty) | defined(onto, OWL.DatatypeProperty))


def test_every_property_has_a_domain_and_a_range(onto: Graph) -> None:
    for prop in properties(onto):
        domain = union(onto, onto.value(prop, RDFS.domain))
        rng = union(onto, onto.value(prop, RDFS.range))
        assert domain and domain <= KNOWN_DOMAINS, (local(prop), domain)
        assert rng, local(prop)
        if (prop, RDF.type, OWL.ObjectProperty) in onto:
            assert rng <= KNOWN_DOMAINS, (local(prop), rng)
        else:
            assert all(str(t).startswith(XSD_NS) for t in rng), (local(prop), rng)


def test_inverse_domains_and_ranges_agree(onto: Graph) -> None:
    for a, b in INVERSES:
        assert union(onto, onto.value(kgo(a), RDFS.domain)) == union(
            onto, onto.value(kgo(b), RDFS.range)
        ), (a, b)
        assert union(onto, onto.value(kgo(a), RDFS.range)) == union(
            onto, onto.value(kgo(b), RDFS.domain)
        ), (a, b)


def test_subproperties_stay_within_their_parent(onto: Graph) -> None:
    """Each class of a sub-property's domain (range) is under a class of its parent's."""
    for sub, sup in SUBPROPERTIES:
        for axis in (RDFS.domain, RDFS.range):
            parent = union(onto, onto.value(kgo(sup), axis))
            for cls in union(onto, onto.value(kgo(sub), axis)):
                assert superclasses(onto, cls) & parent, (sub, sup, axis, cls)


def entity_types(g: Graph, classes: frozenset[Node]) -> frozenset[EntityType]:
    """The entity types a domain or range admits, sub-classes included."""
    return frozenset(t for t in EntityType if superclasses(g, kgo(t.value)) & classes)


@pytest.mark.parametrize("relation", list(Relation))
def test_extraction_signatures_match_domains_and_ranges(onto: Graph, relation: Relation) -> None:
    """kg.signatures (what extraction accepts) mirrors rdfs:domain / rdfs:range."""
    prop = kgo(relation.value)
    domain = entity_types(onto, union(onto, onto.value(prop, RDFS.domain)))
    rng = entity_types(onto, union(onto, onto.value(prop, RDFS.range)))
    assert (domain, rng) == SIGNATURES[relation]


@pytest.mark.parametrize("attribute", list(Attribute))
def test_attribute_domains_match_the_ontology(onto: Graph, attribute: Attribute) -> None:
    prop = kgo(attribute.value)
    assert entity_types(onto, union(onto, onto.value(prop, RDFS.domain))) == (
        ATTRIBUTE_DOMAINS[attribute])


# --------------------------------------------------------------------------------------------
# Interoperability: Wikidata and schema.org
# --------------------------------------------------------------------------------------------


def is_wikidata(node: Node) -> bool:
    return str(node).startswith((str(WD), str(WDT)))


def is_schema(node: Node) -> bool:
    return str(node).startswith(str(SCHEMA))


@pytest.mark.parametrize("name", sorted(VOCAB))
def test_each_term_links_to_wikidata_and_schema(onto: Graph, name: str) -> None:
    found = links(onto, kgo(name), through_inverse=True)
    assert any(map(is_wikidata, found)), f"kgo:{name} has no Wikidata link"
    assert any(map(is_schema, found)), f"kgo:{name} has no schema.org link"


def test_wikidata_iris_are_well_formed(onto: Graph) -> None:
    """Classes link to items (wd:Q...), properties to direct properties (wdt:P...)."""
    classes = defined(onto, OWL.Class)
    for term in defined(onto):
        for target in links(onto, term) | set(onto.objects(term, OWL.inverseOf)):
            if not is_wikidata(target):
                continue
            if term in classes:
                assert re.fullmatch(str(WD) + r"Q\d+", str(target)), (local(term), target)
            else:
                assert re.fullmatch(str(WDT) + r"P\d+", str(target)), (local(term), target)


def test_loose_links_are_explained(onto: Graph) -> None:
    """A term whose only Wikidata or schema.org links are relatedMatch says why in a comment."""
    strong = tuple(p for p in LINKS if p != SKOS.relatedMatch)
    for term in defined(onto):
        for check in (is_wikidata, is_schema):
            related = [o for o in onto.objects(term, SKOS.relatedMatch) if check(o)]
            others = [o for p in strong for o in onto.objects(term, p) if check(o)]
            others += [o for i in inverses(onto, term) for o in links(onto, i) if check(o)]
            if related and not others:
                comments = " ".join(map(str, onto.objects(term, RDFS.comment)))
                for target in related:  # the comment names it: "wdt:P2283", "schema:knows"
                    prefixed = str(target).replace(str(WDT), "wdt:").replace(str(WD), "wd:")
                    prefixed = prefixed.replace(str(SCHEMA), "schema:")
                    assert prefixed in comments, (local(term), prefixed)


ALIGNMENTS = [
    ("Person", OWL.equivalentClass, WD.Q5),
    ("Person", OWL.equivalentClass, SCHEMA.Person),
    ("Organization", OWL.equivalentClass, WD.Q43229),
    ("Company", OWL.equivalentClass, WD.Q783794),
    ("Software", OWL.equivalentClass, WD.Q7397),
    ("Project", OWL.equivalentClass, WD.Q170584),
    ("Event", OWL.equivalentClass, WD.Q1656682),
    ("NewsArticle", OWL.equivalentClass, SCHEMA.NewsArticle),
    ("NewsArticle", OWL.equivalentClass, WD.Q5707594),
    ("Strategy", SKOS.exactMatch, WD.Q185451),
    ("hasCeo", OWL.equivalentProperty, WDT.P169),
    ("hasChair", OWL.equivalentProperty, WDT.P488),
    ("ledBy", OWL.equivalentProperty, WDT.P1037),
    ("worksFor", OWL.equivalentProperty, WDT.P108),
    ("worksFor", OWL.equivalentProperty, SCHEMA.worksFor),
    ("foundedBy", OWL.equivalentProperty, WDT.P112),
    ("foundedBy", OWL.equivalentProperty, SCHEMA.founder),
    ("developedBy", OWL.equivalentProperty, WDT.P178),
    ("develops", SKOS.closeMatch, WDT.P1056),
    ("productOf", SKOS.closeMatch, WDT.P178),
    ("productOf", SKOS.closeMatch, SCHEMA.manufacturer),
    ("releasedBy", SKOS.closeMatch, WDT.P123),
    ("participatedIn", OWL.equivalentProperty, WDT.P1344),
    ("organizedBy", OWL.equivalentProperty, WDT.P664),
    ("organizedBy", OWL.equivalentProperty, SCHEMA.organizer),
    ("concerns", OWL.equivalentProperty, WDT.P921),
    ("concerns", OWL.equivalentProperty, SCHEMA.about),
    ("subsidiaryOf", OWL.equivalentProperty, WDT.P749),
    ("subsidiaryOf", OWL.equivalentProperty, SCHEMA.parentOrganization),
    ("hasSubsidiary", OWL.equivalentProperty, WDT.P355),
    ("hasSubsidiary", OWL.equivalentProperty, SCHEMA.subOrganization),
    ("owns", OWL.equivalentProperty, WDT.P1830),
    ("ownedBy", OWL.equivalentProperty, WDT.P127),
    ("headquarteredIn", OWL.equivalentProperty, WDT.P159),
    ("locatedIn", SKOS.closeMatch, WDT.P131),
    ("locatedIn", SKOS.closeMatch, SCHEMA.location),
    ("memberOf", OWL.equivalentProperty, WDT.P463),
    ("memberOf", OWL.equivalentProperty, SCHEMA.memberOf),
    ("partnerOf", SKOS.closeMatch, WDT.P2652),
    ("spouse", OWL.equivalentProperty, WDT.P26),
    ("spouse", OWL.equivalentProperty, SCHEMA.spouse),
    ("inspiredBy", SKOS.closeMatch, WDT.P737),
    ("inspiredBy", SKOS.closeMatch, SCHEMA.isBasedOn),
    ("foundingDate", OWL.equivalentProperty, WDT.P571),
    ("foundingDate", OWL.equivalentProperty, SCHEMA.foundingDate),
    ("startDate", OWL.equivalentProperty, WDT.P580),
    ("endDate", OWL.equivalentProperty, WDT.P582),
    ("mentions", SKOS.closeMatch, SCHEMA.mentions),
    # general news
    ("Position", OWL.equivalentClass, WD.Q4164871),
    ("Country", OWL.equivalentClass, WD.Q6256),
    ("Country", OWL.equivalentClass, SCHEMA.Country),
    ("PoliticalParty", OWL.equivalentClass, WD.Q7278),
    ("SportsTeam", OWL.equivalentClass, SCHEMA.SportsTeam),
    ("CreativeWork", OWL.equivalentClass, SCHEMA.CreativeWork),
    ("Law", OWL.equivalentClass, SCHEMA.Legislation),
    ("Election", OWL.equivalentClass, WD.Q40231),
    ("positionHeld", OWL.equivalentProperty, WDT.P39),
    ("positionHolder", OWL.equivalentProperty, WDT.P1308),
    ("appliesToJurisdiction", OWL.equivalentProperty, WDT.P1001),
    ("memberOfPoliticalParty", OWL.equivalentProperty, WDT.P102),
    ("candidateIn", OWL.equivalentProperty, WDT.P3602),
    ("winner", OWL.equivalentProperty, WDT.P1346),
    ("countryOfCitizenship", OWL.equivalentProperty, WDT.P27),
    ("countryOfCitizenship", OWL.equivalentProperty, SCHEMA.nationality),
    ("placeOfBirth", OWL.equivalentProperty, WDT.P19),
    ("placeOfDeath", OWL.equivalentProperty, WDT.P20),
    ("dateOfBirth", OWL.equivalentProperty, WDT.P569),
    ("dateOfDeath", OWL.equivalentProperty, WDT.P570),
    ("educatedAt", OWL.equivalentProperty, WDT.P69),
    ("memberOfSportsTeam", OWL.equivalentProperty, WDT.P54),
    ("headCoach", OWL.equivalentProperty, WDT.P286),
    ("league", OWL.equivalentProperty, WDT.P118),
    ("participant", OWL.equivalentProperty, WDT.P710),
    ("author", OWL.equivalentProperty, WDT.P50),
    ("director", OWL.equivalentProperty, WDT.P57),
    ("castMember", OWL.equivalentProperty, WDT.P161),
    ("publisher", OWL.equivalentProperty, WDT.P123),
    ("broadcaster", OWL.equivalentProperty, WDT.P449),
    ("manufacturer", OWL.equivalentProperty, WDT.P176),
    ("operator", OWL.equivalentProperty, WDT.P137),
    ("launchSite", OWL.equivalentProperty, WDT.P448),
    ("launchVehicle", OWL.equivalentProperty, WDT.P375),
    ("location", OWL.equivalentProperty, WDT.P276),
    ("location", OWL.equivalentProperty, SCHEMA.location),
    ("capital", OWL.equivalentProperty, WDT.P36),
    ("partOf", OWL.equivalentProperty, WDT.P361),
    ("hasPart", OWL.equivalentProperty, WDT.P527),
    ("legislatedBy", OWL.equivalentProperty, WDT.P467),
    ("perpetrator", OWL.equivalentProperty, WDT.P8031),
    ("victim", OWL.equivalentProperty, WDT.P8032),
    ("pointInTime", OWL.equivalentProperty, WDT.P585),
    ("awardReceived", OWL.equivalentProperty, WDT.P166),
    ("Award", OWL.equivalentClass, WD.Q618779),
    ("country", OWL.equivalentProperty, WDT.P17),
]


@pytest.mark.parametrize(("name", "link", "target"), ALIGNMENTS)
def test_key_alignments(onto: Graph, name: str, link: URIRef, target: URIRef) -> None:
    assert (kgo(name), link, target) in onto


def test_direction_is_handled_by_inverses(onto: Graph) -> None:
    """kgo:ceoOf runs person -> organisation; Wikidata's P169 organisation -> person."""
    assert (kgo("ceoOf"), OWL.inverseOf, kgo("hasCeo")) in onto
    assert not any(is_wikidata(o) for o in onto.objects(kgo("ceoOf"), OWL.equivalentProperty))


# --------------------------------------------------------------------------------------------
# The shapes agree with the ontology
# --------------------------------------------------------------------------------------------


def shape_classes(shapes: Graph, node: Node) -> frozenset[Node]:
    """The classes a (node or property) shape accepts through sh:class or sh:or of sh:class."""
    direct = set(shapes.objects(node, SH["class"]))
    for alternatives in shapes.objects(node, SH["or"]):
        for alternative in Collection(shapes, alternatives):
            direct |= set(shapes.objects(alternative, SH["class"]))
    return frozenset(direct)


def shape_datatypes(shapes: Graph, node: Node) -> frozenset[Node]:
    direct = set(shapes.objects(node, SH.datatype))
    for alternatives in shapes.objects(node, SH["or"]):
        for alternative in Collection(shapes, alternatives):
            direct |= set(shapes.objects(alternative, SH.datatype))
    return frozenset(direct)


def value_shape(shapes: Graph, shape: URIRef, prop: URIRef) -> Node:
    (found,) = [p for p in shapes.objects(shape, SH.property) if shapes.value(p, SH.path) == prop]
    return found


def entity_attributes(onto: Graph) -> list[URIRef]:
    return [kgo(a.value) for a in Attribute]


def test_domain_range_shapes_match_the_ontology(onto: Graph, shapes: Graph) -> None:
    for prop in sorted(entity_properties(onto)) + entity_attributes(onto):
        shape = KGSH[local(prop)]
        assert (shape, SH.targetSubjectsOf, prop) in shapes, local(prop)
        domain = union(onto, onto.value(prop, RDFS.domain))
        rng = union(onto, onto.value(prop, RDFS.range))
        assert shape_classes(shapes, shape) == domain, local(prop)
        values = value_shape(shapes, shape, prop)
        if (prop, RDF.type, OWL.ObjectProperty) in onto:
            assert shape_classes(shapes, values) == rng, local(prop)
        else:
            assert shape_datatypes(shapes, values) == rng, local(prop)


def test_entity_properties_are_the_fact_properties(onto: Graph, shapes: Graph) -> None:
    facts = entity_properties(onto)
    assert len(facts) == 72  # 55 relations kg extracts and 17 inverses
    assert {kgo(r.value) for r in Relation} <= facts
    assert set(shapes.objects(KGSH.FactHasEvidence, SH.targetSubjectsOf)) == facts
    (select,) = shapes.objects(KGSH.FactHasEvidence, SH.sparql / SH.select)
    assert {kgo(n) for n in re.findall(r"\bkgo:(\w+)", str(select))} == facts
    statement_predicates = next(
        p
        for p in shapes.objects(KGSH.Statement, SH.property)
        if shapes.value(p, SH.path) == RDF.predicate
    )
    allowed = set(Collection(shapes, shapes.value(statement_predicates, SH["in"])))
    assert allowed == facts | set(entity_attributes(onto))


def test_entity_shape_lists_every_entity_class(shapes: Graph) -> None:
    assert set(shapes.objects(KGSH.Entity, SH.targetClass)) == ENTITY_CLASSES
    (types,) = [
        p for p in shapes.objects(KGSH.Entity, SH.property) if shapes.value(p, SH.path) == RDF.type
    ]
    qualified = shapes.value(types, SH.qualifiedValueShape)
    assert set(Collection(shapes, shapes.value(qualified, SH["in"]))) == ENTITY_CLASSES
