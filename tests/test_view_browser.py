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
