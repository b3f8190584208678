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
    type=click.Choice(["fr", "en"]),
    default="fr",
    show_default=True,
    help="Language of the page: its words, class and property names.",
)
@click.option(
    "--focus",
    metavar="ENTITY",
    default=None,
    help="Open on this entity's neighbourhood (its IRI or name) instead of the overview.",
)
def view(
    graph_file: Path, output: Path | None, title: str | None, lang: str, focus: str | None
) -> None:
    """Write a self-contained interactive HTML view of GRAPH.ttl (opens from disk, offline).

    The page carries at most kg.view.PAGE_ENTITIES entities, the most connected (or those
    around --focus), and opens on the 100 most connected; a click adds a node's neighbours."""
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
        write_html(graph, out, title=title or graph_file.name, lang=lang, focus=focus)
    except ValueError as error:
        raise click.ClickException(_one_line(error)) from None
    except OSError as error:
        raise click.ClickException(f"{out}: cannot write: {_one_line(error)}") from None
    click.echo(f"wrote {out}")
