"""Benchmark of the interactive graph page (kg.view) on synthetic archives of 1k, 20k and 100k
entities, from disk and served by ``kg serve``.

How to run (from the repository root; needs Debian's chromium and the playwright package, never
``playwright install``)::

    apt-get install -y chromium && .venv/bin/pip install playwright
    PYTHONPATH=. .venv/bin/python bench/view.py                      # 1000, 20000, 100000
    PYTHONPATH=. .venv/bin/python bench/view.py --sizes 1000 --keep out/   # keep the pages
    PYTHONPATH=. .venv/bin/python bench/view.py --serve 100000       # and kg serve at 100k
    PYTHONPATH=. .venv/bin/python bench/view.py --no-browser         # Python side only

The graphs are synthetic (no article is parsed): for N entities, N/5 dated articles, 1.2 facts
per entity between entities drawn with a preferential attachment (a few hubs, many leaves, like
news), each fact with 1-2 pieces of evidence (an ``rdf:Statement`` with its sentence, article,
date, confidence, extractor and two mentions, as docs/rdf-model.md says), and each article
mentioning the entities of its facts. They are written as N-Triples into a pyoxigraph store,
and the page is written the way ``kg build`` writes it (``kg.merge._write_page``: the whole
graph up to ``kg.merge.PAGE_ENTITIES`` entities, else the most connected ones read from the
store).

Reported per size: triples, seconds to write the page, its size, the entities and facts it
carries, then in headless Chromium (1400×900): the time from navigation until the overview is
drawn and the page takes input (``kgView.readyMs``: the first drawing done, measured from the
navigation start), the nodes and names drawn at the overview and how many names overlap
(should be 0), and the time of one expansion (a click's work: the neighbours of the most
connected entity added and drawn). With ``--serve SIZE`` the same folder is served by
``kg serve`` (graph.ttl, graph.oxigraph, graph.html) and the page measured there, with the
expansion of an entity whose neighbourhood the page cuts (it asks /sparql) and the evidence of
one fact fetched from the server.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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

KGO = "https://w3id.org/kgnews/ontology#"
KGE = "https://w3id.org/kgnews/entity/"
KGD = "https://w3id.org/kgnews/document/"
KGS = "https://w3id.org/kgnews/statement/"
KGM = "https://w3id.org/kgnews/mention/"
KGX = "https://w3id.org/kgnews/extractor/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
WD = "http://www.wikidata.org/entity/"

CLASSES = ["Person", "Organization", "Company", "Product", "Software", "AIModel", "Project",
           "Event", "Strategy", "Place"]
PROPERTIES = ["ceoOf", "worksFor", "foundedBy", "develops", "released", "productOf", "spokeAt",
              "participatedIn", "organizedBy", "strategyOf", "concerns", "subsidiaryOf", "owns",
              "acquired", "headquarteredIn", "locatedIn", "memberOf", "partnerOf"]
SYLLABLES = ["ma", "ri", "lo", "ne", "ta", "vi", "sa", "ko", "pa", "ru",
             "le", "mi", "zo", "ga", "be", "di", "fu", "no", "ja", "xe"]
EXTRACTORS = ["apposition-role", "svo-verb", "copula"]


def _name(rng: random.Random) -> str:
    words = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(rng.randint(1, 2))
    ]
    return " ".join(words)


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def synthetic_ntriples(n_entities: int, seed: int = 7) -> str:
    """N-Triples of a synthetic archive of ``n_entities`` entities (see the module docstring)."""
    rng = random.Random(seed)
    out: list[str] = []
    add = out.append
    n_articles = max(1, n_entities // 5)
    labels = []
    for i in range(n_entities):
        e = f"<{KGE}e{i}>"
        label = _name(rng)
        labels.append(label)
        add(f"{e} <{RDF}type> <{KGO}{rng.choice(CLASSES)}> .")
        add(f"{e} <{RDFS}label> {_lit(label)} .")
        if rng.random() < 0.3:
            add(f"{e} <{SKOS}altLabel> {_lit(label.split()[0])} .")
        if rng.random() < 0.2:
            add(f"{e} <{OWL}sameAs> <{WD}Q{rng.randint(1, 10**7)}> .")
    for x in EXTRACTORS:
        add(f"<{KGX}{x}> <{RDF}type> <{KGO}Extractor> .")
        add(f"<{KGX}{x}> <{RDFS}label> {_lit(x.replace('-', ' '))} .")
    dates = []
    for i in range(n_articles):
        d = f"<{KGD}{i:016x}>"
        date = f"20{rng.randint(20, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        dates.append(date)
        add(f"{d} <{RDF}type> <{KGO}NewsArticle> .")
        add(f"{d} <{DCT}title> {_lit(f'{_name(rng)} annonce {_name(rng)}')} .")
        add(f"{d} <{KGO}sourceFile> {_lit(f'article-{i}.fr.txt')} .")
        add(f'{d} <{DCT}date> "{date}"^^<{XSD}date> .')
    weights = [1.0 / (1 + i) ** 0.6 for i in range(n_entities)]
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    mentioned: set[tuple[int, int]] = set()
    st_no = 0
    for _ in range(int(1.2 * n_entities)):
        s, o = rng.choices(range(n_entities), cum_weights=cum, k=2)
        if s == o:
            continue
        p = rng.choice(PROPERTIES)
        add(f"<{KGE}e{s}> <{KGO}{p}> <{KGE}e{o}> .")
        for _ in range(rng.choice((1, 1, 1, 2))):
            doc = rng.randrange(n_articles)
            sentence = f"Selon nos informations, {labels[s]} {p} {labels[o]} depuis peu."
            start = rng.randint(0, 5000)
            st = f"<{KGS}s{st_no}>"
            st_no += 1
            add(f"{st} <{RDF}type> <{RDF}Statement> .")
            add(f"{st} <{RDF}subject> <{KGE}e{s}> .")
            add(f"{st} <{RDF}predicate> <{KGO}{p}> .")
            add(f"{st} <{RDF}object> <{KGE}e{o}> .")
            add(f"{st} <{PROV}wasDerivedFrom> <{KGD}{doc:016x}> .")
            add(f"{st} <{PROV}wasAttributedTo> <{KGX}{rng.choice(EXTRACTORS)}> .")
            add(f'{st} <{KGO}confidence> "{rng.uniform(0.3, 1.0):.2f}"^^<{XSD}decimal> .')
            add(f"{st} <{KGO}evidenceText> {_lit(sentence)} .")
            add(f'{st} <{KGO}startOffset> "{start}"^^<{XSD}integer> .')
            add(f'{st} <{KGO}endOffset> "{start + len(sentence)}"^^<{XSD}integer> .')
            add(f'{st} <{KGO}assertedOn> "{dates[doc]}"^^<{XSD}date> .')
            for prop, ent in (("subjectMention", s), ("objectMention", o)):
                m_start = start + sentence.index(labels[ent])
                m = f"<{KGM}{doc:016x}-{m_start}-{m_start + len(labels[ent])}-{st_no}>"
                add(f"{st} <{KGO}{prop}> {m} .")
                add(f"{m} <{RDF}type> <{KGO}Mention> .")
                add(f'{m} <{KGO}startOffset> "{m_start}"^^<{XSD}integer> .')
                add(f'{m} <{KGO}endOffset> "{m_start + len(labels[ent])}"^^<{XSD}integer> .')
                add(f"{m} <{KGO}denotes> <{KGE}e{ent}> .")
                if (doc, ent) not in mentioned:
                    mentioned.add((doc, ent))
                    add(f"<{KGD}{doc:016x}> <{KGO}mentions> <{KGE}e{ent}> .")
    return "\n".join(out) + "\n"


def build_folder(n_entities: int, folder: Path, seed: int = 7, reuse: bool = False
                 ) -> dict[str, Any]:
    """graph.oxigraph, graph.ttl and graph.html for a synthetic archive, as kg build lays them
    (``reuse``: the store and graph.ttl already there are kept, the page is written again)."""
    import pyoxigraph as ox

    from kg.merge import _write_page
    from kg.pipeline import STORE_FOLDER

    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    if reuse and (folder / STORE_FOLDER).is_dir() and (folder / "graph.ttl").is_file():
        store = ox.Store(str(folder / STORE_FOLDER))
        triples = len(store)
    else:
        data = synthetic_ntriples(n_entities, seed)
        triples = data.count("\n")
        store = ox.Store(str(folder / STORE_FOLDER))
        store.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        (folder / "graph.ttl").write_text(data, encoding="utf-8")  # N-Triples is Turtle
        del data
    made_s = time.perf_counter() - t
    t = time.perf_counter()
    _write_page(store, folder / "graph.html", f"bench {n_entities}", n_entities)
    page_s = time.perf_counter() - t
    html = (folder / "graph.html").read_text(encoding="utf-8")
    start = html.index('id="kg-data">') + len('id="kg-data">')
    info = json.loads(html[start:html.index("</script>", start)])["info"]
    del store
    return {
        "size": n_entities,
        "triples": triples,
        "made_s": made_s,
        "page_s": page_s,
        "mb": (folder / "graph.html").stat().st_size / 1e6,
        "data_mb": (html.index("</script>", start) - start) / 1e6,
        "carried": sum(1 for n in info["nodes"] if not n["article"]),
        "facts": sum(1 for e in info["edges"] if e["kind"] != "mentions"),
        "path": folder / "graph.html",
        "folder": folder,
    }


_MEASURE = """async () => {
  const v = kgView, ids = v.nodes.getIds();
  const N = v.data.info.nodes;
  const hub = ids.reduce((a, b) => (N[b].facts > N[a].facts ? b : a));
  const before = v.nodes.length;
  const t0 = performance.now();
  await v.expand(hub);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const expand = performance.now() - t0;
  return { ready: v.readyMs, drawn: before, labels: v.labels().length, overlaps: v.labelOverlaps(),
           expand, added: v.nodes.length - before, cut: v.isCut(hub) };
}"""

_EVIDENCE = """async () => {
  const v = kgView, E = v.data.info.edges;
  const j = E.findIndex(e => e.kind === "fact" && e.nev > e.ev.length);
  if (j < 0) return null;
  const t0 = performance.now();
  v.showEdge(j);
  while (!E[j].evFetched && performance.now() - t0 < 20000) {
    await new Promise(r => setTimeout(r, 10));
  }
  return { ms: performance.now() - t0, evidence: E[j].ev.length, nev: E[j].nev };
}"""


def measure(url: str, timeout_s: float, evidence: bool = False) -> dict[str, Any] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is missing: pip install playwright", file=sys.stderr)
        return None
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            t0 = time.perf_counter()
            page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
            # wait_for_function needs eval, which the page's Content-Security-Policy forbids
            page.wait_for_selector("body[data-ready='1']", state="attached",
                                   timeout=timeout_s * 1000)
            wall = time.perf_counter() - t0
            out: dict[str, Any] = page.evaluate(_MEASURE)
            out["wall"] = wall
            if evidence:
                out["evidence"] = page.evaluate(_EVIDENCE)
            if errors:
                print(f"{url}: page errors: {errors[:3]}", file=sys.stderr)
            return out
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,20000,100000", help="comma-separated entities")
    parser.add_argument("--serve", default="", help="sizes also measured under kg serve")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="directory to keep the folders")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the folders --keep already holds (only rewrite the pages)")
    parser.add_argument("--timeout", type=float, default=300.0, help="browser timeout, seconds")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    served = [int(s) for s in args.serve.split(",") if s.strip()]
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="kg-view-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sorted(set(sizes) | set(served)):
        folder = workdir / f"archive-{size}"
        if folder.exists() and not args.reuse:
            shutil.rmtree(folder)
        row = build_folder(size, folder, args.seed, reuse=args.reuse)
        print(f"{size}: {row['triples']} triples made in {row['made_s']:.1f}s, page written in "
              f"{row['page_s']:.1f}s", file=sys.stderr)
        if not args.no_browser and size in sizes:
            row["disk"] = measure(row["path"].resolve().as_uri(), args.timeout)
        if not args.no_browser and size in served:
            from kg.serve import ServeConfig, SparqlServer

            with SparqlServer(folder, ServeConfig(port=0, workers=2)) as server:
                row["served"] = measure(server.url, args.timeout, evidence=True)
        rows.append(row)

    header = (f"{'entities':>8} {'triples':>9} {'page s':>7} {'HTML MB':>8} {'data MB':>8} "
              f"{'carried':>8} {'facts':>6} | {'mode':>5} {'ready ms':>9} {'drawn':>6} "
              f"{'names':>6} {'overlap':>7} {'expand ms':>9} {'added':>6}")
    print(header)
    print("-" * len(header))
    for r in rows:
        head = (f"{r['size']:>8} {r['triples']:>9} {r['page_s']:7.1f} {r['mb']:8.2f} "
                f"{r['data_mb']:8.2f} {r['carried']:>8} {r['facts']:>6}")
        for mode in ("disk", "served"):
            m = r.get(mode)
            if m is None:
                continue
            print(f"{head} | {mode:>5} {m['ready']:9.0f} {m['drawn']:>6} {m['labels']:>6} "
                  f"{m['overlaps']:>7} {m['expand']:9.0f} {m['added']:>6}"
                  + (" (cut: asked /sparql)" if mode == "served" and m["cut"] else ""))
            if m.get("evidence"):
                ev = m["evidence"]
                print(f"{'':>{len(head)}} | evidence of one fact from /sparql: {ev['ms']:.0f} ms "
                      f"({ev['evidence']} of {ev['nev']} sentences)")
        if r.get("disk") is None and r.get("served") is None:
            print(f"{head} |   n/a")
    print(f"(folders in {workdir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
