"""Benchmark: SPARQL on kg graphs with plain rdflib versus kg.query (pyoxigraph).

Generates graphs that follow docs/rdf-model.md (entities with labels, facts written twice:
the plain triple and a reified rdf:Statement with its evidence, mentions, articles), writes
them as Turtle to a temporary directory, then times, for each size:

* load: ``rdflib.Graph().parse(path)`` versus ``kg.query.load_store(path)`` (what
  ``run_query`` does with a path);
* a few representative queries: ``graph.query(text)`` versus ``run_query(store, text)``.

Usage::

    python bench/sparql.py                  # 100k and 1M triples
    python bench/sparql.py --sizes 100000   # smaller
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import rdflib

from kg.query import get_query, load_store, run_query, turtle_prefixes

PREFIXES = turtle_prefixes()

CLASSES = ["Person", "Company", "Organization", "AIModel", "Software", "Product", "Place",
           "Event", "Project", "Strategy"]  # fmt: skip
RELATIONS = {
    "Person": ["ceoOf", "chairOf", "leads", "worksFor", "spokeAt"],
    "Company": ["released", "develops", "acquired", "partnerOf", "headquarteredIn"],
    "Organization": ["released", "develops", "memberOf", "partnerOf"],
    "AIModel": ["productOf"],
    "Software": ["productOf"],
}
TARGET_CLASS = {
    "ceoOf": "Company", "chairOf": "Organization", "leads": "Company", "worksFor": "Company",
    "spokeAt": "Event", "released": "AIModel", "develops": "Software", "acquired": "Company",
    "partnerOf": "Organization", "headquarteredIn": "Place", "memberOf": "Organization",
    "productOf": "Company",
}  # fmt: skip
EXTRACTORS = ["apposition-role", "svo-release", "possessive", "copula-role"]
WORDS = [
    "le",
    "groupe",
    "a",
    "annoncé",
    "une",
    "nouvelle",
    "version",
    "de",
    "son",
    "modèle",
    "lors",
    "d'une",
    "conférence",
    "à",
    "Paris",
    "selon",
    "son",
    "dirigeant",
    "qui",
    "estime",
    "que",
    "l'open",
    "source",
    "reste",
    "la",
    "stratégie",
]


def generate(path: Path, target: int, seed: int = 0) -> int:
    """Write a Turtle graph of about ``target`` triples following the kg model; its size."""
    rng = random.Random(seed)
    n_entities = max(50, target // 60)
    n_articles = max(5, target // 600)
    entities: dict[str, list[str]] = {c: [] for c in CLASSES}
    lines: list[str] = []
    count = 0
    for i in range(n_entities):
        cls = CLASSES[i % len(CLASSES)]
        slug = f"{cls.lower()}-{i}"
        entities[cls].append(slug)
        lines.append(
            f'kge:{slug} a kgo:{cls} ; rdfs:label "{cls} {i}" ; skos:altLabel "{cls[:3]}{i}" .'
        )
        count += 3
    for x in EXTRACTORS:
        lines.append(f'kgx:{x} a kgo:Extractor, prov:SoftwareAgent ; rdfs:label "{x}" .')
        count += 3
    docs = [f"{i:016x}" for i in range(n_articles)]
    mentioned: dict[str, set[str]] = {d: set() for d in docs}
    facts: set[tuple[str, str, str]] = set()
    n = 0
    while count + 5 * n_articles + sum(map(len, mentioned.values())) < target:
        subject_class = rng.choice(list(RELATIONS))
        relation = rng.choice(RELATIONS[subject_class])
        subject = rng.choice(entities[subject_class])
        obj = rng.choice(entities[TARGET_CLASS[relation]])
        doc = rng.choice(docs)
        start = rng.randrange(0, 5000)
        end = start + rng.randrange(40, 300)
        confidence = rng.choice(["0.3", "0.45", "0.6", "0.7", "0.8", "0.9"])
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 20)))
        if (subject, relation, obj) not in facts:
            facts.add((subject, relation, obj))
            lines.append(f"kge:{subject} kgo:{relation} kge:{obj} .")
            count += 1
        sm = f"{doc}-{start + 3}-{start + 12}"
        om = f"{doc}-{start + 20}-{start + 26}"
        lines.append(
            f"kgs:st{n} a rdf:Statement, prov:Entity ; rdf:subject kge:{subject} ;"
            f" rdf:predicate kgo:{relation} ; rdf:object kge:{obj} ;"
            f" prov:wasDerivedFrom kgd:{doc} ; prov:wasAttributedTo kgx:{rng.choice(EXTRACTORS)} ;"
            f' kgo:confidence "{confidence}"^^xsd:decimal ; kgo:evidenceText "{text}." ;'
            f" kgo:startOffset {start} ; kgo:endOffset {end} ;"
            f" kgo:subjectMention kgm:{sm} ; kgo:objectMention kgm:{om} ."
        )
        count += 13
        for mention, entity, offset in ((sm, subject, 3), (om, obj, 20)):
            lines.append(
                f'kgm:{mention} a kgo:Mention ; kgo:mentionText "{entity}" ;'
                f" kgo:startOffset {start + offset} ; kgo:endOffset {start + offset + 6} ;"
                f" kgo:denotes kge:{entity} ."
            )
            count += 5
        mentioned[doc].update((subject, obj))
        n += 1
    for i, doc in enumerate(docs):
        lines.append(
            f'kgd:{doc} a kgo:NewsArticle ; dcterms:title "Article {i}" ;'
            f' dcterms:language "fr" ; kgo:sourceFile "article-{i}.fr.txt" ;'
            f' dcterms:date "2024-11-{1 + i % 28:02d}"^^xsd:date .'
        )
        count += 5
        for entity in sorted(mentioned[doc]):
            lines.append(f"kgd:{doc} kgo:mentions kge:{entity} .")
            count += 1
    path.write_text(PREFIXES + "\n".join(lines) + "\n", encoding="utf-8")
    return count


QUERIES: dict[str, str] = {
    "evidence (ceoOf, conf < 0.5)": """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX kgo: <https://w3id.org/kgnews/ontology#>
