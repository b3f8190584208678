"""Merge stage of a build into a folder: every article's extraction -> one graph, in a
pyoxigraph store on disk, with memory that does not grow with the archive.

Two passes over the extractions (kept on disk by :class:`kg.workers.ExtractionCache`):

1. the entity table: labels, type votes and the articles mentioning each entity, no facts
   (:class:`kg.resolve.Resolver` with ``keep_facts=False``); then each entity's type is
   decided and lone surnames are merged;
2. article by article, its facts resolved against the table and written as RDF
   (:class:`kg.rdf.RdfWriter`) into a small rdflib graph; every batch of articles is checked
   against the SHACL shapes (with the nodes of the entities it uses) and loaded into the store.
   The entity nodes come last, in batches of their own.

The store then writes ``graph.ttl`` (sorted Turtle through rdflib for graphs up to
:data:`SORTED_TURTLE_LIMIT` triples, pyoxigraph's streaming writer above) and the page
(the whole graph, or its most connected entities when it is large).
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph

from kg.model import Document
from kg.pipeline import STORE_FOLDER
from kg.view import PAGE_ENTITIES

if TYPE_CHECKING:
    from kg.resolve import Resolver
    from kg.validate import ValidationReport, Violation
    from kg.workers import ExtractionCache

__all__ = ["MergeResult", "merge"]

#: articles per batch written, checked and loaded together
BATCH_ARTICLES = 100
#: up to this size graph.ttl is rdflib's sorted Turtle (easy to diff; about 60 articles);
#: above, pyoxigraph's streaming writer (rdflib's costs about 0.1 ms a triple)
SORTED_TURTLE_LIMIT = 20_000
#: up to kg.view.PAGE_ENTITIES entities the page carries the whole graph; above, the most
#: connected ones, read from the store without the rest (kg.view.write_html_from_store)


@dataclass(slots=True)
class MergeResult:
    triples: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    facts: Counter[str] = field(default_factory=Counter)
    validation: ValidationReport | None = None
    #: the page shows this many of the graph's entities (None: all)
    page_entities: int | None = None
    #: seconds spent in each step: "rdf" (resolving and writing), "shacl", "store" (loading
    #: and counting), "turtle", "html"
    seconds: dict[str, float] = field(default_factory=dict)


def merge(
    documents: list[tuple[str, str]],
    resolver: Resolver,
    cache: ExtractionCache,
    staging: Path,
    *,
    min_confidence: float,
    open_relations: bool,
    validate: bool,
    html: bool,
    title: str,
    progress: Callable[..., Iterable[Any]] | None = None,
    jobs: int = 1,
    lang: str = "fr",
) -> MergeResult:
    """Write the graph of ``documents`` ((doc_id, source) in input order, every extraction in
    ``cache``) into ``staging``: the store folder, graph.ttl and (with ``html``) graph.html.
    With ``jobs`` > 1 and more than one batch, the batches are checked against the shapes
    by that many worker processes while the next ones are written."""
    from kg.extract import EXTRACTORS
    from kg.rdf import RdfWriter, new_graph

    resolver.finish()
    knowledge = resolver.graph
    writer = RdfWriter(knowledge, min_confidence=min_confidence, open_relations=open_relations)
    # the checkers start before the store opens (they are forked: no store thread in them)
    checker = _Checker(jobs if validate and len(documents) > BATCH_ARTICLES else 1)
    try:
        return _merge(documents, resolver, cache, staging, writer, checker, validate=validate,
                      html=html, title=title, progress=progress, extractors=EXTRACTORS,
                      new_graph=new_graph, lang=lang)
    finally:
        checker.close()


def _merge(documents: list[tuple[str, str]], resolver: Resolver, cache: ExtractionCache,
           staging: Path, writer: Any, checker: _Checker, *, validate: bool, html: bool,
           title: str, progress: Callable[..., Iterable[Any]] | None,
           extractors: dict[str, str], new_graph: Callable[[], Graph], lang: str
           ) -> MergeResult:
    knowledge = resolver.graph
    store = ox.Store(str(staging / STORE_FOLDER))
    result = MergeResult()
    violations: set[Violation] = set()

    seconds = result.seconds
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[step] = seconds.get(step, 0.0) + now - clock
        clock = now

    def flush(batch: Graph, keys: set[str], documents: set[str]) -> None:
        lap("rdf")
        data = _load(store, batch, result)
        lap("store")
        if validate:
            context = _context(keys, writer, extractors, documents)
            if checker.pool is None:  # checked here: the graphs as they are, no parsing
                batch += context
                checker.check(batch)
            else:
                checker.check(data + context.serialize(format="nt", encoding="utf-8"))
            lap("shacl")

    batch = new_graph()
    keys: set[str] = set()
    documents_in_batch: set[str] = set()
    articles: Iterable[Any] = (documents if progress is None
                               else progress(documents, desc="write"))
    for n, (doc_id, source) in enumerate(articles, start=1):
        extraction = cache.get(doc_id)
        if extraction is None:  # pragma: no cover - the extract stage just wrote it
            raise RuntimeError(f"{source}: its extraction is missing from the build cache")
        document: Document = extraction.document
        if document.source != source:
            document = dataclasses.replace(document, source=source)
        writer.document(batch, document)
        facts, attributes = resolver.resolve(extraction)
        writer.facts(batch, facts, attributes)
        keys.update(resolver.key(m) for m in extraction.mentions)
        keys.update(f.subject for f in facts)
        keys.update(f.object for f in facts)
        keys.update(a.subject for a in attributes)
        documents_in_batch.add(document.doc_id)
        if n % BATCH_ARTICLES == 0:
            flush(batch, keys, documents_in_batch)
            batch, keys, documents_in_batch = new_graph(), set(), set()
    flush(batch, keys, documents_in_batch)
    # the entity nodes (every fact that uses them is written now), then the extractors
    batch = new_graph()
    for entity in knowledge.entities.values():
        writer.entity(batch, entity)
        if len(batch) >= 50_000:
            _load(store, batch, result)
            batch = new_graph()
    writer.extractors(batch, extractors)
    _load(store, batch, result)
    lap("store")
    if validate:
        _check_entities(knowledge.entities.values(), writer, checker)
        violations.update(checker.results())
        from kg.validate import ValidationReport

        ordered = sorted(violations, key=lambda v: (v.focus_node, v.path, v.message, v.value,
                                                    v.severity))
        result.validation = ValidationReport(
            conforms=not any(v.severity == "Violation" for v in ordered),
            violations=tuple(ordered))
        lap("shacl")
    store.flush()
    result.triples = len(store)
    _count(store, result)
    lap("store")
    _write_turtle(store, staging / "graph.ttl", result.triples)
    lap("turtle")
    if html:
        result.page_entities = _write_page(store, staging / "graph.html", title,
                                           sum(result.entities.values()), lang)
        lap("html")
    return result


def _load(store: ox.Store, batch: Graph, result: MergeResult) -> bytes:
    """Load ``batch`` into the store; returns it as N-Triples."""
    data = batch.serialize(format="nt", encoding="utf-8") if len(batch) else b""
    if data:
        # the staging store is this build's alone: bulk loading writes sorted files
        # directly (no transaction, no memtables), a fraction of the time and memory
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return data


def _count(store: ox.Store, result: MergeResult) -> None:
    """Entities by class and facts by property, as the store holds them."""
    from kg.model import Attribute, EntityType, Relation
    from kg.vocab import KGO

    classes = {str(KGO[t.value]): t.value for t in EntityType}
    properties = {str(KGO[r.value]): r.value for r in (*Relation, *Attribute)}
    for row in _select(store, "SELECT ?c (COUNT(?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c"):
        name = classes.get(row["c"].value)
        if name is not None:
            result.entities[name] = int(row["n"].value)
    for row in _select(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"):
        name = properties.get(row["p"].value)
        if name is not None:
            result.facts[name] = int(row["n"].value)


def _select(store: ox.Store, query: str, prefixes: dict[str, str] | None = None
            ) -> ox.QuerySolutions:
    results = store.query(query, prefixes=prefixes)
    assert isinstance(results, ox.QuerySolutions)
    return results


def _construct(store: ox.Store, query: str, prefixes: dict[str, str] | None = None
               ) -> ox.QueryTriples:
    results = store.query(query, prefixes=prefixes)
    assert isinstance(results, ox.QueryTriples)
    return results


def _context(keys: set[str], writer: Any, extractors: dict[str, str],
             documents: set[str]) -> Graph:
    """What a batch's shapes need besides the batch: the nodes of the entities it uses (with
    the ``kgo:mentions`` of the batch's ``documents`` only: a hub entity is mentioned by
    thousands of an archive's articles, and copying them all into every batch made the checks
    grow with the archive) and the extractors."""
    from kg.rdf import new_graph

    graph = new_graph()
    entities = writer.knowledge.entities
    for key in keys:
        if key in entities:
            writer.entity(graph, entities[key], documents)
    writer.extractors(graph, extractors)
    return graph


def _check_entities(entities: Iterable[object], writer: Any, checker: _Checker) -> None:
    """The shapes of entity nodes alone (their class, label, aliases), for every entity."""
    from kg.rdf import new_graph

    graph = new_graph()
    for entity in entities:
        writer.entity(graph, entity)
        if len(graph) >= 50_000:
            checker.check(graph)
            graph = new_graph()
    checker.check(graph)


def _violations_of(data: bytes | Graph) -> list[Violation]:
    """A graph, or N-Triples, checked against the shapes (in a checker process, or here).
    A graph is handed over: the check adds the class hierarchy to it."""
    from kg.validate import validate

    if isinstance(data, Graph):
        graph = data
    else:
        graph = Graph()
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
    return list(validate(graph, owned=True).violations)


class _Checker:
    """SHACL checks of the batches: here (``jobs`` 1), or by ``jobs`` forked processes
    while the build writes the next batches (at most two checks in flight per process)."""

    def __init__(self, jobs: int) -> None:
        from concurrent.futures import Future

        self.found: list[Violation] = []
        self.pending: list[Future[list[Violation]]] = []
        self.jobs = jobs
        self.pool: Any = None
        if jobs > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            import pyshacl  # noqa: F401  (imported once, before the fork)

            from kg.validate import _python_checks

            _python_checks()  # shapes and ontology parsed once, before the fork
            try:
                context: Any = multiprocessing.get_context("fork")
            except ValueError:  # pragma: no cover - no fork on this platform
                self.jobs = 1
                return
            self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
            # the pool forks its processes on demand: make them all now, while this process
            # runs no other thread (the store's come later)
            for started in [self.pool.submit(os.getpid) for _ in range(4 * jobs)]:
                started.result()

    def check(self, data: bytes | Graph) -> None:
        """Check N-Triples or a graph (handed over: it is changed)."""
        if not len(data):
            return
        if self.pool is None:
            self.found += _violations_of(data)
            return
        if isinstance(data, Graph):
            data = data.serialize(format="nt", encoding="utf-8")
        self.pending.append(self.pool.submit(_violations_of, data))
        while len(self.pending) > 2 * self.jobs:
            self.found += self.pending.pop(0).result()

    def results(self) -> list[Violation]:
        for future in self.pending:
            self.found += future.result()
        self.pending.clear()
        return self.found

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _write_turtle(store: ox.Store, path: Path, triples: int) -> None:
    from kg.query import all_prefixes

    if triples <= SORTED_TURTLE_LIMIT:
        from kg.export import turtle_bytes

        path.write_bytes(turtle_bytes(_rdflib(store)))
        return
    with path.open("wb") as stream:
        store.dump(stream, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                   prefixes=dict(sorted(all_prefixes().items())))


def _rdflib(store: ox.Store, query: str | None = None) -> Graph:
    from kg.rdf import new_graph

    graph = new_graph()
    if query is None:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    else:
        data = ox.serialize(_construct(store, query), format=ox.RdfFormat.N_TRIPLES)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _write_page(store: ox.Store, path: Path, title: str, entities: int, lang: str = "fr"
                ) -> int | None:
    """The page of the whole graph; of its most connected entities when it has more than
    :data:`PAGE_ENTITIES` (read from the store alone; the number carried is returned)."""
    from kg.view import write_html, write_html_from_store

    if entities <= PAGE_ENTITIES:
        write_html(_rdflib(store), path, title=title, lang=lang)
        return None
    heading = (f"{title} — les {PAGE_ENTITIES} entités les plus reliées sur {entities}"
               if lang == "fr" else
               f"{title} — the {PAGE_ENTITIES} most connected of {entities} entities")
    write_html_from_store(store, path, title=heading, lang=lang, limit=PAGE_ENTITIES)
    return PAGE_ENTITIES
