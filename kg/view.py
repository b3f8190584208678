"""The interactive graph: ``graph.html``, a single self-contained page opened from disk.

``to_networkx`` reads the RDF kg writes (``docs/rdf-model.md``) into a ``networkx.MultiDiGraph``:
one node per entity, one node per article, one edge per plain fact triple carrying its evidence,
and one ``mentions`` edge from each article to each entity it mentions.

``write_html`` turns that graph into a page: the node and edge lists are built with pyvis, the
positions with networkx, and vis-network (shipped inside the pyvis package) is inlined so the page
makes no request at all. All data is embedded as JSON (with ``<``, ``>`` and ``&`` escaped) and
the page builds its DOM with ``textContent`` only, so hostile labels from articles stay text.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import hashlib
import html
import json
import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import networkx as nx
import pyvis
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS
from rdflib.term import Node as RDFNode

from kg.vocab import KGO, WD

__all__ = ["PHYSICS_MAX_NODES", "layout", "render_html", "to_networkx", "write_html"]

#: Above this many nodes the page gets positions computed in Python and no physics.
PHYSICS_MAX_NODES = 1000

_KGO_NS = str(KGO._NS)
_NON_ENTITY_CLASSES = {KGO.NewsArticle, KGO.Mention, KGO.Extractor}
# Depth in the class hierarchy: an entity typed with several classes keeps the most specific.
_CLASS_DEPTH = {KGO.Company: 1, KGO.Software: 1, KGO.AIModel: 2}
_NOT_FACTS = {RDF.type, OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch, RDFS.seeAlso}
_NOT_FACTS_OR_NAMES = _NOT_FACTS | {RDFS.label, SKOS.altLabel}
_SAME_AS = (OWL.sameAs, SKOS.exactMatch)
_ARTICLE = KGO.NewsArticle
_MENTIONS = KGO.mentions
_WD = str(WD)
_QID = re.compile(r"[QPL][1-9][0-9]*")

_CLASS_COLOURS = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "Company": "#1f5fa0",
    "Product": "#59a14f",
    "Software": "#2f8f5b",
    "AIModel": "#8cd17d",
    "Project": "#f28e2b",
    "Event": "#b07aa1",
    "Strategy": "#edc948",
    "Place": "#9c755f",
    "NewsArticle": "#a0a0a0",
}
_EXTRA_COLOURS = ["#76b7b2", "#ff9da7", "#bab0ac", "#d37295", "#499894", "#86bcb6", "#f1ce63"]
_ARTICLE_COLOUR = _CLASS_COLOURS["NewsArticle"]


# --------------------------------------------------------------------------- labels


def _local_name(iri: str) -> str:
    for sep in ("#", "/", ":"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1] or iri
            break
    return unquote(iri)


def _split_camel(name: str) -> str:
    """``headquarteredIn`` -> ``headquartered in``; ``AIModel`` -> ``AI model``."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[^A-Za-z0-9]+", name)
    out = [w if (w.isupper() and len(w) > 1) else w.lower() for w in words if w.strip("_- ")]
    return " ".join(out) or name


