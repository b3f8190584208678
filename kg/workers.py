"""Parse and extract many articles: on every core, from a cache, or on a Dask cluster.

The unit of work is one article: its text in, its :class:`DocumentExtraction` out. That is
what this module spreads over processes and keeps on disk:

* :class:`ExtractionCache` keeps each article's extraction in the build folder, keyed by the
  article's content hash and by a fingerprint of kg's version, its extraction rules and the
  spaCy model: an unchanged article is never parsed again, and any change to kg makes every
  old entry a miss (entries are data, JSON: :mod:`kg.codec`);
* :func:`extract_stream` extracts the articles the cache does not hold, in this process
  (``jobs=1``), in a pool of worker processes (``jobs>1``, each loading the model once), or
  on a Dask cluster (``dask="tcp://scheduler:8786"``; Dask does the scheduling, kg writes
  none), and yields every article's extraction in input order.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from kg import codec
from kg.model import Document, DocumentExtraction

__all__ = ["ExtractionCache", "Failure", "OtherKg", "extract_batch", "extract_stream",
           "fingerprint"]

#: articles sent to a worker at a time: enough to fill spaCy's batches, few enough to keep
#: every worker busy to the end
BATCH = 16
#: folders of the cache that are not extractions of another kg version: the language model's
#: answers (kg.extract.llm), keyed by model, prompt version and text, never pruned here
KEEP = frozenset({"llm"})


@functools.cache
def fingerprint(model: str) -> str:
    """What an extraction depends on besides the text: kg's version, every file of the
    extract stage (rules, frames, lexicons, calibration), the NLP stage and the model's
    name and version."""
    from kg import __version__

    digest = hashlib.sha256(f"{__version__}|{codec.FORMAT}|{model}".encode())
    try:
        from importlib.metadata import version

        digest.update(version(model.replace("_", "-")).encode())
    except Exception:  # a model loaded from a path: its name is all we have
        pass
    package = files("kg")
    sources = [package / "nlp.py", package / "model.py", package / "signatures.py"]
    extract = package / "extract"
    stack = [extract]
    while stack:
        folder = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and not entry.name.startswith((".", "__")):
                stack.append(entry)
            elif entry.name.endswith((".py", ".toml", ".json")) and entry.name != "llm.py":
                # (the language model's stage runs after this cache: its code is not a rule)
                sources.append(entry)
    for source in sorted(sources, key=str):
        digest.update(str(source).rsplit("kg", 1)[-1].encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """Extractions on disk: ``FOLDER/<fingerprint>/<2 hex>/<doc_id>.json.gz``."""

    def __init__(self, folder: Path, model: str) -> None:
        self.root = folder
        self.folder = folder / fingerprint(model)

    def _path(self, doc_id: str) -> Path:
        return self.folder / doc_id[:2] / f"{doc_id}.json.gz"

    def get(self, doc_id: str) -> DocumentExtraction | None:
        path = self._path(doc_id)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return codec.loads(data)
        except (ValueError, KeyError, TypeError, OSError, EOFError):
            return None  # a damaged entry is a miss: the article is parsed again

    def has(self, doc_id: str) -> bool:
        return self._path(doc_id).is_file()

    def put(self, extraction: DocumentExtraction, data: bytes | None = None) -> None:
        path = self._path(extraction.document.doc_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data if data is not None else codec.dumps(extraction))
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def prune(self, keep: set[str]) -> int:
        """Remove the entries of articles no longer built, and caches of other kg versions.
        Returns how many files were removed."""
        removed = 0
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other.is_dir() and other != self.folder and other.name not in KEEP:
                    import shutil

                    shutil.rmtree(other, ignore_errors=True)
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*.json.gz"):
            if path.name[: -len(".json.gz")] not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed


@dataclass(frozen=True, slots=True)
class Failure:
    """An article kg could not extract (a bug: the run goes on without it)."""

    document: Document
    reason: str


def _extract_one(parsed: Any) -> DocumentExtraction:
    from kg.extract import extract
    from kg.nlp import sections

    parts = [extract(part) for part in sections(parsed)]
    if len(parts) == 1:
        return parts[0]
    return DocumentExtraction(
        document=parsed.document,
        mentions=tuple(m for p in parts for m in p.mentions),
        facts=tuple(f for p in parts for f in p.facts),
        attributes=tuple(a for p in parts for a in p.attributes),
        sentence_spans=tuple(s for p in parts for s in p.sentence_spans),
    )


def _reason(error: BaseException) -> str:
    return (f"kg failed on this article ({type(error).__name__}: "
            f"{' '.join(str(error).split())[:200]}); please report it")


class OtherKg(RuntimeError):
    """A worker runs another kg, other rules or another model than the build's process."""


