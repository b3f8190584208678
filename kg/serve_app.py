"""The ASGI application of ``kg serve``: three resources, checks, security headers, a log line.

It answers only:

* ``/`` (and ``/<page>.html``): the graph's HTML page, or a small query form if there is none;
* ``/<graph>.ttl``: the graph file;
* ``/sparql``: the SPARQL 1.1 Protocol endpoint (GET ``?query=``; POST form-encoded or
  ``application/sparql-query``), read-only, each query run by a worker of the pool.

Everything else is 404: the paths are a fixed list, never joined to a folder. Before anything,
the ``Host`` header must name the address the connection came to (a loopback server also
answers to ``localhost``, ``127.0.0.1`` and ``[::1]``): a page of another site that got its
name pointed at 127.0.0.1 (DNS rebinding) is answered 421. ``/sparql`` also refuses requests
another site's page makes (an ``Origin`` that is not this server, or a ``Sec-Fetch-Site`` other
than ``same-origin``/``none``): 403. No CORS header is ever sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ipaddress
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs

from kg.errors import QueryError
from kg.query import check_read_only, looks_like_update
from kg.serve_worker import Reply, negotiate, text_reply

__all__ = ["App", "Resource", "allowed_hosts"]

log = logging.getLogger("kg.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

SPARQL_PATH = "/sparql"
CHUNK = 256 * 1024
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")

COMMON_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
#: for anything that is not the HTML page: nothing runs, nothing loads, no framing
PLAIN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True)
class Resource:
    """A file served as it was when the server started (a private copy, or bytes)."""

    content_type: str
    size: int
    path: Path | None = None
    data: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Pool(Protocol):
    async def run(self, query: str, accepts: list[str]) -> Reply: ...


@functools.lru_cache(maxsize=64)
def allowed_hosts(address: str, port: int, bound: str = "") -> frozenset[str]:
    """``Host`` values that name this server, for a connection to ``address:port``.

    ``bound`` is the name the server was told to listen on (``--host``), accepted as well.
    """
    names: set[str] = set()
    plain = address.split("%", 1)[0]
    try:
        ip = ipaddress.ip_address(plain)
    except ValueError:
        names.add(plain.lower())
    else:
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        if mapped is not None:
            ip = mapped
        names.add(f"[{ip.compressed}]" if ip.version == 6 else ip.compressed)
        if ip.is_loopback:
            names.update(LOOPBACK_NAMES)
    if bound and bound not in ("0.0.0.0", "::", ""):
        names.add(f"[{bound.lower()}]" if ":" in bound and not bound.startswith("[") else bound)
    hosts = {f"{name}:{port}" for name in names}
    if port == 80:
        hosts.update(names)
    return frozenset(hosts)


def _printable(text: str, limit: int = 160) -> str:
    """``text`` for a one-line message: control characters escaped, long text cut."""
    safe = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[: limit + 1])
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


class _Closed(Exception):
    """The client went away while we read its request."""


class _Refused(Exception):
    def __init__(self, reply: Reply, *, close: bool = False) -> None:
        super().__init__(reply[2].decode("utf-8", "replace").strip())
        self.reply = reply
        self.close = close


class _Exchange:
    """One request being answered, and what the log line needs."""

    def __init__(self, scope: Scope, send: Send) -> None:
        self.scope = scope
        self._send = send
        self.status = 0
        self.size = 0
        self.complete = False
        self.gone = asyncio.Event()  # the client closed its connection
        self.cut = False  # ... before the whole answer was sent
        self._watcher: asyncio.Task[None] | None = None

    def watch(self, receive: Receive) -> None:
        """Once the request body is read: notice when the client goes away."""

        async def watch() -> None:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    self.cut = not self.complete
                    self.gone.set()
                    return

        self._watcher = asyncio.ensure_future(watch())

    def stop_watching(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()

    @property
    def started(self) -> bool:
        return self.status != 0

    async def start(
        self, status: int, content_type: str, length: int, headers: dict[str, str]
    ) -> None:
        self.status = status
        raw = [
            (b"content-type", content_type.encode("latin-1")),
            (b"content-length", str(length).encode("ascii")),
            *COMMON_HEADERS,
        ]
        raw.extend((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items())
        await self._send({"type": "http.response.start", "status": status, "headers": raw})

    async def body(self, data: bytes, *, more: bool = False) -> None:
        self.size += len(data)
        await self._send({"type": "http.response.body", "body": data, "more_body": more})
        if not more:
            self.complete = True

    async def reply(self, reply: Reply, *, close: bool = False, cache: str = "no-store") -> None:
        status, content_type, data, extra = reply
        headers = {"Cache-Control": cache, "Content-Security-Policy": PLAIN_CSP, **extra}
        if close:
            headers["Connection"] = "close"
        await self.start(status, content_type, len(data), headers)
        await self.body(data if self.scope["method"] != "HEAD" else b"")


class App:
    """The ASGI 3 application (HTTP only; no lifespan, no websockets)."""

    def __init__(
        self,
        resources: dict[str, Resource],
        pool: Pool,
        *,
        max_body: int,
        read_timeout: float,
        bound_host: str = "",
    ) -> None:
        self.resources = resources
        self.pool = pool
        self.max_body = max_body
        self.read_timeout = read_timeout
        self.bound_host = bound_host.lower().strip("[]")
        files = sorted(p for p in resources if p != "/")
        self.where = ", ".join(["/", *files, SPARQL_PATH])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        started = time.monotonic()
        exchange = _Exchange(scope, send)
        try:
            await self._handle(exchange, receive)
        except _Closed:
            pass
        except asyncio.CancelledError:  # the server is stopping and did not wait for us
            if not exchange.started:
                with contextlib.suppress(Exception):
                    reply = text_reply(503, "the server is stopping", {"Retry-After": "5"})
                    await exchange.reply(reply, close=True)
        except _Refused as refused:
            if not exchange.started:
                await exchange.reply(refused.reply, close=refused.close)
        except Exception as error:  # a bug: one line in the log, 500 to the client
            log.error(
                "kg serve: internal error on %s: %s: %s",
                _printable(scope.get("path", "")),
                type(error).__name__,
                _printable(str(error)),
            )
            if not exchange.started:
                await exchange.reply(text_reply(500, "internal error"), close=True)
        finally:
            exchange.stop_watching()
            self._log(exchange, started)

    def _log(self, exchange: _Exchange, started: float) -> None:
        if not log.isEnabledFor(logging.INFO):
            return
        scope = exchange.scope
        client = scope.get("client")
        who = f"{client[0]}:{client[1]}" if client else "-"
        target = scope.get("path", "")
        query = scope.get("query_string", b"")
        if query:
            target += "?" + query.decode("latin-1")
        status = 499 if exchange.cut or not exchange.complete else exchange.status
        log.info(
            '%s "%s %s" %d %d %.1fms',
            who,
            scope.get("method", "-"),
            _printable(target, 200),
            status,
            exchange.size,
            (time.monotonic() - started) * 1000,
        )

    # ------------------------------------------------------------------ routing

    async def _handle(self, exchange: _Exchange, receive: Receive) -> None:
        scope = exchange.scope
        headers = _headers(scope)
        self._check_host(scope, headers)
        path = scope["path"]
        method = scope["method"]
        if path == SPARQL_PATH:
            await self._sparql(exchange, receive, headers)
            return
        resource = self.resources.get(path)
        if resource is None:
            raise _Refused(text_reply(404, f"not found: {_printable(path)} (here: {self.where})"))
        if method not in ("GET", "HEAD"):
            raise _Refused(
                text_reply(405, "method not allowed: use GET", {"Allow": "GET, HEAD"})
            )
        exchange.watch(receive)
        await self._file(exchange, resource)

    def _check_host(self, scope: Scope, headers: dict[str, str]) -> None:
        host = headers.get("host", "").strip().lower()
        server = scope.get("server")
        if not server or server[1] is None:
            return  # not a TCP socket (tests calling the app directly, a Unix socket)
        allowed = allowed_hosts(str(server[0]), int(server[1]), self.bound_host)
        if host not in allowed:
            shown = _printable(host, 80) or "none"
            raise _Refused(
                text_reply(
                    421,
                    f"misdirected request: Host {shown} is not this server "
                    f"(use http://{sorted(allowed)[0]}/)",
                ),
                close=True,
            )

    def _check_same_origin(self, scope: Scope, headers: dict[str, str]) -> None:
        origin = headers.get("origin")
        if origin is not None:
            server = scope.get("server")
            allowed = (
                allowed_hosts(str(server[0]), int(server[1]), self.bound_host)
                if server and server[1] is not None
                else frozenset()
            )
            scheme, _, rest = origin.strip().lower().partition("://")
            if scheme != "http" or rest not in allowed:
                raise _Refused(
                    text_reply(
                        403,
                        f"forbidden: a query from another site (Origin {_printable(origin, 80)})"
                        " is refused",
                    )
                )
        site = headers.get("sec-fetch-site")
        if site is not None and site.strip().lower() not in ("same-origin", "none"):
            raise _Refused(
                text_reply(403, f"forbidden: a query from another site ({_printable(site, 40)}) "
                           "is refused")
            )

    # ------------------------------------------------------------------ files

    async def _file(self, exchange: _Exchange, resource: Resource) -> None:
        headers = {"Cache-Control": "no-cache", **resource.headers}
        if "Content-Security-Policy" not in headers:
            headers["Content-Security-Policy"] = PLAIN_CSP
        await exchange.start(200, resource.content_type, resource.size, headers)
        if exchange.scope["method"] == "HEAD" or resource.size == 0:
            await exchange.body(b"")
            return
        if resource.data is not None:
            await exchange.body(resource.data)
            return
        assert resource.path is not None
        with open(resource.path, "rb") as stream:
            remaining = resource.size
            while remaining > 0:
                if exchange.gone.is_set():
                    raise _Closed
                size = min(CHUNK, remaining)
                chunk = (
                    stream.read(size)
                    if resource.size <= CHUNK
                    else await asyncio.to_thread(stream.read, size)
                )
                if not chunk:
                    raise OSError(f"{resource.path.name} became shorter while being served")
                remaining -= len(chunk)
                await exchange.body(chunk, more=remaining > 0)

    # ------------------------------------------------------------------ SPARQL

    async def _sparql(self, exchange: _Exchange, receive: Receive, headers: dict[str, str]) -> None:
        scope = exchange.scope
        method = scope["method"]
        if method not in ("GET", "HEAD", "POST"):
            raise _Refused(
                text_reply(
                    405,
                    "method not allowed: this endpoint is read-only (GET or POST a query)",
                    {"Allow": "GET, HEAD, POST"},
                )
            )
        self._check_same_origin(scope, headers)
        params = _parse_params(scope.get("query_string", b"").decode("latin-1"), "query string")
        if method == "POST":
            query = await self._posted_query(receive, headers, params)
        else:
            if "update" in params:
                raise _Refused(_update_refused())
            query = _single(params.get("query", []))
        if query is None or not query.strip():
            raise _Refused(text_reply(400, "missing query: use ?query=SELECT ... or POST a query"))
        try:
            if len(query) > 65536:  # a long text: checked off the event loop
                await asyncio.to_thread(check_read_only, query)
            else:
                check_read_only(query)
        except QueryError as error:
            status = 403 if looks_like_update(query) else 400
            raise _Refused(text_reply(status, str(error))) from None
        formats = params.get("format") or []
        accepts = negotiate(headers.get("accept"), formats[0] if formats else None)
        # a client that goes away meanwhile takes its query with it (out of the line, or
        # stopped: its worker is replaced)
        exchange.watch(receive)
        running = asyncio.ensure_future(self.pool.run(query, accepts))
        gone = asyncio.ensure_future(exchange.gone.wait())
        try:
            await asyncio.wait({running, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            if not running.done():
                running.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await running
        if not running.done() or running.cancelled():
            raise _Closed
        await exchange.reply(running.result())

    async def _posted_query(
        self, receive: Receive, headers: dict[str, str], params: dict[str, list[str]]
    ) -> str | None:
        length = headers.get("content-length")
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        if length is not None:
            try:
                announced = int(length)
            except ValueError:
                raise _Refused(text_reply(400, "bad Content-Length"), close=True) from None
            if announced > self.max_body:
                raise _Refused(self._too_large(), close=True)
        elif not chunked:
            raise _Refused(text_reply(411, "a POST needs a Content-Length"), close=True)
        body = await self._read_body(receive)
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _Refused(text_reply(400, "the request body is not UTF-8")) from None
        if content_type == "application/sparql-update":
            raise _Refused(_update_refused())
        if content_type == "application/x-www-form-urlencoded":
            form = _parse_params(text, "form")
            if "update" in form:
                raise _Refused(_update_refused())
            for name, values in form.items():
                if name != "query":
                    params[name] = values
            return _single(form.get("query", []))
        if content_type == "application/sparql-query":
            if "update" in params:
                raise _Refused(_update_refused())
            return text
        raise _Refused(
            text_reply(
                415,
                "unsupported Content-Type: use application/x-www-form-urlencoded "
                "or application/sparql-query",
            )
        )

    def _too_large(self) -> Reply:
        return text_reply(413, f"the request body is limited to {self.max_body} bytes")

    async def _read_body(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.read_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        raise _Closed
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_body:
                        raise _Refused(self._too_large(), close=True)
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        return b"".join(chunks)
        except TimeoutError:
            raise _Refused(
                text_reply(
                    408, f"request timeout: the body did not arrive within {self.read_timeout:g} s"
                ),
                close=True,
            ) from None


def _headers(scope: Scope) -> dict[str, str]:
    """Request headers by lower-case name; a repeated Host is no host at all."""
    result: dict[str, str] = {}
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        if name in result:
            if name == "host":
                result[name] = ""
                continue
            result[name] = result[name] + ", " + value
        else:
            result[name] = value
    return result


def _parse_params(text: str, where: str) -> dict[str, list[str]]:
    try:
        return parse_qs(
            text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=100
        )
    except (ValueError, UnicodeDecodeError):
        raise _Refused(text_reply(400, f"bad {where}: not URL-encoded UTF-8")) from None


def _single(values: list[str]) -> str | None:
    if len(values) > 1:
        raise _Refused(text_reply(400, "more than one query parameter"))
    return values[0] if values else None


def _update_refused() -> Reply:
    return text_reply(403, "updates are not allowed: this SPARQL endpoint is read-only")
