"""The figures of analysis.json equal a direct networkx computation on a built graph.

The expected network is made here from the built graph.ttl by rdflib's own SPARQL engine, not
by graphkit's reader: stated facts (evidence in a report), national bodies as one node per
council, each edge weighted by the sentences stating each of its relations.
"""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from rdflib import Graph

from graphkit.analyse.terms import national_ids

QUERY = """
PREFIX gk: <https://graphkit.example/ns#>
SELECT DISTINCT ?f ?s ?p ?o ?e ?council WHERE {
  ?f a gk:Fact ; gk:subject ?s ; gk:predicate ?p ; gk:object ?o ; gk:evidence ?e .
  ?e gk:inReport ?r . ?r gk:assesses ?council .
}
"""
GKD = "https://graphkit.example/id/"


def slug(iri) -> str:
    return str(iri)[len(GKD):]


@pytest.fixture(scope="module")
def expected(built_out):
    g = Graph().parse(built_out / "graph.ttl", format="turtle")
    national = national_ids()
    H = nx.Graph()
    seen = set()
    for row in g.query(QUERY):
        council = slug(row.council)
        ends = [slug(x) if slug(x) not in national else f"{slug(x)}@{council}" for x in (row.s, row.o)]
        if ends[0] == ends[1]:
            continue
        key = (tuple(sorted(ends)) if str(row.p).endswith("partnersWith") else tuple(ends), str(row.p), str(row.e))
        if key in seen:  # one relation stated once by a sentence
            continue
        seen.add(key)
        if H.has_edge(*ends):
            H.edges[ends]["weight"] += 1
        else:
            H.add_edge(*ends, weight=1)
    analysis = json.loads((built_out / "analysis.json").read_text(encoding="utf-8"))
    return H, analysis


@pytest.fixture(scope="module")
def actual(built_out):
    from graphkit.analyse import analyse
    from graphkit.query.engine import load_store

    return analyse(load_store(built_out / "graph.trig"))


def test_figures_stated_edges_are_the_stated_facts(expected, actual):
    H, _ = expected
    S = nx.Graph(actual.stated.to_undirected())
    assert sorted(tuple(sorted(e)) for e in S.edges()) == sorted(tuple(sorted(e)) for e in H.edges())


def _linked(scores: dict, H: nx.Graph) -> dict:
    return {n: s for n, s in scores.items() if n in H}


def test_figures_degree_betweenness_pagerank_equal_networkx(expected, actual):
    H, _ = expected
    n = actual.stated.number_of_nodes()  # nodes without a stated relation count in the normalisation
    H_all = H.copy()
    H_all.add_nodes_from(actual.stated)
    assert n == H_all.number_of_nodes()
    degree = nx.degree_centrality(H_all)
    betweenness = nx.betweenness_centrality(H_all)
    pagerank = _pagerank_python(H_all, alpha=0.85, weight="weight", max_iter=1000, tol=1e-10)
    for node in H_all:
        assert actual.centrality["degree"][node] == pytest.approx(degree[node], abs=1e-6)
        assert actual.centrality["betweenness"][node] == pytest.approx(betweenness[node], abs=1e-6)
        assert actual.centrality["pagerank"][node] == pytest.approx(pagerank[node], abs=2e-6)


def test_figures_brokers_and_shared_partners_equal_networkx(expected, actual):
    H, analysis = expected
    councils = sorted(analysis["councils"])
    raw = nx.betweenness_centrality_subset(H, sources=councils, targets=councils, normalized=False)
    pairs = len(councils) * (len(councils) - 1) / 2
    brokers = {b["id"]: b["score"] for b in analysis["brokers"]}
    assert brokers == {k: round(v / pairs, 6) for k, v in raw.items() if v > 0}
    all_councils = {n for n, d in actual.stated.nodes(data=True) if d.get("type") == "LocalAuthority"}
    shared = sorted(n for n in H if n not in () and len(set(H[n]) & (all_councils - {n})) >= 2)
    assert [p["id"] for p in analysis["shared_partners"]] == shared


def test_figures_communities_equal_louvain(expected, actual):
    H, analysis = expected
    from graphkit.analyse.decorators import simple_graph

    ordered = simple_graph(H)  # sorted input, as the analysis gives Louvain
    found = nx.community.louvain_communities(ordered, weight="weight", seed=0)
    groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    assert [c["members"] for c in analysis["communities"]] == groups


def test_figures_council_partners_by_type_and_tone(expected, built_out):
    H, analysis = expected
    g = Graph().parse(built_out / "graph.ttl", format="turtle")
    for cid, council in analysis["councils"].items():
        types = Counter(analysis_type(analysis, n, g) for n in H[cid])
        assert council["partners_by_type"] == dict(sorted(types.items()))
        assert council["partners"] == len(H[cid])
        assert council["facts"] == sum(council["tone"][t] for t in ("positive", "negative", "mixed", "neutral"))


def analysis_type(analysis, node, g) -> str:
    from rdflib import URIRef
    from rdflib.namespace import RDF

    entity = node.split("@")[0]
    types = {str(t).rsplit("#", 1)[-1] for t in g.objects(URIRef(GKD + entity), RDF.type)}
    return sorted(types)[0]


def test_figures_coverage_counts_words_of_each_report(built_out):
    from graphkit.rdf.build import word_count

    analysis = json.loads((built_out / "analysis.json").read_text(encoding="utf-8"))
    for council in analysis["councils"].values():
        words = sum(word_count((built_out / "texts" / f"{r}.txt").read_text(encoding="utf-8"))
                    for r in council["reports"])
        assert council["words"] == words
        assert council["facts_per_1000_words"] == round(council["facts"] * 1000 / words, 3)
        assert council["scores"] == {"Partnerships and communities": 3}
