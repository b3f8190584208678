"""A read-only SPARQL 1.1 Protocol endpoint over one kg graph, and its HTML view.

``kg serve output/`` loads ``output/graph.ttl`` and serves exactly three things:

* ``/``: ``graph.html``, the graph view kg wrote beside the graph (also at ``/graph.html``);
  without one, a small query form;
* ``/graph.ttl``: the graph file;
* ``/sparql``: SPARQL 1.1 Protocol queries (GET ``?query=``, POST form-encoded or
  ``application/sparql-query``); results as ``application/sparql-results+json`` (default),
  ``+xml``, ``text/csv`` or ``text/tab-separated-values`` by Accept header or ``?format=``;
  CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, RDF/XML or JSON-LD. Updates are refused
  (403) and so is ``SERVICE`` (400): the server never makes a request of its own.

Given a ``.ttl`` file, it serves that file and the page kg made for it (the same name with
``.html``), never the other files of its folder. Both files are served as they were at start
(private copies), like the graph the queries see.

The HTTP side is an ASGI application (:mod:`kg.serve_app`) run by uvicorn on one asyncio loop:
a slow or stalled client costs a socket, not a thread; a request head or body that does not
arrive within ``read_timeout`` is dropped; bodies are limited to ``max_body`` bytes (413).
Queries run in worker processes (:mod:`kg.serve_pool`, :mod:`kg.serve_worker`), each on a
read-only on-disk copy of the store: a query over the time limit is stopped by killing its
worker (503), a slow query is set aside at low CPU priority so that cheap ones keep their
workers, and a query that finds every worker busy waits in a bounded line (full: 503 with
``Retry-After``). Each worker stops reading solutions after ``max_rows`` (the response says
``X-Kg-Truncated: true``).

Why not the ``oxigraph`` CLI server (``oxigraph serve-read-only --timeout-s``): tried with
oxigraph 0.5.13, its timeout did not stop a 4-way cross product, it has no result limit,
serves its own YASGUI page at ``/`` and needs a separate on-disk database.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import html
import logging
import os
import re
import resource
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.errors import KgError
from kg.pipeline import STORE_FOLDER
from kg.query import looks_like_update
from kg.serve_app import App, Resource
from kg.serve_pool import WorkerPool
from kg.serve_worker import negotiate

__all__ = ["ServeConfig", "SparqlServer", "looks_like_update", "negotiate", "serve"]

log = logging.getLogger("kg.serve")

MAX_BODY = 1 << 20  # bytes of a POSTed query


def _default_workers() -> int:
    return max(2, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0  # seconds a query may run
    max_rows: int = 10_000
    workers: int = field(default_factory=_default_workers)
    #: seconds a client has to send a request head, and then its body
    read_timeout: float = 10.0
    max_body: int = MAX_BODY
    #: queries that may wait for a worker; more are answered 503 at once
    queue: int = 1024
    backlog: int = 2048
    #: open connections at most (more are answered 503 by uvicorn)
    max_connections: int = 4096
    #: queries running past slow_after seconds are set aside (at most slow_slots at a time)
    #: and standby workers take their places; past slow_down_after, they get nice 19
    slow_slots: int = 2
    slow_after: float = 0.1
    slow_down_after: float = 0.5
    #: bytes of address space a worker may use (a query past it is stopped); None: no cap
    max_memory: int | None = 2 << 30
    #: the language of the graph view ("fr", "en"; None: the one kg wrote it in)
    lang: str | None = None


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
INDEX_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def page_csp(page: str) -> str:
    """The Content-Security-Policy header for a page kg wrote: its inline scripts by hash
    (the page also carries its own, stricter, policy), inline styles, ``data:`` images; no
    request anywhere, no framing."""
    hashes = []
    for match in _SCRIPT.finditer(page):
        attributes, text = match.group(1), match.group(2)
        kind = _SCRIPT_TYPE.search(attributes)
        if kind is not None and kind.group(1).lower() not in _JS_TYPES:
            continue  # data blocks (application/json) do not run
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    scripts = " ".join(dict.fromkeys(hashes)) or "'none'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; "
        "font-src 'none'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def _copy(source: Path, copy: Path) -> None:
    """A private copy of a file to serve: what is served does not change while serving."""
    try:
        shutil.copyfile(source, copy)
    except OSError as error:
        raise KgError(f"{source}: cannot read: {error.strerror or error}") from None


def _resolve_target(target: Path) -> tuple[Path, Path | None]:
    """(the graph file, the page kg made for it or None) for a directory or a .ttl file."""
    if not target.exists():
        raise KgError(f"{target}: no such file or directory")
    if target.is_dir():
        graph = target / "graph.ttl"
        if not graph.is_file():
            raise KgError(f"{target}: no graph.ttl in this directory")
    else:
        graph = target
    page = graph.with_suffix(".html")
    return graph, page if page.is_file() else None


class _Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, plus a limit on the time a client takes to send a request
    head (uvicorn only limits idle keep-alive time): a connection that does not complete its
    request head within ``head_timeout`` seconds is closed."""

    head_timeout = 10.0
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._waiting_for_head():
            if self._head_timer is None:
                self._arm()
        else:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _waiting_for_head(self) -> bool:
        cycle = self.cycle
        return cycle is None or cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._waiting_for_head() and not self.transport.is_closing():
            self.transport.close()


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, minus its signal handling (it re-raises the signal once stopped):
    :func:`_stop_signals` asks it to stop instead."""

    def capture_signals(self) -> contextlib.AbstractContextManager[None]:  # type: ignore[override]
        return contextlib.nullcontext()


@contextlib.contextmanager
def _stop_signals(server: uvicorn.Server) -> Iterator[None]:
    """In the main thread, Ctrl-C and SIGTERM stop the server gracefully (a second Ctrl-C
    stops it at once)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    loop = asyncio.get_running_loop()

    def stop(signum: int) -> None:
        if server.should_exit and signum == signal.SIGINT:
            server.force_exit = True
        server.should_exit = True

    installed = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError, RuntimeError, NotImplementedError):
            loop.add_signal_handler(signum, stop, signum)
            installed.append(signum)
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)


