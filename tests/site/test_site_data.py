"""The site's adapter: what it reads from the graph and the analysis, and the figures it computes."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

import graphkit.site
from graphkit.analyse import analyse
from graphkit.site.data import council_subgraph, site_data, stated_graph


@pytest.mark.parametrize("name", sorted(f"graphkit.site.{m.name}" for m in pkgutil.iter_modules(graphkit.site.__path__)))
def test_site_doctests(name):
    assert doctest.testmod(importlib.import_module(name)).failed == 0


def test_site_data_follows_the_analysis_network(graph):
    analysis = analyse(graph)
    data = site_data(graph, analysis)
    G = analysis.network
    assert list(data.entities) == list(G) and len(data.relations) == G.number_of_edges()
    assert [(r.source, r.target, r.predicate) for r in data.relations] == [(u, v, k) for u, v, k in G.edges(keys=True)]


def test_site_data_keeps_context_apart(graph):
    data = site_data(graph)
    context = [r for r in data.relations if not r.stated]
    assert [(r.source, r.predicate, r.target) for r in context] == [("west-council", "partOf", "icb")]
    assert context[0].evidence[0].report == "" and context[0].evidence[0].source == "ONS lookup"
    assert data.entities["icb"].degree == 3  # east-council, care-fund, board: the context link does not count


def test_site_data_evidence_has_council_and_section(graph):
    data = site_data(graph)
    [rel] = [r for r in data.relations if {r.source, r.target} == {"charity", "east-council"}]
    [ev] = rel.evidence
    assert (ev.report, ev.section, ev.sentence) == ("r-east", "Partnerships and communities", "East works with the charity.")
    assert data.report_name("r-east") == "East Council"
    assert data.councils["east-council"].scores == (("Partnerships and communities", "", 3),)


def test_site_data_names_say_whose_board(graph):
    assert site_data(graph).entities["east-council--board"].name == "Health and Wellbeing Board (East)"


def test_site_measures_equal_networkx_on_stated_edges(graph):
    data = site_data(graph)
    H = stated_graph(data.network)
    assert not H.has_edge("west-council", "icb")
    expected = nx.betweenness_centrality(H)
    assert data.measures["betweenness"] == pytest.approx(expected, abs=1e-6)
    assert data.measures["degree"] == {n: float(d) for n, d in H.degree()}
    assert data.measures["pagerank"] == pytest.approx(_pagerank_python(H, weight="weight", tol=1e-12, max_iter=10_000), abs=1e-6)


def test_site_measures_do_not_move_with_reference_edges(graph):
    from rdflib.namespace import PROV, RDF

    from graphkit_test_view import GK, GKD

    before = site_data(graph)
    fact = GKD["reference/fact/00000000000000ff"]
    for t in ((fact, RDF.type, GK.Fact), (fact, GK.subject, GKD["east-council"]), (fact, GK.predicate, GK.partOf),
              (fact, GK.object, GKD["care-fund"]), (fact, PROV.wasDerivedFrom, GKD["reference/ons"]),
              (GKD["east-council"], GK.partOf, GKD["care-fund"])):
        graph.add(t)
    after = site_data(graph)
    assert len(after.relations) == len(before.relations) + 1
    assert after.measures == before.measures and after.communities == before.communities


def test_council_subgraph_holds_partners_and_what_its_reports_name(graph):
    data = site_data(graph)
    nodes, relations = council_subgraph(data, "west-council")
    assert set(nodes) == {"west-council", "charity", "icb", "care-fund", "lonely-scheme"}
    assert all(r.source in nodes and r.target in nodes for r in relations)
    assert {(r.source, r.predicate, r.target) for r in relations} >= {("icb", "funds", "care-fund"),
                                                                      ("west-council", "partOf", "icb")}
