"""report_graph, entities_graph, to_dataset: what the graphs hold."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graphkit.errors import OntologyError
from graphkit.ingest import read_report
from graphkit.model import Extraction, Relation, Resolution, ResolvedEntity
from graphkit.rdf import (
    CURATOR,
    ENTITIES_GRAPH,
    GK,
    GKD,
    SCHEMA,
    entities_graph,
    report_graph,
    report_graph_iri,
    report_iri,
    to_dataset,
    union_graph,
)
import graphkit_test_records as records  # loaded by conftest.py


def test_build_report_node(extraction, resolution):
    g = report_graph(extraction, resolution)
    r = report_iri("r001")
    assert (r, RDF.type, GK.Report) in g
    assert g.value(r, DCTERMS.identifier) == Literal("r001")
    assert g.value(r, GK.textLength) == Literal(len(extraction.report.text), datatype=XSD.integer)
    assert g.value(r, GK.sha256) == Literal(extraction.report.sha256)
    assert g.value(r, GK.assesses) == GKD["exampleton-council"]
    assert g.identifier == report_graph_iri("r001")


def test_build_source_is_file_name_not_path(tmp_path):
    path = tmp_path / "deep" / "r009.txt"
    path.parent.mkdir()
    path.write_text(records.TEXT, encoding="utf-8")
    ex = Extraction(read_report(path), (), ())
    g = report_graph(ex, Resolution(()))
    assert g.value(report_iri("r009"), DCTERMS.source) == Literal("r009.txt")
    assert str(tmp_path) not in "".join(str(o) for o in g.objects())


def test_build_sections_have_scores(extraction, resolution):
    g = report_graph(extraction, resolution)
    scores = {str(g.value(s, GK.qualityStatement)): g.value(s, GK.score).toPython()
              for s in g.subjects(RDF.type, GK.Section)}
    assert scores == {"Partnerships and communities": 3, "Safeguarding": 2}


def test_build_entities_have_label_type_aliases(extraction, resolution):
    g = report_graph(extraction, resolution)
    council = GKD["exampleton-council"]
    assert (council, RDF.type, GK.LocalAuthority) in g
    assert g.value(council, RDFS.label) == Literal("Exampleton Council")
    assert set(g.objects(council, SKOS.altLabel)) == {Literal("the local authority")}


def test_build_fact_evidence_slices_text(extraction, resolution):
    g = report_graph(extraction, resolution)
    text = extraction.report.text
    facts = list(g.subjects(RDF.type, GK.Fact))
    assert len(facts) == len(extraction.relations)
    for f in facts:
        sentence = g.value(f, GK.evidence)
        assert (sentence, RDF.type, GK.Sentence) in g
        start, end = g.value(sentence, GK.start).toPython(), g.value(sentence, GK.end).toPython()
        assert text[start:end] == str(g.value(sentence, GK.text))
        assert g.value(f, PROV.wasDerivedFrom) is None  # its source is its sentence's report
        assert g.value(sentence, GK.inReport) == report_iri("r001")
        assert g.value(sentence, GK.start).datatype == XSD.integer
        assert (g.value(f, GK.subject), g.value(f, GK.predicate), g.value(f, GK.object)) in g


def test_build_sentence_stored_once(extraction, resolution):
    g = report_graph(extraction, resolution)
    sentences = set(g.subjects(RDF.type, GK.Sentence))
    assert sentences == set(g.objects(None, GK.evidence))
    assert len(sentences) == len({r.sentence for r in extraction.relations})
    by_index = {s.index: s for s in extraction.report.sentences}
    for s in sentences:
        record = by_index[g.value(s, GK.sentenceIndex).toPython()]
        assert str(s).endswith(f"/sentence/{record.index}")
        assert (g.value(s, GK.start).toPython(), g.value(s, GK.end).toPython()) == (record.start, record.end)
        assert len(list(g.objects(s, GK.text))) == 1
    assert not list(g.triples((None, GK.sentenceIndex, None))) or all(
        (n, RDF.type, GK.Sentence) in g for n in g.subjects(GK.sentenceIndex, None))


def test_build_relation_off_its_sentence_is_an_error(extraction, resolution):
    rel = extraction.relations[0]
    bad = dataclasses.replace(rel, start=rel.start + 1)
    with pytest.raises(OntologyError, match="must be its sentence's"):
        report_graph(dataclasses.replace(extraction, relations=(rel, bad)), resolution)


def test_build_mentions_slice_text(extraction, resolution):
    g = report_graph(extraction, resolution)
    text = extraction.report.text
    mentions = list(g.subjects(RDF.type, GK.Mention))
    assert len(mentions) == sum(len(e.mentions) for e in extraction.entities)
    for m in mentions:
        assert text[g.value(m, GK.start).toPython():g.value(m, GK.end).toPython()] == str(g.value(m, GK.text))


def test_build_money_quantity(extraction, resolution):
    g = report_graph(extraction, resolution)
    (q,) = g.subjects(RDF.type, SCHEMA.MonetaryAmount)
    assert (q, RDF.type, GK.Quantity) in g
    assert g.value(q, RDF.value).toPython() == 1_200_000
    assert GKD["home-help"] in set(g.objects(q, GK.describes))
    assert any((f, RDF.type, GK.Fact) in g for f in g.objects(q, GK.describes))


def test_build_suppressed_relation_left_out(extraction):
    res = records.make_resolution([extraction], suppressed=frozenset({("r001", 1)}))
    g = report_graph(extraction, res)
    assert (GKD["exampleton-council"], GK.funds, GKD["home-help"]) not in g
    assert len(list(g.subjects(RDF.type, GK.Fact))) == len(extraction.relations) - 1


def test_build_resolution_index_names_nodes(extraction):
    res = records.make_resolution([extraction])
    index = dict(res.index)
    index[("r001", "age-uk-exampleton")] = "age-uk"
    res = Resolution(res.entities, index)
    g = report_graph(extraction, res)
    assert (GKD["exampleton-council"], GK.partnersWith, GKD["age-uk"]) in g
    assert g.value(GKD["age-uk"], RDFS.label) == Literal("Age UK Exampleton")


@pytest.mark.parametrize("field, value", [("predicate", "worksWith"), ("type", "Charity")])
def test_build_unknown_terms_raise(extraction, resolution, field, value):
    if field == "predicate":
        rel = extraction.relations[0]
        bad = Relation(rel.subject, value, rel.object, rel.sentence, rel.start, rel.end, rel.evidence, rel.rule)
        ex = Extraction(extraction.report, extraction.entities, (bad,))
        with pytest.raises(OntologyError, match="worksWith"):
            report_graph(ex, resolution)
    else:
        res = Resolution((ResolvedEntity("x", "X", value, (), ()),))
        with pytest.raises(OntologyError, match="Charity"):
            entities_graph(res)


def test_build_entities_graph(resolution):
    g = entities_graph(resolution)
    council = GKD["exampleton-council"]
    assert g.value(council, SKOS.prefLabel) == Literal("Exampleton Council")
    assert Literal("gss:E99999999") in set(g.objects(council, DCTERMS.identifier))
    assert not list(g.subjects(RDF.type, GK.Fact))


def test_build_reference_facts_come_from_reference_data(extraction):
    note = "ONS local authority districts 2024"
    res = records.make_resolution([extraction], reference_facts=(("exampleton-council", "partOf", "home-help", note),))
    g = entities_graph(res)
    (fact,) = g.subjects(RDF.type, GK.Fact)
    source = g.value(fact, PROV.wasDerivedFrom)
    assert (source, RDF.type, GK.ReferenceDataset) in g
    assert g.value(source, RDFS.label) == Literal(note)
    assert (source, RDF.type, GK.Report) not in g
    assert (GKD["exampleton-council"], GK.partOf, GKD["home-help"]) in g


def test_build_corrections_are_a_persons_decision():
    res = Resolution((ResolvedEntity("x", "X", "Fund", (), (), corrected=True),))
    g = entities_graph(res)
    assert g.value(GKD["x"], PROV.wasAttributedTo) == CURATOR
    assert (CURATOR, RDF.type, PROV.Person) in g


def test_build_dataset_named_graphs(extraction):
    other = records.make_extraction(report_id="r002")
    res = records.make_resolution([extraction, other])
    ds = to_dataset([other, extraction], res)
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {report_graph_iri("r001"), report_graph_iri("r002"), ENTITIES_GRAPH}
    union = union_graph(ds)
    assert len(union) == len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})
    assert (report_iri("r002"), RDF.type, GK.Report) in union
