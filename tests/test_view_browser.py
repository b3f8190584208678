"""graph.html in a real browser: headless Chromium (Debian's /usr/bin/chromium) via playwright.

Needs ``pip install playwright`` and ``apt-get install chromium``; never ``playwright install``.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# the same Chromium, launched the same way, as the view benchmark
from bench.view import CHROMIUM, CHROMIUM_ARGS
from kg.view import write_html
from kg.vocab import KGE, KGO

pytestmark = pytest.mark.browser

if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    pytest.skip(
        f"{CHROMIUM} is missing (install it with: apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is missing (pip install playwright)"
)


def _sample_module() -> Any:
    """tests/test_view.py, loaded by path so this works whatever pytest's import mode."""
    spec = importlib.util.spec_from_file_location(
        "_kg_view_sample", Path(__file__).with_name("test_view.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = _sample_module()


class Watched:
    """A page plus everything it did that a self-contained, inert page must not do."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def click_canvas(self, dom: dict[str, float]) -> None:
        box = self.page.locator("#kg-canvas").bounding_box()
        self.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])

    def node_dom(self, node_id: int) -> dict[str, float]:
        return self.js(
            "id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", node_id
        )

    def node_id(self, iri: str) -> int:
        return self.js("iri => kgView.data.info.nodes.findIndex(n => n.iri === iri)", iri)


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("view") / "graph.html"
    return write_html(SAMPLE.sample_graph(), out, title="sample <b>graph</b>")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, html_file: Path) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    watched = Watched(context.new_page())
    watched.page.goto(html_file.resolve().as_uri())
    # not wait_for_function: playwright's polling uses eval, which the page's CSP forbids
    watched.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)
    yield watched
    context.close()
    assert not watched.errors, watched.errors
    assert not watched.dialogs, watched.dialogs
    bad = [u for u in watched.requests if not u.startswith(("file://", "data:"))]
    assert not bad, bad


def test_loads_offline_and_draws_every_node(page: Watched) -> None:
    # articles start hidden: the entities and their facts are what people look at first
    assert page.js("kgView.network.body.nodeIndices.length") == 4
    assert page.js("kgView.network.body.edgeIndices.length") == 3
    page.page.check("#kg-articles")
    assert page.js("kgView.network.body.nodeIndices.length") == 6
    assert page.js("kgView.visibleNodeCount()") == 6
    assert page.js("kgView.network.body.edgeIndices.length") == 7
    assert page.page.title() == "sample <b>graph</b>"
    assert page.page.locator("#kg-title").inner_text() == "sample <b>graph</b>"


def test_clicking_an_edge_shows_its_evidence(page: Watched) -> None:
    edge = page.js("iri => kgView.data.info.edges.findIndex(e => e.iri === iri)", str(KGO.ceoOf))
    f, t = page.js("id => [kgView.data.info.edges[id].f, kgView.data.info.edges[id].t]", edge)
    a, b = page.node_dom(f), page.node_dom(t)
    page.click_canvas({"x": (a["x"] + b["x"]) / 2, "y": (a["y"] + b["y"]) / 2})
    panel = page.page.locator("#kg-panel")
    panel.wait_for(state="visible")
    assert panel.get_attribute("data-edge") == str(edge)
    text = panel.inner_text()
    assert "Le PDG de Meta, Mark Zuckerberg, s’est ouvert sur l’IA." in text
    assert "Zuckerberg dirige Meta depuis 2004." in text
    assert "Meta vante l’open source" in text
    assert "apposition with a role noun" in text
    assert "0.90" in text and "0.60" in text
    assert panel.locator(".ev mark.m1").first.inner_text() == "Mark Zuckerberg"
    assert panel.locator(".ev mark.m2").first.inner_text() == "Meta"


def test_highlights_count_code_points(page: Watched) -> None:
    edge = page.js("iri => kgView.data.info.edges.findIndex(e => e.iri === iri)", str(KGO.develops))
    page.js("id => kgView.showEdge(id)", edge)
    panel = page.page.locator("#kg-panel .ev")
    assert panel.locator("mark.m1").inner_text() == "Meta"
    assert panel.locator("mark.m2").inner_text() == "Llama"


def test_search_focuses_a_node(page: Watched) -> None:
    zuck = page.node_id(str(KGE["mark-zuckerberg"]))
    page.page.fill("#kg-search", "zuckerb")
    page.page.press("#kg-search", "Enter")
    page.page.wait_for_selector(f"#kg-panel[data-node='{zuck}']", state="attached")
    assert page.js("kgView.focused") == zuck
    assert page.js("kgView.network.getSelectedNodes()") == [zuck]
    page.page.wait_for_timeout(700)  # the focus animation
    centre = page.js("kgView.network.getViewPosition()")
    pos = page.js("id => kgView.network.getPositions([id])[id]", zuck)
    assert abs(centre["x"] - pos["x"]) < 2 and abs(centre["y"] - pos["y"]) < 2
    assert page.page.locator("#kg-panel").get_attribute("data-node") == str(zuck)
    assert page.page.locator("#kg-results button").first.inner_text().startswith("Mark Zuckerberg")
    # "le PDG de Meta" is another name of Mark Zuckerberg: found through alt labels, accents off
    assert page.js("kgView.find('pdg de meta')") == [zuck]


def test_filters(page: Watched) -> None:
    page.page.check("#kg-articles")
    page.page.uncheck("#kg-articles")
    assert page.js("kgView.network.body.nodeIndices.length") == 4
    assert page.js("kgView.network.body.edgeIndices.length") == 3
    page.page.check("#kg-articles")
    page.page.uncheck("input[data-cls=Person]")
    assert page.js("kgView.visibleNodeCount()") == 4
    page.page.check("input[data-cls=Person]")
    page.page.fill("#kg-conf", "0.85")  # sets the value, fires input and change
    assert page.page.locator("#kg-conf-val").inner_text() == "0.85"
    visible = page.js(
        "() => kgView.network.body.edgeIndices.map(i => kgView.data.info.edges[i])"
        ".filter(e => e.kind === 'fact').map(e => e.iri)"
    )
    assert visible == [str(KGO.ceoOf)]


def test_hostile_labels_stay_text(page: Watched) -> None:
    evil = page.node_id(str(KGE.evil))
    dom = page.node_dom(evil)
    box = page.page.locator("#kg-canvas").bounding_box()
    page.page.mouse.move(box["x"] + dom["x"], box["y"] + dom["y"])
    tip = page.page.locator("#kg-tip")
    tip.wait_for(state="visible")
    assert SAMPLE.HOSTILE_SCRIPT in tip.inner_text()
    assert SAMPLE.HOSTILE_IMG in tip.inner_text()
    page.click_canvas(dom)
    panel = page.page.locator("#kg-panel")
    panel.wait_for(state="visible")
    assert SAMPLE.HOSTILE_SCRIPT in panel.inner_text()
    page.page.fill("#kg-search", "<script")
    page.page.press("#kg-search", "Enter")
    page.page.fill("#kg-search", "</script><script>alert(2)")
    page.page.press("#kg-search", "Enter")
    assert SAMPLE.HOSTILE_TITLE in page.page.locator("#kg-panel").inner_text()
    page.page.wait_for_timeout(300)
    assert page.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.js("document.querySelectorAll('script').length") == 3
    assert not page.dialogs


# --------------------------------------------------------------------------- an archive


def _open(browser: Any, path: Path) -> Watched:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    watched = Watched(context.new_page())
    watched.page.goto(path.resolve().as_uri())
    watched.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    return watched


def _close(watched: Watched) -> None:
    watched.page.context.close()
    assert not watched.errors, watched.errors
    bad = [u for u in watched.requests if not u.startswith(("file://", "data:"))]
    assert not bad, bad


@pytest.fixture(scope="module")
def archive_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 synthetic entities (bench/view.py): the page opens on the 100 most connected."""
    from rdflib import Graph

    from bench.view import synthetic_ntriples

    graph = Graph().parse(data=synthetic_ntriples(600, seed=3), format="nt")
    out = tmp_path_factory.mktemp("archive") / "graph.html"
    return write_html(graph, out, title="archive")


def test_the_overview_is_readable_and_a_click_adds_the_neighbours(
    browser: Any, archive_page: Path
) -> None:
    page = _open(browser, archive_page)
    try:
        assert page.js("kgView.nodes.length") == 100
        # names never overlap; the biggest nodes are named
        assert page.js("kgView.labelOverlaps()") == 0
        assert page.js("kgView.labels().length") >= 10
        # a node whose neighbours are not all drawn
        target = page.js(
            """() => { const v = kgView, N = v.data.info.nodes, E = v.data.info.edges;
                 const drawn = new Set(v.nodes.getIds());
                 return v.nodes.getIds().find(i => E.some(e => e.kind !== 'mentions' &&
                   ((e.f === i && !drawn.has(e.t)) || (e.t === i && !drawn.has(e.f))))); }"""
        )
        assert target is not None
        expected = page.js(
            """i => { const E = kgView.data.info.edges, N = kgView.data.info.nodes;
                 return [...new Set(E.filter(e => e.kind !== 'mentions' && (e.f === i || e.t === i))
                   .map(e => N[e.f === i ? e.t : e.f].iri))]; }""",
            target,
        )
        page.js("id => kgView.network.focus(id, {scale: 1.0, animation: false})", target)
        page.click_canvas(page.node_dom(target))
        page.page.wait_for_selector(f"#kg-panel[data-node='{target}']", state="attached")
        page.page.wait_for_timeout(300)
        shown = set(page.js("kgView.shownNodes()"))
        missing = set(expected) - shown
        assert len(missing) == 0 or len(expected) > 40, missing
        assert page.js("kgView.nodes.length") > 100
        assert "voisins ajoutés" in page.page.locator("#kg-msg").inner_text()
        assert page.js("kgView.labelOverlaps()") == 0
    finally:
        _close(page)


def _dated_graph() -> Any:
    """Four entities, two dated articles: Ada (Person) -ceoOf-> Bolt (Company) in January;
    Bolt -headquarteredIn-> Dole (Place) and Cyan (Company) -partnerOf-> Bolt in June."""
    from rdflib import RDF, RDFS, XSD, Graph, Literal
    from rdflib.namespace import DCTERMS

    from kg.vocab import KGD, KGX

    g = Graph()
    ada, bolt, cyan, dole = KGE.ada, KGE.bolt, KGE.cyan, KGE.dole
    for ent, cls, label in ((ada, KGO.Person, "Ada Vern"), (bolt, KGO.Company, "Bolt"),
                            (cyan, KGO.Company, "Cyan"), (dole, KGO.Place, "Dole")):
        g.add((ent, RDF.type, cls))
        g.add((ent, RDFS.label, Literal(label)))
    ext = KGX["svo-verb"]
    g.add((ext, RDF.type, KGO.Extractor))
    jan, jun = KGD["000000000000000a"], KGD["000000000000000b"]
    for doc, title, date in ((jan, "Ada Vern prend la tête de Bolt", "2024-01-10"),
                             (jun, "Bolt s’installe à Dole avec Cyan", "2024-06-01")):
        g.add((doc, RDF.type, KGO.NewsArticle))
        g.add((doc, DCTERMS.title, Literal(title)))
        g.add((doc, DCTERMS.date, Literal(date, datatype=XSD.date)))
    facts = [(ada, KGO.ceoOf, bolt, jan, "Ada Vern dirige Bolt.", "Ada Vern", "Bolt"),
             (bolt, KGO.headquarteredIn, dole, jun, "Bolt est installée à Dole.", "Bolt", "Dole"),
             (cyan, KGO.partnerOf, bolt, jun, "Cyan s’associe à Bolt.", "Cyan", "Bolt")]
    for s, p, o, doc, sentence, st, ot in facts:
        SAMPLE.add_fact(g, s, p, o, doc=doc, sentence=sentence, sentence_start=0,
                        subject_text=st, object_text=ot, confidence=0.8, extractor=ext)
        g.add((doc, KGO.mentions, s))
        g.add((doc, KGO.mentions, o))
    return g


@pytest.fixture(scope="module")
def dated_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(_dated_graph(), tmp_path_factory.mktemp("dated") / "graph.html")


def test_filters_by_date_article_and_class_hide_the_right_nodes(
    browser: Any, dated_page: Path
) -> None:
    page = _open(browser, dated_page)
    everyone = {str(KGE.ada), str(KGE.bolt), str(KGE.cyan), str(KGE.dole)}
    try:
        assert set(page.js("kgView.visibleNodes()")) == everyone
        page.page.fill("#kg-from", "2024-05-01")  # fires change
        assert set(page.js("kgView.visibleNodes()")) == everyone - {str(KGE.ada)}
        page.page.fill("#kg-to", "2024-05-31")
        assert page.js("kgView.visibleNodes()") == []
        page.page.fill("#kg-from", "")
        page.page.fill("#kg-to", "")
        assert set(page.js("kgView.visibleNodes()")) == everyone
        # the article filter: found by its title, its entities only
        page.page.fill("#kg-art-q", "prend la tête")
        page.page.locator("#kg-art-results button").first.click()
        assert set(page.js("kgView.visibleNodes()")) == {str(KGE.ada), str(KGE.bolt)}
        assert "Ada Vern prend la tête de Bolt" in page.page.locator("#kg-art-chip").inner_text()
        page.page.click("#kg-art-clear")
        assert set(page.js("kgView.visibleNodes()")) == everyone
        page.page.uncheck("input[data-cls=Company]")
        assert set(page.js("kgView.visibleNodes()")) == {str(KGE.ada), str(KGE.dole)}
        # the filters add up
        page.page.fill("#kg-from", "2024-05-01")
        assert set(page.js("kgView.visibleNodes()")) == {str(KGE.dole)}
    finally:
        _close(page)


def test_english_on_request(browser: Any, tmp_path: Path) -> None:
    english = write_html(_dated_graph(), tmp_path / "en.html", lang="en")
    page = _open(browser, english)
    try:
        assert page.page.get_attribute("#kg-search", "placeholder") == "Find an entity…"
        assert "company" in page.page.locator("#kg-legend").inner_text()
        assert "nodes visible" in page.page.locator("#kg-status").inner_text()
    finally:
        _close(page)
    french = _open(browser, write_html(_dated_graph(), tmp_path / "fr.html"))
    try:
        assert french.page.get_attribute("#kg-search", "placeholder") == "Chercher une entité…"
        assert "entreprise" in french.page.locator("#kg-legend").inner_text()
        assert "nœuds" in french.page.locator("#kg-status").inner_text()
    finally:
        _close(french)
