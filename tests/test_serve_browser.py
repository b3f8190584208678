"""The page kg serve serves, in a real browser: its scripts run under the server's
Content-Security-Policy, and it makes no request but to the server.

Needs ``pip install playwright`` and ``apt-get install chromium``; never ``playwright install``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.view import CHROMIUM, CHROMIUM_ARGS
from kg.serve import ServeConfig, SparqlServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent

if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    pytest.skip(
        f"{CHROMIUM} is missing (install it with: apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is missing (pip install playwright)"
)


def test_the_served_page_runs_under_the_server_policy() -> None:
    with (
        SparqlServer(ROOT / "output", ServeConfig(port=0)) as server,
        sync_api.sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            errors: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            response = page.goto(server.url)
            assert response is not None and response.status == 200
            assert "script-src 'sha256-" in response.headers["content-security-policy"]
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)
            assert page.evaluate("kgView.network.body.nodeIndices.length") > 0
            assert not errors, errors
            assert all(url.startswith((server.url, "data:")) for url in requests), requests
        finally:
            browser.close()


def test_the_served_page_fetches_a_cut_neighbourhood_from_sparql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page carrying 60 of 600 entities, served: clicking an entity whose neighbourhood
    the page cuts asks the server's /sparql (same origin) for its neighbours, and clicking a
    fact whose evidence the page cut asks it for the evidence."""
    import kg.merge
    import kg.view
    from bench.view import build_folder

    monkeypatch.setattr(kg.merge, "PAGE_ENTITIES", 60)
    monkeypatch.setattr(kg.view, "PAGE_EVIDENCE", 1)  # one sentence per fact in the page
    build_folder(600, tmp_path / "archive", seed=5)
    with (
        SparqlServer(tmp_path / "archive", ServeConfig(port=0, workers=1)) as server,
        sync_api.sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            posts: list[tuple[str, int]] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("response", lambda r: posts.append((r.url, r.status))
                    if r.request.method == "POST" else None)
            page.goto(server.url)
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)
            assert page.evaluate("kgView.remote") is True
            carried = page.evaluate("kgView.data.info.nodes.length")
            hub = page.evaluate(
                "() => kgView.nodes.getIds().find(i => kgView.isCut(i))"
            )
            assert hub is not None
            page.evaluate("id => kgView.network.focus(id, {scale: 1.0, animation: false})", hub)
            dom = page.evaluate(
                "id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", hub
            )
            box = page.locator("#kg-canvas").bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])
            page.wait_for_selector("#kg-msg:has-text('serveur')", timeout=30_000)
            page.wait_for_timeout(300)
            assert (server.url + "sparql", 200) in posts
            fetched = page.evaluate(
                "() => kgView.shownNodes().filter(iri => kgView.data.info.nodes"
                ".find(n => n.iri === iri).remote).length"
            )
            assert fetched > 0
            assert page.evaluate("kgView.data.info.nodes.length") > carried
            # a fact the page carries only part of the evidence of: the rest comes from /sparql
            edge = page.evaluate(
                "() => kgView.data.info.edges.findIndex(e => e.kind === 'fact' && !e.remote"
                " && e.nev > e.ev.length)"
            )
            assert edge >= 0
            page.evaluate("id => kgView.showEdge(id)", edge)
            page.wait_for_selector(f"#kg-panel[data-edge='{edge}'] .ev >> nth=1",
                                   state="attached", timeout=30_000)
            assert page.evaluate("id => kgView.data.info.edges[id].evFetched", edge)
            # an entity the page knows nothing of, found by name through /sparql
            iri = page.evaluate(
                "() => { const known = new Set(kgView.data.info.nodes.map(n => n.iri));"
                " for (let k = 599; k >= 0; k--) {"
                "  const iri = 'https://w3id.org/kgnews/entity/e' + k;"
                "  if (!known.has(iri)) return iri; } }"
            )
            label = page.evaluate(
                "iri => kgView.sparql('SELECT ?l WHERE { <' + iri + '> rdfs:label ?l }')"
                ".then(rows => rows[0].l.value)", iri
            )
            page.fill("#kg-search", label)
            page.press("#kg-search", "Enter")
            page.wait_for_selector("#kg-panel[data-node] h2", state="attached", timeout=30_000)
            page.wait_for_timeout(300)
            focused = page.evaluate("kgView.focused")
            assert focused is not None
            assert page.evaluate("i => kgView.data.info.nodes[i].label", focused) == label
            assert page.evaluate("i => kgView.data.info.nodes[i].remote", focused)
            assert iri in page.evaluate("kgView.shownNodes()")
            assert not errors, errors
        finally:
            browser.close()
