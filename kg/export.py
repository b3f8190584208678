"""Write a kg graph to files: Turtle, N-Triples, JSON-LD and GraphML (for Gephi).

Every writer is deterministic (the same graph gives the same bytes, whatever the order the
triples were added in or the hash seed) and atomic (a temporary file in the target directory,
then ``os.replace``: readers never see a half-written file). kg graphs have no blank nodes.
"""

from __future__ import annotations

import io
import json
import os
import secrets
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.query import all_prefixes

__all__ = [
    "atomic_write",
    "bind_prefixes",
    "graphml_bytes",
    "jsonld_bytes",
    "ntriples_bytes",
    "to_networkx",
    "turtle_bytes",
    "write_graphml",
    "write_jsonld",
    "write_ntriples",
    "write_turtle",
]

KGO = all_prefixes()["kgo"]
ENTITY_CLASSES = frozenset(
    URIRef(KGO + name)
    for name in [
        "Person",
        "Organization",
        "Company",
        "Product",
        "Software",
        "AIModel",
        "Project",
        "Event",
        "Strategy",
        "Place",
    ]
)
NEWS_ARTICLE = URIRef(KGO + "NewsArticle")
MENTIONS = URIRef(KGO + "mentions")
CONFIDENCE = URIRef(KGO + "confidence")


def atomic_write(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory + os.replace."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    # os.open applies the umask to 0o666, so the file gets the usual permissions.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def bind_prefixes(graph: Graph) -> Graph:
    """A copy of ``graph`` with exactly kg's prefixes bound (kg.vocab.PREFIXES + the usual)."""
    out = Graph(bind_namespaces="none")
    for prefix, namespace in sorted(all_prefixes().items()):
        out.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        out.add(triple)
    return out


def turtle_bytes(graph: Graph) -> bytes:
    """Sorted Turtle (rdflib sorts subjects, predicates and objects)."""
    return bind_prefixes(graph).serialize(format="turtle", encoding="utf-8")


def ntriples_bytes(graph: Graph) -> bytes:
    """N-Triples, one triple a line, lines sorted, no duplicates."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _sort_jsonld(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sort_jsonld(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sort_jsonld(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def jsonld_bytes(graph: Graph) -> bytes:
    """Compact JSON-LD with a @context of kg's prefixes; nodes and values sorted."""
    context = dict(sorted(all_prefixes().items()))
    text = bind_prefixes(graph).serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    if isinstance(document, dict):
        document = {
            key: (value if key == "@context" else _sort_jsonld(value))
            for key, value in document.items()
        }
    elif isinstance(document, list):
        document = _sort_jsonld(document)
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(
        "utf-8"
    )


def _label(graph: Graph, node: URIRef, *predicates: URIRef) -> str:
    for predicate in predicates:
        values = sorted(str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal))
        if values:
            return values[0]
    text = str(node)
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(graph: Graph, *, include_articles: bool = False) -> nx.MultiDiGraph:
    """Entities as nodes (``label``, ``class``, ``iri``), facts as edges keyed by predicate.

    Edges carry ``predicate`` (the local name, e.g. ``ceoOf``), ``label`` (the same),
    ``iri``, ``confidence`` (the best of the fact's reified statements, 0.0 if none) and
    ``evidence`` (their number). With ``include_articles``, articles are nodes too
    (class ``NewsArticle``, label = title) with ``mentions`` edges to the entities.
    Nodes and edges are added in sorted order, so the GraphML written from it is stable.
    """
    classes: dict[URIRef, URIRef] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if cls in ENTITY_CLASSES and isinstance(subject, URIRef):
            current = classes.get(subject)
            classes[subject] = cls if current is None else min(current, cls)

    best: dict[tuple[URIRef, URIRef, URIRef], float] = {}
    counts: dict[tuple[URIRef, URIRef, URIRef], int] = defaultdict(int)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        s = graph.value(statement, RDF.subject)
        p = graph.value(statement, RDF.predicate)
        o = graph.value(statement, RDF.object)
        if not (isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)):
            continue
        key = (s, p, o)
        counts[key] += 1
        for value in graph.objects(statement, CONFIDENCE):
            try:
                confidence = float(value)
            except (TypeError, ValueError):
                continue
            best[key] = max(best.get(key, confidence), confidence)

    g = nx.MultiDiGraph()
    for node in sorted(classes):
        g.add_node(
            str(node),
            label=_label(graph, node, RDFS.label),
            **{"class": _local(classes[node])},
            iri=str(node),
        )
    edges = sorted(
        (s, p, o)
        for s, p, o in graph
        if s in classes and o in classes and isinstance(p, URIRef) and str(p).startswith(KGO)
    )
    for s, p, o in edges:
        key = (s, p, o)
        g.add_edge(
            str(s),
            str(o),
            key=_local(p),
            predicate=_local(p),
            label=_local(p),
            iri=str(p),
            confidence=best.get(key, 0.0),
            evidence=counts.get(key, 0),
        )
    if include_articles:
        articles = sorted(
            a for a in graph.subjects(RDF.type, NEWS_ARTICLE) if isinstance(a, URIRef)
        )
        for article in articles:
            g.add_node(
                str(article),
                label=_label(graph, article, DCTERMS.title),
                **{"class": "NewsArticle"},
                iri=str(article),
            )
        for article in articles:
            for entity in sorted(e for e in graph.objects(article, MENTIONS) if e in classes):
                g.add_edge(
                    str(article),
                    str(entity),
                    key="mentions",
                    predicate="mentions",
                    label="mentions",
                    iri=str(MENTIONS),
                    confidence=1.0,
                    evidence=0,
                )
    return g


def graphml_bytes(graph: Graph, *, include_articles: bool = False) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml_xml(to_networkx(graph, include_articles=include_articles), buffer)
    return buffer.getvalue()


def write_turtle(graph: Graph, path: Path | str) -> None:
    """Sorted, deterministic Turtle with kg's prefixes."""
    atomic_write(path, turtle_bytes(graph))


def write_ntriples(graph: Graph, path: Path | str) -> None:
    """N-Triples with sorted lines."""
    atomic_write(path, ntriples_bytes(graph))


def write_jsonld(graph: Graph, path: Path | str) -> None:
    """JSON-LD with a @context of kg's prefixes."""
    atomic_write(path, jsonld_bytes(graph))


def write_graphml(graph: Graph, path: Path | str, *, include_articles: bool = False) -> None:
    """GraphML for Gephi: entities as nodes, facts as edges (see :func:`to_networkx`)."""
    atomic_write(path, graphml_bytes(graph, include_articles=include_articles))


FORMATS = {
    "turtle": (".ttl", write_turtle),
    "nt": (".nt", write_ntriples),
    "jsonld": (".jsonld", write_jsonld),
    "graphml": (".graphml", write_graphml),
}


def load_graph(path: Path | str) -> Graph:
    """Read a Turtle file kg (or anyone) wrote; a one-line KgError on any problem."""
    from kg.errors import KgError

    path = Path(path)
    if not path.is_file():
        raise KgError(f"{path}: no such file")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises several types for bad syntax
        message = " ".join(str(error).split())
        raise KgError(f"{path}: not readable as Turtle: {message}") from None
    return graph


def export(graph: Graph, path: Path | str, fmt: str) -> Path:
    """Write ``graph`` to ``path`` in ``fmt`` (turtle, nt, jsonld, graphml), atomically."""
    _suffix, writer = FORMATS[fmt]
    path = Path(path)
    writer(graph, path)
    return path