def extract_batch(documents: list[Document], model: str, expect: str | None = None
                  ) -> list[bytes | str]:
    """Parse and extract ``documents``: for each, its extraction as :mod:`kg.codec` bytes,
    or the one-line reason it failed. Runs anywhere kg is installed (a worker process, a
    Dask worker); the model is loaded once per process. With ``expect``, the worker first
    checks that its :func:`fingerprint` is that one (the extractions of another kg would
    be mixed in the graph and cached under the wrong key) and raises :class:`OtherKg`."""
    from kg.nlp import parse_all

    if expect is not None and fingerprint(model) != expect:
        import socket

        raise OtherKg(f"the worker on {socket.gethostname()} runs another kg or model "
                      f"(fingerprint {fingerprint(model)}, the build's is {expect})")

    out: list[bytes | str] = []
    parsed_all: list[Any]
    try:
        parsed_all = list(parse_all(documents, model=model))
    except Exception:
        # one article broke the batch's parse: parse them one by one to find it
        parsed_all = []
        for document in documents:
            try:
                parsed_all.extend(parse_all([document], model=model))
            except Exception as error:
                parsed_all.append(_reason(error))
    for parsed in parsed_all:
        if isinstance(parsed, str):
            out.append(parsed)
            continue
        try:
            out.append(codec.dumps(_extract_one(parsed)))
        except Exception as error:
            out.append(_reason(error))
    return out


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_init(model: str) -> None:
    from kg.nlp import load_model

    load_model(model)


def extract_stream(
    documents: Iterable[Document],
    *,
    model: str,
    cache: ExtractionCache | None = None,
    jobs: int = 1,
    dask: str | None = None,
    on_cached: Callable[[Document], None] | None = None,
) -> Iterator[DocumentExtraction | Failure]:
    """Every document's extraction, in input order: from ``cache`` when it holds it,
    else extracted here (``jobs=1``), by ``jobs`` worker processes, or on the Dask
    scheduler at ``dask``; new extractions are written to ``cache``."""
    stream = iter(documents)
    # a handful of articles is not worth starting workers (each loads the model)
    head: list[Document] = []
    for document in stream:
        head.append(document)
        if len(head) > BATCH:
            break
    small = len(head) <= BATCH
    source: Iterator[Document] = iter(head) if small else _chain(head, stream)
    if dask is None and (jobs <= 1 or small):
        yield from _local(source, model=model, cache=cache, on_cached=on_cached)
        return
    yield from _distributed(source, model=model, cache=cache, jobs=jobs, dask=dask,
                            on_cached=on_cached)


def _chain(head: list[Document], rest: Iterator[Document]) -> Iterator[Document]:
    yield from head
    yield from rest


