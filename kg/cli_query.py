"""``kg query`` and ``kg serve``: click commands, registered in the main group by ``kg.cli``."""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.errors import KgError

if TYPE_CHECKING:
    from kg.query import QueryResult

__all__ = ["query_command", "serve_command"]

_QUERY_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = text
    return params


def _graph_file(graph: Path) -> Path:
    """A directory stands for its graph: the store kg build wrote there (opened as it is,
    no parsing), else its graph.ttl (``kg query output/ ...``)."""
    if graph.is_dir() and (graph / "graph.oxigraph").is_dir() and (
            graph / "graph.ttl").is_file():
        return graph / "graph.oxigraph"
    if graph.is_dir() and (graph / "graph.ttl").is_file():
        return graph / "graph.ttl"
    return graph


def _open(source: Path) -> object:
    """What run_query takes: a store folder opened read-only, else the Turtle file's path."""
    if source.is_dir() and source.name == "graph.oxigraph":
        import pyoxigraph as ox

        try:
            return ox.Store.read_only(str(source))
        except OSError as error:
            raise KgError(f"{source}: cannot open the store ({error})") from None
    return source


def _describe_queries() -> str:
    from kg.query import list_queries

    lines: list[str] = []
    for named in list_queries():
        lines.append(f"{named.name}  —  {named.title}")
        lines.extend(
            textwrap.wrap(
                named.description,
                width=88,
                initial_indent="    ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
        )
        for param in named.params:
            if param.required:
                status = "required"
            elif param.default is not None:
                status = f"default {param.default}"
            else:
                status = "optional"
            lines.extend(
                textwrap.wrap(
                    f"--param {param.name}=...  {param.description} ({status})",
                    width=88,
                    initial_indent="    ",
                    subsequent_indent="        ",
                    break_on_hyphens=False,
                )
            )
        lines.append("")
    return "\n".join(lines)


@click.command("query")
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(path_type=Path),
    help="Read the SPARQL query from this file.",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME (a label, kge:slug or <IRI>); repeatable.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format (csv and json follow the SPARQL 1.1 results formats).",
)
@click.option("--list", "list_only", is_flag=True, help="List the shipped queries and exit.")
@click.option("--timeout", default=60.0, show_default=True,
              type=click.FloatRange(min=0), help="Stop the query after this many seconds "
              "(0: no limit).")
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(min=0),
              help="At most this many result rows (0: no limit); a note on stderr says when "
                   "rows were left out.")
@click.option("--max-memory", default=4.0, show_default=True, type=click.FloatRange(min=0),
              help="Memory the query may use, in GB (0: no limit).")
def query_command(
    graph: Path | None,
    query: str | None,
    query_file: Path | None,
    params: tuple[str, ...],
    fmt: str,
    list_only: bool,
    timeout: float,
    max_rows: int,
    max_memory: float,
) -> None:
    """Run a SPARQL query on GRAPH (a Turtle file, or a directory with graph.ttl).

    QUERY is SPARQL text, a .rq file, or the name of a shipped query (see --list), e.g.
    kg query output/graph.ttl who-leads --param org=Apple
    """
    from kg.query import (
        check_read_only,
        format_csv,
        format_json,
        format_table,
        get_query,
        run_limited,
        run_named_query,
        run_query,
    )

    if list_only:
        try:
            click.echo(_describe_queries(), nl=False)
        except KgError as error:
            raise click.ClickException(_one_line(error)) from None
        return
    if graph is None:
        raise click.UsageError("missing GRAPH (a Turtle file); use --list to see shipped queries")
    if query is not None and query_file is not None:
        raise click.UsageError("give either QUERY or --file, not both")
    if query is None and query_file is None:
        raise click.UsageError("missing QUERY (SPARQL text, a .rq file or a shipped query name)")
    bindings = _parse_params(params)
    source = _graph_file(graph)
    rows = max_rows or None
    named = None
    text = str(query)
    if query_file is not None or (
        query is not None and query.endswith(".rq") and Path(query).is_file()
    ):
        path = query_file if query_file is not None else Path(str(query))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or _one_line(error)
            raise click.ClickException(f"{path}: cannot read: {reason}") from None
    elif query is not None and _QUERY_NAME.fullmatch(query):
        try:
            named = get_query(query)
        except KgError as error:
            raise click.ClickException(_one_line(error)) from None
    if named is None:
        try:
            check_read_only(text)  # at once, not after loading the graph
        except KgError as error:
            raise click.ClickException(_one_line(error)) from None

    def task() -> tuple[str, bool]:
        graph_source: Any = _open(source)
        if named is not None:
            result = run_named_query(graph_source, named, bindings, max_rows=rows)
        else:
            result = run_query(graph_source, text, params=bindings, max_rows=rows)
        formatters: dict[str, Callable[[QueryResult], str]] = {
            "table": format_table, "csv": format_csv, "json": format_json}
        return formatters[fmt](result), result.truncated

    try:
        output, truncated = run_limited(task, timeout=timeout or None,
                                        max_memory=int(max_memory * 2**30) or None)
    except KgError as error:
        raise click.ClickException(_one_line(error)) from None
    click.echo(output, nl=not output.endswith("\n"))
    if truncated:
        sys.stdout.flush()
        click.echo(f"note: only the first {max_rows} rows (--max-rows raises the limit)",
                   err=True)


@click.command("serve")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Time limit of one query, in seconds.",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="At most this many result rows (or triples) per query.",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(min=1),
    help="Queries run at the same time, one process each (default: the CPU count, at least 2).",
)
@click.option("--max-memory", default=2.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Memory one query may use, in GB.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the graph view (default: the one it was written in).")
def serve_command(
    target: Path, host: str, port: int, timeout: float, max_rows: int, workers: int | None,
    max_memory: float, lang: str | None,
) -> None:
    """Serve TARGET (a directory with graph.ttl and graph.html, or a .ttl file) read-only:
    a SPARQL 1.1 endpoint at /sparql and the graph view at /."""
    from kg.serve import ServeConfig, serve

    extra = {"workers": workers} if workers is not None else {}
    config = ServeConfig(host=host, port=port, timeout=timeout, max_rows=max_rows,
                         max_memory=int(max_memory * 2**30), lang=lang, **extra)
    try:
        serve(target, config, announce=lambda message: click.echo(message, err=True))
    except KgError as error:
        raise click.ClickException(_one_line(error)) from None
