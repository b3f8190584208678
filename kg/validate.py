"""Check a kg graph against the ontology's SHACL shapes.

``validate(graph)`` runs pyshacl with ``ontology/shapes.ttl`` as the shapes graph, without
inference, on a copy of the graph to which the ontology's ``rdfs:subClassOf`` axioms are added:
so ``sh:class kgo:Organization`` accepts a ``kgo:Company`` and ``sh:class kgo:Entity`` any
entity, while nothing is inferred from ``rdfs:domain``/``rdfs:range`` (RDFS inference would type
the object of every ``kgo:leads`` as a ``kgo:Organization`` and so hide exactly the errors the
shapes look for). The caller's graph is never modified unless it hands it over (``owned``).

Some constraints of the shapes are run here in Python instead, with the same targets and
messages, because pyshacl rebuilds them for every focus node: the two SHACL-SPARQL constraints
(every fact between entities has an ``rdf:Statement``; every statement's triple is asserted),
kgsh:Entity's qualified count (exactly one entity class) and the property shapes' ``sh:in``
lists. ``tests/test_validate.py`` checks that pyshacl running the whole shapes file with the
whole ontology gives the same report.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from importlib.abc import Traversable
from importlib.resources import files

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD, Namespace, NamespaceManager
from rdflib.term import Node

from kg.errors import OntologyError
from kg.vocab import PREFIXES

KGSH = Namespace("https://w3id.org/kgnews/shapes#")
KGO_ENTITY = URIRef("https://w3id.org/kgnews/ontology#Entity")
_PROV = Namespace("http://www.w3.org/ns/prov#")
_DCTERMS = Namespace("http://purl.org/dc/terms/")
_SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result.

    ``focus_node`` and ``path`` are full IRIs (``str(URIRef)``); a blank node is ``_:id`` and a
    literal is in N3 form. ``path`` is empty for results about the node itself. ``str()`` gives a
    one-line, prefixed form for people: ``Violation: kge:x kgo:leads (kge:y): The object ...``.
    """

    focus_node: str
    path: str
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: str = ""  # the offending value (sh:value), same forms as focus_node

    def __str__(self) -> str:
        where = " ".join(_compact(text) for text in (self.focus_node, self.path) if text)
        if self.value and self.value != self.focus_node:
            where += f" ({_compact(self.value)})"
        return f"{self.severity}: {where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

    def __str__(self) -> str:
        if self.conforms and not self.violations:
            return "The graph conforms to the kg shapes."
        return "\n".join(str(violation) for violation in self.violations)


def _ontology_dir() -> Traversable:
    return files("kg") / "ontology"


def _parse_turtle(resource: Traversable) -> Graph:
    """Parse a Turtle resource, turning any failure into a one-line :class:`OntologyError`."""
    try:
        data = resource.read_bytes()
    except OSError as error:
        raise OntologyError(f"cannot read {resource.name}: {error.strerror or error}") from error
    graph = Graph()
    try:
        graph.parse(data=data, format="turtle")
    except Exception as error:  # rdflib raises several unrelated types for bad syntax
        detail = " ".join(str(error).split()) or type(error).__name__
        raise OntologyError(f"cannot parse {resource.name}: {detail}") from error
    return graph


@functools.cache
def load_ontology() -> Graph:
    """The kg ontology (``ontology/kg.ttl``), parsed once. Do not modify the returned graph."""
    return _parse_turtle(_ontology_dir() / "kg.ttl")


@functools.cache
def load_shapes() -> Graph:
    """The kg SHACL shapes (``ontology/shapes.ttl``), parsed once. Do not modify the graph."""
    return _parse_turtle(_ontology_dir() / "shapes.ttl")


@functools.cache
def _namespace_manager() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
    for prefix, standard in (
        ("rdf", RDF),
        ("rdfs", RDFS),
        ("xsd", XSD),
        ("prov", _PROV),
        ("dcterms", _DCTERMS),
        ("skos", _SKOS),
    ):
        manager.bind(prefix, standard)
    return manager


def _term(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, BNode | Literal):
        return node.n3()
    return str(node)


def _compact(text: str) -> str:
    """``https://w3id.org/kgnews/entity/meta`` -> ``kge:meta``; other forms are kept."""
    if text.startswith(("_:", '"')):
        return text
    compact = URIRef(text).n3(_namespace_manager())
    return compact if not compact.startswith("<") else text


def _message(results: Graph, result: Node) -> str:
    messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    if not messages:
        return "SHACL constraint not satisfied."
    english = [m for m in messages if m.language in (None, "en")]
    return " ".join(str(sorted(english or messages)[0]).split())


def _severity(results: Graph, result: Node) -> str:
    severity = results.value(result, SH.resultSeverity)
    if isinstance(severity, URIRef) and severity.startswith(str(SH)):
        return severity[len(str(SH)) :]
    return "Violation"


