"""A read-only SPARQL 1.1 Protocol endpoint over one kg graph, and its HTML view.

``kg serve output/`` loads ``output/graph.ttl`` and serves:

* ``/sparql``: SPARQL 1.1 Protocol queries (GET ``?query=``, POST form-encoded or
  ``application/sparql-query``); results as ``application/sparql-results+json`` (default),
  ``+xml``, ``text/csv`` or ``text/tab-separated-values`` by Accept header or ``?format=``;
  CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, RDF/XML or JSON-LD. SPARQL Update is
  refused (403).
* ``/``: ``graph.html`` (the graph view), and the other files of the served directory.

Why not the ``oxigraph`` CLI server (``oxigraph serve-read-only --timeout-s``): tried with
oxigraph 0.5.13, its timeout did not stop a 4-way cross product (a COUNT was still running
and a streamed SELECT still streaming after 20 s with ``--timeout-s 1``), it has no result
limit, serves its own YASGUI page at ``/`` and needs a separate on-disk database, so a proxy
would be needed anyway. Here the server is Python's ``ThreadingHTTPServer``; queries run in
worker processes (pyoxigraph on a read-only on-disk copy of the graph): a Python thread cannot
be killed, a process can, so a query over its time limit is stopped by killing its worker,
which is then replaced (opening the on-disk store read-only is fast, no re-parsing).
Each worker stops reading solutions after ``max_rows`` (the response says
``X-Kg-Truncated: true``).
"""

from __future__ import annotations

import contextlib
import html
import multiprocessing
import multiprocessing.connection
import os
import queue
import re
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import KgError, QueryError

__all__ = ["ServeConfig", "SparqlServer", "looks_like_update", "negotiate", "serve"]

MAX_BODY = 1 << 20  # bytes of a POSTed query
WORKER_START_TIMEOUT = 60.0  # seconds for a worker to open the store

RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/xml": "xml",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
}
FORMAT_NAMES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "xml-rdf": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_UPDATE_WORDS = frozenset(
    ["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"]
)
_PROLOGUE = re.compile(r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2


Reply = tuple[int, str, bytes, dict[str, str]]


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers or {}


def looks_like_update(text: str) -> bool:
    """True if the request text is SPARQL Update (first keyword after the prologue)."""
    position = 0
    while True:
        match = _PROLOGUE.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
    word = re.match(r"[A-Za-z]+", text[position:])
    return word is not None and word.group(0).upper() in _UPDATE_WORDS


def negotiate(accept: str | None, format_param: str | None = None) -> list[str]:
    """Media types the client takes, best first (``?format=`` wins over ``Accept``)."""
    ranked: list[tuple[float, int, str]] = []
    if format_param:
        name = format_param.strip().lower()
        ranked.append((2.0, 0, FORMAT_NAMES.get(name, name)))
    for index, part in enumerate((accept or "").split(","), start=1):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for piece in pieces[1:]:
            key, _, value = piece.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((quality, index, media))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [media for _, _, media in ranked]


def _pick(accepts: Sequence[str], supported: dict[str, str], default: str) -> str | None:
    if not accepts:
        return default
    for media in accepts:
        if media in supported:
            return media
        if media == "*/*":
            return default
        if media.endswith("/*"):
            family = media[:-1]
            for candidate in supported:
                if candidate.startswith(family):
                    return candidate
    return None


# --------------------------------------------------------------------------- worker processes


def _answer(store: ox.Store, query: str, accepts: list[str], max_rows: int) -> Reply:
    from kg.query import (
        all_prefixes,
        format_csv,
        format_json,
        format_tsv,
        format_xml,
        run_query,
    )

    try:
        result = run_query(store, query, max_rows=max_rows)
    except QueryError as error:
        return _text(400, str(error))
    headers = {"X-Kg-Truncated": "true"} if result.truncated else {}
    if result.kind == "graph":
        media = _pick(accepts, GRAPH_TYPES, "text/turtle")
        if media is None:
            return _text(406, "not acceptable: a graph is served as " + ", ".join(GRAPH_TYPES))
        triples = [ox.Triple(*row) for row in result.terms]  # type: ignore[arg-type]
        body = ox.serialize(
            triples, format=_GRAPH_FORMATS[GRAPH_TYPES[media]], prefixes=all_prefixes()
        )
        return 200, f"{media}; charset=utf-8", body or b"", headers
    media = _pick(accepts, RESULT_TYPES, "application/sparql-results+json")
    if media is None:
        return _text(406, "not acceptable: results are served as " + ", ".join(RESULT_TYPES))
    formatter: Callable[[Any], str] = {
        "json": format_json,
        "xml": format_xml,
        "csv": format_csv,
        "tsv": format_tsv,
    }[RESULT_TYPES[media]]
    return 200, f"{media}; charset=utf-8", formatter(result).encode("utf-8"), headers


def _worker_main(db_path: str, conn: multiprocessing.connection.Connection) -> None:
    """A worker: opens the store read-only, then answers queries until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which kills us
    parent = os.getppid()
    import kg.query  # noqa: F401  (imported before "ready": not counted in a query's time)

    try:
        store = ox.Store.read_only(db_path)
    except OSError as error:
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", ""))
    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent:  # the server died: do not linger
                return
            continue
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        query, accepts, max_rows = request
        try:
            reply = _answer(store, query, accepts, max_rows)
        except Exception as error:  # a bug, not the user's query: answer 500, keep serving
            reply = _text(500, f"internal error: {type(error).__name__}: {error}")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, context: Any, db_path: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(db_path, child), daemon=True, name="kg-sparql-worker"
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise KgError("a SPARQL worker did not start in time")
        status, message = self.conn.recv()
        if status != "ready":
            raise KgError(f"a SPARQL worker cannot open the store: {message}")
        self.ready = True

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


class _Pool:
    """Worker processes; a query over its time limit kills its worker and a new one replaces it."""

    def __init__(self, db_path: str, size: int, timeout: float, max_rows: int) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.db_path = db_path
        self.timeout = timeout
        self.max_rows = max_rows
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.lock = threading.Lock()
        self.workers: set[_Worker] = set()
        self.closed = False
        for _ in range(size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.context, self.db_path)
        with self.lock:
            self.workers.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self.lock:
            self.workers.discard(worker)
            closed = self.closed
        if not closed:
            self.idle.put(self._spawn())

    def run(self, query: str, accepts: list[str]) -> Reply:
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return _text(503, "the server is busy: every SPARQL worker is running a query")
        try:
            worker.wait_ready(WORKER_START_TIMEOUT)
            worker.conn.send((query, accepts, self.max_rows))
            if not worker.conn.poll(self.timeout):
                self._retire(worker)
                return _text(503, f"query: stopped after the time limit of {self.timeout:g} s")
            reply: Reply = worker.conn.recv()
        except (EOFError, OSError, KgError) as error:
            self._retire(worker)
            return _text(500, f"internal error: the SPARQL worker failed ({error})")
        self.idle.put(worker)
        return reply

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            worker.stop()


# --------------------------------------------------------------------------- HTTP


INDEX_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title></head>
<body><h1>kg SPARQL endpoint</h1>
<p>{graph}: {triples} triples. Read-only; queries are stopped after {timeout:g} s and
return at most {max_rows} rows.</p>
<form action="/sparql" method="post">
<textarea name="query" rows="12" cols="90">SELECT ?type (COUNT(?s) AS ?n)
WHERE {{ ?s a ?type }}
GROUP BY ?type ORDER BY DESC(?n)</textarea><br>
<select name="format"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option></select>
<button type="submit">Run</button></form></body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "kg-sparql/1"

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # --- responses

    head_only = False

    def _send(self, reply: Reply) -> None:
        status, content_type, body, headers = reply
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not self.head_only:
            self.wfile.write(body)

    def _refuse_update(self) -> None:
        self._send(_text(403, "SPARQL Update is refused: this endpoint is read-only"))

    def _query(self, query: str | None, params: dict[str, list[str]]) -> None:
        if query is None or not query.strip():
            self._send(_text(400, "missing query: use ?query=SELECT ... or POST a query"))
            return
        if looks_like_update(query):
            self._refuse_update()
            return
        format_param = params.get("format", [None])[0]
        accepts = negotiate(self.headers.get("Accept"), format_param)
        self._send(self.server.pool.run(query, accepts))

    # --- methods

    def do_HEAD(self) -> None:
        self.head_only = True
        self.do_GET()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                self._refuse_update()
                return
            queries = params.get("query", [])
            if len(queries) > 1:
                self._send(_text(400, "more than one query parameter"))
                return
            self._query(queries[0] if queries else None, params)
            return
        self._send(self.server.static(url.path))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(_text(404, f"not found: {url.path} (the endpoint is /sparql)"))
            return
        params = parse_qs(url.query, keep_blank_values=True)
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            self._send(_text(411, "a POST needs a Content-Length"))
            return
        try:
            length = int(length_header)
        except ValueError:
            self._send(_text(400, "bad Content-Length"))
            return
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._send(_text(413, f"the request body is limited to {MAX_BODY} bytes"))
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            self._refuse_update()
            return
        if content_type == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                self._refuse_update()
                return
            queries = form.get("query", [])
            if len(queries) > 1:
                self._send(_text(400, "more than one query parameter"))
                return
            merged = {**params, **{k: v for k, v in form.items() if k != "query"}}
            self._query(queries[0] if queries else None, merged)
            return
        if content_type == "application/sparql-query":
            self._query(body, params)
            return
        self._send(
            _text(
                415,
                "unsupported Content-Type: use application/x-www-form-urlencoded "
                "or application/sparql-query",
            )
        )

    def _not_allowed(self) -> None:
        self._send(_text(405, "method not allowed: this endpoint is read-only"))

    do_PUT = do_DELETE = do_PATCH = _not_allowed


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], owner: SparqlServer) -> None:
        self.owner = owner
        super().__init__(address, _Handler)

    @property
    def pool(self) -> _Pool:
        assert self.owner.pool is not None
        return self.owner.pool

    def static(self, path: str) -> Reply:
        return self.owner.static(path)


# --------------------------------------------------------------------------- server


class SparqlServer:
    """The endpoint: ``start()`` loads the graph, starts workers and listens; then
    ``serve_forever()``; ``close()`` (or the context manager) stops everything."""

    def __init__(self, target: Path | str, config: ServeConfig | None = None) -> None:
        self.config = config or ServeConfig()
        if self.config.timeout <= 0:
            raise KgError("--timeout must be positive")
        if self.config.max_rows < 1:
            raise KgError("--max-rows must be at least 1")
        if self.config.workers < 1:
            raise KgError("--workers must be at least 1")
        self.graph_path, self.html_path, self.root = _resolve_target(Path(target))
        self.triples = 0
        self.pool: _Pool | None = None
        self.httpd: _HTTPServer | None = None
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None

    @property
    def url(self) -> str:
        assert self.httpd is not None
        # a bound TCP server's address comes from getsockname(): the host is always a str
        host, port = cast("tuple[str, int]", self.httpd.server_address[:2])
        return f"http://{host}:{port}/"

    def start(self) -> None:
        from kg.query import load_store

        self._tempdir = tempfile.TemporaryDirectory(prefix="kg-serve-")
        db_path = Path(self._tempdir.name) / "store"
        store = load_store(self.graph_path, directory=db_path)
        self.triples = len(store)
        store.flush()
        del store  # close the read-write store before workers open it read-only
        try:
            self.httpd = _HTTPServer((self.config.host, self.config.port), self)
        except OSError as error:
            raise KgError(
                f"cannot listen on {self.config.host}:{self.config.port}: {error.strerror}"
            ) from None
        self.pool = _Pool(
            str(db_path), self.config.workers, self.config.timeout, self.config.max_rows
        )

    def serve_forever(self) -> None:
        assert self.httpd is not None
        self.httpd.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        if self.httpd is not None:
            self.httpd.server_close()
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        if self._tempdir is not None:
            self._tempdir.cleanup()
            self._tempdir = None

    def __enter__(self) -> SparqlServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def static(self, path: str) -> Reply:
        if path in ("", "/", "/index.html"):
            if self.html_path is not None:
                return _file(self.html_path)
            page = INDEX_PAGE.format(
                graph=html.escape(str(self.graph_path)),
                triples=self.triples,
                timeout=self.config.timeout,
                max_rows=self.config.max_rows,
            )
            return 200, "text/html; charset=utf-8", page.encode("utf-8"), {}
        parts = [p for p in path.split("/") if p]
        if any(p.startswith(".") or "\\" in p for p in parts):
            return _text(404, "not found")
        candidate = self.root.joinpath(*parts).resolve() if parts else self.root
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return _text(404, f"not found: {path}")
        return _file(candidate)


_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".ttl": "text/turtle; charset=utf-8",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
    ".graphml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}


def _file(path: Path) -> Reply:
    try:
        data = path.read_bytes()
    except OSError:
        return _text(404, f"not found: {path.name}")
    return 200, _CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"), data, {}


def _resolve_target(target: Path) -> tuple[Path, Path | None, Path]:
    """(graph.ttl, graph.html or None, directory served) for a directory or a .ttl file."""
    if not target.exists():
        raise KgError(f"{target}: no such file or directory")
    if target.is_dir():
        graph = target / "graph.ttl"
        if not graph.is_file():
            raise KgError(f"{target}: no graph.ttl in this directory")
        page = target / "graph.html"
        return graph, page if page.is_file() else None, target.resolve()
    page = target.with_suffix(".html")
    if not page.is_file():
        page = target.parent / "graph.html"
    return target, page if page.is_file() else None, target.parent.resolve()


def serve(
    target: Path | str,
    config: ServeConfig | None = None,
    *,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); always stops the workers."""
    server = SparqlServer(target, config)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if in_main_thread else None
    try:
        server.start()
        if announce is not None:
            announce(
                f"kg serve: {server.url} (SPARQL endpoint {server.url}sparql; "
                f"{server.triples} triples from {server.graph_path}; "
                f"timeout {server.config.timeout:g} s, at most {server.config.max_rows} rows)"
            )
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
        server.close()


if __name__ == "__main__":  # python -m kg.serve TARGET [options], same as `kg serve`
    from kg.cli_query import serve_command

    serve_command()
