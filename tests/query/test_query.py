"""Ready queries, bound values, result formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal

from graphkit.errors import QueryError
from graphkit.query import QUERIES, READY, describe_queries, format_result, parse_bindings, run_query
from graphkit.query.engine import ENGINES
from graphkit.rdf import GK, GKD, union_graph

COUNT_TRIPLES = "SELECT * WHERE { ?s ?p ?o }"
EXPECTED = {"councils", "partners_of", "evidence_for", "shared_partners", "facts_by_predicate",
            "entity_mentions", "entity_sources", "scores_by_statement"}


def test_query_ready_queries_loaded():
    assert EXPECTED <= set(QUERIES)
    for q in READY.values():
        assert q.description
        assert q.sparql.lstrip().startswith(f"# {q.name}:")


#: Values for the required parameters of the ready queries on the hand-built dataset.
REQUIRED = {"partners_of": {"council": "exampleton-council"}, "evidence_for": {"predicate": "partnersWith"},
            "facts_by_predicate": {"predicate": "funds"}, "entity_mentions": {"entity": "home-help"},
            "entity_sources": {"entity": "exampleton-council"}}


@pytest.mark.parametrize("name", sorted(READY))
def test_query_ready_queries_run_on_dataset_and_union(dataset, name, engine):
    a = list(run_query(dataset, name, REQUIRED.get(name), engine=engine))
    b = list(run_query(union_graph(dataset), name, REQUIRED.get(name), engine=engine))
    assert a == b


def test_query_unknown_name_lists_choices(dataset, engine):
    with pytest.raises(QueryError, match="partners_of"):
        run_query(dataset, "partner_of", engine=engine)


def test_query_unknown_parameter(dataset, engine):
    with pytest.raises(QueryError, match="council"):
        run_query(dataset, "partners_of", {"councill": "x"}, engine=engine)


def test_query_invalid_sparql(dataset, engine):
    with pytest.raises(QueryError, match="invalid SPARQL"):
        run_query(dataset, "SELECT ?x WHERE { ?x ", engine=engine)


def test_query_text_may_use_the_graphkit_prefixes_undeclared(dataset, engine):
    """As at the endpoint: gk:, skos: ... are declared for a query that does not declare them."""
    rows = list(run_query(dataset, "SELECT ?c ?l WHERE { ?c a gk:LocalAuthority ; skos:prefLabel ?l }", engine=engine))
    declared = list(run_query(dataset, "PREFIX gk: <https://graphkit.example/ns#> "
                                       "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                                       "SELECT ?c ?l WHERE { ?c a gk:LocalAuthority ; skos:prefLabel ?l }", engine=engine))
    assert rows and sorted(rows) == sorted(declared)


def test_query_undeclared_unknown_prefix_is_one_short_line(dataset):
    with pytest.raises(QueryError) as caught:
        run_query(dataset, "SELECT ?c WHERE { ?c a foo:Thing }")
    message = str(caught.value)
    assert "\n" not in message and "undeclared prefix" in message and "gk" in message and len(message) < 250


def test_query_partners_of(dataset, engine):
    rows = list(run_query(dataset, "partners_of", {"council": "exampleton-council"}, engine=engine))
    assert [(r.partner, str(r.type), int(r.facts)) for r in rows] == [
        (GKD["age-uk-exampleton"], "VoluntaryOrganisation", 1)]


@pytest.mark.parametrize("subject, obj", [("exampleton-council", "age-uk-exampleton"),
                                          ("age-uk-exampleton", "exampleton-council")])
def test_query_evidence_slices_report_text(dataset, extraction, subject, obj, engine):
    rows = list(run_query(dataset, "evidence_for", {"subject": subject, "predicate": "partnersWith", "object": obj}, engine=engine))
    assert len(rows) == 1
    row = rows[0]
    assert str(row.report) == "r001"
    assert extraction.report.text[int(row.start):int(row.end)] == str(row.sentence)
    assert "worked in partnership" in str(row.sentence)


def test_query_evidence_for_every_relation(dataset, extraction, engine):
    text = extraction.report.text
    for rel in extraction.relations:
        rows = list(run_query(dataset, "evidence_for",
                              {"subject": GKD[rel.subject], "predicate": GK[rel.predicate], "object": GKD[rel.object]}, engine=engine))
        assert [(int(r.start), int(r.end)) for r in rows] == [(rel.start, rel.end)]
        assert text[rel.start:rel.end] == str(rows[0].sentence)


def test_query_scores_and_mentions(dataset, engine):
    rows = list(run_query(dataset, "scores_by_statement", {"statement": "Safeguarding"}, engine=engine))
    assert [(int(r.score), str(r.councilLabel)) for r in rows] == [(2, "Exampleton Council")]
    rows = list(run_query(dataset, "entity_mentions", {"entity": "gkd:home-help"}, engine=engine))
    assert {str(r.text) for r in rows} == {"Home Help"} and len(rows) == 3


def test_query_sources_include_reference_data(extraction, engine):
    import graphkit_test_records as records  # loaded by conftest.py
    from graphkit.rdf import to_dataset

    res = records.make_resolution([extraction], reference_facts=(("exampleton-council", "partOf", "home-help", "ONS codes"),))
    rows = list(run_query(to_dataset([extraction], res), "entity_sources", {"entity": "exampleton-council"}, engine=engine))
    assert {(str(r.kind), str(r.label)) for r in rows} == {("report", "r001"), ("reference data", "ONS codes")}


def test_query_shared_partners(extraction, engine):
    import graphkit_test_records as records  # loaded by conftest.py
    from graphkit.ingest import report_from_text
    from graphkit.model import Entity, Extraction, Relation
    from graphkit.rdf import to_dataset

    text = "Partnerships and communities\n\nOtherton Council works in partnership with Age UK Exampleton.\n"
    report = report_from_text(text, "r002")
    s = report.sentences[0]
    other = Extraction(report, (
        Entity("otherton-council", "Otherton Council", "LocalAuthority", (), (), is_council=True),
        Entity("age-uk-exampleton", "Age UK Exampleton", "VoluntaryOrganisation", (), ())),
        (Relation("otherton-council", "partnersWith", "age-uk-exampleton", s.index, s.start, s.end, s.text, "r"),))
    ds = to_dataset([extraction, other], records.make_resolution([extraction, other]))
    rows = list(run_query(ds, "shared_partners", engine=engine))
    assert [(r.partner, int(r.councils), str(r.councilLabel)) for r in rows] == [
        (GKD["age-uk-exampleton"], 2, "Exampleton Council"), (GKD["age-uk-exampleton"], 2, "Otherton Council")]


HOSTILE = ['"', "'", '" } ; DROP ALL ; { "', "}", "{", "\\", '"""', "?council", "<http://x> } UNION {", "\n#"]


