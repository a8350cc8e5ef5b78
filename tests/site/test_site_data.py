"""The site's adapter: what it reads from the graph and the analysis, and the figures it computes."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

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


def test_site_degree_counts_stated_partners_only(graph):
    data = site_data(graph)
    H = stated_graph(data.network)
    assert not H.has_edge("west-council", "icb")
    assert {n: e.degree for n, e in data.entities.items()} == dict(H.degree())


def test_site_report_shows_the_analysis_figures(graph):
    from graphkit.site.pages import report_page

    analysis = analyse(graph)
    page = report_page(site_data(graph, analysis))
    figures = analysis.to_dict()
    assert figures["centrality"]["pagerank"]
    for item in figures["centrality"]["pagerank"][:3]:
        assert f"{item['score']:.4f}" in page
    for row in figures["councils"].values():
        assert f">{row['facts']}<" in page


def test_site_degree_does_not_move_with_reference_edges(graph):
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
    assert {n: e.degree for n, e in after.entities.items()} == {n: e.degree for n, e in before.entities.items()}


def test_council_subgraph_holds_partners_and_what_its_reports_name(graph):
    data = site_data(graph)
    nodes, relations = council_subgraph(data, "west-council")
    assert set(nodes) == {"west-council", "charity", "icb", "care-fund", "lonely-scheme"}
    assert all(r.source in nodes and r.target in nodes for r in relations)
    assert {(r.source, r.predicate, r.target) for r in relations} >= {("icb", "funds", "care-fund"),
                                                                      ("west-council", "partOf", "icb")}