def _local(documents: Iterator[Document], *, model: str, cache: ExtractionCache | None,
           on_cached: Callable[[Document], None] | None
           ) -> Iterator[DocumentExtraction | Failure]:
    pending: list[Document] = []

    def flush() -> Iterator[DocumentExtraction | Failure]:
        if not pending:
            return
        for document, payload in zip(pending, extract_batch(pending, model), strict=True):
            yield _settle(document, payload, cache)
        pending.clear()

    for document in documents:
        cached = cache.get(document.doc_id) if cache is not None else None
        if cached is not None:
            yield from flush()
            if on_cached is not None:
                on_cached(document)
            yield _with_document(cached, document)
            continue
        pending.append(document)
        if len(pending) >= BATCH:
            yield from flush()
    yield from flush()


def _settle(document: Document, payload: bytes | str, cache: ExtractionCache | None
            ) -> DocumentExtraction | Failure:
    if isinstance(payload, str):
        return Failure(document, payload)
    extraction = codec.loads(payload)
    if cache is not None:
        cache.put(extraction, payload)
    return extraction


def _with_document(extraction: DocumentExtraction, document: Document) -> DocumentExtraction:
    """A cached extraction, under the name the article has in this run (the same text may
    have been read from another file before)."""
    if extraction.document == document:
        return extraction
    from dataclasses import replace

    return replace(extraction, document=document)


def _distributed(documents: Iterator[Document], *, model: str, cache: ExtractionCache | None,
                 jobs: int, dask: str | None, on_cached: Callable[[Document], None] | None
                 ) -> Iterator[DocumentExtraction | Failure]:
    """Uncached articles go out in batches, at most ``2 * jobs`` batches in flight (memory
    stays flat however long the input); results come back in input order."""
    from collections import deque

    submit, close = _executor(model, jobs, dask)
    window = max(2, 2 * jobs)
    # each entry: a cached extraction, or (batch documents, future of their payloads)
    queue: deque[Any] = deque()
    batch: list[Document] = []

    def drain(limit: int) -> Iterator[DocumentExtraction | Failure]:
        while queue and (sum(1 for q in queue if isinstance(q, tuple)) > limit
                         or not isinstance(queue[0], tuple)):
            item = queue.popleft()
            if isinstance(item, tuple):
                docs, future = item
                try:
                    payloads = future.result()
                except OtherKg as error:
                    from kg.errors import KgError

                    raise KgError(f"{error}: install the same kg and {model} on every "
                                  "Dask worker") from None
                for document, payload in zip(docs, payloads, strict=True):
                    yield _settle(document, payload, cache)
            else:
                yield item

    try:
        for document in documents:
            cached = cache.get(document.doc_id) if cache is not None else None
            if cached is not None:
                if batch:
                    queue.append((batch, submit(batch)))
                    batch = []
                if on_cached is not None:
                    on_cached(document)
                queue.append(_with_document(cached, document))
            else:
                batch.append(document)
                if len(batch) >= BATCH:
                    queue.append((batch, submit(batch)))
                    batch = []
            yield from drain(window)
        if batch:
            queue.append((batch, submit(batch)))
        yield from drain(0)
    finally:
        close()


def _executor(model: str, jobs: int, dask: str | None
              ) -> tuple[Callable[[list[Document]], Any], Callable[[], None]]:
    if dask is not None:
        from kg.errors import KgError

        try:
            from distributed import Client
        except ImportError:
            raise KgError("--dask needs Dask: pip install 'kg[dask]'") from None
        try:
            client = Client(dask, timeout=30)
        except (OSError, TimeoutError) as error:
            raise KgError(f"--dask {dask}: cannot reach the scheduler ({error})") from None

        expect = fingerprint(model)

        def submit_dask(batch: list[Document]) -> Any:
            return client.submit(extract_batch, batch, model, expect, pure=False)

        return submit_dask, client.close
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start at once and share the parent's imports (Linux, macOS); else spawn
    context: Any
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                               initializer=_worker_init, initargs=(model,))

    def submit_local(batch: list[Document]) -> Any:
        return pool.submit(extract_batch, batch, model)

    def close_local() -> None:
        pool.shutdown(wait=True, cancel_futures=True)

    return submit_local, close_local
