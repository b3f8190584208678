"""Benchmark of the interactive graph page (kg.view) on random graphs of 1k, 5k and 20k nodes.

How to run (from the repository root; needs Debian's chromium and the playwright package, never
``playwright install``)::

    apt-get install -y chromium && .venv/bin/pip install playwright
    PYTHONPATH=. .venv/bin/python bench/view.py                  # 1000, 5000 and 20000 nodes
    PYTHONPATH=. .venv/bin/python bench/view.py --sizes 1000,5000 --keep out/   # keep the pages
    PYTHONPATH=. .venv/bin/python bench/view.py --no-browser     # Python side only

For each size it builds a random graph following docs/rdf-model.md (entities with one kgo class,
labels and other names, plain fact triples, one rdf:Statement with two mentions per piece of
evidence, articles that mention entities), then reports: RDF triples, nodes and edges of the
page, seconds in ``to_networkx`` and in the whole ``write_html``, the HTML size, and the time
from navigation until the page reports its layout stable in headless Chromium (physics
stabilized, or first drawing done when positions were precomputed), plus the wall-clock time.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.view import to_networkx, write_html
PHYSICS_MAX_NODES = 1000
from kg.vocab import KGD, KGE, KGM, KGO, KGS, KGX, WD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

CLASSES = [
    KGO.Person, KGO.Organization, KGO.Company, KGO.Product, KGO.Software, KGO.AIModel,
    KGO.Project, KGO.Event, KGO.Strategy, KGO.Place,
]  # fmt: skip
PROPERTIES = [
    KGO.ceoOf, KGO.worksFor, KGO.foundedBy, KGO.develops, KGO.released, KGO.productOf,
    KGO.spokeAt, KGO.participatedIn, KGO.organizedBy, KGO.strategyOf, KGO.concerns,
    KGO.subsidiaryOf, KGO.owns, KGO.acquired, KGO.headquarteredIn, KGO.locatedIn,
    KGO.memberOf, KGO.partnerOf,
]  # fmt: skip
SYLLABLES = [
    "ma", "ri", "lo", "ne", "ta", "vi", "sa", "ko", "pa", "ru",
    "le", "mi", "zo", "ga", "be", "di", "fu", "no", "ja", "xe",
]  # fmt: skip
EXTRACTORS = [KGX["apposition-role"], KGX["svo-verb"], KGX["copula"]]


def _name(rng: random.Random) -> str:
    words = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(rng.randint(1, 2))
    ]
    return " ".join(words)


def random_graph(n_nodes: int, seed: int = 7) -> Graph:
    """About ``n_nodes`` nodes (1 article per 25), 1.2 facts per entity, 1-2 evidence each."""
    rng = random.Random(seed)
    g = Graph()
    n_articles = max(1, n_nodes // 25)
    n_entities = n_nodes - n_articles
    entities = []
    for i in range(n_entities):
        ent = KGE[f"e{i}"]
        entities.append(ent)
        label = _name(rng)
        g.add((ent, RDF.type, rng.choice(CLASSES)))
        g.add((ent, RDFS.label, Literal(label)))
        if rng.random() < 0.3:
            g.add((ent, SKOS.altLabel, Literal(label.split()[0])))
        if rng.random() < 0.2:
            g.add((ent, OWL.sameAs, WD[f"Q{rng.randint(1, 10**7)}"]))
    for x in EXTRACTORS:
        g.add((x, RDF.type, KGO.Extractor))
        g.add((x, RDF.type, PROV.SoftwareAgent))
        g.add((x, RDFS.label, Literal(x.rsplit("/", 1)[1].replace("-", " "))))
    articles = [KGD[f"{i:016x}"] for i in range(n_articles)]
    for i, doc in enumerate(articles):
        g.add((doc, RDF.type, KGO.NewsArticle))
        g.add((doc, DCTERMS.title, Literal(f"{_name(rng)} annonce {_name(rng)}")))
        g.add((doc, DCTERMS.language, Literal("fr")))
        g.add((doc, KGO.sourceFile, Literal(f"article-{i}.fr.txt")))
    # preferential attachment-ish: a few hubs, many leaves, like news graphs
    weights = [1.0 / (1 + i) ** 0.6 for i in range(n_entities)]
    st_no = 0
    for _ in range(int(1.2 * n_entities)):
        s, o = rng.choices(entities, weights=weights, k=2)
        if s == o:
            continue
        p = rng.choice(PROPERTIES)
        g.add((s, p, o))
        for _ in range(rng.choice((1, 1, 1, 2))):
            doc = rng.choice(articles)
            s_label, o_label = str(g.value(s, RDFS.label)), str(g.value(o, RDFS.label))
            sentence = f"Selon nos informations, {s_label} {p.split('#')[1]} {o_label} depuis peu."
            start = rng.randint(0, 5000)
            st = KGS[f"s{st_no}"]
            st_no += 1
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, p))
            g.add((st, RDF.object, o))
            g.add((st, PROV.wasDerivedFrom, doc))
            g.add((st, PROV.wasAttributedTo, rng.choice(EXTRACTORS)))
            conf = round(rng.uniform(0.3, 1.0), 2)
            g.add((st, KGO.confidence, Literal(str(conf), datatype=XSD.decimal)))
            g.add((st, KGO.evidenceText, Literal(sentence)))
            g.add((st, KGO.startOffset, Literal(start)))
            g.add((st, KGO.endOffset, Literal(start + len(sentence))))
            for prop, text, ent in (
                (KGO.subjectMention, s_label, s),
                (KGO.objectMention, o_label, o),
            ):
                m_start = start + sentence.index(text)
                m = KGM[f"{doc.rsplit('/', 1)[1]}-{m_start}-{m_start + len(text)}-{st_no}"]
                g.add((st, prop, m))
                g.add((m, RDF.type, KGO.Mention))
                g.add((m, KGO.mentionText, Literal(text)))
                g.add((m, KGO.startOffset, Literal(m_start)))
                g.add((m, KGO.endOffset, Literal(m_start + len(text))))
                g.add((m, KGO.denotes, ent))
                g.add((doc, KGO.mentions, ent))
    return g


def measure_browser(pages: list[Path], timeout_s: float) -> list[tuple[float, float] | None]:
    """(ms from navigation to 'layout stable' as the page reports it, wall-clock seconds)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is missing: pip install playwright", file=sys.stderr)
        return [None for _ in pages]
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return [None for _ in pages]
    out: list[tuple[float, float] | None] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for html in pages:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
            t0 = time.perf_counter()
            page.goto(html.resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
            # wait_for_function needs eval, which the page's Content-Security-Policy forbids
            page.wait_for_selector(
                "body[data-ready='1']", state="attached", timeout=timeout_s * 1000
            )
            wall = time.perf_counter() - t0
            ready_ms = float(page.evaluate("kgView.readyMs"))
            if errors:
                print(f"{html.name}: page errors: {errors[:3]}", file=sys.stderr)
            out.append((ready_ms, wall))
            context.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="comma-separated node counts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="directory to keep the pages in")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--timeout", type=float, default=600.0, help="browser timeout, seconds")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="kg-view-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    rows = []
    for size in sizes:
        t = time.perf_counter()
        graph = random_graph(size, args.seed)
        build_s = time.perf_counter() - t
        t = time.perf_counter()
        nxg = to_networkx(graph)
        nx_s = time.perf_counter() - t
        html = workdir / f"graph-{size}.html"
        t = time.perf_counter()
        write_html(graph, html, title=f"bench {size}")
        html_s = time.perf_counter() - t
        rows.append(
            {
                "size": size,
                "triples": len(graph),
                "nodes": nxg.number_of_nodes(),
                "edges": nxg.number_of_edges(),
                "build_s": build_s,
                "nx_s": nx_s,
                "html_s": html_s,
                "mb": html.stat().st_size / 1e6,
                "layout": "physics" if nxg.number_of_nodes() <= PHYSICS_MAX_NODES else "python",
                "path": html,
            }
        )
        print(f"generated {html} in {html_s:.1f}s", file=sys.stderr)
    timings = (
        [None] * len(rows)
        if args.no_browser
        else measure_browser([r["path"] for r in rows], args.timeout)
    )

    header = (
        f"{'size':>6} {'triples':>8} {'nodes':>6} {'edges':>6} {'layout':>7} "
        f"{'to_nx s':>8} {'write_html s':>12} {'HTML MB':>8} {'stable ms':>10} {'wall s':>7}"
    )
    print(header)
    print("-" * len(header))
    for r, timing in zip(rows, timings, strict=True):
        stable = f"{timing[0]:10.0f}" if timing else f"{'n/a':>10}"
        wall = f"{timing[1]:7.1f}" if timing else f"{'n/a':>7}"
        print(
            f"{r['size']:>6} {r['triples']:>8} {r['nodes']:>6} {r['edges']:>6} {r['layout']:>7} "
            f"{r['nx_s']:8.2f} {r['html_s']:12.2f} {r['mb']:8.1f} {stable} {wall}"
        )
    built = ", ".join(f"{r['build_s']:.1f}s" for r in rows)
    print(f"(random RDF generation, not counted above: {built}; pages in {workdir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
