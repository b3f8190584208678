"""The whole loop, as a library: articles -> rdflib Graph (and files on disk).

    >>> import kg
    >>> graph = kg.build_graph("examples/meta-llama-open-source.fr.txt")
    >>> graph = kg.build_graph(kg.document_from_text("Tim Cook, le PDG d'Apple, ..."))

Documents stream through the stages one at a time (read -> parse -> extract), and only the
resolved entities and facts are held in memory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef

from kg.errors import InputError, KgError, OutputError
from kg.model import Document, KnowledgeGraph
from kg.nlp import DEFAULT_MODEL
from kg.reader import OUTPUT_MARKER, SkippedInput

if TYPE_CHECKING:
    from kg.extract.llm import LlmSettings, LlmStats
    from kg.sources import RecordFields
    from kg.validate import ValidationReport
    from kg.workers import ExtractionCache

Source = str | Path | Document

GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"
STORE_FOLDER = "graph.oxigraph"
#: the files a build owns in its output folder (others are never touched)
OUTPUT_FILES = (GRAPH_FILE, HTML_FILE)
#: ... and everything it writes there (the store is a folder)
OUTPUT_ENTRIES = (GRAPH_FILE, HTML_FILE, STORE_FOLDER)
LOCK_FILE = ".kg-build.lock"
#: each article's extraction, kept between builds (see kg.workers.ExtractionCache)
CACHE_FOLDER = ".kg-cache"
STAGING_PREFIX = ".kg-build-"
#: the languages kg reads unless told otherwise
DEFAULT_LANGUAGES = ("fr",)


@dataclass(slots=True)
class BuildResult:
    """What a build made. A build into a folder keeps its graph in the folder's store (and
    graph.ttl): ``graph`` loads it into rdflib on first use only."""

    _graph: Graph | None
    knowledge: KnowledgeGraph
    documents: int
    validation: ValidationReport | None = None
    files: dict[str, Path] = field(default_factory=dict)
    #: inputs left out, and why
    skipped: list[SkippedInput] = field(default_factory=list)
    #: (file, the file it repeats): identical articles, built once
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: articles read from the build cache instead of being parsed
    cached: int = 0
    #: counts made while writing a folder's store (else computed from ``graph``)
    counts: tuple[Counter[str], Counter[str], int] | None = None
    #: the page shows only this many entities, the most connected (None: all of them)
    page_entities: int | None = None
    #: seconds by step of a build into a folder: "extract" (reading, parsing, extracting,
    #: resolving; the cache read included), then the merge's "rdf", "shacl", "store",
    #: "turtle", "html"
    seconds: dict[str, float] = field(default_factory=dict)
    #: what the language model's stage did (None: rules only)
    llm: LlmStats | None = None

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            from kg.export import load_graph

            self._graph = load_graph(self.files["turtle"])
        return self._graph

    def summary(self) -> dict[str, object]:
        """Counts for people: entities and facts by type, validation result, files."""
        if self.counts is not None:
            entities, facts, triples = self.counts
        else:
            from rdflib.namespace import RDF

            from kg.model import Attribute, EntityType, Relation
            from kg.vocab import KGO

            classes = {KGO[t.value]: t.value for t in EntityType}
            properties = {KGO[r.value]: r.value for r in (*Relation, *Attribute)}
            entities = Counter(classes[o] for o in self.graph.objects(None, RDF.type)
                               if isinstance(o, URIRef) and o in classes)
            facts = Counter(properties[p] for _, p, _ in self.graph
                            if isinstance(p, URIRef) and p in properties)
            triples = len(self.graph)
        report: dict[str, object] = {
            "documents": self.documents,
            "entities": dict(sorted(entities.items())),
            "facts": dict(sorted(facts.items())),
            "triples": triples,
        }
        if self.page_entities is not None:
            report["page_entities"] = self.page_entities
        if self.validation is not None:
            report["shacl"] = {
                "conforms": self.validation.conforms,
                "violations": len(self.validation.violations),
            }
        if self.files:
            report["files"] = {name: str(path) for name, path in self.files.items()}
        if self.skipped:
            report["skipped"] = [{"source": s.source, "reason": s.reason} for s in self.skipped]
        if self.cached:
            report["cached"] = self.cached
        if self.llm is not None:
            report["llm"] = self.llm.as_dict()
        if self.duplicates:
            report["duplicates"] = [{"source": a, "same_as": b} for a, b in self.duplicates]
        if self.seconds:
            report["seconds"] = {step: round(value, 2) for step, value in self.seconds.items()}
        return report


def iter_sources(sources: Iterable[Source]) -> Iterator[Document]:
    """Documents from paths (files or folders) and ready-made :class:`Document` objects; the
    first input that cannot be read raises :class:`InputError`."""
    for item in _inputs(sources):
        if isinstance(item, SkippedInput):
            raise InputError(f"{item.source}: {item.reason}")
        yield item


def _inputs(sources: Iterable[Source], exclude: Iterable[Path] = (),
            fields: RecordFields | None = None, timeout: float | None = None
            ) -> Iterator[Document | SkippedInput]:
    from kg.reader import iter_inputs

    paths: list[str | Path] = []
    for source in sources:
        if isinstance(source, Document):
            if paths:
                yield from iter_inputs(paths, exclude=exclude, fields=fields, timeout=timeout)
                paths = []
            yield source
        else:
            paths.append(source)
    if paths:
        yield from iter_inputs(paths, exclude=exclude, fields=fields, timeout=timeout)


@dataclass(slots=True)
class _Intake:
    """What the read stage let through, and what it left out."""

    skipped: list[SkippedInput] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    also_read_as: dict[str, list[str]] = field(default_factory=dict)
    #: the articles built (content hashes): what the cache keeps
    built: set[str] = field(default_factory=set)
    #: how many of them came from the cache, not parsed again
    cached: int = 0


def _admitted(items: Iterable[Document | SkippedInput], intake: _Intake, *, strict: bool,
              languages: Collection[str] | None) -> Iterator[Document]:
    first_source: dict[str, str] = {}
    for item in items:
        if isinstance(item, Document) and languages is not None and (
                item.language not in languages):
            item = SkippedInput(item.source, f"not in French (the text reads as "
                                             f"'{item.language}'); --any-language reads it")
        if isinstance(item, SkippedInput):
            if strict:
                raise InputError(f"{item.source}: {item.reason}")
            intake.skipped.append(item)
            continue
        if item.doc_id in first_source:
            # the same text under another name: built once, both names recorded
            intake.duplicates.append((item.source, first_source[item.doc_id]))
            intake.also_read_as.setdefault(item.doc_id, []).append(item.source)
            continue
        first_source[item.doc_id] = item.source
        yield item


def build_knowledge(
    sources: Iterable[Source],
    *,
    model: str = DEFAULT_MODEL,
    progress: Callable[..., Iterable[Any]] | None = None,
    strict: bool = True,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
    exclude: Iterable[Path] = (),
    intake: _Intake | None = None,
    cache: ExtractionCache | None = None,
    jobs: int = 1,
    dask: str | None = None,
    fields: RecordFields | None = None,
    timeout: float | None = None,
    extractor: str = "rules",
    llm: LlmSettings | None = None,
    llm_stats: LlmStats | None = None,
) -> tuple[KnowledgeGraph, int]:
    """Read, parse, extract and resolve: the typed graph before RDF.

    With ``strict`` the first input that cannot be read (or is not in one of ``languages``;
    ``None`` reads any) raises :class:`InputError`; without it, such inputs are recorded in
    ``intake`` and left out. Identical articles are built once. Articles ``cache`` holds are
    not parsed again; the others are parsed by ``jobs`` processes, or on the Dask scheduler
    at ``dask`` (see :mod:`kg.workers`). ``progress`` wraps the stream of extracted articles.
    ``extractor`` and ``llm``: see :func:`build`.
    """
    from kg.resolve import Resolver
    from kg.workers import Failure, extract_stream

    intake = intake if intake is not None else _Intake()
    documents = _admitted(_inputs(sources, exclude, fields, timeout), intake, strict=strict,
                          languages=languages)
    def count_cached(_document: Document) -> None:
        intake.cached += 1

    results: Iterable[Any] = extract_stream(documents, model=model, cache=cache, jobs=jobs,
                                            dask=dask, on_cached=count_cached)
    reader = _llm_reader(extractor, llm, llm_stats, None)
    if reader is not None:
        results = reader.stream(results, keep_rules=extractor != "llm")
    if progress is not None:
        results = progress(results, desc="extract")
    resolver = Resolver()
    count = 0
    for extraction in results:
        if isinstance(extraction, Failure):
            if strict:
                raise KgError(f"{extraction.document.source}: {extraction.reason}")
            intake.skipped.append(SkippedInput(extraction.document.source, extraction.reason))
            continue
        resolver.add(extraction)
        intake.built.add(extraction.document.doc_id)
        count += 1
    if count == 0:
        _nothing_read(intake)
    knowledge = resolver.result()
    knowledge.also_read_as = {k: list(v) for k, v in intake.also_read_as.items()}
    return knowledge, count


def build_graph(*sources: Source, min_confidence: float = 0.0, open_relations: bool = True,
                model: str = DEFAULT_MODEL) -> Graph:
    """Build the RDF graph of the given articles (paths, folders or Documents)."""
    return build(sources, min_confidence=min_confidence, open_relations=open_relations,
                 validate=False, model=model).graph


def build(
    sources: Iterable[Source],
    output_dir: str | Path | None = None,
    *,
    min_confidence: float = 0.0,
    open_relations: bool = True,
    validate: bool = True,
    html: bool = True,
    model: str = DEFAULT_MODEL,
    progress: Callable[..., Iterable[Any]] | None = None,
    strict: bool = True,
    languages: Collection[str] | None = DEFAULT_LANGUAGES,
    cache: bool = True,
    jobs: int = 1,
    dask: str | None = None,
    fields: RecordFields | None = None,
    timeout: float | None = None,
    lang: str = "fr",
    extractor: str = "rules",
    llm: LlmSettings | None = None,
    llm_stats: LlmStats | None = None,
) -> BuildResult:
    """Build the graph and, with ``output_dir``, write ``graph.ttl`` and ``graph.html`` there.

    The output folder is checked and locked before any article is read (another build into
    it fails at once). Nothing is written unless the build succeeds; then the graph and its
    page replace the old ones together (the page of an earlier build is removed when
    ``html`` is off). ``strict=False`` leaves out inputs that cannot be read and reports them
    in ``BuildResult.skipped``; ``languages`` (``None``: any) are those read. With an
    ``output_dir`` and ``cache``, each article's extraction is kept in
    ``OUTPUT/.kg-cache``, so that a rebuild parses only new or changed articles (entries of
    articles no longer built are removed). ``jobs`` worker processes (or a Dask scheduler
    address, ``dask``) parse and extract; ``fields`` and ``timeout`` are for JSON Lines/CSV
    records and web pages (:func:`kg.reader.iter_inputs`). ``progress`` is a tqdm-like
    callable, ``progress(iterable, desc=...)`` (``tqdm`` itself will do): it wraps the
    articles as they are extracted, then as their facts are written into the graph.
    With ``open_relations=False`` the open relations (``kgo:relatedTo``) are left out.
    ``lang`` is the language of the page (``"fr"`` or ``"en"``).

    ``extractor`` is ``"rules"`` (kg's own reading, the default), ``"llm"`` (facts from the
    language model that ``llm`` describes, grounded in kg's mentions; no rule facts or dates)
    or ``"rules+llm"`` (both, merged): see :mod:`kg.extract.llm`. With an ``output_dir`` and
    ``cache``, the model's answers are kept in ``OUTPUT/.kg-cache/llm`` (unless
    ``llm.cache_dir`` says where). ``llm_stats`` (else a new one, in ``BuildResult.llm``)
    counts requests, cache hits, facts kept and dropped as the build goes.
    """
    from kg.extract import EXTRACTORS
    from kg.rdf import to_rdf

    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError("min_confidence must be between 0 and 1")
    llm_stats = _check_extractor(extractor, llm, llm_stats)
    sources = list(sources)
    intake = _Intake()
    if output_dir is not None:
        return _build_folder(
            sources, Path(output_dir), intake, min_confidence=min_confidence,
            open_relations=open_relations, validate=validate, html=html, model=model,
            progress=progress, strict=strict, languages=languages, cache=cache, jobs=jobs,
            dask=dask, fields=fields, timeout=timeout, lang=lang, extractor=extractor,
            llm=llm, llm_stats=llm_stats)
    knowledge, count = build_knowledge(
        sources, model=model, progress=progress, strict=strict, languages=languages,
        intake=intake, jobs=jobs, dask=dask, fields=fields, timeout=timeout,
        extractor=extractor, llm=llm, llm_stats=llm_stats)
    graph = to_rdf(knowledge, min_confidence=min_confidence, extractors=EXTRACTORS,
                   open_relations=open_relations)
    result = BuildResult(graph, knowledge=knowledge, documents=count, skipped=intake.skipped,
                         duplicates=intake.duplicates, cached=intake.cached, llm=llm_stats)
    if validate:
        from kg.validate import validate as shacl_validate

        result.validation = shacl_validate(graph)
    return result


def _build_folder(sources: list[Source], output_dir: Path, intake: _Intake, *,
                  min_confidence: float, open_relations: bool, validate: bool, html: bool,
                  model: str, progress: Callable[..., Iterable[Any]] | None,
                  strict: bool, languages: Collection[str] | None, cache: bool, jobs: int,
                  dask: str | None, fields: RecordFields | None, timeout: float | None,
                  lang: str = "fr", extractor: str = "rules", llm: LlmSettings | None = None,
                  llm_stats: LlmStats | None = None) -> BuildResult:
    """A build into a folder: extractions streamed to the build cache, the entity table in
    memory, the graph merged article by article into the folder's store (kg.merge)."""
    from kg.merge import merge
    from kg.resolve import Resolver
    from kg.workers import ExtractionCache, Failure, extract_stream

    with OutputFolder(output_dir, sources) as target:
        scratch = None
        if cache:
            store = ExtractionCache(target.path / CACHE_FOLDER, model)
        else:
            scratch = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.path))
            store = ExtractionCache(scratch, model)
        # the model's facts join each article's extraction after the build cache, which keeps
        # kg's own reading only: they go to a store of this build's, read by the merge
        reader = _llm_reader(extractor, llm, llm_stats,
                             target.path / CACHE_FOLDER / "llm" if cache else None)
        read_back = store
        merged_scratch = None
        try:
            documents = _admitted(_inputs(sources, [target.path], fields, timeout), intake,
                                  strict=strict, languages=languages)

            def count_cached(_document: Document) -> None:
                intake.cached += 1

            results: Iterable[Any] = extract_stream(documents, model=model, cache=store,
                                                    jobs=jobs, dask=dask,
                                                    on_cached=count_cached)
            if reader is not None:
                merged_scratch = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.path))
                read_back = ExtractionCache(merged_scratch, model)
                results = _kept_in(reader.stream(results, keep_rules=extractor != "llm"),
                                   read_back)
            if progress is not None:
                results = progress(results, desc="extract")
            resolver = Resolver(keep_facts=False)
            order: list[tuple[str, str]] = []
            started = time.perf_counter()
            for extraction in results:
                if isinstance(extraction, Failure):
                    if strict:
                        raise KgError(f"{extraction.document.source}: {extraction.reason}")
                    intake.skipped.append(SkippedInput(extraction.document.source,
                                                       extraction.reason))
                    continue
                resolver.add(extraction)
                intake.built.add(extraction.document.doc_id)
                order.append((extraction.document.doc_id, extraction.document.source))
            if not order:
                _nothing_read(intake)
            resolver.graph.also_read_as = {k: list(v) for k, v in intake.also_read_as.items()}
            first = resolver.graph.documents[0]
            title = (f"kg — {first.title or first.source}" if len(order) == 1
                     else f"kg — {len(order)} articles")
            extract_seconds = time.perf_counter() - started
            staging = target.stage()
            merged = merge(order, resolver, read_back, staging, min_confidence=min_confidence,
                           open_relations=open_relations, validate=validate, html=html,
                           title=title, progress=progress, jobs=jobs, lang=lang)
            produced = [GRAPH_FILE, STORE_FOLDER] + ([HTML_FILE] if html else [])
            files = target.commit(staging, produced)
            if cache:
                store.prune(intake.built)
        finally:
            for folder in (scratch, merged_scratch):
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
    result = BuildResult(None, knowledge=resolver.graph, documents=len(order),
                         validation=merged.validation, files=files, skipped=intake.skipped,
                         duplicates=intake.duplicates, cached=intake.cached,
                         counts=(merged.entities, merged.facts, merged.triples),
                         page_entities=merged.page_entities,
                         seconds={"extract": extract_seconds, **merged.seconds}, llm=llm_stats)
    return result


