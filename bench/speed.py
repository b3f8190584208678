"""Speed: what one process spends on each step of a build, on real articles, model loaded.

    python bench/speed.py                 # default: 60 articles, median of 3 runs
    python bench/speed.py --articles 200 --repeat 3

The batch: the real and written news articles bench/archive.py builds its corpora from
(../shared/dev/news, the company-news sets in bench/, the sample article), cycled to the
requested size. Every step of ``kg build`` in one process is timed in the same run:

* parse: spaCy and the conversion to kg's ParsedDocument (``kg.nlp.parse_all``);
* extract: mentions, coreference, frames and patterns;
* resolve + RDF: entities across articles, the rdflib graph with its evidence;
* SHACL: the graph against ``ontology/shapes.ttl``;
* Turtle and page: graph.ttl and graph.html written to a temporary folder.

The model is loaded once, before the runs (its load time is printed apart). Left out:
reading files, the build cache, the store and worker processes, which bench/archive.py
times in a fresh ``kg build`` process. Ratios to the parse are the numbers to compare
across machines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from archive import texts  # noqa: E402

from kg.export import write_turtle  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.model import Document  # noqa: E402
from kg.nlp import load_model, parse_all  # noqa: E402
from kg.rdf import to_rdf  # noqa: E402
from kg.reader import document_from_text  # noqa: E402
from kg.resolve import resolve  # noqa: E402
from kg.validate import validate  # noqa: E402
from kg.view import write_html  # noqa: E402

STEPS = ("parse", "extract", "resolve+rdf", "shacl", "turtle", "page")


def batch(size: int) -> list[Document]:
    found = texts()
    return [document_from_text(found[n % len(found)], source=f"article-{n}.txt")
            for n in range(size)]


def run_once(documents: list[Document], folder: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[step] = now - clock
        clock = now

    parsed = list(parse_all(documents))
    lap("parse")
    extractions = [extract(p) for p in parsed]
    lap("extract")
    graph = to_rdf(resolve(extractions))
    lap("resolve+rdf")
    report = validate(graph)
    lap("shacl")
    write_turtle(graph, folder / "graph.ttl")
    lap("turtle")
    write_html(graph, folder / "graph.html", title="bench")
    lap("page")
    if not report.conforms:
        print(f"warning: the graph does not conform ({len(report.violations)} violations)")
    times["triples"] = float(len(graph))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    load_model()
    load_seconds = time.perf_counter() - started
    documents = batch(args.articles)
    characters = sum(len(d.text) for d in documents)
    with tempfile.TemporaryDirectory() as work:
        run_once(documents[:2], Path(work))  # warm-up: imports, ontology and shapes parsed
        runs = [run_once(documents, Path(work)) for _ in range(args.repeat)]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"model load: {load_seconds:.2f} s (once)")
    print(f"batch: {len(documents)} articles, {characters} characters, "
          f"{int(median['triples'])} triples; median of {args.repeat} runs")
    for key in STEPS:
        per_article = 1000 * median[key] / len(documents)
        print(f"  {key:12} {median[key]:7.3f} s  ({per_article:6.1f} ms/article, "
              f"x{median[key] / median['parse']:.2f} of the parse)")
    total = sum(median[key] for key in STEPS)
    print(f"whole build per article (model loaded, one process): "
          f"{1000 * total / len(documents):.1f} ms, x{total / median['parse']:.2f} of the parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
