"""The page in a real headless Chromium: it draws, stays offline, and runs no injected script."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graphkit.analyse import analyse
from graphkit.view import render_view

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def served(tmp_path):
    """A 127.0.0.1 http.server over tmp_path; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _open(browser, url: str, allowed: tuple[str, ...]):
    """Load `url`, wait until the layout settled; return page and what it logged."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log = {"errors": [], "outside": [], "dialogs": []}
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: r.url.startswith(allowed) or log["outside"].append(r.url))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_selector("body[data-gk-ready=true]", state="attached", timeout=30_000)
    return page, log


def _painted(page) -> int:
    """Number of non-white pixels on the vis canvas."""
    return page.evaluate(
        """() => {
        const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i+3] > 0 && (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240)) n++; }
        return n;
    }"""
    )


@pytest.mark.parametrize("via", ["file", "http"])
def test_browser_page_renders_offline(chromium, tmp_path, served, hostile_graph, via):
    path = render_view(hostile_graph, tmp_path / "network.html", analyse(hostile_graph))
    if via == "file":
        url, allowed = path.as_uri(), ("file:", "data:", "blob:")
    else:
        url, allowed = f"{served}/network.html", (served + "/", "data:", "blob:")
    page, log = _open(chromium, url, allowed)
    try:
        assert page.locator("#mynetwork canvas").count() == 1
        assert _painted(page) > 500
        assert page.evaluate("nodes.length") == 6 and page.evaluate("edges.length") == 5
        assert log == {"errors": [], "outside": [], "dialogs": []}
    finally:
        page.close()


def test_browser_hostile_label_stays_text(chromium, tmp_path, hostile_graph, hostile):
    path = render_view(hostile_graph, tmp_path / "network.html")
    page, log = _open(chromium, path.as_uri(), ("file:", "data:", "blob:"))
    try:
        box = page.locator("#mynetwork canvas").bounding_box()
        spot = page.evaluate("network.canvasToDOM(network.getPositions(['charity']).charity)")
        page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
        tooltip = page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert hostile["label"] in tooltip.inner_text()
        assert tooltip.locator("img, script").count() == 0
        titles = page.evaluate(
            """() => edges.get().concat(nodes.get()).map(x => [
                x.title instanceof Element, x.title.querySelectorAll('img, script, b').length, x.title.textContent])"""
        )
        assert all(is_element and bad == 0 for is_element, bad, _ in titles)
        assert any(hostile["sentence"] in text for _, _, text in titles)
        assert page.locator("img").count() == 0
        page.wait_for_timeout(200)
        assert log == {"errors": [], "outside": [], "dialogs": []}
    finally:
        page.close()


def test_browser_filters(chromium, tmp_path, graph):
    path = render_view(graph, tmp_path / "network.html")
    page, log = _open(chromium, path.as_uri(), ("file:", "data:", "blob:"))
    visible = "() => nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()"
    try:
        page.select_option("#gk-council", "west-council")
        assert page.evaluate(visible) == ["care-fund", "charity", "icb", "west-council"]
        page.uncheck('input.gk-type[value="Fund"]')
        assert page.evaluate(visible) == ["charity", "icb", "west-council"]
        page.select_option("#gk-council", "")
        assert "east-council" in page.evaluate(visible)
        page.uncheck('input.gk-pred[value="partnersWith"]')
        hidden = page.evaluate("() => edges.get({filter: e => e.hidden}).map(e => e.gk_predicate)")
        assert hidden == ["partnersWith"] * 3
        page.check('input.gk-pred[value="partnersWith"]')
        page.uncheck("#gk-isolated")
        assert page.evaluate(visible) == sorted(["east-council", "west-council", "charity", "icb", "east-council--board"])
        page.fill("#gk-search", "icb")
        page.press("#gk-search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == ["icb"]
        assert log == {"errors": [], "outside": [], "dialogs": []}
    finally:
        page.close()


def test_browser_screenshot_tool(chromium, tmp_path, graph):
    tool = Path(__file__).resolve().parents[2] / "tools" / "screenshot.py"
    html = render_view(graph, tmp_path / "network.html")
    png = tmp_path / "shots" / "network.png"
    done = subprocess.run(
        [sys.executable, str(tool), str(html), str(png), "--width", "900", "--height", "700",
         "--hide-isolated", "--council", "east-council"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_browser_screenshot_tool_missing_page(chromium, tmp_path):
    tool = Path(__file__).resolve().parents[2] / "tools" / "screenshot.py"
    done = subprocess.run([sys.executable, str(tool), str(tmp_path / "nope.html"), str(tmp_path / "x.png")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no such page" in done.stderr