def _violations(results: Graph) -> list[Violation]:
    """The results of a pyshacl report graph as :class:`Violation` objects."""
    return [
        Violation(
            focus_node=_term(results.value(result, SH.focusNode)),
            path=_term(results.value(result, SH.resultPath)),
            message=_message(results, result),
            severity=_severity(results, result),
            value=_term(results.value(result, SH.value)),
        )
        for result in set(results.subjects(RDF.type, SH.ValidationResult))
    ]


@dataclass(frozen=True, slots=True)
class _PythonChecks:
    """The constraints kg runs in Python, taken out of the shapes pyshacl is given."""

    core_shapes: Graph  # the shapes without them
    fact_properties: frozenset[URIRef]  # targets of kgsh:FactHasEvidence
    fact_message: str  # "A fact has no rdf:Statement ..."
    statement_message: str  # "The fact a statement reifies is not asserted ..."
    entity_classes: frozenset[URIRef]  # kgsh:Entity's targets = its qualified sh:in list
    entity_class_message: str  # "An entity has exactly one kgo entity class ..."
    subclass_axioms: tuple[tuple[Node, Node, Node], ...]  # the ontology's rdfs:subClassOf
    #: the property shapes' ``sh:in`` lists: (target classes, path, allowed values, message)
    in_lists: tuple[tuple[frozenset[Node], URIRef, frozenset[Node], str], ...]


def _sparql_message(shapes: Graph, shape: URIRef) -> str:
    for constraint in shapes.objects(shape, SH.sparql):
        message = shapes.value(constraint, SH.message)
        if message is not None:
            return " ".join(str(message).split())
    raise OntologyError(f"shapes.ttl: {shape} has no sh:sparql constraint with a sh:message")


def _remove_tree(graph: Graph, node: Node) -> None:
    """``node``'s triples and those of the blank nodes it leads to (lists included)."""
    for _, _, child in list(graph.triples((node, None, None))):
        if isinstance(child, BNode):
            _remove_tree(graph, child)
    graph.remove((node, None, None))


def _python_check_holds(shapes: Graph, shape: Node, prop: Node) -> None:
    """The Python check of a ``sh:in`` property shape covers only a plain property shape of
    a node shape with class targets: anything else in the shapes file is refused, rather
    than checked differently from what the file says."""
    others = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    if (any(shapes.value(shape, target) is not None for target in others)
            or shapes.value(prop, SH.severity) is not None
            or shapes.value(shape, SH.severity) is not None
            or any(True for _ in shapes.subjects(SH.node, shape))
            or any(True for _ in shapes.subjects(SH.property, prop)
                   if _ != shape)):
        raise OntologyError(f"shapes.ttl: {prop} of {shape}: kg checks sh:in in Python only "
                            "on a property shape of a node shape with sh:targetClass alone, "
                            "at severity Violation")


def _entity_class_property(shapes: Graph) -> Node:
    for prop in shapes.objects(KGSH.Entity, SH.property):
        if shapes.value(prop, SH.path) == RDF.type:
            return prop
    raise OntologyError("shapes.ttl: kgsh:Entity has no sh:property on rdf:type")


@functools.cache
def _python_checks() -> _PythonChecks:
    shapes = load_shapes()
    core = Graph()
    core += shapes
    for shape, constraint in list(core.subject_objects(SH.sparql)):
        core.remove((shape, SH.sparql, constraint))
        _remove_tree(core, constraint)
    core.remove((KGSH.FactHasEvidence, None, None))
    entity_class = _entity_class_property(shapes)
    qualified = shapes.value(entity_class, SH.qualifiedValueShape)
    listed = shapes.value(qualified, SH["in"])
    core.remove((KGSH.Entity, SH.property, entity_class))
    _remove_tree(core, entity_class)
    message = shapes.value(entity_class, SH.message)
    listed_classes = set(shapes.items(listed)) if listed is not None else set()
    ontology = load_ontology()
    entity_classes = {c for c in ontology.transitive_subjects(RDFS.subClassOf, KGO_ENTITY)
                      if c != KGO_ENTITY}
    if listed_classes != entity_classes or set(shapes.objects(KGSH.Entity, SH.targetClass)
                                               ) != entity_classes:
        raise OntologyError("shapes.ttl: kgsh:Entity's targets and its list of entity classes "
                            "must be the classes under kgo:Entity in kg.ttl")
    in_lists = []
    for shape in set(core.subjects(SH.targetClass, None)):
        targets = frozenset(core.objects(shape, SH.targetClass))
        for prop in core.objects(shape, SH.property):
            path, listed_values = core.value(prop, SH.path), core.value(prop, SH["in"])
            if isinstance(path, URIRef) and listed_values is not None:
                _python_check_holds(core, shape, prop)
                text = core.value(prop, SH.message)
                in_lists.append((targets, path, frozenset(core.items(listed_values)),
                                 " ".join(str(text).split()) if text is not None
                                 else "SHACL constraint not satisfied."))
                core.remove((prop, SH["in"], listed_values))
                _remove_tree(core, listed_values)
    return _PythonChecks(
        core_shapes=core,
        fact_properties=frozenset(
            node
            for node in shapes.objects(KGSH.FactHasEvidence, SH.targetSubjectsOf)
            if isinstance(node, URIRef)
        ),
        fact_message=_sparql_message(shapes, KGSH.FactHasEvidence),
        statement_message=_sparql_message(shapes, KGSH.Statement),
        entity_classes=frozenset(
            node for node in shapes.items(listed) if isinstance(node, URIRef)
        ) if listed is not None else frozenset(),
        entity_class_message=" ".join(str(message).split()) if message is not None
        else "SHACL constraint not satisfied.",
        subclass_axioms=tuple(load_ontology().triples((None, RDFS.subClassOf, None))),
        in_lists=tuple(in_lists),
    )


