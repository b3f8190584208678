"""``kg``: the command line, a thin layer over the library (:mod:`kg.pipeline`, :mod:`kg.query`,
:mod:`kg.push`).

Every command parses its options, calls one library function and prints the result. Errors
from the library (:class:`kg.errors.KgError`) become a one-line message and exit status 1;
the other statuses are the ``EXIT_*`` constants below.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg import __version__
from kg.cli_push import push_command
from kg.cli_query import query_command, serve_command
from kg.cli_view import view as view_command
from kg.errors import KgError

if TYPE_CHECKING:
    from kg.extract.llm import LlmSettings, LlmStats
    from kg.validate import ValidationReport


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


#: exit statuses, one meaning each (documented in ``kg --help`` and the README)
EXIT_OK = 0
EXIT_BAD_INPUT = 1  # an input or the output cannot be used; nothing was written
EXIT_USAGE = 2  # a wrong option or argument (click's own status)
EXIT_SHACL = 3  # the graph was written but breaks a SHACL shape
EXIT_SKIPPED = 4  # the graph was written without some inputs (listed on stderr)


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Exit status: 0 done; 1 bad input or output (nothing written); 2 wrong "
                    "usage; 3 graph written but breaks a SHACL shape; 4 graph written without "
                    "some inputs (each named on stderr with its reason).")
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build RDF knowledge graphs from French news articles, with evidence for every fact."""


@main.command("build")
@click.argument("articles", nargs=-1, required=True,
                type=click.Path(path_type=str, dir_okay=True, exists=False, allow_dash=True))
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path),
              default=Path("output"), show_default=True,
              help="Folder for graph.ttl and graph.html.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
              show_default=True, help="Leave out facts whose confidence is lower.")
@click.option("--no-html", is_flag=True, help="Write only the Turtle file.")
@click.option("--no-open-relations", is_flag=True,
              help="Leave out open relations (kgo:relatedTo): keep only facts a property names.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when there are several articles and "
                   "stderr is a terminal).")
@click.option("--strict", is_flag=True,
              help="Stop at the first input that cannot be read (default: build the others, "
                   "name each skipped one, exit with status 4).")
@click.option("--any-language", is_flag=True,
              help="Also read articles that are not in French (by default they are skipped).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that parse articles (default: the CPU count).")
@click.option("--dask", "dask", metavar="SCHEDULER", default=None,
              help="Parse and extract on the Dask cluster at this address "
                   "(tcp://host:8786) instead of local processes.")
@click.option("--no-cache", is_flag=True,
              help="Parse every article again (by default OUTPUT/.kg-cache keeps each "
                   "article's extraction, so a rebuild parses only new or changed ones).")
@click.option("--text-field", default="text", show_default=True, metavar="NAME",
              help="JSON Lines / CSV records: the field holding the article.")
@click.option("--title-field", default="title", show_default=True, metavar="NAME",
              help="... its title ('' ignores it).")
@click.option("--date-field", default="date", show_default=True, metavar="NAME",
              help="... its date: ISO, French or a Unix time ('' ignores it).")
@click.option("--url-field", default="url", show_default=True, metavar="NAME",
              help="... its address ('' ignores it).")
@click.option("--id-field", default="id", show_default=True, metavar="NAME",
              help="... its identifier ('' ignores it).")
@click.option("--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=20.0,
              show_default=True, help="Web pages: seconds to wait for one.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of graph.html (its words, class and property names).")
@click.option("--extractor", type=click.Choice(["rules", "llm", "rules+llm"]), default="rules",
              show_default=True,
              help="Who reads the facts: kg's rules, a language model (grounded in kg's "
                   "mentions and checked against the ontology), or both, merged.")
@click.option("--llm-url", metavar="URL", default=None,
              help="The model server's OpenAI-compatible /v1 base address "
                   "(Ollama: http://127.0.0.1:11434/v1). The API key, if any, is read from "
                   "the KG_LLM_API_KEY environment variable.")
@click.option("--llm-model", metavar="NAME", default=None, help="The model to ask.")
@click.option("--llm-concurrency", type=click.IntRange(min=1), default=4, show_default=True,
              help="Requests to the model at a time.")
@click.option("--llm-timeout", type=click.FloatRange(min=0, min_open=True), default=120.0,
              show_default=True, help="Seconds to wait for one answer (then retried twice).")
