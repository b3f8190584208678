"""Speed: how long kg's own work takes next to spaCy's parsing, on a batch of articles.

    python bench/speed.py                 # default batch: 40 articles
    python bench/speed.py --articles 200 --repeat 3

The batch is the sample article plus pseudo-articles of ten RELX sentences each (from
../shared/dev when present), cycled to the requested size. Stages are timed separately in
the same run: parsing (spaCy, including conversion to kg's ParsedDocument), extraction
(mentions, coreference, patterns), resolution + RDF. The ratio extraction / parsing is the
number to watch (target: at most 0.25). Medians over --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import extract  # noqa: E402
from kg.nlp import load_model, parse_all  # noqa: E402
from kg.rdf import to_rdf  # noqa: E402
from kg.reader import document_from_text, read_document  # noqa: E402
from kg.resolve import resolve  # noqa: E402

DEV = ROOT.parent / "shared" / "dev" / "relx_fr_dev.jsonl"


def batch(size: int) -> list:
    texts = [read_document(ROOT / "examples" / "meta-llama-open-source.fr.txt").text]
    if DEV.exists():
        sentences = [json.loads(line)["text"] for line in DEV.read_text("utf-8").splitlines()
                     if line.strip()]
        for start in range(0, len(sentences), 10):
            texts.append("\n\n".join(sentences[start:start + 10]))
    return [document_from_text(texts[n % len(texts)], source=f"article-{n}.txt")
            for n in range(size)]


def run_once(documents: list) -> dict[str, float]:
    started = time.perf_counter()
    parsed = list(parse_all(documents))
    parsed_at = time.perf_counter()
    extractions = [extract(p) for p in parsed]
    extracted_at = time.perf_counter()
    graph = to_rdf(resolve(extractions))
    done = time.perf_counter()
    return {
        "parse": parsed_at - started,
        "extract": extracted_at - parsed_at,
        "resolve+rdf": done - extracted_at,
        "triples": float(len(graph)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    load_model()
    load_seconds = time.perf_counter() - started
    documents = batch(args.articles)
    characters = sum(len(d.text) for d in documents)
    run_once(documents[:2])  # warm-up
    runs = [run_once(documents) for _ in range(args.repeat)]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"model load: {load_seconds:.2f} s")
    print(f"batch: {len(documents)} articles, {characters} characters, "
          f"{int(median['triples'])} triples; median of {args.repeat} runs")
    for key in ("parse", "extract", "resolve+rdf"):
        per_article = 1000 * median[key] / len(documents)
        print(f"  {key:12} {median[key]:7.3f} s  ({per_article:6.1f} ms/article)")
    ratio = median["extract"] / median["parse"]
    print(f"extraction / parsing = {ratio:.3f}  (target <= 0.25)")
    total = median["parse"] + median["extract"] + median["resolve+rdf"]
    print(f"whole build per article (model loaded): {1000 * total / len(documents):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
