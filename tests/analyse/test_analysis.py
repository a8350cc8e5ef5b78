from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Graph, Namespace

from graphkit.analyse import (
    Analysis,
    analyse,
    centrality_scores,
    council_partners,
    partner_communities,
    shared_partners,
    to_networkx,
)

GK = Namespace("https://graphkit.example/ns#")
GKD = Namespace("https://graphkit.example/id/")


def test_analyse_returns_frozen_analysis(two_councils):
    a = analyse(two_councils)
    assert isinstance(a, Analysis)
    with pytest.raises(AttributeError):
        a.seed = 3  # type: ignore[misc]


def test_analyse_counts(two_councils):
    d = analyse(two_councils).to_dict()
    assert d["counts"]["types"] == {
        "Board": 1, "Fund": 1, "LocalAuthority": 2, "NHSBody": 1, "VoluntaryOrganisation": 1,
    }
    assert d["counts"]["predicates"] == {"funds": 1, "memberOf": 1, "partnersWith": 4}
    assert d["summary"] == {
        "entities": 6, "nodes": 6, "relations": 6, "facts": 6, "reports": 2, "assessments": 2, "councils": 2,
        "communities": d["summary"]["communities"], "national_bodies": 1,
    }
    assert d["version"] == 2


def test_analyse_shared_partners(two_councils):
    shared = analyse(two_councils).to_dict()["shared_partners"]
    assert [(p["id"], p["councils"], p["predicates"]) for p in shared] == [
        ("carers-together", ["northshire-council", "southshire-council"], ["partnersWith"]),
        ("shire-icb", ["northshire-council", "southshire-council"], ["partnersWith"]),
    ]
    assert shared[1]["label"] == "Shire Integrated Care Board"


def test_analyse_shared_mentions(two_councils):
    shared = analyse(two_councils).to_dict()["shared_mentions"]
    # the ICB and the charity appear in both councils' reports; the fund and board in one
    assert [(p["id"], p["councils"]) for p in shared] == [
        ("carers-together", ["northshire-council", "southshire-council"]),
        ("shire-icb", ["northshire-council", "southshire-council"]),
    ]


def test_analyse_council_partners(two_councils):
    partners = analyse(two_councils).to_dict()["council_partners"]
    assert sorted(partners) == ["northshire-council", "southshire-council"]
    north = partners["northshire-council"]
    assert north["label"] == "Northshire Council"
    assert [(p["id"], p["predicates"]) for p in north["partners"]] == [
        ("carers-together", ["partnersWith"]), ("shire-icb", ["partnersWith"]),
    ]


def test_analyse_tone_of_statements(two_councils):
    tone = analyse(two_councils).to_dict()["tone"]
    assert tone["overall"] == {"positive": 3, "negative": 1, "mixed": 0, "neutral": 2,
                               "negative_or_mixed": 1, "share": round(1 / 6, 6)}
    assert tone["by_predicate"]["partnersWith"]["positive"] == 3
    assert tone["by_council"]["northshire-council"]["negative"] == 1
    assert tone["by_council"]["northshire-council"]["share"] == 0.25
    assert tone["by_council"]["southshire-council"]["positive"] == 2
    assert tone["negative"] == [
        {
            "source": "northshire-council",
            "target": "shire-icb",
            "predicate": "partnersWith",
            "tone": "negative",
            "evidence": [{"report": "r-north", "sentence": "Relations with the ICB were strained.", "tone": "negative"}],
        }
    ]


def test_analyse_centrality_top_lists(two_councils):
    top = analyse(two_councils).to_dict()["centrality"]
    assert set(top) == {"degree", "betweenness", "eigenvector", "pagerank"}
    assert top["degree"][0]["id"] == "shire-icb"  # linked to both councils, the board and the fund
    assert top["betweenness"][0]["id"] == "shire-icb"
    for rows in top.values():
        scores = [r["score"] for r in rows]
        assert scores == sorted(scores, reverse=True)


def test_analyse_communities_cover_linked_nodes(two_councils):
    communities = analyse(two_councils).to_dict()["communities"]
    members = [m for c in communities for m in c["members"]]
    # the national Better Care Fund is counted as Northshire's own instance
    expected = [n if n != "better-care-fund" else "better-care-fund@northshire-council" for n in to_networkx(two_councils)]
    assert sorted(members) == sorted(expected)
    assert len(members) == len(set(members))
    assert [c["id"] for c in communities] == list(range(len(communities)))