def _pick_label(values: Iterable[Literal], lang: str) -> str | None:
    """The label in ``lang``, else English, else French, else untagged, else any."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for v in values:
        by_lang[(v.language or "").lower()].append(str(v))
    for want in (lang.lower(), "en", "fr", ""):
        if by_lang.get(want):
            return sorted(by_lang[want])[0]
    for key in sorted(by_lang):
        return sorted(by_lang[key])[0]
    return None


@functools.lru_cache(maxsize=4)
def _ontology_labels_cached(path: str, mtime: float, lang: str) -> dict[str, str]:
    del mtime  # only part of the cache key: a rewritten ontology is read again
    onto = Graph()
    try:
        onto.parse(path, format="turtle")
    except Exception:  # the ontology is optional here: fall back to local names
        return {}
    labels: dict[str, list[Literal]] = defaultdict(list)
    for s, o in onto.subject_objects(RDFS.label):
        if isinstance(s, URIRef) and isinstance(o, Literal):
            labels[str(s)].append(o)
    return {s: lbl for s, vals in labels.items() if (lbl := _pick_label(vals, lang))}


def _ontology_labels(lang: str) -> dict[str, str]:
    path = Path(__file__).resolve().parent / "ontology" / "kg.ttl"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {}
    return _ontology_labels_cached(str(path), mtime, lang)


class _Labels:
    """Labels of ontology terms: from the graph itself, then ``ontology/kg.ttl``, then the name."""

    def __init__(self, graph: Graph, lang: str) -> None:
        self._lang = lang
        self._onto = _ontology_labels(lang)
        self._graph = graph
        self._cache: dict[str, str] = {}

    def __call__(self, term: RDFNode) -> str:
        key = str(term)
        if key not in self._cache:
            own = [o for o in self._graph.objects(term, RDFS.label) if isinstance(o, Literal)]
            label = _pick_label(own, self._lang) or self._onto.get(key)
            self._cache[key] = label or _split_camel(_local_name(key))
        return self._cache[key]


# --------------------------------------------------------------------------- RDF -> networkx


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building hundreds of thousands of small dicts and tuples triggers the cyclic garbage
    collector over and over for nothing: pause it (a third less time at 20 000 nodes)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _num(value: object) -> float | None:
    if not isinstance(value, Literal):
        return None
    try:
        v = value.toPython()
        f = float(v) if isinstance(v, (int, float, Decimal, str)) else None
    except (TypeError, ValueError, ArithmeticError):
        return None
    return f if f is not None and math.isfinite(f) else None


def _int(value: object) -> int | None:
    f = _num(value)
    return int(f) if f is not None and f == int(f) else None


def _rel_span(
    mention: object, sentence_start: int | None, starts: dict[Any, Any], ends: dict[Any, Any]
) -> tuple[int, int] | None:
    if mention is None or sentence_start is None:
        return None
    start, end = _int(starts.get(mention)), _int(ends.get(mention))
    if start is None or end is None or end < start:
        return None
    return (start - sentence_start, end - sentence_start)


def to_networkx(
    graph: Graph, *, include_articles: bool = True, lang: str = "en"
) -> nx.MultiDiGraph:
    """The entities, articles and facts of ``graph`` as a ``MultiDiGraph`` keyed by IRI.

    Entity nodes: ``iri``, ``label``, ``cls`` (local name of the kgo class), ``alt_labels``,
    ``fact_count`` (facts the entity takes part in), ``wikidata`` (IRI or ``None``),
    ``attributes`` (``[(property label, value)]`` for dates and periods).
    Article nodes (``cls`` ``"NewsArticle"``): ``label`` is the title; ``source_file``;
    ``fact_count`` is the number of facts the article gives evidence for.
    Edges, keyed by predicate IRI: ``predicate``, ``label``, ``kind`` (``"fact"``, ``"open"``
    for an open relation, labelled with its predicate's words, or
    ``"mentions"``), ``confidence`` (the highest of the evidence, ``None`` without evidence) and
    ``evidence``, a list of dicts: ``text``, ``article``, ``article_title``, ``source_file``,
    ``date``, ``confidence``, ``extractor``, ``extractor_iri``, ``subject_mention`` and
    ``object_mention`` (``(start, end)`` relative to the sentence, or ``None``).
    """
    with _gc_paused():
        return _to_networkx(graph, include_articles=include_articles, lang=lang)


def _to_networkx(graph: Graph, *, include_articles: bool, lang: str) -> nx.MultiDiGraph:
    label_of = _Labels(graph, lang)

    # classes: entities are things typed with a kgo class other than article/mention/extractor
    classes: dict[URIRef, URIRef] = {}
    articles: set[URIRef] = set()
    for s, o in graph.subject_objects(RDF.type):
        if not isinstance(s, URIRef) or not isinstance(o, URIRef) or not o.startswith(_KGO_NS):
            continue
        if o == _ARTICLE:
            articles.add(s)
        elif o not in _NON_ENTITY_CLASSES:
            old = classes.get(s)
            if old is None or (-_CLASS_DEPTH.get(o, 0), str(o)) < (
                -_CLASS_DEPTH.get(old, 0),
                str(old),
            ):
                classes[s] = o  # the deepest class; between equals, the first IRI
    entities = set(classes)

    def literals(pred: URIRef) -> dict[Any, list[Literal]]:
        out: dict[Any, list[Literal]] = defaultdict(list)
        for s, o in graph.subject_objects(pred):
            if isinstance(o, Literal):
                out[s].append(o)
        return out

    def single(pred: URIRef) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for s, o in graph.subject_objects(pred):
            if s not in out or str(o) < str(out[s]):
                out[s] = o
        return out

    labels = literals(RDFS.label)
    titles = literals(DCTERMS.title)
    source_files = single(KGO.sourceFile)

    def article_title(doc: Any) -> str:
        return (
            _pick_label(titles.get(doc, []), lang)
            or (str(source_files[doc]) if doc in source_files else None)
            or _local_name(str(doc))
        )

    g = nx.MultiDiGraph()
    for ent in sorted(entities):
        cls = classes[ent]
        wd = sorted(
            str(o)
            for p in _SAME_AS
            for o in graph.objects(ent, p)
            if isinstance(o, URIRef) and o.startswith(_WD)
        )
        g.add_node(
            str(ent),
            iri=str(ent),
            label=_pick_label(labels.get(ent, []), lang) or _local_name(str(ent)),
            cls=_local_name(str(cls)),
            cls_label=label_of(cls),
            alt_labels=sorted({str(v) for v in graph.objects(ent, SKOS.altLabel)}),
            fact_count=0,
            wikidata=wd[0] if wd else None,
            attributes=[],
        )

    # plain fact triples and literal attributes of the entities
    facts: list[tuple[URIRef, RDFNode, URIRef]] = []
    for ent in sorted(entities):
        attrs = g.nodes[str(ent)]["attributes"]
        for p, o in graph.predicate_objects(ent):
            if p in _NOT_FACTS_OR_NAMES:
                continue
            if isinstance(o, URIRef) and o in entities:
                facts.append((ent, p, o))
            elif isinstance(o, Literal) and str(p).startswith(_KGO_NS):
                attrs.append((label_of(p), str(o)))
        attrs.sort()

    # evidence: the rdf:Statement reifications
    subj, pred, obj = single(RDF.subject), single(RDF.predicate), single(RDF.object)
    derived, attributed = single(PROV.wasDerivedFrom), single(PROV.wasAttributedTo)
    confidence, text = single(KGO.confidence), single(KGO.evidenceText)
    starts, ends = single(KGO.startOffset), single(KGO.endOffset)
    smention, omention = single(KGO.subjectMention), single(KGO.objectMention)
    asserted_on = single(KGO.assertedOn)
    relation_text = single(KGO.relationText)
    evidence: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = defaultdict(list)
    facts_per_article: dict[Any, set[tuple[Any, Any, Any]]] = defaultdict(set)
    for st, s in subj.items():
        key = (s, pred.get(st), obj.get(st))
        doc = derived.get(st)
        extractor = attributed.get(st)
        sentence_start = _int(starts.get(st))
        evidence[key].append(
            {
                "text": str(text[st]) if st in text else "",
                "article": str(doc) if doc is not None else None,
                "article_title": article_title(doc) if doc is not None else None,
                "source_file": str(source_files[doc]) if doc in source_files else None,
                "date": str(asserted_on[st]) if st in asserted_on else None,
                "confidence": _num(confidence.get(st)),
                "extractor": label_of(extractor) if isinstance(extractor, URIRef) else None,
                "extractor_iri": str(extractor) if extractor is not None else None,
                "subject_mention": _rel_span(smention.get(st), sentence_start, starts, ends),
                "object_mention": _rel_span(omention.get(st), sentence_start, starts, ends),
                "relation_text": str(relation_text[st]) if st in relation_text else None,
            }
        )
        if doc is not None:
            facts_per_article[doc].add(key)

    for s, p, o in facts:
        evs = evidence.get((s, p, o), [])
        evs.sort(
            key=lambda e: (
                -(e["confidence"] if e["confidence"] is not None else -1.0),
                e["article"] or "",
                e["text"],
            )
        )
        confs = [e["confidence"] for e in evs if e["confidence"] is not None]
        open_relation = p == KGO.relatedTo
        words = [e["relation_text"] for e in evs if e["relation_text"]]
        g.add_edge(
            str(s),
            str(o),
            key=str(p),
            predicate=str(p),
            # an open relation shows the predicate's words it was read from
            label=(words[0] + (" …" if len(set(words)) > 1 else "")) if open_relation and words
            else label_of(p),
            kind="open" if open_relation else "fact",
            evidence=evs,
            confidence=max(confs) if confs else None,
        )
        g.nodes[str(s)]["fact_count"] += 1
        if s != o:
            g.nodes[str(o)]["fact_count"] += 1

    if include_articles:
        mentions_label = label_of(_MENTIONS)
        for doc in sorted(articles):
            g.add_node(
                str(doc),
                iri=str(doc),
                label=article_title(doc),
                cls="NewsArticle",
                cls_label=label_of(_ARTICLE),
                alt_labels=[],
                fact_count=len(facts_per_article.get(doc, ())),
                wikidata=None,
                attributes=[],
                source_file=str(source_files[doc]) if doc in source_files else None,
            )
            for ent in sorted(
                o for o in graph.objects(doc, _MENTIONS) if isinstance(o, URIRef) and o in entities
            ):
                g.add_edge(
                    str(doc),
                    str(ent),
                    key=str(_MENTIONS),
                    predicate=str(_MENTIONS),
                    label=mentions_label,
                    kind="mentions",
                    evidence=[],
                    confidence=None,
                )
    return g


# --------------------------------------------------------------------------- layout

_SPACING = 90.0  # pixels between neighbouring nodes in precomputed layouts
_SPRING_MAX = 300  # components up to this size get networkx's spring layout


def _circle(nodes: list[Hashable]) -> dict[Hashable, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    r = max(_SPACING / 2, len(nodes) * _SPACING / (2 * math.pi))
    step = 2 * math.pi / len(nodes)
    return {n: (r * math.cos(i * step), r * math.sin(i * step)) for i, n in enumerate(nodes)}


def _spring(und: nx.Graph, nodes: list[Hashable]) -> dict[Hashable, tuple[float, float]]:
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted((u, v) for u, v in und.subgraph(nodes).edges() if u != v))
    scale = _SPACING * math.sqrt(len(nodes)) * 0.9
    try:
        pos = nx.spring_layout(sub, seed=7, iterations=60, scale=scale)
    except ImportError:  # networkx layouts need numpy
        return _rings(und, nodes)
    return {n: (float(xy[0]), float(xy[1])) for n, xy in pos.items()}


def _rings(und: nx.Graph, nodes: list[Hashable]) -> dict[Hashable, tuple[float, float]]:
    """O(n + m) layout of a large component: breadth-first rings around its best-connected node,
    each ring ordered by the mean angle of its neighbours in the previous ring."""
    order = {n: i for i, n in enumerate(nodes)}
    root = min(nodes, key=lambda n: (-und.degree(n), order[n]))
    depth = {root: 0}
    levels: list[list[Hashable]] = [[root]]
    while True:
        nxt: list[Hashable] = []
        for n in levels[-1]:
            for m in sorted(und.adj[n], key=order.__getitem__):
                if m not in depth:
                    depth[m] = len(levels)
                    nxt.append(m)
        if not nxt:
            break
        levels.append(nxt)
    angle: dict[Hashable, float] = {root: 0.0}
    radius = [0.0]
    for d in range(1, len(levels)):
        radius.append(max(radius[-1] + 2 * _SPACING, len(levels[d]) * _SPACING / (2 * math.pi)))

    def spread(ring: list[Hashable]) -> None:
        step = 2 * math.pi / len(ring)
        for i, n in enumerate(ring):
            angle[n] = i * step

    def barycentre(ring: list[Hashable], ref_depth: int) -> None:
        keyed = []
        for i, n in enumerate(ring):
            sx = sy = 0.0
            for m in und.adj[n]:
                if depth.get(m) == ref_depth and m in angle:
                    sx += math.cos(angle[m])
                    sy += math.sin(angle[m])
            a = math.atan2(sy, sx) % (2 * math.pi) if (sx or sy) else angle.get(n, 0.0)
            keyed.append((a, i, n))
        keyed.sort()
        ring[:] = [n for _, _, n in keyed]
        spread(ring)

    for d in range(1, len(levels)):
        spread(levels[d])
        if d > 1:
            barycentre(levels[d], d - 1)
    for d in range(len(levels) - 2, 1, -1):  # one sweep back up
        barycentre(levels[d], d + 1)
    return {
        n: (radius[depth[n]] * math.cos(angle[n]), radius[depth[n]] * math.sin(angle[n]))
        for n in nodes
    }


_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _anchored(und: nx.Graph, nodes: list[Hashable]) -> dict[Hashable, tuple[float, float]]:
    """Layout of a large component in about O(n + m): networkx's spring layout for a backbone of
    the best-connected nodes (linked when they share neighbours), then every other node placed,
    in breadth-first order, on a sunflower disc around its best-connected placed neighbour."""
    order = {n: i for i, n in enumerate(nodes)}
    by_degree = sorted(nodes, key=lambda n: (-und.degree(n), order[n]))
    backbone = set(by_degree[:_SPRING_MAX])
    links: set[tuple[Hashable, Hashable]] = set()
    for u, v in und.subgraph(backbone).edges():
        links.add((u, v) if order[u] < order[v] else (v, u))
    for n in nodes:  # two backbone nodes sharing a neighbour are linked (first five only)
        if n in backbone:
            continue
        near = sorted((m for m in und.adj[n] if m in backbone), key=order.__getitem__)[:5]
        for i, u in enumerate(near):
            for v in near[i + 1 :]:
                links.add((u, v))
    skeleton = nx.Graph()
    skeleton.add_nodes_from(sorted(backbone, key=order.__getitem__))
    skeleton.add_edges_from(sorted(links, key=lambda e: (order[e[0]], order[e[1]])))
    base = _spring(skeleton, list(skeleton.nodes))
    # spread the backbone so that the whole component gets about _SPACING² per node
    extent = max((math.hypot(x, y) for x, y in base.values()), default=1.0) or 1.0
    factor = _SPACING * math.sqrt(len(nodes)) * 0.75 / extent
    pos = {n: (x * factor, y * factor) for n, (x, y) in base.items()}
    # breadth-first from the backbone: each node joins the disc of its best-connected neighbour
    satellites: dict[Hashable, list[Hashable]] = defaultdict(list)
    frontier = sorted(backbone, key=order.__getitem__)
    seen = set(backbone)
    while frontier:
        nxt: list[Hashable] = []
        for anchor in frontier:
            for m in sorted(und.adj[anchor], key=order.__getitem__):
                if m not in seen:
                    seen.add(m)
                    satellites[anchor].append(m)
                    nxt.append(m)
        # place this generation around its anchors before the next one is placed around it
        for anchor in frontier:
            ax, ay = pos[anchor]
            for i, m in enumerate(satellites.get(anchor, ())):
                r = _SPACING * 0.45 * math.sqrt(i + 2)
                pos[m] = (
                    ax + r * math.cos(i * _GOLDEN_ANGLE),
                    ay + r * math.sin(i * _GOLDEN_ANGLE),
                )
        frontier = nxt
    return pos


def layout(g: nx.MultiDiGraph) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels for every node: each connected component laid out on its own (spring
    layout when small, a spring-laid backbone with satellites when large), then the components
    packed in rows.
    Deterministic, and close to linear: 20 000 nodes take a few seconds at most."""
    und = nx.Graph()
    und.add_nodes_from(sorted(g.nodes, key=str))
    und.add_edges_from((u, v) for u, v in g.edges() if u != v)
    comps = [sorted(c, key=str) for c in nx.connected_components(und)]
    comps.sort(key=lambda c: (-len(c), str(c[0])))
    placed: list[tuple[float, dict[Hashable, tuple[float, float]]]] = []
    for comp in comps:
        if len(comp) <= 8:
            pos = _circle(comp)
        elif len(comp) <= _SPRING_MAX:
            pos = _spring(und, comp)
        else:
            pos = _anchored(und, comp)
        cx = sum(x for x, _ in pos.values()) / len(pos)
        cy = sum(y for _, y in pos.values()) / len(pos)
        pos = {n: (x - cx, y - cy) for n, (x, y) in pos.items()}
        r = max(math.hypot(x, y) for x, y in pos.values()) + _SPACING / 2
        placed.append((r, pos))
    # shelf packing: rows of components, left to right, under a width fitting the total area
    width = max([2 * r for r, _ in placed] + [math.sqrt(sum((2 * r) ** 2 for r, _ in placed))])
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for r, pos in placed:
        if x > 0 and x + 2 * r > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + r + px, 1), round(y + r + py, 1))
        x += 2 * r
        row_h = max(row_h, 2 * r)
    return out


