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
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph, URIRef

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


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(graph: Graph, *, include_articles: bool = False) -> nx.MultiDiGraph:
    """The viewer's graph (:func:`kg.view.to_networkx`) with flat attributes, for GraphML.

    Nodes: ``label``, ``class``, ``iri``, ``alt_labels`` (joined by "; "), ``facts``. Edges,
    keyed by predicate: ``predicate`` (local name, e.g. ``ceoOf``), ``label``, ``iri``,
    ``confidence`` (the best of the fact's statements, 0.0 if none) and ``evidence`` (their
    number). With ``include_articles``, articles are nodes (class ``NewsArticle``) with
    ``mentions`` edges. Nodes and edges are added in sorted order: the GraphML is stable.
    """
    from kg.view import to_networkx as viewer_graph

    rich = viewer_graph(graph, include_articles=include_articles)
    flat = nx.MultiDiGraph()
    for node in sorted(rich.nodes):
        data = rich.nodes[node]
        flat.add_node(
            node,
            label=str(data.get("label", "")),
            **{"class": str(data.get("cls", ""))},
            iri=str(data.get("iri", node)),
            alt_labels="; ".join(sorted(data.get("alt_labels") or [])),
            facts=int(data.get("fact_count") or 0),
        )
    edges = sorted(rich.edges(keys=True, data=True), key=lambda e: (e[0], str(e[2]), e[1]))
    for subject, obj, _key, data in edges:
        iri = str(data.get("predicate", ""))
        local = _local(URIRef(iri)) if iri else "mentions"
        evidence = data.get("evidence")
        flat.add_edge(
            subject,
            obj,
            key=local,
            predicate=local,
            label=local,
            iri=iri,
            confidence=float(data.get("confidence") or 0.0),
            evidence=len(evidence) if isinstance(evidence, list) else 0,
        )
    return flat


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
