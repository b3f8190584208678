"""Push a graph kg built into a triple store, through the SPARQL 1.1 Graph Store HTTP Protocol.

    >>> from kg.push import push_graph
    >>> result = push_graph("output/", "http://localhost:8890/sparql-graph-crud-auth",
    ...                     user="dba", password=os.environ["KG_PUSH_PASSWORD"])

The graph goes into one named graph (default: :func:`graph_iri_of`, a hash of its triples):
the first chunk with ``PUT ?graph=IRI`` (replaces whatever that graph held, so pushing the same
build again leaves the store as it was), the others with ``POST ?graph=IRI`` (adds). Each
chunk is at most ``chunk_triples`` triples of N-Triples, so memory does not grow with the
graph. The triples are read twice: once to count and hash them (and to find a syntax error in
a Turtle file before anything is sent), once to send them.

HTTP goes through ``requests`` (its Digest auth reuses the server's nonce, so each chunk is
sent once; the standard library's handler sends every body twice, the first time to get the
401 challenge). Credentials are never taken from the address, ``~/.netrc`` or the command
line, and never appear in a message.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from kg.errors import PushError
from kg.iri import digest
from kg.vocab import BASE

__all__ = ["DEFAULT_CHUNK", "GRAPH_BASE", "PushError", "PushResult", "graph_iri_of",
           "push_graph"]

#: triples per request (about 10 MB of N-Triples for a kg graph)
DEFAULT_CHUNK = 50_000
#: default named graphs: GRAPH_BASE + a hash of the graph's triples
GRAPH_BASE = BASE + "graph/"
CONTENT_TYPE = "application/n-triples"
#: literals this long (UTF-8 bytes) get a note when a request fails: Virtuoso 7.2's loader
#: takes 65,515 bytes and refuses 65,516 (measured on 7.2.5)
LONG_LITERAL = 65_000
_STORE_FOLDER = "graph.oxigraph"  # kg.pipeline.STORE_FOLDER, without importing rdflib
_GRAPH_FILE = "graph.ttl"  # kg.pipeline.GRAPH_FILE
_MASK = (1 << 128) - 1
#: an HTML tag or <!DOCTYPE>, not an <IRI> in a message
_TAG = re.compile(r"<![^>]*>|</?[A-Za-z][A-Za-z0-9]*(\s[^>]*)?/?>")


@dataclass(frozen=True, slots=True)
class PushResult:
    graph_iri: str
    #: the endpoint, as given (it never holds credentials)
    endpoint: str
    triples: int
    chunks: int
    seconds: float

    def summary(self) -> dict[str, object]:
        return {"graph": self.graph_iri, "endpoint": self.endpoint, "triples": self.triples,
                "chunks": self.chunks, "seconds": round(self.seconds, 3)}


@dataclass(frozen=True, slots=True)
class _Source:
    path: Path
    store: bool  # a pyoxigraph store folder, else a Turtle (or N-Triples) file

    def triples(self) -> Iterator[ox.Triple]:
        try:
            if self.store:
                store = ox.Store.read_only(str(self.path))
                for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
                    yield quad.triple
            else:
                for quad in ox.parse(path=str(self.path), format=ox.RdfFormat.TURTLE,
                                     without_named_graphs=True):
                    yield quad.triple
        except SyntaxError as error:
            raise PushError(f"{self.path}: not Turtle: {_one_line(error)}") from None
        except OSError as error:
            what = "cannot open the store" if self.store else "cannot read"
            reason = error.strerror or _one_line(error)
            raise PushError(f"{self.path}: {what}: {reason}") from None


def _source(source: str | Path) -> _Source:
    """A build folder stands for its store (else its graph.ttl); a file is Turtle."""
    path = Path(source)
    if path.is_dir():
        if path.name == _STORE_FOLDER:
            return _Source(path, store=True)
        if (path / _STORE_FOLDER).is_dir():
            return _Source(path / _STORE_FOLDER, store=True)
        if (path / _GRAPH_FILE).is_file():
            return _Source(path / _GRAPH_FILE, store=False)
        raise PushError(f"{path}: no graph in this folder (neither {_STORE_FOLDER} nor "
                        f"{_GRAPH_FILE}); kg build -o {path} ... writes one")
    if path.is_file():
        return _Source(path, store=False)
    raise PushError(f"{path}: no such file or folder")


@dataclass(slots=True)
class _Survey:
    triples: int = 0
    blank_nodes: bool = False
    _sum: int = 0

    def add(self, triple: ox.Triple) -> None:
        line = str(triple)
        if "_:" in line and (isinstance(triple.subject, ox.BlankNode)
                             or isinstance(triple.object, ox.BlankNode)):
            # blank node labels are the file's (or random): leave them out of the hash
            self.blank_nodes = True
            line = " ".join("_:" if isinstance(term, ox.BlankNode) else str(term)
                            for term in (triple.subject, triple.predicate, triple.object))
        self.triples += 1
        self._sum += int.from_bytes(hashlib.sha256(line.encode("utf-8")).digest()[:16], "big")

    @property
    def digest(self) -> str:
        return digest(str(self.triples), f"{self._sum & _MASK:032x}")


def _survey(source: _Source) -> _Survey:
    survey = _Survey()
    for triple in source.triples():
        survey.add(triple)
    return survey


def graph_iri_of(source: str | Path) -> str:
    """The default named graph of ``source``: :data:`GRAPH_BASE` + a hash of its set of triples.

    The same graph gives the same IRI whatever the order of its triples and whether it is read
    from the build folder, its store or its graph.ttl; a build that changes one triple gives
    another IRI."""
    return GRAPH_BASE + _survey(_source(source)).digest


def _check_endpoint(endpoint: str) -> None:
    if "@" in urlsplit(endpoint).netloc:
        # never echo it: it may hold a password
        raise PushError("the endpoint address holds credentials: give the user with --user and "
                        "the password in KG_PUSH_PASSWORD or --password-file")
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise PushError(f"{endpoint!r} is not an http(s) address") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"{endpoint!r} is not an http(s) address (http://host:port/path)")
    if parts.fragment:
        raise PushError(f"{endpoint}: an endpoint address has no #fragment")


def _check_graph_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
        absolute = urlsplit(iri).scheme != ""
    except ValueError:
        absolute = False
    if not absolute:
        raise PushError(f"{iri!r} is not an absolute IRI (the named graph's name)")


def push_graph(
    source: str | Path,
    endpoint: str,
    *,
    graph_iri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    auth: Literal["digest", "basic"] = "digest",
    chunk_triples: int = DEFAULT_CHUNK,
    timeout: float = 60.0,
    progress: Callable[[int, int], None] | None = None,
) -> PushResult:
    """Put the graph of ``source`` (a build folder, its store, or a Turtle file) into the named
    graph ``graph_iri`` (default :func:`graph_iri_of`) of the Graph Store at ``endpoint``.

    ``progress(sent, total)`` is called after each chunk. Raises :class:`PushError` with a
    one-line message (never holding the password) when anything fails; if a chunk after the
    first fails, the named graph holds the chunks sent before it (the message says so)."""
    if chunk_triples < 1:
        raise PushError(f"chunk_triples must be at least 1, not {chunk_triples}")
    if timeout <= 0:
        raise PushError(f"timeout must be positive, not {timeout}")
    if auth not in ("digest", "basic"):
        raise PushError(f"auth is digest or basic, not {auth!r}")
    if (user is None) != (password is None):
        raise PushError("give both a user and a password, or neither")
    _check_endpoint(endpoint)
    if graph_iri is not None:
        _check_graph_iri(graph_iri)
    where = _source(source)
    started = time.perf_counter()
    survey = _survey(where)
    if survey.blank_nodes and survey.triples > chunk_triples:
        # a blank node is local to one request: split over two, it would become two nodes
        raise PushError(f"{where.path}: has blank nodes, which cannot be split over several "
                        f"requests; push it in one (chunk of at least {survey.triples} triples)")
    iri = graph_iri or GRAPH_BASE + survey.digest
    client = _Client(endpoint, iri, user=user, password=password, auth=auth, timeout=timeout)
    sent = chunks = 0
    if progress is not None:
        progress(0, survey.triples)
    try:
        for chunk in _chunks(where.triples(), chunk_triples, first_empty=survey.triples == 0):
            try:
                client.send("PUT" if chunks == 0 else "POST",
                            ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b"")
            except PushError as error:
                message = str(error) + _long_literal_hint(chunk)
                if chunks:
                    message += (f" (after {chunks} chunk(s): <{iri}> holds only {sent} of the "
                                f"{survey.triples} triples; push again)")
                raise PushError(message) from None
            chunks += 1
            sent += len(chunk)
            if progress is not None:
                progress(sent, survey.triples)
    finally:
        client.close()
    return PushResult(graph_iri=iri, endpoint=endpoint, triples=sent, chunks=chunks,
                      seconds=time.perf_counter() - started)


def _long_literal_hint(chunk: list[ox.Triple]) -> str:
    """Virtuoso 7.2 refuses a literal over 64 KB with a 500 that blames the content type."""
    longest = max((len(t.object.value.encode("utf-8")) for t in chunk
                   if isinstance(t.object, ox.Literal)), default=0)
    if longest < LONG_LITERAL:
        return ""
    return (f"; this chunk has a literal of {longest} bytes, and some stores (Virtuoso 7.2) "
            f"refuse literals over 64 KB")


def _chunks(triples: Iterator[ox.Triple], size: int, *,
            first_empty: bool) -> Iterator[list[ox.Triple]]:
    if first_empty:  # an empty graph: one empty PUT empties the named graph
        yield []
        return
    chunk: list[ox.Triple] = []
    for triple in triples:
        chunk.append(triple)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Client:
    """One Graph Store endpoint and named graph, over one HTTP session."""

    def __init__(self, endpoint: str, graph_iri: str, *, user: str | None,
                 password: str | None, auth: str, timeout: float) -> None:
        import requests
        from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth
        from requests.utils import get_environ_proxies

        self.endpoint = endpoint
        self.timeout = timeout
        self.auth_name = auth
        self.has_user = user is not None
        self.secret = password or None
        separator = "&" if urlsplit(endpoint).query else "?"
        self.url = endpoint + separator + urlencode({"graph": graph_iri})
        self.session = requests.Session()
        # no credentials from ~/.netrc, no CA bundle from the environment; proxies are kept
        self.session.trust_env = False
        self.session.proxies.update(get_environ_proxies(endpoint))
        self.session.headers["User-Agent"] = "kg-push"
        credentials: AuthBase | None = None
        if user is not None and password is not None:
            # Basic as UTF-8 (RFC 7617; requests would encode a str as latin-1 and fail on €)
            credentials = (HTTPDigestAuth(user, password) if auth == "digest"
                           else HTTPBasicAuth(user.encode(), password.encode()))
        self.session.auth = credentials

    def close(self) -> None:
        self.session.close()

    def send(self, method: str, body: bytes) -> None:
        import requests

        try:
            response = self.session.request(
                method, self.url, data=body, timeout=self.timeout, allow_redirects=False,
                headers={"Content-Type": CONTENT_TYPE})
        except requests.Timeout:
            raise PushError(f"{self.endpoint}: no answer within {self.timeout:g} s "
                            "(--timeout waits longer)") from None
        except requests.exceptions.SSLError as error:
            raise PushError(f"{self.endpoint}: TLS failed: {self._reason(error)}") from None
        except requests.ConnectionError as error:
            raise PushError(f"cannot reach {self.endpoint}: {self._reason(error)}") from None
        except requests.RequestException as error:
            raise PushError(f"{self.endpoint}: {self._reason(error)}") from None
        with response:
            if response.status_code in (200, 201, 204):
                return
            raise PushError(self._refusal(method, response))

    def _refusal(self, method: str, response: object) -> str:
        import requests

        assert isinstance(response, requests.Response)
        status = f"{response.status_code} {response.reason or ''}".strip()
        head = f"{self.endpoint}: {method} refused, HTTP {status}"
        if response.status_code == 401:
            challenge = response.headers.get("WWW-Authenticate", "")
            wanted = challenge.split(" ", 1)[0].lower()
            if not self.has_user:
                hint = "the endpoint needs a user (--user) and a password (KG_PUSH_PASSWORD)"
            elif wanted and wanted != self.auth_name:
                hint = f"the server asks for {wanted.title()} auth, not {self.auth_name}"
            elif self.auth_name == "basic":
                hint = "wrong user or password, or the server wants Digest auth (Virtuoso does)"
            else:
                hint = "wrong user or password"
            return f"{head}: {hint}"
        if response.status_code == 403:
            return f"{head}: this user may not write graphs" + self._message(response, "; ")
        if response.status_code in (404, 405, 501):
            return (f"{head}: no Graph Store here (Virtuoso's is /sparql-graph-crud-auth)"
                    + self._message(response, "; "))
        if 300 <= response.status_code < 400:
            target = response.headers.get("Location", "elsewhere")
            return self._hide(f"{head}: it redirects to {target}; push to that address")
        return head + self._message(response, ": ")

    def _message(self, response: object, prefix: str) -> str:
        """The server's own short message: the text of its error page, on one line."""
        import requests

        assert isinstance(response, requests.Response)
        try:
            text = response.content[:20_000].decode(response.encoding or "utf-8", "replace")
        except (requests.RequestException, LookupError):
            return ""
        if "<" in text:
            # Virtuoso repeats the status line in a heading: <h1>HTTP/1.1 500 Request Failed</h1>
            text = re.sub(r"(?is)<(h\d)>\s*HTTP/[\d.]+ \d{3}[^<]*</\1>", " ", text)
            text = re.sub(r"(?is)<(script|style|title|head)\b.*?</\1>", " ", text)
            text = html.unescape(_TAG.sub(" ", text))
        text = " ".join(text.split())
        if not text:
            return ""
        text = self._hide(text)
        return prefix + (text if len(text) <= 300 else text[:299] + "…")

    def _reason(self, error: BaseException) -> str:
        """The root cause of a requests error, short (urllib3 wraps it several times)."""
        seen: set[int] = set()
        current: BaseException | None = error
        reason = ""
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            if isinstance(current, OSError) and current.strerror:
                reason = current.strerror
            nested = next((a for a in current.args if isinstance(a, BaseException)), None)
            current = getattr(current, "reason", None) or nested or current.__cause__ \
                or current.__context__
            if not isinstance(current, BaseException):
                current = None
        return self._hide(reason or _one_line(error))

    def _hide(self, text: str) -> str:
        """``text`` from the server or the network, the password (if it is there) masked."""
        return text.replace(self.secret, "***") if self.secret else text


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