SELECT ?subj ?obj ?confidence ?file ?start ?text WHERE {
  ?statement a rdf:Statement ;
             rdf:subject ?subj ; rdf:predicate kgo:ceoOf ; rdf:object ?obj ;
             kgo:confidence ?confidence ; kgo:evidenceText ?text ; kgo:startOffset ?start ;
             prov:wasDerivedFrom ?article .
  ?article kgo:sourceFile ?file .
  FILTER(?confidence < 0.5)
}
ORDER BY ?confidence ?file ?start
""",
    "count by class": """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?type (COUNT(?entity) AS ?n) WHERE { ?entity rdf:type ?type }
GROUP BY ?type ORDER BY DESC(?n) ?type
""",
    "who-leads (shipped)": get_query("who-leads").text,
}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def bench(path: Path) -> list[tuple[str, float, float, int, int]]:
    """[(step, rdflib seconds, kg seconds, rdflib rows, kg rows)]."""
    rows: list[tuple[str, float, float, int, int]] = []
    rdf_load, graph = timed(lambda: rdflib.Graph().parse(path, format="turtle"))
    kg_load, store = timed(lambda: load_store(path))
    rows.append(("load (parse Turtle)", rdf_load, kg_load, len(graph), len(store)))
    for name, text in QUERIES.items():
        rdf_time, rdf_rows = timed(lambda text=text: list(graph.query(text)))
        kg_time, result = timed(lambda text=text: run_query(store, text))
        rows.append((name, rdf_time, kg_time, len(rdf_rows), len(result.rows)))
    total_rdf = sum(r[1] for r in rows)
    total_kg = sum(r[2] for r in rows)
    rows.append((f"load + {len(QUERIES)} queries", total_rdf, total_kg, -1, -1))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="100000,1000000",
        help="comma-separated triple counts (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    header = f"{'triples':>9}  {'step':<30} {'rdflib s':>9} {'kg s':>8} {'rdflib/kg':>9}  rows"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in sizes:
            path = Path(tmp) / f"graph-{size}.ttl"
            generate(path, size)
            results = bench(path)
            triples = results[0][4]  # as loaded
            for step, rdf_s, kg_s, rdf_rows, kg_rows in results:
                ratio = rdf_s / kg_s if kg_s > 0 else float("inf")
                if rdf_rows < 0:
                    counts = ""
                elif rdf_rows == kg_rows:
                    counts = str(kg_rows)
                else:
                    counts = f"MISMATCH rdflib {rdf_rows} kg {kg_rows}"
                print(
                    f"{triples:>9}  {step:<30} {rdf_s:>9.3f} {kg_s:>8.3f} {ratio:>9.1f}  {counts}"
                )
                sys.stdout.flush()
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
