"""The site tests reuse the view tests' graphs (``chromium`` is tests/conftest.py's); axe-core comes from npm."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("GRAPHKIT_AXE", ROOT / "node_modules" / "axe-core" / "axe.min.js"))


def _view_conftest():
    """tests/view/conftest.py, importable as graphkit_test_view (its graphs and chromium fixture)."""
    name = "graphkit_test_view"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "view" / "conftest.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


view = _view_conftest()
HOSTILE, HOSTILE_SENTENCE = view.HOSTILE, view.HOSTILE_SENTENCE


def site_graph(hostile: bool = False):
    """The view tests' graph, plus a CQC score, a section, and a context fact from reference data."""
    from rdflib import Literal, Namespace
    from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

    GK, GKD = view.GK, view.GKD
    g = view.build_graph(hostile=hostile)
    section = GKD["report/r-east/section/0"]
    g.add((section, RDF.type, GK.Section))
    g.add((section, DCTERMS.isPartOf, GKD["report/r-east"]))
    g.add((section, GK.qualityStatement, Literal("Partnerships and communities")))
    g.add((section, GK.score, Literal(3, datatype=XSD.integer)))
    g.add((GKD["report/r-east/sentence/0"], GK.section, section))
    g.add((GKD["report/r-east"], DCTERMS.title, Literal("East Council: local authority assessment")))
    fact = GKD["reference/fact/0000000000000001"]
    dataset = GKD["reference/ons"]
    g.add((dataset, RDF.type, GK.ReferenceDataset))
    g.add((dataset, RDFS.label, Literal("ONS lookup")))
    g.add((fact, RDF.type, GK.Fact))
    g.add((fact, GK.subject, GKD["west-council"]))
    g.add((fact, GK.predicate, GK.partOf))
    g.add((fact, GK.object, GKD["icb"]))
    g.add((fact, PROV.wasDerivedFrom, dataset))
    g.add((GKD["west-council"], GK.partOf, GKD["icb"]))
    g.add((GKD["lonely-scheme"], RDF.type, GK.Scheme))
    g.add((GKD["lonely-scheme"], Namespace("http://www.w3.org/2004/02/skos/core#").prefLabel, Literal("Lonely Scheme")))
    g.add((GKD["lonely-scheme"], PROV.wasDerivedFrom, GKD["report/r-west"]))
    return g


@pytest.fixture(scope="session")
def make_graph():
    """The graph factory: ``make_graph(hostile=False) -> Graph`` (a fresh graph each call)."""
    return site_graph


@pytest.fixture
def hostile() -> dict[str, str]:
    """The hostile label and sentence of ``site_graph(hostile=True)``."""
    return {"label": HOSTILE, "sentence": HOSTILE_SENTENCE}


@pytest.fixture
def graph():
    return site_graph()


@pytest.fixture
def hostile_graph():
    return site_graph(hostile=True)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed by ``npm ci`` (``make test``); skip locally, fail under CI."""
    if not AXE.is_file():
        view._missing(f"{AXE} not installed (run `npm ci`, or `make test`)")
    return AXE.read_text(encoding="utf-8")