def _check_extractor(extractor: str, llm: LlmSettings | None, stats: LlmStats | None
                     ) -> LlmStats | None:
    """The counts of the model's stage (None for rules only); a wrong choice raises
    ValueError."""
    from kg.extract.llm import EXTRACTOR_MODES, LlmStats

    if extractor not in EXTRACTOR_MODES:
        raise ValueError(f"extractor must be one of {', '.join(EXTRACTOR_MODES)} "
                         f"(got {extractor!r})")
    if extractor == "rules":
        return None
    if llm is None:
        raise ValueError(f"extractor {extractor!r} needs the model's settings (llm=)")
    return stats if stats is not None else LlmStats()


def _llm_reader(extractor: str, llm: LlmSettings | None, stats: LlmStats | None,
                cache_dir: Path | None) -> Any:
    """The model's stage (:class:`kg.extract.llm.LlmExtractor`), or None for rules only."""
    stats = _check_extractor(extractor, llm, stats)
    if stats is None or llm is None:
        return None
    import dataclasses

    from kg.extract.llm import LlmExtractor

    if llm.cache_dir is None and cache_dir is not None:
        llm = dataclasses.replace(llm, cache_dir=cache_dir)
    return LlmExtractor(llm, stats)


def _kept_in(results: Iterable[Any], store: ExtractionCache) -> Iterator[Any]:
    """``results``, each extraction written to ``store`` on its way."""
    from kg.workers import Failure

    for result in results:
        if not isinstance(result, Failure):
            store.put(result)
        yield result


