"""Small hand-built graphkit graphs in the shape of docs/design.md."""

from __future__ import annotations

import hashlib

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

GK = Namespace("https://graphkit.example/ns#")
GKD = Namespace("https://graphkit.example/id/")


class GraphBuilder:
    """Adds entities, reports and facts (with their direct relation) to one graph."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.graph.bind("gk", GK)
        self.graph.bind("gkd", GKD)

    def entity(self, slug: str, kind: str, label: str | None = None, pref: bool = True, **ids: str) -> URIRef:
        node = GKD[slug]
        self.graph.add((node, RDF.type, GK[kind]))
        if label is not None:
            self.graph.add((node, SKOS.prefLabel if pref else RDFS.label, Literal(label)))
        for prop, value in ids.items():
            self.graph.add((node, GK[prop], Literal(value)))
        return node

    def report(self, report_id: str, council: str) -> URIRef:
        node = GKD[f"report/{report_id}"]
        self.graph.add((node, RDF.type, GK.Report))
        self.graph.add((node, GK.council, GKD[council]))
        return node

    def fact(self, report_id: str, s: str, p: str, o: str, sentence: str, tone: str = "neutral",
             direct: bool = True) -> URIRef:
        digest = hashlib.sha1(f"{s}|{p}|{o}|{sentence}".encode()).hexdigest()[:16]
        node = GKD[f"report/{report_id}/fact/{digest}"]
        g = self.graph
        g.add((node, RDF.type, GK.Fact))
        g.add((node, GK.subject, GKD[s]))
        g.add((node, GK.predicate, GK[p]))
        g.add((node, GK.object, GKD[o]))
        evidence = GKD[f"report/{report_id}/sentence/{digest}"]
        g.add((evidence, RDF.type, GK.Sentence))
        g.add((evidence, GK.text, Literal(sentence)))
        g.add((evidence, GK.start, Literal(0)))
        g.add((node, GK.evidence, evidence))
        g.add((node, GK.tone, Literal(tone)))
        g.add((node, PROV.wasDerivedFrom, GKD[f"report/{report_id}"]))
        if direct:
            g.add((GKD[s], GK[p], GKD[o]))
        return node


@pytest.fixture
def builder() -> GraphBuilder:
    return GraphBuilder()


@pytest.fixture
def two_councils() -> Graph:
    """Two councils sharing a voluntary partner and an ICB, with a board and a fund."""
    b = GraphBuilder()
    b.entity("northshire-council", "LocalAuthority", "Northshire Council", gssCode="E06000001")
    b.entity("southshire-council", "LocalAuthority", "Southshire Council", gssCode="E06000002")
    b.entity("carers-together", "VoluntaryOrganisation", "Carers Together")
    b.entity("shire-icb", "NHSBody", "Shire Integrated Care Board", odsCode="QXX")
    b.entity("northshire-council--health-and-wellbeing-board", "Board", "Health and Wellbeing Board")
    b.entity("better-care-fund", "Fund", "Better Care Fund", pref=False)
    b.report("r-north", "northshire-council")
    b.report("r-south", "southshire-council")
    b.fact("r-north", "northshire-council", "partnersWith", "carers-together",
           "The council worked well with Carers Together.", "positive")
    b.fact("r-north", "northshire-council", "partnersWith", "shire-icb",
           "Relations with the ICB were strained.", "negative")
    b.fact("r-north", "shire-icb", "memberOf", "northshire-council--health-and-wellbeing-board",
           "The ICB sits on the Health and Wellbeing Board.")
    b.fact("r-north", "shire-icb", "funds", "better-care-fund", "The ICB pools money in the Better Care Fund.")
    b.fact("r-south", "carers-together", "partnersWith", "southshire-council",
           "Carers Together and the council co-produced the strategy.", "positive")
    b.fact("r-south", "southshire-council", "partnersWith", "shire-icb",
           "The council and the ICB have a good working relationship.", "positive")
    return b.graph
