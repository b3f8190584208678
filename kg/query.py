"""SPARQL over kg graphs, on pyoxigraph.

``run_query(source, text, params=...)`` loads a Turtle file (or an rdflib ``Graph``, or an
already loaded ``pyoxigraph.Store``) and runs one SPARQL 1.1 query on it. Parameters are never
pasted into the query text: each value becomes an RDF term (an IRI for ``<...>`` or a known
prefixed name such as ``kge:meta``, a plain string literal otherwise) and is bound to the
variable of the same name with pyoxigraph's ``substitutions`` (SEP-0007). pyoxigraph only
substitutes variables that the query projects, so shipped queries project their parameter
variables and :func:`run_named_query` hides those columns again. pyoxigraph 0.5 evaluates
``BOUND(?param)`` before substitution (always false), so an optional parameter is written
``FILTER(COALESCE(?x = ?param || ..., true))``: unbound, the comparison errors and COALESCE
keeps the row.

Shipped queries live in ``kg/queries/*.rq``; each starts with comment lines::

    # title: Who leads which organisation
    # description: ...
    # param: org — the organisation: a label ("Apple"), kge:apple or <IRI> (optional)

A parameter line may end with ``(required)``, ``(optional)`` (the default) or
``(default: VALUE)``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Literal as TypingLiteral
from typing import TypeVar
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox
import rdflib

from kg.errors import KgError, QueryError
from kg.vocab import PREFIXES

__all__ = [
    "NamedQuery",
    "QueryParam",
    "QueryResult",
    "all_prefixes",
    "check_read_only",
    "compact_iri",
    "format_csv",
    "format_json",
    "format_table",
    "format_tsv",
    "format_xml",
    "get_query",
    "list_queries",
    "load_store",
    "looks_like_update",
    "param_term",
    "run_limited",
    "run_named_query",
    "run_query",
    "spreadsheet_safe",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_STANDARD_PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": XSD,
    "dcterms": "http://purl.org/dc/terms/",
}

_NUMERIC_TYPES = frozenset(
    XSD + t
    for t in [
        "integer",
        "decimal",
        "double",
        "float",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Source = Path | str | rdflib.Graph | ox.Store


def all_prefixes() -> dict[str, str]:
    """kg's prefixes (``kg.vocab.PREFIXES``) plus rdf, rdfs, owl, skos, prov, xsd, dcterms."""
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    prefixes.update(_STANDARD_PREFIXES)
    return prefixes


def turtle_prefixes() -> str:
    """``@prefix`` lines for :func:`all_prefixes`, to open a Turtle document by hand."""
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(all_prefixes().items()))


_PREFIXES = all_prefixes()
# Longest namespace first, so kgo: wins over a shorter namespace that is a prefix of it.
_BY_NAMESPACE = sorted(((ns, p) for p, ns in _PREFIXES.items()), key=lambda x: -len(x[0]))
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")
_PREFIXED_NAME = re.compile(r"([A-Za-z][A-Za-z0-9_\-]*)?:(\S*)")


def compact_iri(iri: str) -> str:
    """``https://w3id.org/kgnews/entity/meta`` -> ``kge:meta``; ``<iri>`` if no prefix fits."""
    for namespace, prefix in _BY_NAMESPACE:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if local == "" or _LOCAL_NAME.fullmatch(local):
                return f"{prefix}:{local}"
    return f"<{iri}>"


# --------------------------------------------------------------------------- results


@dataclass
class QueryResult:
    """What a query returned.

    SELECT: ``variables`` and ``rows`` (each term rendered as a string: the IRI, the literal's
    lexical form, ``_:id`` for a blank node; ``None`` when unbound). ASK: ``boolean``.
    CONSTRUCT/DESCRIBE: ``graph`` (Turtle), and the triples as rows of
    ``subject, predicate, object``. ``terms`` keeps the pyoxigraph terms behind ``rows``.
    ``truncated`` is true when ``max_rows`` cut the result.
    """

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: str | None = None
    terms: list[tuple[Term | None, ...]] = field(default_factory=list, repr=False, compare=False)
    truncated: bool = False

    @property
    def kind(self) -> TypingLiteral["select", "ask", "graph"]:
        if self.boolean is not None:
            return "ask"
        if self.graph is not None:
            return "graph"
        return "select"


