"""Every kind of site page in a real headless Chromium: offline, no errors, counts, evidence, axe."""

from __future__ import annotations

import pytest

from graphkit.site import site_data, write_site
from graphkit.site.data import council_subgraph

pytestmark = pytest.mark.browser

PAGES = ["index.html", "report.html", "network.html", "councils/east-council.html", "councils/west-council.html",
         "entities/charity.html", "entities/icb.html", "entities/east-council.html"]
NETWORK_PAGES = [p for p in PAGES if p == "network.html" or p.startswith("councils/")]
LOCAL = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def site(tmp_path_factory, make_graph):
    """The hostile test graph's site, written once; yields (folder, SiteData)."""
    graph = make_graph(hostile=True)
    out = tmp_path_factory.mktemp("site")
    write_site(graph, out)
    return out, site_data(graph)


def _open(browser, path):
    """Load a page from its file; return it with what it logged (errors, outside requests, dialogs)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log = {"errors": [], "outside": [], "dialogs": []}
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: r.url.startswith(LOCAL) or log["outside"].append(r.url))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    if page.locator("#gk-network").count() or page.locator("#gk-q").count():
        page.wait_for_selector("body[data-gk-ready=true]", state="attached", timeout=30_000)
    return page, log


@pytest.mark.parametrize("rel", PAGES)
def test_site_page_opens_offline_without_errors(chromium, site, rel):
    out, _ = site
    page, log = _open(chromium, out / rel)
    try:
        assert page.locator("h1").count() == 1
        assert page.locator("img, iframe").count() == 0  # nothing injected by report text
        page.wait_for_timeout(150)
        assert log == {"errors": [], "outside": [], "dialogs": []}
    finally:
        page.close()


@pytest.mark.parametrize("rel", NETWORK_PAGES)
def test_site_network_counts_equal_the_graph(chromium, site, rel):
    out, data = site
    if rel == "network.html":
        n_nodes, n_edges = data.network.number_of_nodes(), data.network.number_of_edges()
    else:
        nodes, relations = council_subgraph(data, rel.split("/")[1][: -len(".html")])
        n_nodes, n_edges = len(nodes), len(relations)
    page, log = _open(chromium, out / rel)
    try:
        assert page.evaluate("[nodes.length, edges.length]") == [n_nodes, n_edges]
        assert page.locator("table.gk-relations tbody tr").count() == n_edges  # the text alternative
        assert page.locator("button.gk-focus").count() == n_nodes
        assert log["errors"] == []
    finally:
        page.close()


def test_site_hover_shows_evidence_as_text(chromium, site, hostile):
    out, _ = site
    page, log = _open(chromium, out / "councils" / "east-council.html")
    try:
        box = page.locator("#gk-network canvas").bounding_box()
        spot = page.evaluate("network.canvasToDOM(network.getPositions(['charity']).charity)")
        page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
        tooltip = page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert hostile["sentence"] in tooltip.inner_text() and hostile["label"] in tooltip.inner_text()
        assert tooltip.locator("img, script, b").count() == 0
        assert "East Council" in tooltip.inner_text()  # the council's name, not the report id
        assert log == {"errors": [], "outside": [], "dialogs": []}
    finally:
        page.close()


def test_site_keyboard_focus_shows_evidence(chromium, site):
    out, _ = site
    page, log = _open(chromium, out / "network.html")
    try:
        page.locator("button.gk-focus").first.focus()
        for _ in range(40):  # Tab through the entity list to the ICB
            if page.evaluate("document.activeElement.getAttribute('data-node')") == "icb":
                break
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('data-node')") == "icb"
        details = page.locator("#gk-details")
        assert "Relations with the ICB were strained." in details.inner_text()
        assert page.evaluate("network.getSelectedNodes()") == ["icb"]
        link = details.locator("a")
        assert link.get_attribute("href") == "entities/icb.html"
        assert log["errors"] == []
    finally:
        page.close()


def test_site_filters_refit_and_hide_isolated_by_default(chromium, site):
    out, _ = site
    page, log = _open(chromium, out / "network.html")
    visible = "() => nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()"
    try:
        assert "lonely-scheme" not in page.evaluate(visible)
        page.check("#gk-isolated")
        assert "lonely-scheme" in page.evaluate(visible)
        page.uncheck("#gk-isolated")
        page.select_option("#gk-council", "west-council")
        assert page.evaluate(visible) == ["care-fund", "charity", "icb", "west-council"]
        page.uncheck("#gk-context")
        hidden = page.evaluate("() => edges.get({filter: e => e.hidden}).map(e => e.id)")
        assert len(hidden) >= 1
        page.uncheck('input.gk-type[value="Fund"]')
        assert "care-fund" not in page.evaluate(visible)
        assert log["errors"] == []
    finally:
        page.close()


def test_site_search_works_from_file_by_keyboard(chromium, site):
    out, _ = site
    page, log = _open(chromium, out / "index.html")
    try:
        page.focus("#gk-q")
        page.keyboard.type("icb")
        results = page.locator("#gk-results a")
        assert results.count() >= 1 and "entities/icb.html" in results.first.get_attribute("href")
        assert "match" in page.locator("#gk-count").inner_text()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == results.first.get_attribute("href")
        page.keyboard.press("Enter")
        page.wait_for_url("**/entities/icb.html")
        assert "East and West ICB" in page.locator("h1").inner_text()
        assert log["errors"] == [] and log["outside"] == []
    finally:
        page.close()


@pytest.mark.parametrize("rel", PAGES)
def test_site_page_has_no_serious_axe_violation(chromium, site, axe_source, rel):
    out, _ = site
    page, log = _open(chromium, out / rel)
    try:
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == []
        assert log["outside"] == []
    finally:
        page.close()


@pytest.mark.parametrize("rel", ["index.html", "report.html", "network.html", "councils/north-tyneside-council.html",
                                 "entities/better-care-fund.html"])
def test_site_of_the_seeds_in_the_browser(chromium, built_out, axe_source, rel):
    import json

    page, log = _open(chromium, built_out / rel)
    try:
        if rel == "network.html":
            analysis = json.loads((built_out / "analysis.json").read_text())
            relations = analysis["summary"]["relations"] + analysis["context"]["summary"]["relations"]
            assert page.evaluate("[nodes.length, edges.length]") == [analysis["summary"]["entities"], relations]
        page.wait_for_timeout(150)
        assert log == {"errors": [], "outside": [], "dialogs": []}
        page.add_script_tag(content=axe_source)  # (axe reads the stylesheet, which the pages' CSP refuses: logged)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
    finally:
        page.close()
