"""Large networks: an overview at positions computed in Python, physics off, and a note."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

import graphkit.view.page as page_module
from graphkit.analyse import to_networkx
from graphkit.benchmark.network import national_network
from graphkit.view import render_html
from graphkit.view.layout import layout_positions
from graphkit.view.overview import overview


def _options(page: str) -> dict:
    return json.loads(re.search(r"var options = (\{.*?\});\n", page, re.S).group(1))


def _nodes(page: str) -> list[dict]:
    return json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1))


@pytest.fixture
def large(monkeypatch):
    """Treat every graph of more than 4 entities as large (the fixture graph has 6)."""
    monkeypatch.setattr(page_module, "LARGE", 4)


def test_small_page_keeps_browser_physics(graph):
    page = render_html(graph)
    assert _options(page)["physics"]["enabled"] is True
    assert all("x" not in n for n in _nodes(page))
    assert 'id="gk-overview"' not in page


def test_large_page_draws_overview_with_positions(large, graph):
    page = render_html(graph)
    assert _options(page)["physics"] == {"enabled": False}
    nodes = _nodes(page)
    # east and west councils, and the charity both work with; the ICB and the rest are one council's
    assert sorted(n["id"] for n in nodes) == ["charity", "east-council", "west-council"]
    H = overview(to_networkx(graph)).graph
    assert {n["id"]: (n["x"], n["y"]) for n in nodes} == layout_positions(H, seed=page_module.SEED, spacing=90.0)
    note = re.search(r'<div class="gk-note" id="gk-overview">(.*?)</div>', page, re.S).group(1)
    assert "6 entities" in note and "Left out: 3 entities" in note and "2 relations" in note
    assert page == render_html(graph)


def test_medium_page_draws_everything_at_given_positions(monkeypatch, graph):
    monkeypatch.setattr(page_module, "PHYSICS_LIMIT", 4)
    page = render_html(graph)
    assert _options(page)["physics"] == {"enabled": False}
    positions = {n["id"]: (n["x"], n["y"]) for n in _nodes(page)}
    assert positions == layout_positions(to_networkx(graph), seed=page_module.SEED, spacing=90.0)
    assert 'id="gk-overview"' not in page


def test_overview_ranks_and_cuts_shared_bodies():
    G = nx.MultiDiGraph()
    for c in ("a", "b", "c"):
        G.add_node(c, type="LocalAuthority")
    G.add_edges_from([("a", "x"), ("b", "x"), ("c", "x"), ("a", "y"), ("b", "y"), ("a", "z")])
    shown = overview(G, limit=4)
    assert list(shown.graph) == ["a", "b", "c", "x"]
    assert (shown.cut, shown.left_nodes, shown.hidden_partners) == (1, 2, {"a": 2, "b": 1, "c": 0})


def test_overview_without_councils_keeps_best_connected():
    G = nx.MultiDiGraph(nx.star_graph(5))
    assert list(overview(G, limit=2).graph) == [0, 1]


def test_layout_positions_are_seeded_and_order_free():
    G = nx.relabel_nodes(nx.gnm_random_graph(60, 150, seed=2), str)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(G, reverse=True))
    shuffled.add_edges_from(sorted(G.edges(), reverse=True))
    pos = layout_positions(G, seed=3)
    assert pos == layout_positions(shuffled, seed=3)
    assert pos != layout_positions(G, seed=4)
    assert len(set(pos.values())) == 60


def test_national_network_has_national_shape():
    G = national_network(councils=20, seed=1)
    assert G.number_of_nodes() > 1500 and G.number_of_edges() > 4 * G.number_of_nodes() * 0.8
    assert sum(1 for _, t in G.nodes(data="type") if t == "LocalAuthority") == 20
    assert nx.utils.graphs_equal(G, national_network(councils=20, seed=1))


def test_bench_view_without_browser():
    from graphkit.benchmark.view import bench_view

    (row,) = bench_view([20], browser=False)
    assert row["entities"] > 1500 and 20 < row["shown_entities"] <= 1000
    assert {"layout_s", "render_s", "overview_s"} <= set(row) and "page_settle_s" not in row