def _render(term: Term | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


# --------------------------------------------------------------------------- loading


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _syntax_position(error: SyntaxError) -> tuple[int | None, int | None, str]:
    """(line, column, detail) from a pyoxigraph SyntaxError."""
    message = _one_line(error.msg if error.msg else str(error))
    line, column = error.lineno, error.offset
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", message)
    if match:
        return int(match.group(1)), int(match.group(2)), match.group(3)
    match = re.match(
        r"Parser error (?:at|between) line (\d+) column (\d+)(?: and line \d+ column \d+)?:\s*(.*)",
        message,
    )
    if match:
        return int(match.group(1)), int(match.group(2)), match.group(3)
    return line, column, message


_MAX_DETAIL = 160


def _short_detail(detail: str, text: str | None, line: int | None, column: int | None) -> str:
    """The parser's detail, readable: an unknown prefix named, character classes left out
    of the list of what was expected, and at most one short line."""
    if "Prefix not found" in detail and text is not None and line is not None and column:
        lines = text.split("\n")
        if 0 < line <= len(lines):
            before = lines[line - 1][: max(column - 1, 0)].rstrip()
            match = re.search(r"([A-Za-z_][\w.-]*)?:[\w.-]*$", before)
            name = match.group(1) or "" if match else ""
            known = ", ".join(sorted(p for p in _PREFIXES if p))
            return (f"unknown prefix '{name}:' (declare it with PREFIX {name}: <...>; kg "
                    f"knows {known})")
    if detail.startswith("expected one of"):
        expected = detail[len("expected one of"):]
        items = re.findall(r'"[^"]*"|\[[^\]]*\]|[A-Za-z][A-Za-z ]+', expected)
        words = [i for i in items if i.startswith('"')]
        rest = len(items) - len(words)
        detail = "expected " + (", ".join(words) if words else "something else") + (
            " or a name" if rest and words else "")
    if len(detail) > _MAX_DETAIL:
        detail = detail[: _MAX_DETAIL - 1].rstrip() + "…"
    return detail


def _position_message(where: str, error: SyntaxError, text: str | None = None) -> str:
    line, column, detail = _syntax_position(error)
    detail = _short_detail(detail, text, line, column)
    if line is None:
        return f"{where}: {detail}"
    if column is None:
        return f"{where}: line {line}: {detail}"
    return f"{where}: line {line}, column {column}: {detail}"


def load_store(source: Path | str | rdflib.Graph, *, directory: Path | None = None) -> ox.Store:
    """Load a Turtle file (or an rdflib Graph) into a new pyoxigraph store.

    The store is in memory, or on disk in ``directory`` (used by ``kg serve``, whose worker
    processes open it read-only). Raises :class:`QueryError` naming the file, and the line for
    malformed Turtle.
    """
    store = ox.Store(str(directory)) if directory is not None else ox.Store()
    if isinstance(source, rdflib.Graph):
        data = source.serialize(format="nt", encoding="utf-8")
        try:
            store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
        except SyntaxError as error:  # pragma: no cover - rdflib writes valid N-Triples
            raise QueryError(_position_message("graph", error)) from None
        return store
    path = Path(source)
    if not path.exists():
        raise QueryError(f"{path}: no such file")
    if path.is_dir():
        raise QueryError(f"{path}: is a directory, expected a Turtle file")
    try:
        if directory is None:
            # in memory, load() indexes as it parses: about 10% faster than bulk_load()
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        else:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    except SyntaxError as error:
        raise QueryError(_position_message(str(path), error)) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or _one_line(str(error))
        raise QueryError(f"{path}: cannot read: {reason}") from None
    return store


# --------------------------------------------------------------------------- read-only guard

_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_PROLOGUE = re.compile(r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.IGNORECASE)
#: what cannot hold a keyword: strings (long ones first), IRIs, comments
_NOT_CODE = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|"
    r"<[^<>\"{}|^`\\\s]*>|#[^\n]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


def _first_word(text: str) -> str:
    position = 0
    while True:
        match = _PROLOGUE.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
    word = re.match(r"[A-Za-z]+", text[position:])
    return word.group(0).upper() if word else ""


def looks_like_update(text: str) -> bool:
    """True if the text is SPARQL Update (its first keyword after the prologue)."""
    return _first_word(text) in _UPDATE_WORDS


def check_read_only(query: str) -> None:
    """Refuse what kg never does for a query: change the graph (SPARQL Update) or make an
    outbound request (a federated ``SERVICE``). Raises :class:`QueryError`."""
    if looks_like_update(query):
        raise QueryError("query: updates are not allowed: kg answers read-only queries "
                         "(SELECT, ASK, CONSTRUCT, DESCRIBE)")
    if _SERVICE.search(_NOT_CODE.sub(" ", query)):
        raise QueryError("query: SERVICE is not allowed: kg makes no outbound requests "
                         "(federated queries are off)")
    word = _first_word(query)
    if word not in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
        found = f" (found {word!r})" if word else ""
        raise QueryError(f"query: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE"
                         f"{found}")


# --------------------------------------------------------------------------- running


def param_term(name: str, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a parameter value stands for.

    ``<https://...>`` and known prefixed names (``kge:meta``) are IRIs; anything else is a
    plain string literal, matched by the query (labels are compared case-insensitively).
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">") and len(text) >= 2:
        try:
            return ox.NamedNode(text[1:-1])
        except ValueError:
            raise QueryError(f"parameter {name}: invalid IRI {text!r}") from None
    match = _PREFIXED_NAME.fullmatch(text)
    if match and (match.group(1) or "") in _PREFIXES:
        try:
            return ox.NamedNode(_PREFIXES[match.group(1) or ""] + match.group(2))
        except ValueError:
            raise QueryError(f"parameter {name}: invalid IRI {text!r}") from None
    return ox.Literal(value)


_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _substitutions(params: Mapping[str, str] | None) -> dict[ox.Variable, Term]:
    result: dict[ox.Variable, Term] = {}
    for name, value in (params or {}).items():
        if not _VAR_NAME.fullmatch(name):
            raise QueryError(f"parameter {name!r}: not a valid SPARQL variable name")
        result[ox.Variable(name)] = param_term(name, value)
    return result


def run_query(
    source: Source,
    query: str,
    *,
    params: Mapping[str, str] | None = None,
    max_rows: int | None = None,
    hidden: Collection[str] = (),
) -> QueryResult:
    """Run one SPARQL query on a Turtle file, an rdflib Graph or a loaded pyoxigraph Store.

    ``params`` binds ``?name`` to a term made by :func:`param_term` (never pasted into the
    text; the query must project ``?name``). ``hidden`` columns are dropped from the result.
    ``max_rows`` keeps the first rows only (``truncated`` tells). kg's prefixes are predeclared.
    """
    check_read_only(query)
    store = source if isinstance(source, ox.Store) else load_store(source)
    substitutions = _substitutions(params)
    try:
        results = store.query(query, prefixes=_PREFIXES, substitutions=substitutions or None)
    except SyntaxError as error:
        raise QueryError(_position_message("query", error, query)) from None
    except (RuntimeError, OSError, ValueError) as error:
        message = _one_line(str(error))
        match = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", message)
        if match:
            message = f"parameter {match.group(1)}: the query does not select ?{match.group(1)}"
        raise QueryError(f"query: {message}") from None
    try:
        return _collect(results, max_rows, hidden)
    except (RuntimeError, OSError, ValueError) as error:
        raise QueryError(f"query: {_one_line(str(error))}") from None


def _collect(
    results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    max_rows: int | None,
    hidden: Collection[str],
) -> QueryResult:
    if isinstance(results, ox.QueryBoolean):
        return QueryResult(boolean=bool(results))
    truncated = False
    if isinstance(results, ox.QueryTriples):
        triples: list[ox.Triple] = []
        for triple in results:
            if max_rows is not None and len(triples) >= max_rows:
                truncated = True
                break
            triples.append(triple)
        triples.sort(key=str)
        graph = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
        terms: list[tuple[Term | None, ...]] = [(t.subject, t.predicate, t.object) for t in triples]
        return QueryResult(
            variables=["subject", "predicate", "object"],
            rows=[tuple(_render(x) for x in row) for row in terms],
            graph=graph.decode("utf-8") if graph else "",
            terms=terms,
            truncated=truncated,
        )
    names = [v.value for v in results.variables]
    keep = [i for i, name in enumerate(names) if name not in hidden]
    term_rows: list[tuple[Term | None, ...]] = []
    for solution in results:
        if max_rows is not None and len(term_rows) >= max_rows:
            truncated = True
            break
        term_rows.append(tuple(solution[i] for i in keep))
    return QueryResult(
        variables=[names[i] for i in keep],
        rows=[tuple(_render(t) for t in row) for row in term_rows],
        terms=term_rows,
        truncated=truncated,
    )


# --------------------------------------------------------------------------- limits

_T = TypeVar("_T")


def run_limited(task: Callable[[], _T], *, timeout: float | None,
                max_memory: int | None = None) -> _T:
    """Run ``task`` (which loads, queries and formats) in a child process that is killed
    after ``timeout`` seconds, with its address space capped at ``max_memory`` bytes: a
    runaway query (a cross product, a huge ORDER BY) ends with a clear :class:`QueryError`
    instead of taking the machine. ``None`` lifts a limit. Needs the ``fork`` start method
    (Linux, macOS); elsewhere the task runs in this process without limits."""
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork on this platform
        return task()
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        if max_memory is not None:
            import resource

            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
        try:
            send.send(("ok", task()))
        except KgError as error:
            send.send(("error", str(error)))
        except MemoryError:
            send.send(("memory", ""))
        finally:
            send.close()

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(f"query: stopped after {timeout:g} s (the time limit; "
                             f"--timeout raises it)")
        try:
            status, payload = receive.recv()
        except EOFError:
            limit = f" of {max_memory / 2**30:.1f} GB" if max_memory else ""
            raise QueryError(f"query: the query process died (out of the memory limit{limit}"
                             f"?; --max-memory raises it)") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "memory":
        limit = f" ({max_memory / 2**30:.1f} GB)" if max_memory else ""
        raise QueryError(f"query: out of memory{limit}; --max-memory raises the limit")
    raise QueryError(str(payload))


# --------------------------------------------------------------------------- named queries


@dataclass(frozen=True)
class QueryParam:
    name: str
    description: str
    required: bool = False
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    text: str


_PARAM_LINE = re.compile(r"(\w+)\s*(?:—|–|--| - |:)\s*(.*)")
_DEFAULT = re.compile(r"\s*\(default:\s*([^)]*)\)\s*$")
_REQUIRED = re.compile(r"\s*\(required\)\s*$")
_OPTIONAL = re.compile(r"\s*\(optional\)\s*$")


def _parse_named_query(name: str, text: str) -> NamedQuery:
    fields: dict[str, list[str]] = {"title": [], "description": []}
    params: list[QueryParam] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped.lstrip("#").strip()
        key, _, value = body.partition(":")
        key = key.strip().lower()
        if key in fields:
            fields[key].append(value.strip())
        elif key == "param":
            match = _PARAM_LINE.fullmatch(value.strip())
            if not match:
                raise QueryError(f"query {name}: malformed param line {stripped!r}")
            pname, description = match.group(1), match.group(2).strip()
            default: str | None = None
            required = False
            if m := _DEFAULT.search(description):
                default = m.group(1).strip()
                description = description[: m.start()].rstrip()
            elif m := _REQUIRED.search(description):
                required = True
                description = description[: m.start()].rstrip()
            elif m := _OPTIONAL.search(description):
                description = description[: m.start()].rstrip()
            params.append(QueryParam(pname, description, required, default))
    if not fields["title"]:
        raise QueryError(f"query {name}: missing '# title:' line")
    return NamedQuery(
        name=name,
        title=" ".join(fields["title"]),
        description=" ".join(fields["description"]),
        params=tuple(params),
        text=text,
    )


def list_queries() -> list[NamedQuery]:
    """The queries shipped in ``kg/queries/*.rq``, sorted by name."""
    directory = files("kg") / "queries"
    queries = []
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq") and entry.is_file():
            name = entry.name[: -len(".rq")]
            queries.append(_parse_named_query(name, entry.read_text(encoding="utf-8")))
    return queries


def get_query(name: str) -> NamedQuery:
    """The shipped query ``name``; QueryError listing the shipped names if there is none."""
    queries = list_queries()
    for named in queries:
        if named.name == name:
            return named
    shipped = ", ".join(q.name for q in queries)
    raise QueryError(f"unknown query {name!r} (shipped: {shipped})")


def run_named_query(
    source: Source,
    name: str | NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a shipped query: checks the parameters, applies defaults, hides parameter columns."""
    named = name if isinstance(name, NamedQuery) else get_query(name)
    declared = {p.name: p for p in named.params}
    given = dict(params or {})
    unknown = sorted(set(given) - set(declared))
    if unknown:
        accepted = ", ".join(declared) or "none"
        raise QueryError(
            f"query {named.name}: unknown parameter {unknown[0]} (parameters: {accepted})"
        )
    for param in named.params:
        if param.name not in given:
            if param.default is not None:
                given[param.name] = param.default
            elif param.required:
                raise QueryError(
                    f"query {named.name}: missing parameter {param.name} "
                    f"(--param {param.name}=VALUE: {param.description})"
                )
    return run_query(source, named.text, params=given, max_rows=max_rows, hidden=set(declared))


# --------------------------------------------------------------------------- formats


def _cell(result: QueryResult, row: int, col: int) -> str:
    term = result.terms[row][col] if result.terms else None
    value = result.rows[row][col]
    if value is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    return value


def _is_numeric(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC_TYPES


def format_table(result: QueryResult, *, max_width: int | None = 80) -> str:
    """Aligned columns for people: IRIs compacted with kg's prefixes, long cells shortened."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        return result.graph or ""
    header = list(result.variables)
    cells: list[list[str]] = []
    for r in range(len(result.rows)):
        row = []
        for c in range(len(header)):
            text = " ".join(_cell(result, r, c).split())
            if max_width is not None and len(text) > max_width:
                text = text[: max_width - 1] + "…"
            row.append(text)
        cells.append(row)
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(header)]
    numeric = [
        bool(result.terms)
        and any(row[i] is not None for row in result.terms)
        and all(row[i] is None or _is_numeric(row[i]) for row in result.terms)
        for i in range(len(header))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in cells)
    count = len(cells)
    footer = f"({count} row{'s' if count != 1 else ''}"
    footer += ", truncated)" if result.truncated else ")"
    out.append(footer)
    return "\n".join(out) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula: one starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (a number
    such as ``-3.5`` is left as it is)."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def format_csv(result: QueryResult, *, safe: bool = True) -> str:
    """SPARQL 1.1 CSV results (ASK gives one ``boolean`` column; CONSTRUCT gives s, p, o).
    With ``safe`` (the default), cells are made inert for spreadsheets
    (:func:`spreadsheet_safe`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buffer.getvalue()
    clean = spreadsheet_safe if safe else str
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if v is None else clean(v) for v in row])
    return buffer.getvalue()


def format_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV results: terms in N-Triples syntax."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    for row in _term_rows(result):
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


def _term_rows(result: QueryResult) -> list[tuple[Term | None, ...]]:
    if result.terms or not result.rows:
        return result.terms
    # A QueryResult built by hand: strings only, taken as plain literals.
    return [tuple(None if v is None else ox.Literal(v) for v in row) for row in result.rows]


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def format_json(result: QueryResult, *, indent: int | None = 2) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        doc: dict[str, object] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = []
        for row in _term_rows(result):
            bindings.append(
                {
                    var: _json_term(term)
                    for var, term in zip(result.variables, row, strict=True)
                    if term is not None
                }
            )
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return (
                f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(term.value)}</literal>"
            )
        if term.datatype.value != XSD + "string":
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{xml_escape(term.value)}</literal>"
        return f"<literal>{xml_escape(term.value)}</literal>"
    return (
        "<triple>"
        f"<subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object>"
        "</triple>"
    )


def format_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if result.kind == "ask":
        out.append("<head/>")
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<head>")
        out.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
        out.append("</head>")
        out.append("<results>")
        for row in _term_rows(result):
            out.append("<result>")
            for var, term in zip(result.variables, row, strict=True):
                if term is not None:
                    out.append(f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"