def _nothing_read(intake: _Intake) -> None:
    if len(intake.skipped) == 1:
        only = intake.skipped[0]
        raise InputError(f"{only.source}: {only.reason}")
    if intake.skipped:
        raise InputError(f"no article could be read ({len(intake.skipped)} inputs "
                         f"skipped; the first: {intake.skipped[0].source}: "
                         f"{intake.skipped[0].reason})")
    raise InputError("no article to read")


def write_outputs(graph: Graph, output_dir: Path, *, html: bool = True, title: str = "kg",
                  lang: str = "fr") -> dict[str, Path]:
    """Write ``graph.ttl`` (and ``graph.html``, in ``lang``) into ``output_dir``, as one set."""
    with OutputFolder(output_dir) as target:
        return target.write(graph, html=html, title=title, lang=lang)


class OutputFolder:
    """A build's output folder, checked and locked before the work starts.

    On entry: the folder is created if needed and must be a writable folder, not one of the
    inputs; its lock is taken (a second build into it fails at once rather than overwrite
    it); staging folders a killed build left behind are removed. :meth:`write` then stages
    every file and moves the set into place, restoring the old files if a move fails.
    """

    def __init__(self, path: Path, inputs: Iterable[Source] = ()) -> None:
        self.path = path
        self._inputs = [Path(i) for i in inputs if isinstance(i, str | Path)]
        self._lock: int | None = None
        self._created = False
        self._staging: list[Path] = []

    def __enter__(self) -> OutputFolder:
        path = self.path
        shown = str(path)
        if path.exists() and not path.is_dir():
            raise OutputError(f"{shown}: exists and is not a folder (-o takes a folder)")
        for given in self._inputs:
            with contextlib.suppress(OSError):
                if given.is_dir() and given.resolve() == path.resolve():
                    raise OutputError(f"{shown}: is an input folder; writing the graph "
                                      f"there would mix it with the articles (choose "
                                      f"another -o)")
                if given.is_file() and given.resolve().parent == path.resolve() and (
                        given.name in OUTPUT_FILES):
                    raise OutputError(f"{given}: is an input and a file this build "
                                      f"would replace")
        self._created = not path.exists()
        try:
            path.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OutputError(f"{shown}: a part of this path is a file, not a folder") from None
        except NotADirectoryError:
            raise OutputError(f"{shown}: a part of this path is a file, not a folder") from None
        except OSError as error:
            raise OutputError(f"{shown}: cannot create the folder "
                              f"({error.strerror or error})") from None
        for name in OUTPUT_FILES:
            existing = path / name
            if existing.is_dir():
                raise OutputError(f"{existing}: is a folder; kg would write its {name} there")
        if not os.access(path, os.W_OK | os.X_OK):
            raise OutputError(f"{shown}: not writable")
        self._lock = _take_lock(path)
        for stale in path.glob(STAGING_PREFIX + "*"):
            # a build killed while writing; we hold the lock, so no build is using it
            shutil.rmtree(stale, ignore_errors=True)
        marker = path / OUTPUT_MARKER
        if not marker.exists():
            try:
                marker.write_text("This folder holds a graph kg wrote; kg never reads it "
                                  "as input.\n", encoding="utf-8")
            except OSError as error:
                raise OutputError(f"{shown}: not writable ({error.strerror or error})") from None
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        for staging in self._staging:
            shutil.rmtree(staging, ignore_errors=True)
        if kind is not None and self._created and not any(
                (self.path / name).exists() for name in OUTPUT_ENTRIES):
            # the build failed before writing: leave no folder behind it
            shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
            self._lock = None

    def stage(self) -> Path:
        """A new staging folder inside the output folder (removed on exit)."""
        try:
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.path))
        except OSError as error:
            raise OutputError(f"{self.path}: not writable ({error.strerror or error})") from None
        self._staging.append(staging)
        return staging

    def commit(self, staging: Path, produced: list[str]) -> dict[str, Path]:
        """Move what ``staging`` holds into place, as one change (see :func:`_swap_in`)."""
        _swap_in(staging, self.path, produced)
        names = {GRAPH_FILE: "turtle", HTML_FILE: "html", STORE_FOLDER: "store"}
        return {names[name]: self.path / name for name in produced}

    def write(self, graph: Graph, *, html: bool = True, title: str = "kg", lang: str = "fr"
              ) -> dict[str, Path]:
        from kg.export import turtle_bytes

        path = self.path
        try:
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=path))
        except OSError as error:
            raise OutputError(f"{path}: not writable ({error.strerror or error})") from None
        try:
            try:
                (staging / GRAPH_FILE).write_bytes(turtle_bytes(graph))
                if html:
                    from kg.view import write_html

                    write_html(graph, staging / HTML_FILE, title=title, lang=lang)
            except OSError as error:
                raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
            produced = [GRAPH_FILE, HTML_FILE] if html else [GRAPH_FILE]
            _swap_in(staging, path, produced)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        names = {GRAPH_FILE: "turtle", HTML_FILE: "html"}
        return {names[name]: path / name for name in produced}


def _take_lock(folder: Path) -> int:
    import fcntl

    try:
        handle = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputError(f"{folder}: not writable ({error.strerror or error})") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        raise OutputError(f"{folder}: another kg build is writing there; wait for it or "
                          f"choose another -o") from None
    return handle


def _swap_in(staging: Path, folder: Path, produced: list[str]) -> None:
    """Move the staged files into ``folder`` and remove the build files not produced this
    time, as one change: the old files are set aside first and put back on failure."""
    backup = staging / ".previous"
    backup.mkdir()
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for name in OUTPUT_ENTRIES:
            if (folder / name).exists():
                (folder / name).replace(backup / name)
                moved_out.append(name)
        for name in produced:
            (staging / name).replace(folder / name)
            moved_in.append(name)
    except OSError as error:
        for name in moved_in:
            with contextlib.suppress(OSError):
                if (folder / name).is_dir():
                    shutil.rmtree(folder / name)
                else:
                    (folder / name).unlink()
        for name in moved_out:
            with contextlib.suppress(OSError):
                (backup / name).replace(folder / name)
        raise OutputError(f"{folder}: cannot write ({error.strerror or error}); the previous "
                          f"graph is kept") from None