def _connection_limit(wanted: int) -> int:
    """At most ``wanted`` connections, and fewer than the open-file limit allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        with contextlib.suppress(ValueError, OSError):
            target = wanted + 256 if hard == resource.RLIM_INFINITY else min(hard, wanted + 256)
            if target > soft:
                resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
                soft = target
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(16, min(wanted, soft - 128))


class SparqlServer:
    """The endpoint.

    ``start()`` copies and loads the graph and listens (``url`` is known from then on);
    ``serve_forever()`` starts the workers and answers requests until ``close()`` (or Ctrl-C
    / SIGTERM in the main thread). As a context manager it serves in a background thread::

        with SparqlServer("output/", ServeConfig(port=0)) as server:
            urllib.request.urlopen(server.url + "sparql?query=ASK{}")
    """

    def __init__(self, target: Path | str, config: ServeConfig | None = None) -> None:
        self.config = config or ServeConfig()
        if self.config.timeout <= 0:
            raise KgError("--timeout must be positive")
        if self.config.max_rows < 1:
            raise KgError("--max-rows must be at least 1")
        if self.config.workers < 1:
            raise KgError("--workers must be at least 1")
        if self.config.read_timeout <= 0 or self.config.max_body < 1 or self.config.queue < 0:
            raise KgError("read_timeout, max_body must be positive and queue not negative")
        if self.config.lang not in (None, "fr", "en"):
            raise KgError(f"unknown page language {self.config.lang!r}: fr or en")
        self.graph_path, self.html_path = _resolve_target(Path(target))
        self.triples = 0
        self.pool: WorkerPool | None = None
        self._socket: socket.socket | None = None
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        self._db_path: Path | None = None
        self._resources: dict[str, Resource] = {}
        self._uvicorn: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopped = threading.Event()
        self._failure: BaseException | None = None
        self._closing = False

    @property
    def url(self) -> str:
        assert self._socket is not None, "start() first"
        host, port = self._socket.getsockname()[:2]
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # every address: this one
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    # ------------------------------------------------------------------ life cycle

    def start(self) -> None:
        """Copy and load the graph, bind the socket: nothing is answered yet."""
        from kg.query import load_store

        if self._socket is not None:
            return
        self._tempdir = tempfile.TemporaryDirectory(prefix="kg-serve-")
        root = Path(self._tempdir.name)
        try:
            graph_copy = root / "graph.ttl"
            _copy(self.graph_path, graph_copy)
            self._db_path = root / "store"
            built = self.graph_path.parent / STORE_FOLDER
            if self.graph_path.name == "graph.ttl" and built.is_dir():
                # the store kg build wrote beside graph.ttl: a snapshot of it (hard links
                # where it can), no parsing of the Turtle
                import pyoxigraph as ox

                try:
                    ox.Store.read_only(str(built)).backup(str(self._db_path))
                except OSError as error:
                    raise KgError(f"{built}: cannot open the store ({error})") from None
                self.triples = len(ox.Store.read_only(str(self._db_path)))
            else:
                store = load_store(graph_copy, directory=self._db_path)
                self.triples = len(store)
                store.flush()
                del store  # close the read-write store before workers open it read-only
            self._resources = self._site(graph_copy, root)
            self._socket = self._bind()
        except BaseException:
            self._cleanup()
            raise

    def _site(self, graph_copy: Path, root: Path) -> dict[str, Resource]:
        graph = Resource(
            "text/turtle; charset=utf-8", graph_copy.stat().st_size, path=graph_copy
        )
        resources = {"/" + self.graph_path.name: graph}
        if self.html_path is not None:
            page_copy = root / "page.html"
            _copy(self.html_path, page_copy)
            text = page_copy.read_bytes().decode("utf-8", errors="replace")
            if self.config.lang is not None:
                from kg.view import set_page_language

                text = set_page_language(text, self.config.lang)
                page_copy.write_bytes(text.encode("utf-8"))
            page = Resource(
                "text/html; charset=utf-8",
                page_copy.stat().st_size,
                path=page_copy,
                headers={
                    "Content-Security-Policy": page_csp(text),
                    "Cross-Origin-Opener-Policy": "same-origin",
                },
            )
            resources["/"] = page
            resources["/" + self.html_path.name] = page
        else:
            data = INDEX_PAGE.format(
                graph=html.escape(self.graph_path.name),
                triples=self.triples,
                timeout=self.config.timeout,
                max_rows=self.config.max_rows,
            ).encode("utf-8")
            resources["/"] = Resource(
                "text/html; charset=utf-8",
                len(data),
                data=data,
                headers={"Content-Security-Policy": INDEX_CSP},
            )
        return resources

    def _bind(self) -> socket.socket:
        host, port = self.config.host, self.config.port
        try:
            infos = socket.getaddrinfo(
                host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )
        except socket.gaierror as error:
            raise KgError(f"cannot listen on {host}:{port}: {error.strerror}") from None
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(self.config.backlog)
        except OSError as error:
            sock.close()
            raise KgError(f"cannot listen on {host}:{port}: {error.strerror}") from None
        sock.setblocking(False)
        return sock

    def serve_forever(self, on_ready: Callable[[], None] | None = None) -> None:
        """Answer requests until ``close()``, Ctrl-C or SIGTERM. In a server already
        serving in the background (the context manager), wait until it stops."""
        if self._thread is not None:
            self._stopped.wait()
            return
        self.start()
        try:
            asyncio.run(self._main(on_ready))
        finally:
            self._stopped.set()
        if self._failure is not None:
            raise self._failure

    def start_background(self, timeout: float = 120.0) -> None:
        """Serve in a daemon thread; return once the workers are ready (KgError if not)."""
        self.start()
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run_in_thread, name="kg-serve", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not (self._ready.is_set() or self._stopped.is_set()):
            if time.monotonic() > deadline:
                break
            self._stopped.wait(0.02)
        if not self._ready.is_set():
            failure = self._failure
            self.close()
            if isinstance(failure, KgError):
                raise failure
            raise KgError(f"the server did not start: {failure or 'timed out'}")

    def _run_in_thread(self) -> None:
        try:
            asyncio.run(self._main(None))
        except BaseException as error:  # reported by start_background
            self._failure = error
        finally:
            self._stopped.set()

    async def _main(self, on_ready: Callable[[], None] | None) -> None:
        assert self._socket is not None and self._db_path is not None
        config = self.config
        pool = WorkerPool(
            self._db_path,
            size=config.workers,
            timeout=config.timeout,
            max_rows=config.max_rows,
            queue=config.queue,
            slow_after=config.slow_after,
            slow_down_after=config.slow_down_after,
            slow_slots=config.slow_slots,
            max_memory=config.max_memory,
        )
        self.pool = pool
        try:
            await pool.start()
            app = App(
                self._resources,
                pool,
                max_body=config.max_body,
                read_timeout=config.read_timeout,
                bound_host=config.host,
            )
            protocol = type("KgHTTP", (_Protocol,), {"head_timeout": config.read_timeout})
            server = _Uvicorn(
                uvicorn.Config(
                    app,
                    http=protocol,
                    ws="none",
                    lifespan="off",
                    interface="asgi3",
                    log_config=None,
                    access_log=False,
                    server_header=False,
                    proxy_headers=False,
                    backlog=config.backlog,
                    limit_concurrency=_connection_limit(config.max_connections),
                    timeout_keep_alive=5,
                    timeout_graceful_shutdown=2,
                    h11_max_incomplete_event_size=64 * 1024,
                )
            )
            self._uvicorn = server
            if self._closing:
                return
            with _stop_signals(server):
                self._ready.set()
                if on_ready is not None:
                    on_ready()
                await server.serve(sockets=[self._socket])
        finally:
            # the workers are stopped even if this task is cancelled meanwhile (Ctrl-C)
            closing = asyncio.ensure_future(pool.close())
            while not closing.done():
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.shield(closing)
            self.pool = None

    def close(self) -> None:
        self._closing = True
        if self._uvicorn is not None:
            self._uvicorn.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        self._cleanup()

    def _cleanup(self) -> None:
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
            self._socket = None
        if self._tempdir is not None:
            with contextlib.suppress(OSError):
                self._tempdir.cleanup()
            self._tempdir = None

    def __enter__(self) -> SparqlServer:
        self.start_background()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _quiet_logging() -> None:
    """One line per request on stderr; uvicorn's own lines only for warnings."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    ours = logging.getLogger("kg.serve")
    if not ours.handlers:
        ours.addHandler(handler)
        ours.setLevel(logging.INFO)
        ours.propagate = False
    for name in ("uvicorn", "uvicorn.error", "asyncio"):
        other = logging.getLogger(name)
        if not other.handlers:
            other.addHandler(handler)
            other.setLevel(logging.WARNING)
            other.propagate = False


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

    def ready() -> None:
        if announce is not None:
            announce(
                f"kg serve: {server.url} (SPARQL endpoint {server.url}sparql; "
                f"{server.triples} triples from {server.graph_path}; "
                f"timeout {server.config.timeout:g} s, at most {server.config.max_rows} rows, "
                f"{server.config.workers} workers)"
            )

    _quiet_logging()
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous: Any = signal.signal(signal.SIGTERM, stop) if in_main_thread else None
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever(on_ready=ready)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
        server.close()


if __name__ == "__main__":  # python -m kg.serve TARGET [options], same as `kg serve`
    from kg.cli_query import serve_command

    serve_command()
