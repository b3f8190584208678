"""A ``kg serve`` query worker: a process that answers SPARQL queries on a read-only store.

The server starts each worker as ``python -m kg.serve_worker STORE TIMEOUT MAX_MEMORY`` (the
address space is capped at MAX_MEMORY bytes once the store is open; 0: no cap) and talks to it
over its stdin and stdout in frames (:func:`write_frame`, :func:`read_frame`): a JSON head and
a byte body. A query over its time limit is stopped by killing the worker (a process can be
killed; pyoxigraph's evaluation cannot be interrupted); the worker also arms ``SIGALRM`` with
its default action (terminate) a little after the time limit, so it never outlives a query
the server forgot, and it exits when its stdin closes (the server is gone).

This module also holds what the worker needs to render results: media types, content
negotiation (:func:`negotiate`, :func:`pick`) and :func:`answer`.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import struct
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

__all__ = [
    "FORMAT_NAMES",
    "GRAPH_TYPES",
    "RESULT_TYPES",
    "Reply",
    "answer",
    "memory_message",
    "negotiate",
    "pick",
    "read_frame",
    "text_reply",
    "write_frame",
]

#: a worker that outlives its query's time limit by this much kills itself
SELF_KILL_GRACE = 5.0

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

#: (status, content type, body, extra headers)
Reply = tuple[int, str, bytes, dict[str, str]]


def text_reply(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    """A one-line plain-text reply."""
    line = " ".join(message.split())
    return status, "text/plain; charset=utf-8", (line + "\n").encode("utf-8"), headers or {}


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


def pick(accepts: Sequence[str], supported: dict[str, str], default: str) -> str | None:
    """The first of ``accepts`` that ``supported`` has (``*/*`` is ``default``), or None."""
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


def answer(store: Any, query: str, accepts: list[str], max_rows: int) -> Reply:
    """Run ``query`` on ``store`` (a pyoxigraph Store) and render it for ``accepts``."""
    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.query import all_prefixes, format_csv, format_json, format_tsv, format_xml, run_query

    try:
        result = run_query(store, query, max_rows=max_rows)
    except QueryError as error:
        return text_reply(400, str(error))
    headers = {"X-Kg-Truncated": "true"} if result.truncated else {}
    if result.kind == "graph":
        media = pick(accepts, GRAPH_TYPES, "text/turtle")
        if media is None:
            return text_reply(406, "not acceptable: a graph is served as " + ", ".join(GRAPH_TYPES))
        formats = {
            "turtle": ox.RdfFormat.TURTLE,
            "ntriples": ox.RdfFormat.N_TRIPLES,
            "rdfxml": ox.RdfFormat.RDF_XML,
            "jsonld": ox.RdfFormat.JSON_LD,
        }
        triples = [ox.Triple(*row) for row in result.terms]  # type: ignore[arg-type]
        body = ox.serialize(triples, format=formats[GRAPH_TYPES[media]], prefixes=all_prefixes())
        return 200, f"{media}; charset=utf-8", body or b"", headers
    media = pick(accepts, RESULT_TYPES, "application/sparql-results+json")
    if media is None:
        return text_reply(406, "not acceptable: results are served as " + ", ".join(RESULT_TYPES))
    formatter: Callable[[Any], str] = {
        "json": format_json,
        "xml": format_xml,
        "csv": format_csv,
        "tsv": format_tsv,
    }[RESULT_TYPES[media]]
    return 200, f"{media}; charset=utf-8", formatter(result).encode("utf-8"), headers


# --------------------------------------------------------------------------- frames

_SIZES = struct.Struct("!II")  # length of the JSON head, length of the body


def encode_frame(head: dict[str, Any], body: bytes = b"") -> bytes:
    data = json.dumps(head, separators=(",", ":")).encode("utf-8")
    return _SIZES.pack(len(data), len(body)) + data + body


def write_frame(stream: IO[bytes], head: dict[str, Any], body: bytes = b"") -> None:
    stream.write(encode_frame(head, body))
    stream.flush()


def split_sizes(data: bytes) -> tuple[int, int]:
    head_size, body_size = _SIZES.unpack(data)
    return int(head_size), int(body_size)


FRAME_SIZES = _SIZES.size


def read_frame(stream: IO[bytes]) -> tuple[dict[str, Any], bytes] | None:
    """The next frame, or None at the end of the stream."""
    sizes = stream.read(FRAME_SIZES)
    if len(sizes) < FRAME_SIZES:
        return None
    head_size, body_size = split_sizes(sizes)
    data = stream.read(head_size + body_size)
    if len(data) < head_size + body_size:
        return None
    head = json.loads(data[:head_size])
    if not isinstance(head, dict):
        raise ValueError("a frame's head is a JSON object")
    return head, data[head_size:]


# --------------------------------------------------------------------------- the process


def memory_message(max_memory: int | None) -> str:
    limit = f" of {max_memory / 2**30:g} GiB" if max_memory else ""
    return f"query: stopped: it needs more than the memory limit{limit}"


def main(argv: Sequence[str] | None = None) -> int:
    # Ctrl-C in a terminal reaches the whole process group: the server stops us, not the signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    args = list(sys.argv[1:] if argv is None else argv)
    db_path, timeout = args[0], float(args[1])
    max_memory = int(args[2]) if len(args) > 2 and int(args[2]) > 0 else None
    # the frames go to a private copy of stdout; anything a library prints goes to stderr
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = os.fdopen(os.dup(0), "rb")

    import pyoxigraph as ox

    import kg.query  # noqa: F401  (imported before "ready": not counted in a query's time)

    try:
        store = ox.Store.read_only(db_path)
    except OSError as error:
        write_frame(out, {"ready": False, "error": str(error)})
        return 1
    if max_memory is not None:  # a query past it fails to allocate: this process ends
        import resource

        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    write_frame(out, {"ready": True})
    while True:
        try:
            frame = read_frame(inp)
        except (OSError, ValueError):
            return 1
        if frame is None:  # the server closed our stdin: it is gone or stopping
            return 0
        head, body = frame
        signal.setitimer(signal.ITIMER_REAL, timeout + SELF_KILL_GRACE)  # SIGALRM terminates
        try:
            status, content_type, data, headers = answer(
                store, body.decode("utf-8"), list(head["accepts"]), int(head["max_rows"])
            )
        except MemoryError:
            status, content_type, data, headers = text_reply(503, memory_message(max_memory))
        except Exception as error:  # a bug, not the user's query: answer 500, keep serving
            status, content_type, data, headers = text_reply(
                500, f"internal error: {type(error).__name__}: {error}"
            )
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            write_frame(
                out, {"status": status, "type": content_type, "headers": headers}, data
            )
        except OSError:
            return 1


if __name__ == "__main__":
    sys.exit(main())
