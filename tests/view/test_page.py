from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import SKOS

from graphkit.analyse import analyse
from graphkit.view import render_html, render_view

GKD = Namespace("https://graphkit.example/id/")
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = 'They said "<script>alert(2)</script>" & <b onmouseover=alert(3)>worked</b> together.'


class _Refs(HTMLParser):
    """Collects src/href attributes and inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href")]


def _parse(page: str) -> _Refs:
    parser = _Refs()
    parser.feed(page)
    return parser


def test_render_html_has_no_outside_references(graph):
    page = render_html(graph)
    parser = _parse(page)
    assert parser.refs == ["data:,"]  # the empty favicon, so browsers ask for nothing
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert not re.search(r"<script[^>]+src=", page, re.I)


def test_render_html_inlines_vis_network(graph):
    page = render_html(graph)
    assert "vis-network" in page and "new vis.Network" in page


def test_render_html_is_deterministic(graph, build):
    assert render_html(graph) == render_html(build())


def test_render_html_does_not_depend_on_triple_order(graph):
    shuffled = Graph()
    for triple in sorted(graph, reverse=True):
        shuffled.add(triple)
    assert render_html(shuffled) == render_html(graph)


def test_render_html_with_analysis_is_deterministic(graph, build):
    assert render_html(graph, analyse(graph)) == render_html(graph, analyse(build()))


def test_render_html_escapes_hostile_text(hostile_graph, hostile, build):
    assert hostile == {"label": HOSTILE, "sentence": HOSTILE_SENTENCE}
    page = render_html(hostile_graph)
    assert HOSTILE not in page
    assert "<script>alert(2)" not in page
    assert "onmouseover=alert(3)>" not in page
    # the tooltip fragments hold the escaped text, inside JSON (where < is \u003c)
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in page
    parser = _parse(page)
    assert "img" not in parser.tags
    assert parser.tags == _parse(render_html(build())).tags


def test_render_html_escapes_hostile_council_names(build):
    g = build()
    g.set((GKD["east-council"], SKOS.prefLabel, Literal(HOSTILE)))
    page = render_html(g)
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;</option>" in page


def test_render_html_legend_and_filters(graph):
    page = render_html(graph)
    for kind in ("LocalAuthority", "NHSBody", "Board", "VoluntaryOrganisation", "Fund"):
        assert f'class="gk-type" value="{kind}"' in page
    for predicate in ("partnersWith", "memberOf", "funds"):
        assert f'class="gk-pred" value="{predicate}"' in page
    assert '<option value="east-council">East Council</option>' in page
    assert 'id="gk-search"' in page


def test_render_html_partnership_edges_have_no_arrow(graph):
    page = render_html(graph)
    edges = re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert edges
    import json

    data = json.loads(edges.group(1))
    arrows = {(e["gk_predicate"], e["arrows"]["to"]["enabled"]) for e in data}
    assert arrows == {("partnersWith", False), ("memberOf", True), ("funds", True)}
    strained = [e for e in data if "strained" in e["gk_tip"]]
    assert strained and strained[0]["dashes"] is True


def test_render_html_empty_graph():
    page = render_html(Graph())
    assert "0 entities" in page and _parse(page).refs == ["data:,"]


def test_render_view_writes_atomically(tmp_path, graph):
    target = tmp_path / "out" / "network.html"
    result = render_view(graph, target, analyse(graph))
    assert result == target
    assert target.read_text(encoding="utf-8") == render_html(graph, analyse(graph))
    assert sorted(p.name for p in target.parent.iterdir()) == ["network.html"]
    assert os.stat(target).st_mode & 0o044 == 0o044


def test_render_view_failure_keeps_old_file(tmp_path, graph, monkeypatch):
    target = tmp_path / "network.html"
    target.write_text("old", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        render_view(graph, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["network.html"]


def test_view_doctests():
    import doctest

    import graphkit.benchmark.network
    import graphkit.view.layout
    import graphkit.view.overview
    import graphkit.view.page
    import graphkit.view.style
    import graphkit.view.tooltip

    for module in (graphkit.view.page, graphkit.view.style, graphkit.view.tooltip, graphkit.view.layout,
                   graphkit.view.overview, graphkit.benchmark.network):
        assert doctest.testmod(module).failed == 0, module.__name__


@pytest.mark.parametrize("text", [HOSTILE, HOSTILE_SENTENCE, "\"'&<>", "</script><script>alert(4)</script>"])
def test_tooltips_escape_everything(text):
    from graphkit.view.tooltip import edge_tooltip, node_tooltip

    data = {"label": text, "type": text, "reports": (text,), "identifiers": ((text, text),), "alt_labels": (text,)}
    edge = {"predicate": text, "tone": text, "sentences": ((text, text, text),)}
    for html in (node_tooltip(text, data, {text: text}), edge_tooltip(text, text, edge)):
        assert "<" not in re.sub(r"</?(div|i|span)( class=\"[a-z-]+\")?>", "", html)


class _Text(HTMLParser):
    """Tags and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


@settings(max_examples=200, deadline=None)
@given(label=st.text(), sentence=st.text())
def test_tooltips_keep_any_text_as_text(label, sentence):
    from graphkit.view.tooltip import edge_tooltip, node_tooltip

    for html, wanted in (
        (node_tooltip("id", {"label": label, "type": "Fund"}), label),
        (edge_tooltip("A", "B", {"predicate": "funds", "sentences": (("r", sentence, "neutral"),)}), sentence),
    ):
        parser = _Text()
        parser.feed(html)
        parser.close()
        assert parser.tags <= {"div", "i", "span"}
        assert wanted.replace("\r\n", "\n").replace("\r", "\n") in "".join(parser.text).replace("\r\n", "\n").replace("\r", "\n")


_DIGEST = """
import hashlib, json, sys
from rdflib import Graph
from graphkit.analyse import analyse
from graphkit.view import render_html
g = Graph().parse(sys.argv[1], format="turtle")
a = analyse(g)
page = render_html(g, a).encode()
data = json.dumps(a.to_dict(), sort_keys=True).encode()
print(hashlib.sha256(page).hexdigest(), hashlib.sha256(data).hexdigest())
"""


def test_output_does_not_depend_on_hash_seed(tmp_path, hostile_graph):
    import subprocess
    import sys
    from pathlib import Path

    source = tmp_path / "graph.ttl"
    hostile_graph.serialize(source, format="turtle")
    root = str(Path(__file__).resolve().parents[2])
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}
        done = subprocess.run([sys.executable, "-c", _DIGEST, str(source)], env=env,
                              capture_output=True, text=True, timeout=120, cwd=root)
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1
