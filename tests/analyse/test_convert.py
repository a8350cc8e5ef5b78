from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Literal, Namespace
from rdflib.namespace import RDFS

from graphkit.analyse import to_networkx

GK = Namespace("https://graphkit.example/ns#")
GKD = Namespace("https://graphkit.example/id/")


def test_to_networkx_nodes_are_typed_slugs(two_councils):
    G = to_networkx(two_councils)
    assert isinstance(G, nx.MultiDiGraph)
    assert dict(G.nodes(data="type")) == {
        "better-care-fund": "Fund",
        "carers-together": "VoluntaryOrganisation",
        "northshire-council": "LocalAuthority",
        "northshire-council--health-and-wellbeing-board": "Board",
        "shire-icb": "NHSBody",
        "southshire-council": "LocalAuthority",
    }


def test_to_networkx_label_falls_back_to_rdfs_label(two_councils):
    G = to_networkx(two_councils)
    assert G.nodes["better-care-fund"]["label"] == "Better Care Fund"
    assert G.nodes["shire-icb"]["label"] == "Shire Integrated Care Board"


def test_to_networkx_prefers_fullest_rdfs_label(builder):
    builder.entity("age-uk", "VoluntaryOrganisation")
    builder.graph.add((GKD["age-uk"], RDFS.label, Literal("Age UK")))
    builder.graph.add((GKD["age-uk"], RDFS.label, Literal("Age UK Northshire")))
    assert to_networkx(builder.graph).nodes["age-uk"]["label"] == "Age UK Northshire"


def test_to_networkx_node_reports_and_councils(two_councils):
    G = to_networkx(two_councils)
    assert G.nodes["carers-together"]["reports"] == ("r-north", "r-south")
    assert G.nodes["carers-together"]["councils"] == ("northshire-council", "southshire-council")
    assert G.nodes["better-care-fund"]["councils"] == ("northshire-council",)
    assert G.graph["report_councils"] == {"r-north": ("northshire-council",), "r-south": ("southshire-council",)}


def test_to_networkx_identifiers(two_councils):
    G = to_networkx(two_councils)
    assert G.nodes["shire-icb"]["identifiers"] == (("odsCode", "QXX"),)
    assert G.nodes["carers-together"]["identifiers"] == ()


def test_to_networkx_partnership_is_one_undirected_edge(builder):
    builder.entity("a-council", "LocalAuthority")
    builder.entity("b-charity", "VoluntaryOrganisation")
    builder.report("r1", "a-council")
    builder.fact("r1", "b-charity", "partnersWith", "a-council", "B works with A.", "positive")
    builder.fact("r1", "a-council", "partnersWith", "b-charity", "A works with B.", "negative")
    G = to_networkx(builder.graph)
    edges = list(G.edges(keys=True, data=True))
    assert [(u, v, k) for u, v, k, _ in edges] == [("a-council", "b-charity", "partnersWith")]
    data = edges[0][3]
    assert data["directed"] is False
    assert data["evidence"] == 2
    assert data["tone"] == "mixed"
    assert data["reports"] == ("r1",)


def test_to_networkx_directed_edge_keeps_direction(two_councils):
    G = to_networkx(two_councils)
    assert G.has_edge("shire-icb", "better-care-fund", key="funds")
    assert not G.has_edge("better-care-fund", "shire-icb")
    data = G.edges["shire-icb", "better-care-fund", "funds"]
    assert data["directed"] is True
    assert data["sentences"] == (("r-north", "The ICB pools money in the Better Care Fund.", "neutral"),)


def test_to_networkx_direct_triple_without_fact(builder):
    builder.entity("x-council", "LocalAuthority")
    builder.entity("y-board", "Board")
    builder.graph.add((GKD["x-council"], GK.chairs, GKD["y-board"]))
    data = to_networkx(builder.graph).edges["x-council", "y-board", "chairs"]
    assert data["evidence"] == 0 and data["tone"] == "neutral"


def test_to_networkx_fact_without_direct_triple(builder):
    builder.entity("x-council", "LocalAuthority")
    builder.entity("y-fund", "Fund")
    builder.report("r1", "x-council")
    builder.fact("r1", "x-council", "funds", "y-fund", "X funds Y.", direct=False)
    assert to_networkx(builder.graph).has_edge("x-council", "y-fund", key="funds")


def test_to_networkx_untyped_endpoint_is_unknown(builder):
    builder.entity("x-council", "LocalAuthority")
    builder.graph.add((GKD["x-council"], GK.partnersWith, GKD["mystery"]))
    assert to_networkx(builder.graph).nodes["mystery"]["type"] == "Unknown"


def test_to_networkx_ignores_other_triples(builder):
    builder.entity("x-council", "LocalAuthority", "X Council")
    builder.graph.add((GKD["x-council"], RDFS.comment, GKD["y"]))
    G = to_networkx(builder.graph)
    assert list(G) == ["x-council"] and G.number_of_edges() == 0


@pytest.mark.parametrize("kind", ["NHSBody", "Scheme", "Strategy", "Agreement", "PublicAgency"])
def test_to_networkx_keeps_every_entity_type(builder, kind):
    builder.entity("thing", kind, "Thing")
    assert to_networkx(builder.graph).nodes["thing"]["type"] == kind


def test_to_networkx_is_deterministic_under_insertion_order(two_councils):
    from rdflib import Graph

    reversed_graph = Graph()
    for triple in sorted(two_councils, reverse=True):
        reversed_graph.add(triple)
    a, b = to_networkx(two_councils), to_networkx(reversed_graph)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_to_networkx_reads_the_rdf_stage_shape(builder):
    """gk:assesses, dcterms:identifier, entity provenance and reference-data facts."""
    from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

    g = builder.graph
    council = builder.entity("york-council", "LocalAuthority", "City of York Council")
    icb = builder.entity("york-icb", "NHSBody", "York ICB")
    g.add((council, DCTERMS.identifier, Literal("york-council")))
    g.add((council, DCTERMS.identifier, Literal("gss:E06000014")))
    report = GKD["report/r-york"]
    g.add((report, RDF.type, GK.Report))
    g.add((report, GK.assesses, council))
    g.add((icb, PROV.wasDerivedFrom, report))
    source = GKD["reference/ons-lad"]
    g.add((source, RDF.type, GK.ReferenceDataset))
    g.add((source, RDFS.label, Literal("ONS LAD codes")))
    fact = GKD["reference/fact/0123456789abcdef"]
    g.add((fact, RDF.type, GK.Fact))
    g.add((fact, GK.subject, council))
    g.add((fact, GK.predicate, GK.partOf))
    g.add((fact, GK.object, icb))
    g.add((fact, PROV.wasDerivedFrom, source))
    g.add((council, GK.partOf, icb))

    G = to_networkx(g)
    assert G.graph["report_councils"] == {"r-york": ("york-council",)}
    assert G.nodes["york-council"]["identifiers"] == (("identifier", "gss:E06000014"),)
    assert G.nodes["york-icb"]["reports"] == ("r-york",)
    assert G.nodes["york-icb"]["councils"] == ("york-council",)
    data = G.edges["york-council", "york-icb", "partOf"]
    assert data["sentences"] == (("reference data: ONS LAD codes", "", "neutral"),)
    assert data["reports"] == ()