def build_command(
    articles: tuple[str, ...], output_dir: Path, min_confidence: float, no_html: bool,
    no_open_relations: bool, no_validate: bool, as_json: bool, progress: bool | None,
    strict: bool, any_language: bool, jobs: int | None, dask: str | None, no_cache: bool,
    text_field: str, title_field: str, date_field: str, url_field: str, id_field: str,
    fetch_timeout: float, lang: str, extractor: str, llm_url: str | None,
    llm_model: str | None, llm_concurrency: int, llm_timeout: float,
) -> None:
    """Read ARTICLES and write their knowledge graph to OUTPUT.

    ARTICLES are files, folders (read recursively), quoted patterns ("archive/**/*.txt"),
    JSON Lines or CSV files of one article per record, web page addresses (http, https),
    or - for standard input."""
    import os

    from kg.pipeline import build
    from kg.sources import RecordFields

    if not text_field:
        raise click.BadParameter("the text field needs a name", param_hint="--text-field")
    fields = RecordFields(text=text_field, title=title_field or None, date=date_field or None,
                          url=url_field or None, id=id_field or None)
    llm, llm_stats = _llm_options(extractor, llm_url, llm_model, llm_concurrency, llm_timeout)
    try:
        bar = None
        if progress or (progress is None and sys.stderr.isatty()):
            from kg.reader import article_count

            total = article_count(articles, exclude=[output_dir], fields=fields)
            if progress or total is None or total > 1:
                from tqdm import tqdm

                def bar(results, desc=None):  # type: ignore[no-untyped-def]
                    # writing: the articles built (a list); extracting: the inputs counted
                    count = len(results) if isinstance(results, list) else total
                    shown = tqdm(results, total=count, unit="article", file=sys.stderr,
                                 smoothing=0.1, desc=desc)
                    if llm_stats is None or desc != "extract":
                        return shown
                    return _with_llm_counts(shown, llm_stats)

        result = build(articles, output_dir, min_confidence=min_confidence,
                       open_relations=not no_open_relations, validate=not no_validate,
                       html=not no_html, progress=bar, strict=strict,
                       languages=None if any_language else ("fr",), cache=not no_cache,
                       jobs=jobs or os.cpu_count() or 1, dask=dask, fields=fields,
                       timeout=fetch_timeout, lang=lang, extractor=extractor, llm=llm,
                       llm_stats=llm_stats)
    except KgError as error:
        raise click.ClickException(_one_line(error)) from None
    summary = result.summary()
    for skipped in result.skipped:
        click.echo(f"skipped: {skipped.source}: {skipped.reason}", err=True)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        click.echo(format_summary(summary, result.validation))
    if result.validation is not None and not result.validation.conforms:
        sys.exit(EXIT_SHACL)
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


def _llm_options(extractor: str, url: str | None, model: str | None, concurrency: int,
                 timeout: float) -> tuple[LlmSettings | None, LlmStats | None]:
    if extractor == "rules":
        if url is not None or model is not None:
            raise click.UsageError("--llm-url and --llm-model go with --extractor llm or "
                                   "rules+llm")
        return None, None
    if not url or not model:
        raise click.UsageError(f"--extractor {extractor} needs --llm-url and --llm-model")
    from kg.extract.llm import LlmSettings, LlmStats

    try:
        settings = LlmSettings(url=url, model=model, concurrency=concurrency, timeout=timeout)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--llm-url") from None
    return settings, LlmStats()


def _with_llm_counts(shown, stats):  # type: ignore[no-untyped-def]
    """The progress bar, with the model's requests and cached answers after each article."""
    for item in shown:
        shown.set_postfix_str(f"LLM {stats.requests} requests, {stats.cache_hits} cached",
                              refresh=False)
        yield item


