"""``kg view GRAPH.ttl -o graph.html``: the interactive page for a graph kg wrote."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Graph
from rdflib.util import guess_format


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


@click.command("view")
@click.argument("graph_file", metavar="GRAPH.ttl", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="HTML file to write (default: GRAPH with the suffix .html).",
)
@click.option("--title", default=None, help="Page title (default: the graph file's name).")
@click.option(
    "--lang",
    default="en",
    show_default=True,
    help="Preferred language of property and class labels.",
)
def view(graph_file: Path, output: Path | None, title: str | None, lang: str) -> None:
    """Write a self-contained interactive HTML view of GRAPH.ttl (opens from disk, offline)."""
    from kg.view import write_html  # imported here: keeps `kg --help` fast

    if not graph_file.is_file():
        raise click.ClickException(f"{graph_file}: no such file")
    fmt = guess_format(str(graph_file)) or "turtle"
    graph = Graph()
    try:
        graph.parse(graph_file, format=fmt)
    except Exception as error:  # rdflib raises many types for bad input
        raise click.ClickException(f"{graph_file}: cannot read {fmt}: {_one_line(error)}") from None
    out = output if output is not None else graph_file.with_suffix(".html")
    if not out.parent.is_dir():
        raise click.ClickException(f"{out.parent}: no such directory")
    try:
        write_html(graph, out, title=title or graph_file.name, lang=lang)
    except OSError as error:
        raise click.ClickException(f"{out}: cannot write: {_one_line(error)}") from None
    click.echo(f"wrote {out}")
