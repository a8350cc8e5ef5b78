"""Graphs and a headless Chromium for the view tests."""

from __future__ import annotations

import os

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import PROV, RDF, SKOS

GK = Namespace("https://graphkit.example/ns#")
GKD = Namespace("https://graphkit.example/id/")

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = 'They said "<script>alert(2)</script>" & <b onmouseover=alert(3)>worked</b> together.'
CHROMIUM = os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")


def build_graph(hostile: bool = False) -> Graph:
    """Two councils, a shared charity (optionally with a hostile name), an ICB, a board, a fund."""
    g = Graph()
    entities = {
        "east-council": ("LocalAuthority", "East Council"),
        "west-council": ("LocalAuthority", "West Council"),
        "charity": ("VoluntaryOrganisation", HOSTILE if hostile else "Friends of Care"),
        "icb": ("NHSBody", "East and West ICB"),
        "east-council--board": ("Board", "Health and Wellbeing Board"),
        "care-fund": ("Fund", "Care Fund"),
    }
    for slug, (kind, label) in entities.items():
        g.add((GKD[slug], RDF.type, GK[kind]))
        g.add((GKD[slug], SKOS.prefLabel, Literal(label)))
    g.add((GKD["icb"], GK.odsCode, Literal("Q01")))
    for rep, council in (("r-east", "east-council"), ("r-west", "west-council")):
        g.add((GKD[f"report/{rep}"], RDF.type, GK.Report))
        g.add((GKD[f"report/{rep}"], GK.council, GKD[council]))
    facts = [
        ("r-east", "east-council", "partnersWith", "charity", HOSTILE_SENTENCE if hostile else "East works with the charity.", "positive"),
        ("r-west", "west-council", "partnersWith", "charity", "West and the charity co-produce.", "positive"),
        ("r-east", "east-council", "partnersWith", "icb", "Relations with the ICB were strained.", "negative"),
        ("r-east", "icb", "memberOf", "east-council--board", "The ICB sits on the board.", "neutral"),
        ("r-west", "icb", "funds", "care-fund", "The ICB pays into the Care Fund.", "neutral"),
    ]
    for i, (rep, s, p, o, sentence, tone) in enumerate(facts):
        fact = GKD[f"report/{rep}/fact/{i:016x}"]
        g.add((fact, RDF.type, GK.Fact))
        g.add((fact, GK.subject, GKD[s]))
        g.add((fact, GK.predicate, GK[p]))
        g.add((fact, GK.object, GKD[o]))
        evidence = GKD[f"report/{rep}/sentence/{i}"]
        g.add((evidence, RDF.type, GK.Sentence))
        g.add((evidence, GK.text, Literal(sentence)))
        g.add((fact, GK.evidence, evidence))
        g.add((fact, GK.tone, Literal(tone)))
        g.add((fact, PROV.wasDerivedFrom, GKD[f"report/{rep}"]))
        g.add((GKD[s], GK[p], GKD[o]))
    return g


@pytest.fixture
def build():
    """The graph factory: ``build(hostile=False) -> Graph`` (a fresh graph each call)."""
    return build_graph


@pytest.fixture
def hostile() -> dict[str, str]:
    """The hostile label and sentence of ``build(hostile=True)``."""
    return {"label": HOSTILE, "sentence": HOSTILE_SENTENCE}


@pytest.fixture
def graph() -> Graph:
    return build_graph()


@pytest.fixture
def hostile_graph() -> Graph:
    return build_graph(hostile=True)


def _missing(reason: str) -> None:
    """Skip locally, fail under CI."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: every test must run)")
    pytest.skip(reason)


# The ``chromium`` fixture is in tests/conftest.py: one Playwright for the whole session
# (the view and the site tests both drive it, and two sync Playwrights cannot run at once).
