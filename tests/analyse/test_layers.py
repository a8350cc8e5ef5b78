"""Reference data is context: it never changes a figure; national bodies count per council."""

from __future__ import annotations

import copy
import json

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import PROV, RDF, RDFS

from graphkit.analyse import analyse, stated_network, to_networkx

GK = Namespace("https://graphkit.example/ns#")
GKD = Namespace("https://graphkit.example/id/")


def add_reference(g: Graph, s: str, p: str, o: str, n: int) -> None:
    """A reference-data fact (as graphkit's entities graph holds one) and its direct triple."""
    dataset = GKD["reference/ons-lookup"]
    g.add((dataset, RDF.type, GK.ReferenceDataset))
    g.add((dataset, RDFS.label, Literal("ONS lookup")))
    fact = GKD[f"reference/fact/{n:016x}"]
    g.add((fact, RDF.type, GK.Fact))
    g.add((fact, GK.subject, GKD[s]))
    g.add((fact, GK.predicate, GK[p]))
    g.add((fact, GK.object, GKD[o]))
    g.add((fact, PROV.wasDerivedFrom, dataset))
    g.add((GKD[s], GK[p], GKD[o]))


def stated_part(d: dict) -> dict:
    """analysis.json without what is context by definition."""
    d = copy.deepcopy(d)
    d.pop("context")
    for council in d["councils"].values():
        council.pop("context")
    return d


REFERENCE_EDGES = [
    ("northshire-council", "partnersWith", "shire-icb"),  # a report states it too
    ("northshire-council", "partOf", "shire-icb"),
    ("southshire-council", "partOf", "shire-icb"),
    ("northshire-council", "partOf", "other-icb"),  # an ICB no report names
    ("southshire-council", "partOf", "other-icb"),
    ("northshire-council", "partnersWith", "southshire-council"),
    ("carers-together", "memberOf", "northshire-council--health-and-wellbeing-board"),
]


def test_reference_edges_never_change_a_stated_figure(two_councils):
    before = analyse(two_councils).to_dict()
    g = Graph()
    for triple in two_councils:
        g.add(triple)
    g.add((GKD["other-icb"], RDF.type, GK.NHSBody))
    for n, (s, p, o) in enumerate(REFERENCE_EDGES):
        add_reference(g, s, p, o, n)
    after = analyse(g).to_dict()
    assert json.dumps(stated_part(after), sort_keys=True) == json.dumps(stated_part(before), sort_keys=True)
    assert after["context"]["summary"] == {"relations": 6, "facts": 7, "entities": 1}
    assert [c["id"] for c in after["context"]["shared"]] == ["other-icb", "shire-icb"]
    assert {c["id"] for c in after["councils"]["southshire-council"]["context"]} == {
        "northshire-council", "other-icb", "shire-icb"}


def test_reference_edges_never_change_a_figure_of_a_built_graph(built_out):
    from graphkit.query.engine import load_store

    g = Graph().parse(built_out / "graph.ttl", format="turtle")
    before = analyse(g).to_dict()
    councils = sorted(before["councils"])
    for n, (a, b) in enumerate(zip(councils, councils[1:])):
        add_reference(g, a, "partnersWith", b, 100 + n)
        add_reference(g, a, "partOf", "better-care-fund", 200 + n)
    after = analyse(g).to_dict()
    assert stated_part(after) == stated_part(before)
    assert after["context"]["summary"]["relations"] > before["context"]["summary"]["relations"]
    assert stated_part(analyse(load_store(built_out / "graph.trig")).to_dict()) == stated_part(before)


def test_national_body_is_one_instance_per_council(builder):
    for c in ("york-council", "leeds-council"):
        builder.entity(c, "LocalAuthority", c.title())
        builder.report(f"r-{c}", c)
        builder.fact(f"r-{c}", c, "funds", "better-care-fund", f"{c} pools money in the BCF.")
    builder.entity("better-care-fund", "Fund", "Better Care Fund")
    a = analyse(builder.graph)
    assert a.broker.get("better-care-fund", 0.0) == 0.0
    assert sorted(a.stated) == ["better-care-fund@leeds-council", "better-care-fund@york-council",
                                "leeds-council", "york-council"]
    assert a.shared_partners == []
    assert a.national[0]["councils"] == ["leeds-council", "york-council"]
    assert a.national[0]["facts"] == 2
    # without the national list the fund is one node, a fake broker between the two councils
    merged = analyse(builder.graph, national=())
    assert merged.broker["better-care-fund"] == 1.0


@pytest.mark.parametrize("predicate", ["partOf"])
def test_stated_network_drops_reference_only_edges(two_councils, predicate):
    g = Graph()
    for triple in two_councils:
        g.add(triple)
    add_reference(g, "southshire-council", predicate, "better-care-fund", 1)
    G = to_networkx(g)
    assert G.has_edge("southshire-council", "better-care-fund", key=predicate)
    S = stated_network(G, {"better-care-fund"})
    assert not any(k == predicate for *_, k in S.edges(keys=True))


def test_several_pages_of_one_council_are_one_assessment(builder):
    builder.entity("york-council", "LocalAuthority", "York Council")
    builder.entity("age-uk-york", "VoluntaryOrganisation", "Age UK York")
    for page in ("p1", "p2", "p3"):
        builder.report(page, "york-council")
        builder.graph.add((GKD[f"report/{page}"], GK.wordCount, Literal(500)))
    builder.fact("p1", "york-council", "partnersWith", "age-uk-york", "York works with Age UK York.", "positive")
    builder.fact("p2", "york-council", "partnersWith", "age-uk-york", "Relations were strained.", "negative")
    d = analyse(builder.graph).to_dict()
    assert d["summary"]["reports"] == 3 and d["summary"]["assessments"] == 1
    york = d["councils"]["york-council"]
    assert york["reports"] == ["p1", "p2", "p3"]
    assert york["words"] == 1500 and york["facts"] == 2
    assert york["facts_per_1000_words"] == round(2 * 1000 / 1500, 3)
    assert york["tone"]["share"] == 0.5