def test_analyse_to_dict_is_json_and_deterministic(two_councils):
    first = json.dumps(analyse(two_councils, seed=7).to_dict(), sort_keys=True)
    copy = Graph()
    for triple in sorted(two_councils, reverse=True):
        copy.add(triple)
    assert json.dumps(analyse(copy, seed=7).to_dict(), sort_keys=True) == first


def test_analyse_empty_graph():
    d = analyse(Graph()).to_dict()
    assert d["summary"]["entities"] == 0
    assert d["shared_partners"] == [] and d["council_partners"] == {} and d["communities"] == []
    assert all(rows == [] for rows in d["centrality"].values())


def test_analyse_graph_without_councils(builder):
    builder.entity("icb", "NHSBody", "ICB")
    builder.entity("fund", "Fund", "Fund")
    builder.graph.add((GKD.icb, GK.funds, GKD.fund))
    d = analyse(builder.graph).to_dict()
    assert d["shared_partners"] == [] and d["council_partners"] == {}
    assert d["counts"]["predicates"] == {"funds": 1}


@pytest.mark.parametrize("n", [3])
def test_shared_partners_min_councils(n):
    G = nx.Graph([("c1", "p"), ("c2", "p"), ("c3", "p"), ("c1", "q"), ("c2", "q")])
    nx.set_node_attributes(G, dict.fromkeys(["c1", "c2", "c3"], "LocalAuthority"), "type")
    assert list(shared_partners(G, min_councils=n)) == ["p"]


def test_shared_partners_counts_council_to_council_links():
    G = nx.Graph([("c1", "c2"), ("c2", "c3")])
    nx.set_node_attributes(G, dict.fromkeys(["c1", "c2", "c3"], "LocalAuthority"), "type")
    assert shared_partners(G) == {"c2": {"councils": ("c1", "c3"), "predicates": ("related",)}}


def test_council_partners_lists_council_without_partners():
    G = nx.Graph()
    G.add_node("lonely", type="LocalAuthority")
    assert council_partners(G) == {"lonely": {}}


def test_centrality_unknown_measure():
    with pytest.raises(ValueError, match="choose from: degree, betweenness, eigenvector"):
        centrality_scores(nx.path_graph(3), "closeness")


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_partner_communities_same_seed_same_answer(seed):
    G = nx.connected_caveman_graph(4, 5)
    G = nx.relabel_nodes(G, {n: f"n{n:02d}" for n in G})
    assert partner_communities(G, seed=seed) == partner_communities(G.copy(), seed=seed)
    assert len(partner_communities(G, seed=seed)) == 4


def test_analyse_says_betweenness_is_exact_on_small_graphs(two_councils):
    assert analyse(two_councils).to_dict()["betweenness"] == {"sampled": False, "nodes": 6}


@pytest.mark.parametrize("n_nodes", [2100])
def test_analyse_says_betweenness_is_sampled_on_large_graphs(n_nodes):
    from graphkit.analyse import analyse_networkx
    from graphkit.analyse.centrality import betweenness_pivots

    G = nx.MultiDiGraph(nx.relabel_nodes(nx.gnm_random_graph(n_nodes, 2 * n_nodes, seed=1), str))
    nx.set_node_attributes(G, ("r1",), "reports")  # every node named by a report
    a = analyse_networkx(G, seed=3)
    k = betweenness_pivots(n_nodes, nx.Graph(G).number_of_edges())
    assert a.to_dict()["betweenness"] == {"sampled": True, "k": k, "seed": 3, "nodes": n_nodes}
    assert a.centrality["betweenness"] == analyse_networkx(G, seed=3).centrality["betweenness"]


@pytest.mark.parametrize("graph", [nx.karate_club_graph(), nx.les_miserables_graph(), nx.path_graph(7)])
def test_centrality_eigenvector_matches_networkx(graph):
    from graphkit.analyse.decorators import simple_graph

    expected = nx.eigenvector_centrality(simple_graph(graph), max_iter=1000, tol=1e-9, weight="weight")
    assert centrality_scores(graph, "eigenvector") == {n: round(s, 6) + 0.0 for n, s in expected.items()}
