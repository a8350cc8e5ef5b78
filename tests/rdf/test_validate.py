"""validate: the built graphs conform; broken graphs give readable violations."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from graphkit.rdf import GK, GKD, entities_graph, report_graph, report_iri, union_graph, validate

import graphkit_test_records as records  # loaded by conftest.py


def test_validate_report_graph_conforms(extraction, resolution):
    assert validate(report_graph(extraction, resolution)) == []


def test_validate_entities_and_union_conform(extraction, dataset):
    res = records.make_resolution([extraction], reference_facts=(("exampleton-council", "partOf", "home-help", "ONS"),))
    assert validate(entities_graph(res)) == []
    assert validate(union_graph(dataset)) == []


def _fact(g):
    return sorted(g.subjects(RDF.type, GK.Fact))[0]


def _sentence(g):
    return sorted(g.subjects(RDF.type, GK.Sentence))[0]


def _section(g):
    return sorted(g.subjects(RDF.type, GK.Section))[0]


def drop_label(g):
    g.remove((GKD["home-help"], RDFS.label, None))
    return "gkd:home-help", "label"


def drop_type(g):
    g.remove((GKD["home-help"], RDF.type, None))
    return "gkd:home-help", "type"


def _tail(node):
    return "/".join(str(node).rsplit("/", 2)[-2:])


def offset_beyond_text(g):
    s = _sentence(g)
    g.set((s, GK.end, Literal(10_000, datatype=XSD.integer)))
    return _tail(s), "beyond the report's text length"


def offset_not_integer(g):
    s = _sentence(g)
    g.set((s, GK.start, Literal("12")))
    return _tail(s), "gk:start"


def start_after_end(g):
    s = _sentence(g)
    g.set((s, GK.start, Literal(10**6 - 1, datatype=XSD.integer)))
    g.set((s, GK.end, Literal(3, datatype=XSD.integer)))
    return _tail(s), "less than gk:end"


def drop_evidence(g):
    f = _fact(g)
    g.remove((f, GK.evidence, None))
    return str(f).rsplit("/", 1)[-1], "evidence"


def drop_sentence_text(g):
    f = _fact(g)
    g.remove((g.value(f, GK.evidence), GK.text, None))
    return str(f).rsplit("/", 1)[-1], "lacks its evidence"


def evidence_not_a_sentence(g):
    f = _fact(g)
    g.set((f, GK.evidence, report_iri("r001")))
    return str(f).rsplit("/", 1)[-1], "gk:evidence, a gk:Sentence"


def drop_source(g):
    f = _fact(g)
    g.remove((f, RDF.type, None))
    g.add((f, RDF.type, GK.Fact))
    from rdflib.namespace import PROV

    g.add((f, PROV.wasDerivedFrom, report_iri("r001")))  # a second source beside its evidence
    return str(f).rsplit("/", 1)[-1], "fact must have one source"


def score_five(g):
    s = _section(g)
    g.set((s, GK.score, Literal(5, datatype=XSD.integer)))
    return "section/0", "score must be one integer from 1 to 4"


def drop_text_length(g):
    g.remove((report_iri("r001"), GK.textLength, None))
    return "gkd:report/r001", "textLength"


@pytest.mark.parametrize("mutate", [drop_label, drop_type, offset_beyond_text, offset_not_integer,
                                    start_after_end, drop_evidence, drop_sentence_text,
                                    evidence_not_a_sentence, drop_source, score_five, drop_text_length])
def test_validate_reports_violation(extraction, resolution, mutate):
    g = report_graph(extraction, resolution)
    focus, words = mutate(g)
    violations = validate(g)
    assert violations, mutate.__name__
    assert any(focus in v and words in v for v in violations), violations


def test_validate_entities_graph_needs_pref_label(resolution):
    g = entities_graph(resolution)
    g.remove((GKD["home-help"], SKOS.prefLabel, None))
    assert any(v.startswith("gkd:home-help:") and "label" in v for v in validate(g))


def test_validate_relation_to_unlisted_entity_is_reported(extraction, resolution):
    from graphkit.model import Extraction, Relation

    rel = extraction.relations[0]
    ghost = Relation(rel.subject, "funds", "ghost-fund", rel.sentence, rel.start, rel.end, rel.evidence, "r")
    ex = Extraction(extraction.report, extraction.entities, extraction.relations + (ghost,))
    violations = validate(report_graph(ex, resolution))
    assert any(v.startswith("gkd:ghost-fund:") for v in violations), violations