# --------------------------------------------------------------------------- page data


def _class_colours(classes: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    extra = 0
    for cls in sorted(classes):
        if cls in _CLASS_COLOURS:
            out[cls] = _CLASS_COLOURS[cls]
        else:
            out[cls] = _EXTRA_COLOURS[extra % len(_EXTRA_COLOURS)]
            extra += 1
    return out


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _qid(iri: str | None) -> str | None:
    if not iri:
        return None
    local = iri[len(_WD) :] if iri.startswith(_WD) else ""
    return local if _QID.fullmatch(local) else None


def _page_data(g: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    order = sorted(g.nodes, key=lambda n: (g.nodes[n]["cls"] == "NewsArticle", str(n)))
    index = {n: i for i, n in enumerate(order)}
    n_nodes = len(order)
    # physics only when something can move: vis never reports stabilization otherwise
    physics = 0 < n_nodes <= PHYSICS_MAX_NODES and any(u != v for u, v in g.edges())
    pos = layout(g)
    colours = _class_colours({g.nodes[n]["cls"] for n in order})

    net = Network(directed=True, cdn_resources="in_line")
    net.force_atlas_2based(
        gravity=-90,
        central_gravity=0.008,
        spring_length=150,
        spring_strength=0.05,
        damping=0.5,
        overlap=0.5,
    )
    node_info: list[dict[str, Any]] = []
    for n in order:
        a = g.nodes[n]
        is_article = a["cls"] == "NewsArticle"
        size = 12.0 if is_article else min(45.0, 9.0 + 5.0 * math.sqrt(a["fact_count"]))
        x, y = pos[n]
        colour = colours[a["cls"]]
        vis_node = Node(
            index[n],
            "square" if is_article else "dot",
            label=_short(a["label"]),
            color={
                "background": colour,
                "border": "#555555" if is_article else colour,
                "highlight": {"background": colour, "border": "#111111"},
                "hover": {"background": colour, "border": "#111111"},
            },
            size=round(size, 1),
            x=x,
            y=y,
        ).options
        if physics and g.degree(n) == 0:
            vis_node["physics"] = False  # isolated nodes stay where the packing put them
        net.nodes.append(vis_node)  # pyvis' add_node is quadratic: fill its lists directly
        net.node_ids.append(index[n])
        net.node_map[index[n]] = vis_node
        node_info.append(
            {
                "iri": a["iri"],
                "label": a["label"],
                "cls": a["cls"],
                "alt": a["alt_labels"],
                "wd": _qid(a.get("wikidata")),
                "facts": a["fact_count"],
                "article": is_article,
                "source": a.get("source_file"),
                "attrs": [list(kv) for kv in a.get("attributes", [])],
            }
        )

    # parallel edges (either direction) get curves of growing roundness so they stay apart
    groups: dict[tuple[int, int], int] = defaultdict(int)
    edge_list = sorted(
        g.edges(keys=True, data=True), key=lambda e: (index[e[0]], index[e[1]], str(e[2]))
    )
    edge_info: list[dict[str, Any]] = []
    for eid, (u, v, _key, a) in enumerate(edge_list):
        f, t = index[u], index[v]
        pair = (min(f, t), max(f, t))
        k = groups[pair]
        groups[pair] += 1
        eopts: dict[str, Any] = {"id": eid, "label": a["label"]}
        if k:
            clockwise = (k % 2 == 1) == (f <= t)
            eopts["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(0.25 * ((k + 1) // 2), 2),
            }
        if a["kind"] == "mentions":
            # light and thin rather than dashed: dashed lines make vis-network's first drawing
            # of a 5 000-node graph take seconds longer
            eopts.update(color={"color": "#d4d4d4", "highlight": "#777777"}, width=0.6)
        elif a["kind"] == "open":
            # an open relation: dashed and grey, labelled with the predicate's words (they are
            # few next to typed facts and mentions, so the dashes cost little)
            conf = a["confidence"]
            eopts.update(dashes=True, color={"color": "#9a9a9a", "highlight": "#555555"},
                         width=round(1.0 + (conf if conf is not None else 0.0), 2),
                         font={"color": "#666666", "size": 11})
        else:
            conf = a["confidence"]
            eopts["width"] = round(1.0 + 2.0 * (conf if conf is not None else 0.0), 2)
        net.edges.append(Edge(f, t, directed=True, **eopts).options)
        edge_info.append(
            {
                "f": f,
                "t": t,
                "p": a["label"],
                "iri": a["predicate"],
                "kind": a["kind"],
                "conf": a["confidence"],
                "ev": [
                    {
                        "t": e["text"],
                        "a": e["article_title"],
                        "f": e["source_file"],
                        "d": e["date"],
                        "c": e["confidence"],
                        "x": e["extractor"],
                        "s": list(e["subject_mention"]) if e["subject_mention"] else None,
                        "o": list(e["object_mention"]) if e["object_mention"] else None,
                        "r": e["relation_text"],
                    }
                    for e in a["evidence"]
                ],
            }
        )

    vis_nodes, vis_edges, _heading, _h, _w, options_json = net.get_network_data()
    options = json.loads(options_json)
    options.pop("configure", None)
    big = n_nodes > PHYSICS_MAX_NODES
    physics_opts = options["physics"]
    physics_opts["enabled"] = physics
    physics_opts["stabilization"] = {
        "enabled": physics,
        "iterations": 300 if n_nodes <= 200 else 150,
        "updateInterval": 25,
        "fit": True,
    }
    options.update(
        autoResize=True,
        height="100%",
        width="100%",
        layout={"improvedLayout": False, "randomSeed": 7},
        nodes={
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "font": {"size": 14, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        edges={
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {
                "color": "#8a9aa6",
                "highlight": "#d62728",
                "hover": "#d62728",
                "inherit": False,
            },
            "font": {
                "size": 10,
                "align": "middle",
                "color": "#4a4a4a",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": {"enabled": False},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        interaction={
            "hover": True,
            "tooltipDelay": 200,
            "dragNodes": True,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
    )
    counts: dict[str, int] = defaultdict(int)
    cls_labels: dict[str, str] = {}
    for n in order:
        counts[g.nodes[n]["cls"]] += 1
        cls_labels[g.nodes[n]["cls"]] = g.nodes[n].get("cls_label") or g.nodes[n]["cls"]
    classes = [
        {"key": c, "label": cls_labels[c], "color": colours[c], "count": counts[c]}
        for c in sorted(counts, key=lambda c: (c == "NewsArticle", -counts[c], c))
    ]
    return {
        "title": title,
        "physics": physics,
        "classes": classes,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "info": {"nodes": node_info, "edges": edge_info},
        "options": options,
    }


# --------------------------------------------------------------------------- HTML


def _vis_js() -> str:
    """vis-network as shipped inside the installed pyvis package (newest version there)."""
    lib = Path(pyvis.__file__).resolve().parent / "lib"
    candidates = sorted(
        lib.glob("vis-*/vis-network.min.js"),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)],
    )
    if not candidates:
        raise FileNotFoundError(f"vis-network.min.js not found under {lib}")
    js = candidates[-1].read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def _json_for_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def render_html(data: dict[str, Any], title: str) -> str:
    """The page for ``_page_data`` output: one file, inline scripts allowed by hash only."""
    vis_js = _vis_js()
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(vis_js)} {_sha256(_APP_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n",
        _BODY,
        '<script type="application/json" id="kg-data">',
        _json_for_script(data),
        "</script>\n<script>",
        vis_js,
        "</script>\n<script>",
        _APP_JS,
        "</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def write_html(graph: Graph, path: Path, *, title: str = "kg", lang: str = "en") -> Path:
    """Write the interactive page for ``graph`` to ``path`` atomically; returns ``path``."""
    path = Path(path)
    with _gc_paused():
        page = render_html(_page_data(to_networkx(graph, lang=lang), title), title)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#222;background:#fafafa}
body{display:flex}
#kg-side{width:300px;flex:none;overflow:auto;padding:12px;border-right:1px solid #ddd;
background:#fff}
#kg-side h1{font-size:17px;margin:0 0 8px;overflow-wrap:anywhere}
#kg-main{position:relative;flex:1;min-width:0}
#kg-canvas{position:absolute;inset:0}
#kg-panel{width:380px;flex:none;overflow:auto;padding:12px;border-left:1px solid #ddd;
background:#fff}
#kg-panel[hidden]{display:none}
.sec{margin:14px 0 6px;font-weight:600;font-size:12px;text-transform:uppercase;color:#666}
#kg-search{width:100%;padding:6px 8px;border:1px solid #bbb;border-radius:4px;font:inherit}
#kg-results{list-style:none;margin:4px 0 0;padding:0;max-height:260px;overflow:auto}
#kg-results button,.linkish{display:block;width:100%;text-align:left;border:0;background:none;
padding:3px 6px;font:inherit;cursor:pointer;border-radius:3px;color:#124;overflow-wrap:anywhere}
#kg-results button:hover,.linkish:hover{background:#eef3f8}
.legend label{display:flex;align-items:center;gap:6px;padding:2px 0;cursor:pointer}
.sw{display:inline-block;width:12px;height:12px;border-radius:50%;flex:none}
.sw.sq{border-radius:1px;border:1px solid #555}
.cnt{color:#888;margin-left:auto}
#kg-conf{width:100%}
#kg-status{margin-top:14px;color:#666;font-size:12px}
#kg-tip{position:absolute;z-index:10;max-width:320px;padding:8px 10px;background:#fff;
border:1px solid #bbb;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.15);font-size:13px}
#kg-tip[hidden]{display:none}
.tt{font-weight:600;overflow-wrap:anywhere}
.muted{color:#666}
.ev{margin:10px 0;padding:8px;border:1px solid #e3e3e3;border-radius:4px;background:#fcfcfc}
.ev blockquote{margin:0 0 6px;overflow-wrap:anywhere}
mark.m1{background:#ffd6d6}mark.m2{background:#d3e7ff}mark.m3{background:#e6d3ff}
.kv{font-size:12px;color:#444;overflow-wrap:anywhere}
.fact{font-size:17px;margin:0 0 8px;overflow-wrap:anywhere}
.fact .p{color:#b22;font-weight:600}
#kg-close{float:right;border:0;background:none;font-size:18px;cursor:pointer}
.sw.dash{background:none;border-top:2px dashed #9a9a9a;height:0;align-self:center}
"""

_BODY = """<body>
<aside id="kg-side">
<h1 id="kg-title"></h1>
<input id="kg-search" type="search" placeholder="Find an entity…" autocomplete="off"
 aria-label="Find an entity">
<ul id="kg-results"></ul>
<div class="sec">Classes</div>
<div id="kg-legend" class="legend"></div>
<div class="sec">Minimum confidence: <span id="kg-conf-val">0.00</span></div>
<input id="kg-conf" type="range" min="0" max="1" step="0.05" value="0"
 aria-label="Minimum confidence">
<div class="sec">Open relations</div>
<label class="legend"><input id="kg-open" type="checkbox" checked>
 <span class="sw dash"></span> show open relations (dashed)</label>
<div class="sec">Articles</div>
<label class="legend"><input id="kg-articles" type="checkbox">
 <span class="sw sq" id="kg-art-sw"></span> show articles and their mentions</label>
<div id="kg-status">Loading…</div>
</aside>
<main id="kg-main"><div id="kg-canvas"></div><div id="kg-tip" hidden></div></main>
<aside id="kg-panel" hidden></aside>
"""

_APP_JS = r"""
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var NI = D.info.nodes, EI = D.info.edges;
  var byId = function (id) { return document.getElementById(id); };
  var api = { ready: false, readyMs: null, focused: null, data: D };
  window.kgView = api;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fmt(c) { return c === null || c === undefined ? "n/a" : Number(c).toFixed(2); }

  var classByKey = {};
  D.classes.forEach(function (c) { classByKey[c.key] = c; });
  function classLabel(key) { return classByKey[key] ? classByKey[key].label : key; }

  byId("kg-title").textContent = D.title;
  var nodes = new vis.DataSet(D.nodes);
  var edges = new vis.DataSet(D.edges);
  var container = byId("kg-canvas");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, D.options);
  api.network = network; api.nodes = nodes; api.edges = edges;

  // ------------------------------------------------------------------ readiness
  var status = byId("kg-status");
  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyMs = performance.now();
    document.body.setAttribute("data-ready", "1");
    applyFilters();
  }
  if (D.physics) {
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
    network.fit({ animation: false });
  }

  // ------------------------------------------------------------------ filters
  var state = { classes: {}, minConf: 0, articles: false, open: true };
  var nodeHidden = new Uint8Array(NI.length), edgeHidden = new Uint8Array(EI.length);
  var legend = byId("kg-legend"), boxes = {};
  var hasArticles = false;
  D.classes.forEach(function (c) {
    if (c.key === "NewsArticle") { hasArticles = true; return; }
    state.classes[c.key] = true;
    var lab = el("label"), box = el("input"), sw = el("span", "sw");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-cls", c.key);
    sw.style.background = c.color;
    box.addEventListener("change", function () {
      state.classes[c.key] = box.checked; applyFilters();
    });
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(el("span", "", c.label));
    lab.appendChild(el("span", "cnt", c.count));
    legend.appendChild(lab); boxes[c.key] = box;
  });
  var openBox = byId("kg-open");
  if (!EI.some(function (e) { return e.kind === "open"; })) openBox.disabled = true;
  openBox.addEventListener("change", function () {
    state.open = openBox.checked; applyFilters();
  });
  var artBox = byId("kg-articles");
  if (classByKey.NewsArticle) byId("kg-art-sw").style.background = classByKey.NewsArticle.color;
  if (!hasArticles) artBox.disabled = true;
  artBox.addEventListener("change", function () {
    state.articles = artBox.checked; applyFilters();
  });
  var conf = byId("kg-conf"), confVal = byId("kg-conf-val");
  var confTimer = null;
  function readConf() {
    state.minConf = Number(conf.value); confVal.textContent = fmt(state.minConf);
  }
  conf.addEventListener("input", function () {  // debounced: big graphs take a while to filter
    readConf();
    clearTimeout(confTimer); confTimer = setTimeout(applyFilters, NI.length > 2000 ? 250 : 30);
  });
  conf.addEventListener("change", function () {
    clearTimeout(confTimer); readConf(); applyFilters();
  });

  function applyFilters() {
    var nu = [], eu = [], i, h, shownN = 0, shownE = 0;
    for (i = 0; i < NI.length; i++) {
      h = NI[i].article ? !state.articles : !state.classes[NI[i].cls];
      if (h !== (nodeHidden[i] === 1)) { nodeHidden[i] = h ? 1 : 0; nu.push({ id: i, hidden: h }); }
      if (!h) shownN++;
    }
    for (i = 0; i < EI.length; i++) {
      var e = EI[i];
      h = nodeHidden[e.f] === 1 || nodeHidden[e.t] === 1;
      if (!h && e.kind !== "mentions") {
        h = e.conf === null ? state.minConf > 0 : e.conf < state.minConf - 1e-9;
      }
      if (!h && e.kind === "open" && !state.open) h = true;
      if (h !== (edgeHidden[i] === 1)) { edgeHidden[i] = h ? 1 : 0; eu.push({ id: i, hidden: h }); }
      if (!h) shownE++;
    }
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    status.textContent = shownN + " of " + NI.length + " nodes, " + shownE + " of " +
      EI.length + " edges shown";
  }
  api.applyFilters = applyFilters;
  api.visibleNodeCount = function () {
    var n = 0; for (var i = 0; i < nodeHidden.length; i++) if (!nodeHidden[i]) n++; return n;
  };

  // ------------------------------------------------------------------ tooltip
  var tip = byId("kg-tip"), tipTimer = null, overTip = false;
  function wikidataLink(qid) {
    var a = el("a", "", qid);
    a.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(qid);
    a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function placeTip(pointer) {
    var w = container.clientWidth, hgt = container.clientHeight;
    var x = Math.min(pointer.x + 14, Math.max(0, w - tip.offsetWidth - 4));
    var y = Math.min(pointer.y + 14, Math.max(0, hgt - tip.offsetHeight - 4));
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function showNodeTip(id, pointer) {
    var n = NI[id];
    clear(tip);
    tip.appendChild(el("div", "tt", n.label));
    tip.appendChild(el("div", "muted", classLabel(n.cls)));
    if (n.alt.length) {
      var more = n.alt.length > 8 ? " (+" + (n.alt.length - 8) + ")" : "";
      tip.appendChild(el("div", "", "Also: " + n.alt.slice(0, 8).join(", ") + more));
    }
    if (n.wd) {
      var d = el("div", "", "Wikidata: "); d.appendChild(wikidataLink(n.wd)); tip.appendChild(d);
    }
    tip.appendChild(el("div", "", (n.article ? "Facts evidenced: " : "Facts: ") + n.facts));
    tip.hidden = false;
    placeTip(pointer);
  }
  function showEdgeTip(id, pointer) {
    var e = EI[id];
    clear(tip);
    tip.appendChild(el("div", "tt", NI[e.f].label + " → " + e.p + " → " + NI[e.t].label));
    if (e.kind !== "mentions") {
      tip.appendChild(el("div", "muted", (e.kind === "open" ? "open relation, " : "") +
        "confidence " + fmt(e.conf) + ", " + e.ev.length +
        " evidence sentence" + (e.ev.length === 1 ? "" : "s") + " (click for details)"));
    }
    tip.hidden = false;
    placeTip(pointer);
  }
  function pointerOf(params, fallbackId) {
    if (params && params.pointer && params.pointer.DOM) return params.pointer.DOM;
    var p = network.getPosition(fallbackId);
    return network.canvasToDOM(p);
  }
  function hideTipSoon() {
    clearTimeout(tipTimer);
    tipTimer = setTimeout(function () { if (!overTip) tip.hidden = true; }, 250);
  }
  tip.addEventListener("mouseenter", function () { overTip = true; clearTimeout(tipTimer); });
  tip.addEventListener("mouseleave", function () { overTip = false; hideTipSoon(); });
  network.on("hoverNode", function (p) {
    clearTimeout(tipTimer);
    showNodeTip(p.node, pointerOf(p, p.node));
  });
  network.on("hoverEdge", function (p) {
    clearTimeout(tipTimer);
    if (p.pointer && p.pointer.DOM) showEdgeTip(p.edge, p.pointer.DOM);
  });
  network.on("blurNode", hideTipSoon);
  network.on("blurEdge", hideTipSoon);
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("zoom", function () { tip.hidden = true; });

  // ------------------------------------------------------------------ side panel
  var panel = byId("kg-panel");
  function openPanel() {
    clear(panel);
    var close = el("button", "", "×");
    close.id = "kg-close"; close.title = "Close"; close.type = "button";
    close.addEventListener("click", function () {
      panel.hidden = true; network.unselectAll(); resizeCanvas();
    });
    panel.appendChild(close);
    if (panel.hidden) { panel.hidden = false; resizeCanvas(); }
    return panel;
  }
  function resizeCanvas() { network.setSize("100%", "100%"); network.redraw(); }
  function kv(key, value) {
    var d = el("div", "kv");
    d.appendChild(el("b", "", key + ": "));
    if (value instanceof Node) d.appendChild(value);
    else d.appendChild(document.createTextNode(String(value)));
    return d;
  }
  function highlighted(text, spans) {
    // offsets are Unicode code points (Python str indices): index an array of code points
    var cps = Array.from(text), marks = new Uint8Array(cps.length), out = el("blockquote");
    spans.forEach(function (s) {
      var r = s[0];
      if (!r || r[0] < 0 || r[1] > cps.length || r[0] >= r[1]) return;
      for (var k = r[0]; k < r[1]; k++) marks[k] |= s[1];
    });
    var i = 0;
    while (i < cps.length) {
      var j = i;
      while (j < cps.length && marks[j] === marks[i]) j++;
      var chunk = cps.slice(i, j).join("");
      if (marks[i]) {
        var m = el("mark", "m" + marks[i], chunk);
        m.title = marks[i] === 1 ? "subject" : marks[i] === 2 ? "object" : "subject and object";
        out.appendChild(m);
      } else out.appendChild(document.createTextNode(chunk));
      i = j;
    }
    return out;
  }
  function factHeading(e) {
    var h = el("h2", "fact");
    h.appendChild(el("span", "", NI[e.f].label));
    h.appendChild(document.createTextNode(" → "));
    h.appendChild(el("span", "p", e.p));
    h.appendChild(document.createTextNode(" → "));
    h.appendChild(el("span", "", NI[e.t].label));
    return h;
  }
  function showEdge(id) {
    var e = EI[id], p = openPanel();
    p.setAttribute("data-edge", String(id));
    p.appendChild(factHeading(e));
    if (e.kind === "mentions") {
      p.appendChild(el("div", "muted", "The article mentions this entity."));
      return;
    }
    p.appendChild(kv("Confidence (highest)", fmt(e.conf)));
    p.appendChild(kv("Property", e.iri));
    if (e.kind === "open") {
      p.appendChild(el("div", "muted", "An open relation: the sentence links the two, and no " +
        "property of the ontology names the link; the predicate's words say what it is."));
    }
    var plural = e.ev.length === 1 ? "" : "s";
    p.appendChild(el("div", "sec", e.ev.length + " evidence sentence" + plural));
    var key = el("div", "kv");
    key.appendChild(el("mark", "m1", "subject")); key.appendChild(document.createTextNode(" "));
    key.appendChild(el("mark", "m2", "object"));
    p.appendChild(key);
    e.ev.slice(0, 100).forEach(function (ev) {
      var box = el("div", "ev");
      box.appendChild(highlighted(ev.t, [[ev.s, 1], [ev.o, 2]]));
      if (ev.r) box.appendChild(kv("Predicate", ev.r));
      var art = ev.a || "unknown article";
      if (ev.f && ev.f !== ev.a) art += " (" + ev.f + ")";
      box.appendChild(kv("Article", art));
      if (ev.d) box.appendChild(kv("Date", ev.d));
      box.appendChild(kv("Confidence", fmt(ev.c)));
      box.appendChild(kv("Extractor", ev.x || "unknown"));
      p.appendChild(box);
    });
    if (e.ev.length > 100) {
      p.appendChild(el("div", "muted", "… and " + (e.ev.length - 100) + " more"));
    }
  }
  function showNode(id) {
    var n = NI[id], p = openPanel();
    p.setAttribute("data-node", String(id));
    p.appendChild(el("h2", "fact", n.label));
    p.appendChild(kv("Class", classLabel(n.cls)));
    p.appendChild(kv("IRI", n.iri));
    if (n.source) p.appendChild(kv("Source file", n.source));
    if (n.alt.length) p.appendChild(kv("Other names", n.alt.join(", ")));
    if (n.wd) p.appendChild(kv("Wikidata", wikidataLink(n.wd)));
    n.attrs.forEach(function (a) { p.appendChild(kv(a[0], a[1])); });
    p.appendChild(kv(n.article ? "Facts evidenced" : "Facts", n.facts));
    var conn = network.getConnectedEdges(id);
    if (conn.length) p.appendChild(el("div", "sec", "Edges"));
    conn.slice(0, 200).forEach(function (eid) {
      var e = EI[eid];
      var txt = e.f === id ? "→ " + e.p + " → " + NI[e.t].label
        : "← " + e.p + " ← " + NI[e.f].label;
      var b = el("button", "linkish", txt);
      b.type = "button";
      b.addEventListener("click", function () { network.selectEdges([eid]); showEdge(eid); });
      p.appendChild(b);
    });
    if (conn.length > 200) {
      p.appendChild(el("div", "muted", "… and " + (conn.length - 200) + " more"));
    }
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  api.showEdge = showEdge; api.showNode = showNode;

  // ------------------------------------------------------------------ search
  var search = byId("kg-search"), results = byId("kg-results"), index = null, searchTimer = null;
  function norm(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function find(q) {
    q = norm(q.trim());
    if (!q) return [];
    if (!index) index = NI.map(function (n) { return [norm(n.label)].concat(n.alt.map(norm)); });
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var best = 9;
      for (var k = 0; k < index[i].length; k++) {
        var s = index[i][k], r = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) > 0 ? 2 : 9;
        if (r < best) best = r + (k ? 0.5 : 0);
      }
      if (best < 9) hits.push([best, NI[i].label.length, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 20).map(function (h) { return h[2]; });
  }
  function focusNode(id) {
    var n = NI[id];
    if (nodeHidden[id]) {
      if (n.article) { state.articles = true; artBox.checked = true; }
      else if (boxes[n.cls]) { state.classes[n.cls] = true; boxes[n.cls].checked = true; }
      applyFilters();
    }
    showNode(id);
    network.selectNodes([id], false);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2),
      animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    api.focused = id;
  }
  function renderResults() {
    clear(results);
    find(search.value).forEach(function (i) {
      var li = el("li"), b = el("button", "", NI[i].label);
      b.type = "button";
      var facts = NI[i].facts + (NI[i].facts === 1 ? " fact" : " facts");
      var extra = el("span", "muted", " · " + classLabel(NI[i].cls) + " · " + facts);
      b.appendChild(extra);
      b.addEventListener("click", function () { focusNode(i); });
      li.appendChild(b); results.appendChild(li);
    });
  }
  search.addEventListener("input", function () {
    clearTimeout(searchTimer); searchTimer = setTimeout(renderResults, 120);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    ev.preventDefault();
    var hits = find(search.value);
    if (hits.length) focusNode(hits[0]);
    renderResults();
  });
  api.find = find; api.focusNode = focusNode;
})();
"""
