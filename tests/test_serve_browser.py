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
