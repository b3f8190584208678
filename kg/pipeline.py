"""The whole loop, as a library: articles -> rdflib Graph (and files on disk).

    >>> import kg
    >>> graph = kg.build_graph("examples/meta-llama-open-source.fr.txt")
    >>> graph = kg.build_graph(kg.document_from_text("Tim Cook, le PDG d'Apple, ..."))

Documents stream through the stages one at a time (read -> parse -> extract), and only the
resolved entities and facts are held in memory.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from kg.errors import InputError
from kg.model import Document, KnowledgeGraph
from kg.nlp import DEFAULT_MODEL

if TYPE_CHECKING:
    from kg.validate import ValidationReport

Source = str | Path | Document

GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"


@dataclass(slots=True)
class BuildResult:
    graph: Graph
    knowledge: KnowledgeGraph
    documents: int
    validation: ValidationReport | None = None
    files: dict[str, Path] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        """Counts for people: entities and facts by type, validation result, files."""
        from rdflib.namespace import RDF

        from kg.model import Attribute, EntityType, Relation
        from kg.vocab import KGO

        classes = {KGO[t.value]: t.value for t in EntityType}
        properties = {KGO[r.value]: r.value for r in (*Relation, *Attribute)}
        entities = Counter(classes[o] for o in self.graph.objects(None, RDF.type)
                           if isinstance(o, URIRef) and o in classes)
        facts = Counter(properties[p] for _, p, _ in self.graph
                        if isinstance(p, URIRef) and p in properties)
        report: dict[str, object] = {
            "documents": self.documents,
            "entities": dict(sorted(entities.items())),
            "facts": dict(sorted(facts.items())),
            "triples": len(self.graph),
        }
        if self.validation is not None:
            report["shacl"] = {
                "conforms": self.validation.conforms,
                "violations": len(self.validation.violations),
            }
        if self.files:
            report["files"] = {name: str(path) for name, path in self.files.items()}
        return report


def iter_sources(sources: Iterable[Source]) -> Iterator[Document]:
    """Documents from paths (files or folders) and ready-made :class:`Document` objects."""
    from kg.reader import iter_documents

    paths: list[str | Path] = []
    for source in sources:
        if isinstance(source, Document):
            if paths:
                yield from iter_documents(paths)
                paths = []
            yield source
        else:
            paths.append(source)
    if paths:
        yield from iter_documents(paths)


def build_knowledge(
    sources: Iterable[Source],
    *,
    model: str = DEFAULT_MODEL,
    progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
) -> tuple[KnowledgeGraph, int]:
    """Read, parse, extract and resolve: the typed graph before RDF."""
    from kg.extract import extract
    from kg.nlp import parse_all
    from kg.resolve import Resolver

    documents: Iterable[Document] = iter_sources(sources)
    if progress is not None:
        documents = progress(documents)
    resolver = Resolver()
    count = 0
    for parsed in parse_all(documents, model=model):
        resolver.add(extract(parsed))
        count += 1
    if count == 0:
        raise InputError("no article to read")
    return resolver.result(), count


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
    progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
) -> BuildResult:
    """Build the graph and, with ``output_dir``, write ``graph.ttl`` and ``graph.html`` there.

    Nothing is written unless every article was read: files are first written to a temporary
    folder beside ``output_dir`` and then moved into place, each by an atomic rename. With
    ``open_relations=False`` the open relations (``kgo:relatedTo``) are left out.
    """
    from kg.extract import EXTRACTORS
    from kg.rdf import to_rdf

    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError("min_confidence must be between 0 and 1")
    knowledge, count = build_knowledge(sources, model=model, progress=progress)
    graph = to_rdf(knowledge, min_confidence=min_confidence, extractors=EXTRACTORS,
                   open_relations=open_relations)
    result = BuildResult(graph=graph, knowledge=knowledge, documents=count)
    if validate:
        from kg.validate import validate as shacl_validate

        result.validation = shacl_validate(graph)
    if output_dir is not None:
        documents = knowledge.documents
        title = (f"kg — {documents[0].title or documents[0].source}" if len(documents) == 1
                 else f"kg — {len(documents)} articles")
        result.files = write_outputs(graph, Path(output_dir), html=html, title=title)
    return result


def write_outputs(graph: Graph, output_dir: Path, *, html: bool = True, title: str = "kg"
                  ) -> dict[str, Path]:
    from kg.export import turtle_bytes

    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=output_dir))
    try:
        (staging / GRAPH_FILE).write_bytes(turtle_bytes(graph))
        files = {"turtle": output_dir / GRAPH_FILE}
        if html:
            from kg.view import write_html

            write_html(graph, staging / HTML_FILE, title=title)
            files["html"] = output_dir / HTML_FILE
        for path in files.values():
            (staging / path.name).replace(path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files