def format_summary(summary: dict[str, object], validation: ValidationReport | None) -> str:
    lines = [f"{summary['documents']} article(s), {summary['triples']} triples"]
    if summary.get("cached"):
        lines[0] += f" ({summary['cached']} from the cache, not parsed again)"
    entities = summary["entities"]
    facts = summary["facts"]
    assert isinstance(entities, dict) and isinstance(facts, dict)
    lines.append(f"entities: {sum(entities.values())}  "
                 + ", ".join(f"{k} {v}" for k, v in entities.items()))
    lines.append(f"facts:    {sum(facts.values())}  "
                 + ", ".join(f"{k} {v}" for k, v in facts.items()))
    if validation is not None:
        if validation.conforms:
            lines.append("SHACL:    conforms (no violation)")
        else:
            violations = validation.violations
            lines.append(f"SHACL:    {len(violations)} violation(s)")
            lines += [f"  - {v.focus_node} {v.path}: {v.message}" for v in violations[:20]]
    duplicates = summary.get("duplicates")
    if isinstance(duplicates, list):
        for pair in duplicates:
            lines.append(f"same article: {pair['source']} = {pair['same_as']} (built once)")
    llm = summary.get("llm")
    if isinstance(llm, dict):
        dropped = llm["facts_dropped"]
        assert isinstance(dropped, dict)
        lines.append(f"LLM:      {llm['requests']} request(s), {llm['cache_hits']} answer(s) "
                     f"from the cache; {llm['facts_kept']} fact(s) kept, "
                     f"{sum(dropped.values())} dropped"
                     + (" (" + ", ".join(f"{n} {reason}" for reason, n in dropped.items())
                        + ")" if dropped else ""))
        if llm["articles_failed"]:
            lines.append(f"LLM:      no usable answer for {llm['articles_failed']} "
                         f"article(s), skipped (listed on stderr)")
    skipped = summary.get("skipped")
    if isinstance(skipped, list):
        lines.append(f"skipped:  {len(skipped)} input(s), listed on stderr")
    if summary.get("page_entities"):
        lines.append(f"page:     the {summary['page_entities']} most connected entities (the "
                     f"graph is too large to draw whole; query it, or kg serve it)")
    seconds = summary.get("seconds")
    if isinstance(seconds, dict) and seconds:
        names = {"extract": "read and extract", "rdf": "RDF", "shacl": "SHACL",
                 "store": "store", "turtle": "Turtle", "html": "page"}
        lines.append(f"time:     {sum(seconds.values()):.1f} s: " + ", ".join(
            f"{names.get(step, step)} {value:.1f}" for step, value in seconds.items()))
    files = summary.get("files")
    if isinstance(files, dict):
        for name, path in files.items():
            lines.append(f"{name + ':':9} {path}")
    return "\n".join(lines)


@main.command("export")
@click.argument("graph_file", metavar="GRAPH.ttl", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["jsonld", "nt", "graphml", "turtle"]),
              required=True, help="JSON-LD, N-Triples, GraphML (for Gephi) or Turtle.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="File to write (default: GRAPH with the format's suffix).")
def export_command(graph_file: Path, fmt: str, output: Path | None) -> None:
    """Convert a graph kg wrote to another format."""
    from kg.export import FORMATS, export, load_graph

    target = output or graph_file.with_suffix(FORMATS[fmt][0])
    try:
        written = export(load_graph(graph_file), target, fmt)
    except KgError as error:
        raise click.ClickException(_one_line(error)) from None
    click.echo(f"{fmt}: {written}")


@main.command("extractors")
def extractors_command() -> None:
    """List the extractors (the patterns behind prov:wasAttributedTo) and their confidence."""
    from kg.extract import EXTRACTORS
    from kg.extract.calibration import measured

    width = max(len(name) for name in EXTRACTORS)
    for name, label in EXTRACTORS.items():
        correct, judged = measured().get(name, (0, 0))
        shown = f"{correct}/{judged}" if judged else "-"
        click.echo(f"{name:{width}}  {shown:>6}  {label}")


@main.command("explain")
@click.argument("text", required=False)
@click.option("-f", "--file", "path", type=click.Path(path_type=Path, dir_okay=False),
              help="Explain an article file instead of TEXT.")
@click.option("--date", default=None, help="The article's date (YYYY-MM-DD), for 'hier', "
                                           "'ce vendredi' and dates without a year.")
@click.option("--parse/--no-parse", default=True, show_default=True,
              help="Show each sentence's tokens, lemmas, tags and dependencies.")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def explain_command(text: str | None, path: Path | None, date: str | None, parse: bool,
                    as_json: bool) -> None:
    """Say why kg reads (or does not read) facts from TEXT: the parse, the mentions and
    their types, the predicates and their arguments, every frame tried and why it did or did
    not fire, and the facts stated."""
    import dataclasses

    from kg.explain import explain, format_explanation
    from kg.reader import read_document

    if (text is None) == (path is None):
        raise click.UsageError("give a TEXT or --file, not both")
    try:
        source = read_document(path) if path is not None else text
        assert source is not None
        explanation = explain(source, date=date)
    except KgError as error:
        raise click.ClickException(_one_line(error)) from None
    if as_json:
        data = dataclasses.asdict(explanation)
        data["document"] = {"source": explanation.document.source,
                            "date": explanation.document.date}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(format_explanation(explanation, parse=parse))


main.add_command(push_command)
main.add_command(query_command)
main.add_command(serve_command)
main.add_command(view_command)


if __name__ == "__main__":  # pragma: no cover
    main()
