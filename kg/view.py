"""The interactive graph: ``graph.html``, a single self-contained page opened from disk.

``to_networkx`` reads the RDF kg writes (``docs/rdf-model.md``) into a ``networkx.MultiDiGraph``:
one node per entity, one node per article, one edge per plain fact triple carrying its evidence,
and one ``mentions`` edge from each article to each entity it mentions.

``write_html`` turns that graph into a page that stays small and quick for an archive: it
carries at most :data:`PAGE_ENTITIES` entities (the most connected, or those around a focus),
the facts between them with at most :data:`PAGE_EVIDENCE` sentences each, and their articles;
it opens on an overview of :data:`OVERVIEW_ENTITIES` (positions from networkx), adds a node's
neighbours on click (:data:`EXPAND_STEP` at a time) and says when a neighbourhood is cut.
``write_html_from_store`` does the same from a pyoxigraph store, reading only what the page
carries. vis-network (shipped inside the pyvis package) is inlined so that the page opened from
disk makes no request at all; served by ``kg serve`` it asks ``/sparql`` (same origin) for what
it does not carry. Its words are French or English (``lang``; both are carried). All data is
embedded as JSON (with ``<``, ``>`` and ``&`` escaped) and the page builds its DOM with
``textContent`` only, and draws names on its canvas, so hostile labels from articles stay text.
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
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS
from rdflib.term import Node as RDFNode

from kg.vocab import KGD, KGO, WD

__all__ = [
    "EXPAND_STEP",
    "OVERVIEW_ENTITIES",
    "PAGE_ENTITIES",
    "layout",
    "render_html",
    "set_page_language",
    "to_networkx",
    "write_html",
    "write_html_from_store",
]

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
#: what a statement points to besides its triple: mentions, article, extractor
_LINKS = {str(KGO.subjectMention), str(KGO.objectMention), str(PROV.wasDerivedFrom),
          str(PROV.wasAttributedTo)}
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

#: entities the page carries at most (the most connected ones); the rest stay in the graph,
#: where ``kg serve`` fetches them from when the page asks
PAGE_ENTITIES = 1500
#: facts between those entities the page carries at most
PAGE_FACTS = 6000
#: evidence sentences carried per fact (the others are counted, and fetched by ``kg serve``)
PAGE_EVIDENCE = 3
#: articles the page carries at most (those giving evidence first)
PAGE_ARTICLES = 3000
#: (article, date) references kept per fact for the date and article filters
PAGE_REFS = 64
#: entities drawn when the page opens: the most connected, or one entity's neighbourhood
OVERVIEW_ENTITIES = 100
#: neighbours one click adds at most (a second click adds the next ones)
EXPAND_STEP = 40
LANGUAGES = ("fr", "en")


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


def _qid(iri: str | None) -> str | None:
    if not iri:
        return None
    local = iri[len(_WD) :] if iri.startswith(_WD) else ""
    return local if _QID.fullmatch(local) else None


def _ui_lang(lang: str) -> str:
    lang = (lang or "fr").lower().split("-")[0]
    if lang not in LANGUAGES:
        raise ValueError(f"unknown page language {lang!r} (choose from {', '.join(LANGUAGES)})")
    return lang


def _find_focus(g: nx.MultiDiGraph, focus: str) -> str | None:
    """The entity ``focus`` names: its IRI, or a label or other name (accents and case aside)."""
    if focus in g and g.nodes[focus]["cls"] != "NewsArticle":
        return focus

    def norm(s: str) -> str:
        import unicodedata

        s = unicodedata.normalize("NFD", s)
        return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()

    want = norm(focus)
    best: tuple[int, str] | None = None
    for n, a in g.nodes(data=True):
        if a["cls"] == "NewsArticle":
            continue
        names = [a["label"], *a["alt_labels"]]
        if any(norm(x) == want for x in names):
            key = (-int(a["fact_count"]), str(n))
            if best is None or key < (best[0], best[1]):
                best = (key[0], key[1])
    return best[1] if best else None


def _node_size(a: dict[str, Any], fmax: int) -> float:
    """A node's radius in the page (the same formula as the page's script): relative to the
    most connected entity the page carries."""
    if a["cls"] == "NewsArticle":
        return 12.0
    return min(40.0, 8.0 + 32.0 * math.sqrt((a["fact_count"] or 0) / fmax))


def _spread(
    pos: dict[Hashable, tuple[float, float]], sizes: dict[Hashable, float], rounds: int = 60
) -> dict[Hashable, tuple[float, float]]:
    """Nodes pushed apart until no two discs (plus room for a name) overlap: a spring layout
    puts the hubs of a dense overview on top of one another."""
    nodes = sorted(pos, key=str)
    xy = {n: [pos[n][0], pos[n][1]] for n in nodes}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx = xy[b][0] - xy[a][0]
                dy = xy[b][1] - xy[a][1]
                need = sizes[a] + sizes[b] + 60.0
                d2 = dx * dx + dy * dy
                if d2 >= need * need:
                    continue
                d = math.sqrt(d2) or 0.01
                if d2 == 0:
                    dx, dy = 1.0, 0.0
                push = (need - d) / 2 / d
                xy[a][0] -= dx * push
                xy[a][1] -= dy * push
                xy[b][0] += dx * push
                xy[b][1] += dy * push
                moved = True
        if not moved:
            break
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in xy.items()}


def _evidence(e: dict[str, Any], index: dict[Hashable, int]) -> dict[str, Any]:
    """One evidence sentence as the page carries it (an article it carries is named by its
    index, ``ai``; its title and file are the article's)."""
    ai = index.get(e["article"]) if e["article"] else None
    out = {
        "t": e["text"],
        "ai": ai,
        "d": e["date"],
        "c": e["confidence"],
        "x": e["extractor"],
        "s": list(e["subject_mention"]) if e["subject_mention"] else None,
        "o": list(e["object_mention"]) if e["object_mention"] else None,
        "r": e["relation_text"],
    }
    if ai is None:
        out["a"], out["f"] = e["article_title"], e["source_file"]
    return out


def _page_data(
    g: nx.MultiDiGraph,
    title: str,
    *,
    lang: str = "fr",
    focus: str | None = None,
    whole: dict[str, int] | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """What the page carries: at most :data:`PAGE_ENTITIES` entities (the most connected, those
    around ``focus`` first), the facts between them (at most :data:`PAGE_FACTS`, each with at
    most :data:`PAGE_EVIDENCE` sentences), the articles behind them, and the overview drawn first.

    Each entity's ``facts`` is its number of facts in the whole graph (``fact_count``): the page
    compares it with the facts it carries to say when a neighbourhood is cut."""
    lang = _ui_lang(lang)
    entities = [n for n, a in g.nodes(data=True) if a["cls"] != "NewsArticle"]
    rank_key = {n: (-int(g.nodes[n]["fact_count"]), g.degree(n) * -1, str(n)) for n in entities}
    entities.sort(key=rank_key.__getitem__)
    und = nx.Graph()
    und.add_edges_from(
        (u, v) for u, v, k in g.edges(data="kind") if k != "mentions" and u != v
    )
    focus_node = _find_focus(g, focus) if focus else None
    if focus is not None and focus_node is None:
        raise ValueError(f"no entity named {focus!r} in the graph")
    first: list[Hashable] = []
    if focus_node is not None:
        near = sorted(und.adj[focus_node], key=rank_key.__getitem__) if focus_node in und else []
        first = [focus_node, *near]
    seen: set[Hashable] = set()
    chosen: list[Hashable] = []
    for n in [*first, *entities]:
        if n not in seen and len(chosen) < (limit or PAGE_ENTITIES):
            seen.add(n)
            chosen.append(n)
    rank = {n: i for i, n in enumerate(chosen)}

    # facts between chosen entities: those of the best-ranked entities first
    facts = [
        (u, v, k, a)
        for u, v, k, a in g.edges(keys=True, data=True)
        if a["kind"] != "mentions" and u in rank and v in rank
    ]
    facts.sort(key=lambda e: (max(rank[e[0]], rank[e[1]]), rank[e[0]], rank[e[1]], str(e[2])))
    facts = facts[:PAGE_FACTS]

    # articles: those giving the carried evidence, then those mentioning many carried entities
    art_score: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _u, _v, _k, a in facts:
        for e in a["evidence"][:PAGE_EVIDENCE]:
            if e["article"] in g:
                art_score[e["article"]][0] += 1
    for u, v, k in g.edges(keys=True):
        if g.edges[u, v, k]["kind"] == "mentions" and v in rank:
            art_score[u][1] += 1
    arts = sorted(art_score, key=lambda d: (-art_score[d][0], -art_score[d][1], d))
    arts = arts[:PAGE_ARTICLES]

    if focus_node is not None:
        overview = first[: 1 + min(EXPAND_STEP * 2, OVERVIEW_ENTITIES - 1)]
    else:
        overview = chosen[:OVERVIEW_ENTITIES]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from(overview)
    in_overview = set(overview)
    sub.add_edges_from(
        (u, v) for u, v, _k, _a in facts if u in in_overview and v in in_overview
    )
    fmax = max([int(g.nodes[n]["fact_count"]) for n in chosen] + [1])
    sizes = {n: _node_size(g.nodes[n], fmax) for n in overview}
    pos = _spread(layout(sub), sizes) if overview else {}

    order = chosen + arts
    index = {n: i for i, n in enumerate(order)}
    classes = {g.nodes[n]["cls"] for n in order}
    colours = _class_colours(classes | set(_CLASS_COLOURS))
    onto = {code: _ontology_labels(code) for code in LANGUAGES}
    terms: dict[str, dict[str, str]] = {}

    def term(iri: str, fallback: str) -> None:
        if iri not in terms:
            terms[iri] = {code: onto[code].get(iri) or fallback for code in LANGUAGES}

    preds: list[str] = []
    pred_index: dict[str, int] = {}
    node_info: list[dict[str, Any]] = []
    for n in order:
        a = g.nodes[n]
        is_article = a["cls"] == "NewsArticle"
        info: dict[str, Any] = {
            "iri": a["iri"],
            "label": a["label"],
            "cls": a["cls"],
            "alt": a["alt_labels"][:20],
            "wd": _qid(a.get("wikidata")),
            "facts": a["fact_count"],
            "article": is_article,
            "attrs": [list(kv) for kv in a.get("attributes", [])],
        }
        if is_article:
            info["source"] = a.get("source_file")
            info["date"] = a.get("date")
        if n in pos:
            info["x"], info["y"] = pos[n]
        node_info.append(info)
        term(_KGO_NS + a["cls"], a.get("cls_label") or a["cls"])

    edge_info: list[dict[str, Any]] = []
    for u, v, _k, a in facts:
        evs = a["evidence"]
        refs: list[list[Any]] = []
        seen_refs: set[tuple[Any, Any]] = set()
        for e in evs:
            ref = (index.get(e["article"], -1) if e["article"] else -1, e["date"] or "")
            if ref not in seen_refs and len(refs) < PAGE_REFS:
                seen_refs.add(ref)
                refs.append(list(ref))
        if a["kind"] != "open":
            term(a["predicate"], a["label"])
        if a["predicate"] not in pred_index:
            pred_index[a["predicate"]] = len(preds)
            preds.append(a["predicate"])
        edge_info.append(
            {
                "f": index[u],
                "t": index[v],
                "p": a["label"] if a["kind"] == "open" else None,
                "pi": pred_index[a["predicate"]],
                "kind": a["kind"],
                "conf": a["confidence"],
                "nev": len(evs),
                "refs": refs,
                "ev": [_evidence(e, index) for e in evs[:PAGE_EVIDENCE]],
            }
        )
    # what each article mentions (the page makes the edges): a list of entities per article
    for n in arts:
        mentioned = sorted(index[v] for v in g.successors(n) if v in rank)
        node_info[index[n]]["m"] = mentioned
        if mentioned:
            term(str(_MENTIONS), g.edges[n, order[mentioned[0]], str(_MENTIONS)]["label"])

    counts: dict[str, int] = defaultdict(int)
    for n in order:
        counts[g.nodes[n]["cls"]] += 1
    class_list = [
        {"key": c, "color": colours[c], "count": counts[c]}
        for c in sorted(counts, key=lambda c: (c == "NewsArticle", -counts[c], c))
    ]
    dates = sorted(
        {d for i in node_info if (d := i.get("date"))}
        | {r[1] for e in edge_info for r in e["refs"] if r[1]}
    )
    total = {"entities": len(entities),
             "articles": sum(1 for _n, c in g.nodes(data="cls") if c == "NewsArticle")}
    total.update(whole or {})
    return {
        "title": title,
        "lang": lang,
        "ui": _UI,
        "terms": terms,
        "preds": preds,
        "fmax": fmax,
        "colours": colours,
        "classes": class_list,
        "overview": [index[n] for n in overview],
        "focus": index[focus_node] if focus_node is not None else None,
        "total": total,
        "limits": {"entities": limit or PAGE_ENTITIES, "facts": PAGE_FACTS,
                   "evidence": PAGE_EVIDENCE, "step": EXPAND_STEP},
        "dates": [dates[0], dates[-1]] if dates else None,
        "info": {"nodes": node_info, "edges": edge_info},
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


_LANG_META = re.compile(r'<meta name="kg-lang" content="[a-z]+">')
_HTML_LANG = re.compile(r'<html lang="[a-z]+">')


def set_page_language(page: str, lang: str) -> str:
    """``page`` (one kg wrote) speaking ``lang``: the page carries every language's words and
    reads which to use from a ``<meta>`` element, outside its scripts (their hashes stay)."""
    lang = _ui_lang(lang)
    page = _LANG_META.sub(f'<meta name="kg-lang" content="{lang}">', page, count=1)
    return _HTML_LANG.sub(f'<html lang="{lang}">', page, count=1)


def render_html(data: dict[str, Any], title: str) -> str:
    """The page for ``_page_data`` output: one file, inline scripts allowed by hash only.

    Opened from disk it makes no request at all; served by ``kg serve`` (http), it may ask the
    server's ``/sparql`` for neighbourhoods and evidence the page does not carry
    (``connect-src 'self'``: the same origin only)."""
    vis_js = _vis_js()
    lang = _ui_lang(str(data.get("lang") or "fr"))
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(vis_js)} {_sha256(_APP_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'"
    )
    words = _UI[lang]
    body = re.sub(r"\{(\w+)\}", lambda m: html.escape(words[m.group(1)], quote=True), _BODY)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f'<meta name="kg-lang" content="{lang}">\n',
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n",
        body,
        '<script type="application/json" id="kg-data">',
        _json_for_script(data),
        "</script>\n<script>",
        vis_js,
        "</script>\n<script>",
        _APP_JS,
        "</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _write_atomically(path: Path, page: str) -> Path:
    path = Path(path)
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


def _article_dates(graph: Graph, g: nx.MultiDiGraph) -> None:
    for doc, value in graph.subject_objects(DCTERMS.date):
        if str(doc) in g and g.nodes[str(doc)]["cls"] == "NewsArticle":
            g.nodes[str(doc)]["date"] = str(value)[:10]


def write_html(
    graph: Graph,
    path: Path,
    *,
    title: str = "kg",
    lang: str = "fr",
    focus: str | None = None,
    fact_counts: dict[str, int] | None = None,
    whole: dict[str, int] | None = None,
    limit: int | None = None,
) -> Path:
    """Write the interactive page for ``graph`` to ``path`` atomically; returns ``path``.

    ``lang`` is the page's language (``"fr"``, the default for kg's French news, or ``"en"``):
    its words and the labels of classes and properties. ``focus`` (an entity's IRI or name)
    opens the page on that entity's neighbourhood instead of the most connected entities.
    ``fact_counts`` gives entities' fact counts in a larger graph ``graph`` is a part of (the
    page then knows which neighbourhoods it cuts), ``whole`` that graph's entity and article
    counts. The page carries at most ``limit`` entities (default :data:`PAGE_ENTITIES`)."""
    lang = _ui_lang(lang)
    with _gc_paused():
        g = to_networkx(graph, lang=lang)
        _article_dates(graph, g)
        if fact_counts:
            for n, count in fact_counts.items():
                if n in g:
                    g.nodes[n]["fact_count"] = max(count, g.nodes[n]["fact_count"])
        page = render_html(
            _page_data(g, title, lang=lang, focus=focus, whole=whole, limit=limit), title
        )
    return _write_atomically(Path(path), page)


def write_html_from_store(
    store: Any,
    path: Path,
    *,
    title: str = "kg",
    lang: str = "fr",
    focus: str | None = None,
    limit: int | None = None,
) -> int:
    """The page for a graph in a pyoxigraph store, reading only what the page carries: the
    :data:`PAGE_ENTITIES` most connected entities (by facts), the facts and evidence between
    them, their articles (``limit`` entities instead; entities without such facts fill the
    page up to it). Returns the number of entities in the store: the page carries the
    smaller of the two."""
    import pyoxigraph as ox

    from kg.query import all_prefixes

    prefixes = all_prefixes()

    def select(query: str) -> Any:
        return store.query(query, prefixes=prefixes)

    counts_query = """
        SELECT ?e (COUNT(*) AS ?n) WHERE {
          { SELECT DISTINCT ?e ?p ?o WHERE {
              ?st a rdf:Statement ; rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o .
              FILTER(isIRI(?o)) } }
          UNION
          { SELECT DISTINCT ?e ?p ?o WHERE {
              ?st a rdf:Statement ; rdf:subject ?o ; rdf:predicate ?p ; rdf:object ?e .
              FILTER(isIRI(?e)) } }
        } GROUP BY ?e"""
    counts = {row["e"].value: int(row["n"].value) for row in select(counts_query)}
    entity_query = f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        ?e a ?c . FILTER(STRSTARTS(STR(?c), "{_KGO_NS}")
        && ?c NOT IN (kgo:NewsArticle, kgo:Mention, kgo:Extractor)) }}"""
    total = int(next(iter(select(entity_query)))["n"].value)
    chosen = sorted(counts, key=lambda e: (-counts[e], e))
    if focus:
        wanted = focus if focus.startswith("http") else None
        if wanted is not None:
            try:
                wanted = ox.NamedNode(wanted).value  # an IRI, not a piece of a query
            except ValueError:
                raise ValueError(f"not an IRI: {focus!r}") from None
        if wanted is None:
            literal = json.dumps(focus)
            rows = select(f"SELECT ?e WHERE {{ ?e rdfs:label|skos:altLabel ?l . "
                          f"FILTER(LCASE(STR(?l)) = LCASE({literal})) }}")
            found = sorted((r["e"].value for r in rows), key=lambda e: (-counts.get(e, 0), e))
            wanted = found[0] if found else None
        if wanted is None:
            raise ValueError(f"no entity named {focus!r} in the graph")
        rows = select(f"SELECT DISTINCT ?n WHERE {{ {{ <{wanted}> ?p ?n }} UNION "
                      f"{{ ?n ?p <{wanted}> }} FILTER(isIRI(?n)) }}")
        near = {r["n"].value for r in rows} & set(counts)
        chosen = [wanted, *sorted(near, key=lambda e: (-counts[e], e)),
                  *(e for e in chosen if e != wanted and e not in near)]
        focus = wanted
    limit = limit or PAGE_ENTITIES
    if len(chosen) < limit:  # entities with no fact between entities (only mentioned, dated)
        others = f"""SELECT DISTINCT ?e WHERE {{
            ?e a ?c . FILTER(STRSTARTS(STR(?c), "{_KGO_NS}")
            && ?c NOT IN (kgo:NewsArticle, kgo:Mention, kgo:Extractor)) }}"""
        seen = set(chosen)
        rest = sorted(row["e"].value for row in select(others) if row["e"].value not in seen)
        chosen += rest[:limit - len(chosen)]
    chosen = chosen[:limit]
    # pyoxigraph joins a long VALUES list slowly unless it comes first: each query starts from
    # up to CHUNK known nodes, and Python keeps what links carried entities
    carried = set(chosen)
    chunk = 1000
    parts: list[bytes] = []

    def construct(values: list[str], body: str) -> None:
        for start in range(0, len(values), chunk):
            nodes = " ".join(f"<{v}>" for v in values[start:start + chunk])
            result = select(f"CONSTRUCT {{ ?n ?p ?o }} WHERE {{ VALUES ?n {{ {nodes} }} {body} }}")
            parts.append(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b"")

    construct(chosen, "?n ?p ?o . FILTER(?p != kgo:mentions)")
    statements: list[str] = []
    for start in range(0, len(chosen), chunk):
        nodes = " ".join(f"<{v}>" for v in chosen[start:start + chunk])
        for row in select(f"SELECT ?st ?o WHERE {{ VALUES ?e {{ {nodes} }} "
                          "?st rdf:subject ?e ; rdf:object ?o . ?st a rdf:Statement }"):
            o = row["o"]
            if not isinstance(o, ox.NamedNode) or o.value in carried:
                statements.append(row["st"].value)
    statements = sorted(set(statements))
    linked: set[str] = set()
    for start in range(0, len(statements), chunk):
        nodes = " ".join(f"<{v}>" for v in statements[start:start + chunk])
        result = select(f"CONSTRUCT {{ ?n ?p ?o }} WHERE {{ VALUES ?n {{ {nodes} }} ?n ?p ?o }}")
        for triple in result:
            parts.append(f"{triple.subject} {triple.predicate} {triple.object} .\n".encode())
            if triple.predicate.value in _LINKS and isinstance(triple.object, ox.NamedNode):
                linked.add(triple.object.value)
    construct(sorted(linked), "?n ?p ?o . FILTER(?p != kgo:mentions)")
    documents = sorted(n for n in linked if n.startswith(str(KGD)))
    for start in range(0, len(documents), chunk):
        nodes = " ".join(f"<{v}>" for v in documents[start:start + chunk])
        for row in select(f"SELECT ?d ?e WHERE {{ VALUES ?d {{ {nodes} }} ?d kgo:mentions ?e }}"):
            if row["e"].value in carried:
                parts.append(f"{row['d']} <{_MENTIONS}> {row['e']} .\n".encode())
    graph = Graph()
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    data = b"".join(parts)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    articles = int(next(iter(select(
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a kgo:NewsArticle }")))["n"].value)
    write_html(graph, path, title=title, lang=lang, focus=focus, fact_counts=counts,
               whole={"entities": total, "articles": articles}, limit=limit)
    return total


# --------------------------------------------------------------------------- words

_UI: dict[str, dict[str, str]] = {
    "fr": {
        "find": "Chercher une entité…",
        "classes": "Classes",
        "min_conf": "Confiance minimale",
        "open_rel": "Relations ouvertes",
        "show_open": "montrer les relations ouvertes (tirets)",
        "articles": "Articles",
        "show_articles": "montrer les articles et leurs mentions",
        "dates": "Dates",
        "from": "du",
        "to": "au",
        "undated": "les faits sans date sont cachés quand une date est choisie",
        "by_article": "Filtrer par article…",
        "clear": "effacer",
        "loading": "Chargement…",
        "reset": "Revenir à la vue d’ensemble",
        "status": "{n} nœuds visibles sur {shown}, {e} liens ; la page contient {pn} des "
                  "{tn} entités du graphe",
        "status_small": "{n} nœuds visibles sur {shown}, {e} liens",
        "added": "{label} : {n} voisins ajoutés",
        "more": "{n} autres dans la page : cliquez encore pour les ajouter",
        "cut": "Voisinage coupé : la page contient {a} des {b} faits de cette entité "
               "(au plus {max} entités par page) ; kg serve ou kg query donnent les autres.",
        "fetching": "Voisins demandés au serveur…",
        "fetched": "{label} : {n} voisins reçus du serveur",
        "fetch_failed": "Le serveur n’a pas répondu : {err}",
        "ev_fetching": "Autres preuves demandées au serveur…",
        "ev_cut": "… et {n} autres (la page en garde {k} par fait ; kg serve les montre toutes)",
        "also": "Aussi",
        "facts": "Faits",
        "facts_evidenced": "Faits attestés",
        "fact_one": "fait",
        "fact_many": "faits",
        "confidence": "confiance",
        "conf_highest": "Confiance (la plus haute)",
        "property": "Propriété",
        "open_relation": "relation ouverte",
        "open_note": "Une relation ouverte : la phrase relie les deux, et aucune propriété de "
                     "l’ontologie ne nomme ce lien ; les mots du prédicat disent ce qu’il est.",
        "evidence_one": "{n} phrase de preuve",
        "evidence_many": "{n} phrases de preuve",
        "click_details": "cliquez pour le détail",
        "subject": "sujet",
        "object": "objet",
        "subject_object": "sujet et objet",
        "predicate": "Prédicat",
        "article": "Article",
        "unknown_article": "article inconnu",
        "date": "Date",
        "extractor": "Extracteur",
        "unknown": "inconnu",
        "mentions_note": "L’article mentionne cette entité.",
        "more_items": "… et {n} de plus",
        "class": "Classe",
        "source_file": "Fichier source",
        "other_names": "Autres noms",
        "edges": "Liens",
        "close": "Fermer",
        "expand": "Ajouter les voisins",
        "laying_out": "Mise en page…",
    },
    "en": {
        "find": "Find an entity…",
        "classes": "Classes",
        "min_conf": "Minimum confidence",
        "open_rel": "Open relations",
        "show_open": "show open relations (dashed)",
        "articles": "Articles",
        "show_articles": "show articles and their mentions",
        "dates": "Dates",
        "from": "from",
        "to": "to",
        "undated": "undated facts are hidden while a date is set",
        "by_article": "Filter by article…",
        "clear": "clear",
        "loading": "Loading…",
        "reset": "Back to the overview",
        "status": "{n} of {shown} nodes visible, {e} edges; the page holds {pn} of the "
                  "graph's {tn} entities",
        "status_small": "{n} of {shown} nodes visible, {e} edges",
        "added": "{label}: {n} neighbours added",
        "more": "{n} more in the page: click again to add them",
        "cut": "Neighbourhood cut: the page holds {a} of this entity's {b} facts (at most {max} "
               "entities per page); kg serve or kg query give the others.",
        "fetching": "Asking the server for the neighbours…",
        "fetched": "{label}: {n} neighbours from the server",
        "fetch_failed": "The server did not answer: {err}",
        "ev_fetching": "Asking the server for the other evidence…",
        "ev_cut": "… and {n} more (the page keeps {k} per fact; kg serve shows them all)",
        "also": "Also",
        "facts": "Facts",
        "facts_evidenced": "Facts evidenced",
        "fact_one": "fact",
        "fact_many": "facts",
        "confidence": "confidence",
        "conf_highest": "Confidence (highest)",
        "property": "Property",
        "open_relation": "open relation",
        "open_note": "An open relation: the sentence links the two, and no property of the "
                     "ontology names the link; the predicate's words say what it is.",
        "evidence_one": "{n} evidence sentence",
        "evidence_many": "{n} evidence sentences",
        "click_details": "click for details",
        "subject": "subject",
        "object": "object",
        "subject_object": "subject and object",
        "predicate": "Predicate",
        "article": "Article",
        "unknown_article": "unknown article",
        "date": "Date",
        "extractor": "Extractor",
        "unknown": "unknown",
        "mentions_note": "The article mentions this entity.",
        "more_items": "… and {n} more",
        "class": "Class",
        "source_file": "Source file",
        "other_names": "Other names",
        "edges": "Edges",
        "close": "Close",
        "expand": "Add the neighbours",
        "laying_out": "Laying out…",
    },
}


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
#kg-search,#kg-art-q{width:100%;padding:6px 8px;border:1px solid #bbb;border-radius:4px;
font:inherit}
#kg-results,#kg-art-results{list-style:none;margin:4px 0 0;padding:0;max-height:260px;
overflow:auto}
#kg-results button,#kg-art-results button,.linkish{display:block;width:100%;text-align:left;
border:0;background:none;padding:3px 6px;font:inherit;cursor:pointer;border-radius:3px;
color:#124;overflow-wrap:anywhere}
#kg-results button:hover,#kg-art-results button:hover,.linkish:hover{background:#eef3f8}
.legend label{display:flex;align-items:center;gap:6px;padding:2px 0;cursor:pointer}
.sw{display:inline-block;width:12px;height:12px;border-radius:50%;flex:none}
.sw.sq{border-radius:1px;border:1px solid #555}
.cnt{color:#888;margin-left:auto}
#kg-conf{width:100%}
.dates{display:flex;gap:6px;align-items:center;font-size:12px}
.dates input{flex:1;min-width:0;font:inherit;font-size:12px}
#kg-art-chip{margin-top:4px;padding:4px 6px;background:#eef3f8;border-radius:4px;font-size:12px;
overflow-wrap:anywhere}
#kg-art-chip[hidden]{display:none}
#kg-art-chip button,#kg-reset{border:1px solid #bbb;background:#fff;border-radius:3px;
font:inherit;font-size:12px;cursor:pointer;margin-left:4px}
#kg-reset{margin:8px 0 0}
#kg-status{margin-top:14px;color:#666;font-size:12px}
#kg-msg{margin-top:6px;color:#7a4b00;font-size:12px}
#kg-tip{position:absolute;z-index:10;max-width:320px;padding:8px 10px;background:#fff;
border:1px solid #bbb;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.15);font-size:13px}
#kg-tip[hidden]{display:none}
.tt{font-weight:600;overflow-wrap:anywhere}
.muted{color:#666}
.cut{color:#7a4b00;font-size:12px;margin:6px 0}
.ev{margin:10px 0;padding:8px;border:1px solid #e3e3e3;border-radius:4px;background:#fcfcfc}
.ev blockquote{margin:0 0 6px;overflow-wrap:anywhere}
mark.m1{background:#ffd6d6}mark.m2{background:#d3e7ff}mark.m3{background:#e6d3ff}
.kv{font-size:12px;color:#444;overflow-wrap:anywhere}
.fact{font-size:17px;margin:0 0 8px;overflow-wrap:anywhere}
.fact .p{color:#b22;font-weight:600}
#kg-close{float:right;border:0;background:none;font-size:18px;cursor:pointer}
.sw.dash{background:none;border-top:2px dashed #9a9a9a;height:0;align-self:center}
"""

# {key}: a word of _UI, in the page's language (the script puts them again for another one)
_BODY = """<body>
<aside id="kg-side">
<h1 id="kg-title"></h1>
<input id="kg-search" type="search" data-tp="find" placeholder="{find}" autocomplete="off"
 aria-label="{find}">
<ul id="kg-results"></ul>
<div class="sec" data-t="classes">{classes}</div>
<div id="kg-legend" class="legend"></div>
<div class="sec"><span data-t="min_conf">{min_conf}</span>: <span id="kg-conf-val">0.00</span></div>
<input id="kg-conf" type="range" min="0" max="1" step="0.05" value="0"
 aria-label="{min_conf}">
<div class="sec" data-t="dates">{dates}</div>
<div class="dates"><span data-t="from">{from}</span><input id="kg-from" type="date">
<span data-t="to">{to}</span><input id="kg-to" type="date"></div>
<div class="muted" style="font-size:11px" data-t="undated">{undated}</div>
<div class="sec" data-t="articles">{articles}</div>
<input id="kg-art-q" type="search" data-tp="by_article" placeholder="{by_article}"
 autocomplete="off" aria-label="{by_article}">
<ul id="kg-art-results"></ul>
<div id="kg-art-chip" hidden><span id="kg-art-name"></span><button id="kg-art-clear"
 type="button" data-t="clear">{clear}</button></div>
<label class="legend"><input id="kg-articles" type="checkbox">
 <span class="sw sq" id="kg-art-sw"></span> <span data-t="show_articles">{show_articles}</span>
</label>
<div class="sec" data-t="open_rel">{open_rel}</div>
<label class="legend"><input id="kg-open" type="checkbox" checked>
 <span class="sw dash"></span> <span data-t="show_open">{show_open}</span></label>
<div><button id="kg-reset" type="button" data-t="reset">{reset}</button></div>
<div id="kg-status" data-t="loading">{loading}</div>
<div id="kg-msg"></div>
</aside>
<main id="kg-main"><div id="kg-canvas"></div><div id="kg-tip" hidden></div></main>
<aside id="kg-panel" hidden></aside>
"""

#: the page's script (its own file, so that it reads as JavaScript)
_APP_JS = "\n" + (Path(__file__).resolve().parent / "view_app.js").read_text(encoding="utf-8")