@pytest.mark.parametrize("value", HOSTILE)
def test_query_hostile_bindings_are_values(dataset, value, engine):
    for name, param in [("partners_of", "council"), ("scores_by_statement", "statement"),
                        ("evidence_for", "predicate")]:
        assert list(run_query(dataset, name, {param: value}, engine=engine)) == []
    rows = list(run_query(dataset, "SELECT ?v WHERE { }", {"v": value}, engine=engine))
    assert rows[0].v == Literal(value) or str(rows[0].v) == value.strip("<>")


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s <https://graphkit.example/ns#text> ?t }",
    "PREFIX gk: <https://graphkit.example/ns#> # a comment\nSELECT DISTINCT ?s WHERE { ?s gk:text ?t }"])
def test_query_binds_variables_a_select_does_not_project(engine, query):
    from rdflib import Graph

    g = Graph().add((GKD["x"], GK.text, Literal("stored"))).add((GKD["y"], GK.text, Literal("other")))
    result = run_query(g, query, {"t": "stored"}, engine=engine)
    assert [str(v) for v in result.vars] == ["s"] and list(result) == [(GKD["x"],)]


def test_query_unknown_engine(dataset):
    with pytest.raises(QueryError, match="oxigraph"):
        run_query(dataset, "councils", engine="jena")


@pytest.mark.parametrize("depth", [10, 5000])
def test_query_deep_nesting_is_an_error_not_a_crash(dataset, depth, engine):
    text = "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth
    if depth > 256:
        with pytest.raises(QueryError, match="nested"):
            run_query(dataset, text, engine="oxigraph")
    else:
        assert len(run_query(dataset, text, engine=engine)) == len(run_query(dataset, COUNT_TRIPLES, engine=engine))


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=50, deadline=None)
@given(value=st.text())
def test_query_any_string_binding_is_safe(engine, value):
    from rdflib import Graph

    g = Graph().add((GKD["x"], GK.text, Literal("stored")))
    rows = list(run_query(g, "SELECT ?s ?t WHERE { ?s <https://graphkit.example/ns#text> ?t }",
                          {"t": Literal(value)}, engine=engine))
    assert rows == ([(GKD["x"], Literal("stored"))] if value == "stored" else [])


def test_query_parse_bindings():
    assert parse_bindings(["a=b=c", "?x= y"]) == {"a": "b=c", "x": " y"}
    with pytest.raises(QueryError):
        parse_bindings(["novalue"])


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(dataset, fmt, engine):
    out = format_result(run_query(dataset, "councils", engine=engine), fmt)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["rows"] == [{"council": str(GKD["exampleton-council"]), "label": "Exampleton Council", "reports": 1}]
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows == [["council", "label", "reports"], [str(GKD["exampleton-council"]), "Exampleton Council", "1"]]
    else:
        assert "gkd:exampleton-council" in out and "(1 row)" in out


def test_query_format_ask_and_bad_format(dataset, engine):
    assert format_result(run_query(dataset, "ASK { ?s a <https://graphkit.example/ns#Report> }", engine=engine)) == "true\n"
    with pytest.raises(QueryError, match="table"):
        format_result(run_query(dataset, "councils", engine=engine), "xml")


def test_query_describe_lists_every_query_and_param():
    text = describe_queries()
    for q in READY.values():
        assert f"{q.name}:" in text
        for name, _kind, _ in q.params:
            assert f"--bind {name}=" in text
