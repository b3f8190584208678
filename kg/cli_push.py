"""``kg push``: a click command, registered in the main group by ``kg.cli``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from kg.errors import KgError

__all__ = ["PASSWORD_VARIABLE", "push_command"]

#: the environment variable holding the password (never an option: it would show in ps)
PASSWORD_VARIABLE = "KG_PUSH_PASSWORD"


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _password(user: str | None, password_file: Path | None) -> str | None:
    """The password from --password-file, else from KG_PUSH_PASSWORD; None without --user."""
    if password_file is not None:
        try:
            text = password_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or type(error).__name__
            raise click.ClickException(f"{password_file}: cannot read: {reason}") from None
        password = text.removesuffix("\n").removesuffix("\r")
        if not password:
            raise click.ClickException(f"{password_file}: empty, no password in it")
        if user is None:
            raise click.UsageError("--password-file needs --user")
        return password
    if user is None:
        return None  # KG_PUSH_PASSWORD alone is ignored: it may be left from another push
    from_environment = os.environ.get(PASSWORD_VARIABLE)
    if not from_environment:
        raise click.UsageError(f"--user needs a password: set {PASSWORD_VARIABLE} or give "
                               "--password-file")
    return from_environment


@click.command("push")
@click.argument("source", metavar="OUTPUT_OR_TTL", type=click.Path(path_type=Path))
@click.argument("endpoint")
@click.option("--graph", "graph_iri", metavar="IRI", default=None,
              help="The named graph to replace (default: https://w3id.org/kgnews/graph/ and a "
                   "hash of the graph's triples, the same for every push of the same graph).")
@click.option("-u", "--user", default=None, help="User name for the endpoint.")
@click.option("--password-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=f"Read the password from this file (default: the {PASSWORD_VARIABLE} "
                   "environment variable).")
@click.option("--auth", type=click.Choice(["digest", "basic"]), default="digest",
              show_default=True, help="HTTP authentication (Virtuoso wants digest).")
@click.option("--chunk-triples", type=click.IntRange(min=1), default=None,
              help="Triples per request (default: 50000).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True, help="Seconds to wait for each request.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def push_command(source: Path, endpoint: str, graph_iri: str | None, user: str | None,
                 password_file: Path | None, auth: str, chunk_triples: int | None,
                 timeout: float, as_json: bool, progress: bool | None) -> None:
    """Load a graph into a triple store's named graph (SPARQL 1.1 Graph Store protocol).

    OUTPUT_OR_TTL is a folder kg build wrote or a Turtle file; ENDPOINT an http(s) Graph
    Store address. The named graph is replaced: pushing the same build twice leaves the store
    as after the first push. The password comes from KG_PUSH_PASSWORD or --password-file.

    \b
    Virtuoso (digest auth):
      KG_PUSH_PASSWORD=... kg push output/ http://localhost:8890/sparql-graph-crud-auth -u dba
    """
    from kg.push import DEFAULT_CHUNK, push_graph

    password = _password(user, password_file)
    bar = None
    if progress or (progress is None and sys.stderr.isatty()):
        from tqdm import tqdm

        bar = tqdm(unit="triple", unit_scale=True, file=sys.stderr, leave=False)

    def advance(sent: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.update(sent - bar.n)

    try:
        result = push_graph(source, endpoint, graph_iri=graph_iri, user=user,
                            password=password, auth="basic" if auth == "basic" else "digest",
                            chunk_triples=chunk_triples or DEFAULT_CHUNK, timeout=timeout,
                            progress=advance)
    except KgError as error:
        raise click.ClickException(_one_line(error)) from None
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        click.echo(json.dumps(result.summary(), indent=2, ensure_ascii=False))
    else:
        click.echo(f"{result.triples} triples in {result.chunks} chunk(s), "
                   f"{result.seconds:.2f} s\n"
                   f"graph:    <{result.graph_iri}>\n"
                   f"endpoint: {result.endpoint}")