def _reification_violations(graph: Graph, checks: _PythonChecks) -> list[Violation]:
    """Statements whose fact is not asserted, and facts without a statement."""
    violations: list[Violation] = []
    reified: set[tuple[Node, Node, Node]] = set()
    for statement in set(graph.subjects(RDF.type, RDF.Statement)):
        subjects = set(graph.objects(statement, RDF.subject))
        predicates = set(graph.objects(statement, RDF.predicate))
        objects = set(graph.objects(statement, RDF.object))
        for triple in itertools.product(subjects, predicates, objects):
            reified.add(triple)
            if triple not in graph:
                focus, value = _term(statement), _term(triple[2])
                violations.append(
                    Violation(focus, "", checks.statement_message, "Violation", value)
                )
    for predicate in checks.fact_properties:
        for subject, obj in graph.subject_objects(predicate):
            if (subject, predicate, obj) not in reified:
                focus, path, value = _term(subject), _term(predicate), _term(obj)
                violations.append(Violation(focus, path, checks.fact_message, "Violation", value))
    return violations


def _entity_class_violations(graph: Graph, checks: _PythonChecks) -> list[Violation]:
    """kgsh:Entity's qualified count: an entity has exactly one of the entity classes.

    pyshacl builds the constraint's 29-class ``sh:in`` list anew for every entity it checks,
    which made it a third of the validation time."""
    violations: list[Violation] = []
    entities = {node for cls in checks.entity_classes for node in graph.subjects(RDF.type, cls)}
    for entity in entities:
        classes = sum(1 for cls in graph.objects(entity, RDF.type)
                      if cls in checks.entity_classes)
        if classes != 1:
            violations.append(Violation(_term(entity), str(RDF.type),
                                        checks.entity_class_message, "Violation"))
    return violations


def _in_list_violations(graph: Graph, checks: _PythonChecks) -> list[Violation]:
    """The property shapes' ``sh:in``: pyshacl rebuilds the list for every focus node (the
    statement shape's list of some 80 properties, once per statement)."""
    violations: list[Violation] = []
    for targets, path, allowed, message in checks.in_lists:
        classes = {sub for cls in targets
                   for sub in graph.transitive_subjects(RDFS.subClassOf, cls)}
        focus = {node for cls in classes for node in graph.subjects(RDF.type, cls)}
        for node in focus:
            for value in graph.objects(node, path):
                if value not in allowed:
                    violations.append(Violation(_term(node), str(path), message, "Violation",
                                                _term(value)))
    return violations


def validate(graph: Graph, *, owned: bool = False) -> ValidationReport:
    """Validate ``graph`` against the kg shapes.

    ``conforms`` is False as soon as one result has severity Violation. Violations are sorted
    (focus node, path, message, value) and deduplicated so that reports are deterministic.

    The graph is left untouched unless ``owned`` is true: the caller hands over a graph it
    will throw away, and the ontology's class hierarchy is added to it in place (pyshacl's
    ``sh:class`` follows ``rdfs:subClassOf`` in the data graph) instead of to a copy.
    """
    from pyshacl import validate as shacl_validate  # heavy import, only when validating

    checks = _python_checks()
    if owned:
        data = graph
    else:
        data = Graph()
        data += graph
    data.addN((s, p, o, data) for s, p, o in checks.subclass_axioms)
    _conforms, results, _text = shacl_validate(
        data,
        shacl_graph=checks.core_shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
        advanced=False,
        inplace=True,
    )
    if not isinstance(results, Graph):  # pragma: no cover - pyshacl always returns a graph here
        raise TypeError("pyshacl returned no results graph")
    found = (set(_violations(results)) | set(_reification_violations(data, checks))
             | set(_entity_class_violations(data, checks))
             | set(_in_list_violations(data, checks)))
    violations = sorted(found, key=lambda v: (v.focus_node, v.path, v.message, v.value,
                                              v.severity))
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=tuple(violations),
    )
