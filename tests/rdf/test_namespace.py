"""GK is generated from ontology/graphkit.ttl and matches it exactly."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from graphkit.model import ENTITY_TYPES, PREDICATES
from graphkit.rdf import GK
from graphkit.resources import ontology_dir


def _ttl_terms() -> set[str]:
    g = Graph().parse(ontology_dir() / "graphkit.ttl")
    ns = str(GK)
    return {str(s)[len(ns):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns) and str(s) != ns}


def _gk_terms() -> set[str]:
    return set(GK.__annotations__)


def test_namespace_gk_terms_equal_ttl_terms():
    assert _gk_terms() == _ttl_terms()


def test_namespace_every_term_has_label_and_comment():
    g = Graph().parse(ontology_dir() / "graphkit.ttl")
    for name in _ttl_terms():
        assert g.value(GK[name], RDFS.label) is not None, name
        assert g.value(GK[name], RDFS.comment) is not None, name


@pytest.mark.parametrize("name", ENTITY_TYPES + PREDICATES)
def test_namespace_covers_model_types_and_predicates(name):
    assert GK[name] == URIRef(str(GK) + name)


def test_namespace_unknown_term_fails():
    with pytest.raises(AttributeError):
        GK.partnerWith  # noqa: B018 - typo on purpose


def test_namespace_generated_source_matches_module():
    from pathlib import Path

    import graphkit.rdf.namespace as module
    from graphkit.rdf.namespace import _generate

    assert _generate() in Path(module.__file__).read_text(encoding="utf-8")
