"""The tables: CSV quoting, GraphML and GEXF read back, SQLite, the same bytes every time."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit.analyse import analyse
from graphkit.tables import council_table, csv_bytes, entity_table, relation_table, table_files
from tests.analyse.conftest import GraphBuilder

TABLES = ("entities.csv", "relations.csv", "councils.csv", "graph.graphml", "graph.gexf", "graph.sqlite")


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize("sentence", [
    'The council said "we listen", and partners agreed.',
    "Carers Together, Age UK and the ICB;\nthen a second line, with a comma.",
    '"Quoted", at the start\r\nand a Windows line end, ""doubled"".',
])
def test_tables_relations_csv_keeps_evidence_whole(sentence):
    b = GraphBuilder()
    b.entity("york-council", "LocalAuthority", "York, City of")
    b.entity("carers-together", "VoluntaryOrganisation", 'Carers "Together"')
    b.report("r1", "york-council")
    b.fact("r1", "york-council", "partnersWith", "carers-together", sentence, "positive")
    rows = read_csv(csv_bytes(relation_table(analyse(b.graph))))
    assert len(rows) == 1
    row = rows[0]
    assert row["evidence"] == sentence
    assert row["subject_label"] == "York, City of" and row["object_label"] == 'Carers "Together"'
    assert row["council"] == "york-council" and row["layer"] == "stated" and row["tone"] == "positive"
    assert row["confidence"] == ""


def test_tables_read_confidence_when_the_fact_has_it():
    from rdflib import Literal, Namespace
    from rdflib.namespace import XSD

    GK = Namespace("https://graphkit.example/ns#")
    b = GraphBuilder()
    b.entity("york-council", "LocalAuthority", "York")
    b.entity("age-uk-york", "VoluntaryOrganisation", "Age UK York")
    b.report("r1", "york-council")
    b.fact("r1", "york-council", "partnersWith", "age-uk-york", "York works with Age UK York.")
    b.fact("r1", "age-uk-york", "delivers", "age-uk-york", "Age UK York runs itself.")
    for fact in list(b.graph.subjects(GK.tone, None)):
        b.graph.add((fact, GK.confidence, Literal("0.85", datatype=XSD.decimal)))
    rows = read_csv(csv_bytes(relation_table(analyse(b.graph))))
    assert {r["confidence"] for r in rows} == {"0.85"}


@pytest.fixture(scope="module")
def built_files(built_out):
    return {name: (built_out / name).read_bytes() for name in TABLES}


def test_tables_graphml_and_gexf_read_back_with_networkx(built_out):
    analysis = json.loads((built_out / "analysis.json").read_text(encoding="utf-8"))
    from graphkit.query.engine import load_store

    G = analyse(load_store(built_out / "graph.trig")).network
    for name, read in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        X = read(built_out / name)
        assert X.number_of_nodes() == G.number_of_nodes(), name
        assert X.number_of_edges() == G.number_of_edges(), name
        council = sorted(analysis["councils"])[0]
        assert X.nodes[council]["type"] == "LocalAuthority"
        layers = {d["layer"] for *_, d in X.edges(data=True)}
        assert layers == {"stated", "context"}
    assert b"lastmodifieddate" not in (built_out / "graph.gexf").read_bytes()


def test_tables_graphml_attributes_are_scalars(built_out):
    X = nx.read_graphml(built_out / "graph.graphml")
    for _, data in X.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    for *_, data in X.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())


def test_tables_sqlite_holds_the_csv_rows(built_out):
    db = sqlite3.connect(built_out / "graph.sqlite")
    try:
        for name in ("entities", "relations", "councils"):
            rows = read_csv((built_out / f"{name}.csv").read_bytes())
            assert db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] == len(rows)
            columns = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")')]
            assert columns == list(rows[0])
        evidence = db.execute("SELECT evidence FROM relations WHERE layer = 'stated' ORDER BY fact LIMIT 1").fetchone()[0]
        assert evidence and isinstance(evidence, str)
        assert db.execute("SELECT typeof(words) FROM councils LIMIT 1").fetchone()[0] == "integer"
    finally:
        db.close()


def test_tables_councils_csv_is_the_comparison(built_out):
    analysis = json.loads((built_out / "analysis.json").read_text(encoding="utf-8"))
    rows = read_csv((built_out / "councils.csv").read_bytes())
    assert [r["council"] for r in rows] == sorted(analysis["councils"])
    for row in rows:
        c = analysis["councils"][row["council"]]
        assert int(row["facts"]) == c["facts"] and int(row["words"]) == c["words"]
        assert row["score_partnerships_and_communities"] == "3"
        assert int(row["partners"]) == c["partners"]


def test_tables_relations_csv_has_one_row_per_fact(built_out):
    from rdflib import Graph

    g = Graph().parse(built_out / "graph.ttl", format="turtle")
    facts = {str(f) for (f,) in g.query("PREFIX gk: <https://graphkit.example/ns#> SELECT ?f { ?f a gk:Fact }")}
    rows = read_csv((built_out / "relations.csv").read_bytes())
    assert sorted(r["fact"] for r in rows) == sorted(facts)
    for row in rows:
        if row["layer"] == "stated":
            text = (built_out / "texts" / f"{row['report']}.txt").read_text(encoding="utf-8")
            assert text[int(row["start"]):int(row["end"])] == row["evidence"]
        else:
            assert row["source"] and not row["report"]


def test_tables_are_the_same_bytes_for_the_same_graph(built_out, built_files):
    from graphkit.query.engine import load_store

    again = table_files(analyse(load_store(built_out / "graph.trig")))
    for name in TABLES:
        assert again[name] == built_files[name], name


def test_tables_of_an_empty_graph():
    from rdflib import Graph

    a = analyse(Graph())
    assert entity_table(a).rows == [] and relation_table(a).rows == [] and council_table(a).rows == []
    files = table_files(a)
    assert files["entities.csv"].startswith(b"id,label,type,")
    assert nx.read_graphml(io.BytesIO(files["graph.graphml"])).number_of_nodes() == 0


@given(st.lists(st.text(), min_size=1, max_size=3))
def test_tables_csv_round_trips_any_text(values):
    from graphkit.tables import Column, Table

    table = Table("t", tuple(Column(f"c{i}", "TEXT", "") for i in range(len(values))), [tuple(values)])
    rows = list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8"), newline="")))
    assert rows[1:] == [values] or (rows[1:] == [] and values == [""])
