"""A national-size page in headless Chromium: drawn at its given positions, physics off, offline."""

from __future__ import annotations

import pytest

from graphkit.benchmark.network import national_network
from graphkit.view.page import render_network

pytestmark = pytest.mark.browser

LOCAL = ("file:", "data:", "blob:")


@pytest.fixture(scope="module")
def large_page(tmp_path_factory):
    """A page of a synthetic network of 30 councils (about 2,600 entities and 10,000 relations)."""
    G = national_network(councils=30, seed=5)
    assert G.number_of_nodes() > 2500
    path = tmp_path_factory.mktemp("large") / "network.html"
    path.write_text(render_network(G), encoding="utf-8")
    return path


def test_browser_large_page_draws_at_given_positions_offline(chromium, large_page):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    log = {"errors": [], "outside": []}
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: r.url.startswith(LOCAL) or log["outside"].append(r.url))
    try:
        page.goto(large_page.as_uri())
        page.wait_for_selector("body[data-gk-drawn=true]", state="attached", timeout=30_000)
        state = page.evaluate(
            """() => {
            const given = nodes.get().map(n => [n.id, n.x, n.y]);
            const drawn = network.getPositions();
            return {
                physics: network.physics.options.enabled,
                ready: network.physics.ready,
                stabilising: network.physics.startedStabilization,
                nodes: given.length,
                placed: given.filter(([id, x, y]) => Number.isInteger(x) && Number.isInteger(y)).length,
                moved: given.filter(([id, x, y]) => drawn[id].x !== x || drawn[id].y !== y).map(([id]) => id),
                times: window.gkTimes,
            };
        }"""
        )
        assert state["physics"] is False and state["ready"] is True and state["stabilising"] is False
        assert 30 < state["nodes"] <= 1000 and state["placed"] == state["nodes"]
        assert state["moved"] == []
        assert state["times"]["drawn"] >= state["times"]["ready"] > 0
        note = page.locator("#gk-overview")
        assert note.is_visible() and "Left out:" in note.inner_text()
        page.wait_for_timeout(200)
        assert log == {"errors": [], "outside": []}
    finally:
        page.close()


def test_browser_time_page_measures_the_settled_page(chromium, large_page):
    from graphkit.benchmark.browser import time_page

    seconds = time_page(large_page, browser=chromium)
    assert isinstance(seconds, float) and seconds > 0


def test_browser_time_page_missing_page(chromium, tmp_path):
    from graphkit.benchmark.browser import time_page

    with pytest.raises(FileNotFoundError, match="no such page"):
        time_page(tmp_path / "nope.html")
