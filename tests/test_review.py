"""Facts below the confidence threshold are candidates: out of the main graph, in review.csv."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")

from graphkit.cli import cli
from graphkit.rdf import GK
from graphkit.review import REVIEW_COLUMNS

from .conftest import require_tool

GKD = "https://graphkit.example/id/"
HEDGED = 'The council, with partners, intended to commission Carers Trust Wessex to run the "Carers Hub".'
PLANNED = "Hartlepool Borough Council plans to commission Age UK Teesside to deliver the Home First service."
STATED = "Healthwatch Hartlepool worked with Hartlepool Borough Council on the carers strategy."
TEXT = ("Hartlepool Borough Council: local authority assessment\n\nPartnerships and communities\n\n"
        f"{PLANNED} {STATED}\n\n{HEDGED}\n")


def _build(tmp_path: Path, *extra: str, name: str = "out") -> Path:
    src = tmp_path / "reports"
    if not src.exists():
        src.mkdir()
        (src / "hartlepool.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "--jobs", "1", "--quiet",
                                      "--no-cache", *extra])
    assert result.exit_code == 0, result.output
    return out


def _review(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "review.csv").read_text(encoding="utf-8"), newline="")))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("review"))


def test_review_candidate_is_not_asserted_but_recorded(built):
    g = Graph().parse(built / "graph.ttl")
    age_uk, home_first = URIRef(GKD + "age-uk-teesside"), None
    for s, o in g.subject_objects(GK.delivers):
        assert s != age_uk, "a planned delivery must not be asserted"
    candidates = list(g.subjects(RDF.type, GK.Candidate))
    assert candidates
    found = False
    for c in candidates:
        assert (c, RDF.type, GK.Fact) not in g
        conf = g.value(c, GK.confidence)
        assert conf.datatype == XSD_DECIMAL and 0 <= float(conf) < 0.5
        if g.value(c, GK.subject) == age_uk and g.value(c, GK.predicate) == GK.delivers:
            home_first = g.value(c, GK.object)
            found = True
            assert "plans to" in str(g.value(g.value(c, GK.evidence), GK.text))
    assert found and (age_uk, GK.delivers, home_first) not in g


def test_review_asserted_facts_carry_confidence(built):
    g = Graph().parse(built / "graph.ttl")
    facts = [f for f in g.subjects(RDF.type, GK.Fact) if g.value(f, GK.evidence) is not None]
    assert facts  # reference-data facts have no sentence and no confidence
    for f in facts:
        conf = g.value(f, GK.confidence)
        assert conf is not None and conf.datatype == XSD_DECIMAL
        assert 0.5 <= float(conf) <= 1
        assert str(conf) == str(Literal(str(conf), datatype=XSD_DECIMAL))  # canonical lexical form
        assert (g.value(f, GK.subject), g.value(f, GK.predicate), g.value(f, GK.object)) in g


def test_review_csv_lists_candidates(built):
    rows = _review(built)
    assert rows and list(rows[0]) == list(REVIEW_COLUMNS)
    planned = [r for r in rows if r["evidence"] == PLANNED]
    assert planned and planned[0]["predicate"] == "delivers"
    assert planned[0]["subject_label"] == "Age UK Teesside"
    assert float(planned[0]["confidence"]) < 0.5
    assert "conf.hedge" in planned[0]["why"]
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["candidates"] >= len({(r["report"], r["subject"], r["predicate"], r["object"],
                                                      r["sentence"]) for r in rows})
    assert manifest["min_confidence"] == 0.5


def test_review_csv_escapes_commas_quotes_and_newlines(built):
    rows = _review(built)
    hedged = [r for r in rows if r["evidence"] == HEDGED]
    assert hedged, [r["evidence"] for r in rows]
    raw = (built / "review.csv").read_text(encoding="utf-8")
    assert '""Carers Hub"".' in raw  # quotes doubled inside a quoted field


def test_review_csv_round_trips_newlines():
    from dataclasses import replace

    from graphkit.extract import extract
    from graphkit.ingest import report_from_text
    from graphkit.model import Resolution
    from graphkit.review import review_csv

    x = extract(report_from_text(PLANNED))
    odd = 'Line one, with a comma;\nline "two"\r\nand three'
    x = replace(x, relations=tuple(replace(r, evidence=odd) for r in x.relations))
    rows = list(csv.reader(io.StringIO(review_csv([x], Resolution(()), 0.5), newline="")))
    assert rows[0] == list(REVIEW_COLUMNS)
    assert rows[1][-1] == odd and len(rows) == 1 + len(x.relations)


def test_review_candidates_are_queryable(built):
    result = CliRunner().invoke(cli, ["query", str(built / "graph.trig"), "candidates", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert any(r["sentence"] == PLANNED and r["predicate"].endswith("delivers") for r in rows)


def test_review_candidates_live_in_the_report_graph(built):
    ds = Dataset()
    ds.parse(built / "graph.trig", format="trig")
    graph = ds.graph(URIRef("https://graphkit.example/graph/hartlepool"))
    assert list(graph.subjects(RDF.type, GK.Candidate))


def test_review_zero_threshold_asserts_everything(tmp_path):
    out = _build(tmp_path, "--min-confidence", "0")
    g = Graph().parse(out / "graph.ttl")
    assert not list(g.subjects(RDF.type, GK.Candidate))
    assert (URIRef(GKD + "age-uk-teesside"), GK.delivers, None) in g
    assert _review(out) == []


def test_review_threshold_is_checked(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--min-confidence", "1.5"])
    assert result.exit_code != 0
    assert "1.5" in result.output


def test_review_turtle_is_deterministic_and_parses_with_rapper(tmp_path):
    first = _build(tmp_path, name="a")
    second = _build(tmp_path, name="b")
    assert (first / "graph.ttl").read_bytes() == (second / "graph.ttl").read_bytes()
    assert (first / "review.csv").read_bytes() == (second / "review.csv").read_bytes()
    rapper = require_tool("rapper")
    run = subprocess.run([rapper, "-i", "turtle", "-c", str(first / "graph.ttl")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_review_eval_exports_only_asserted_facts(tmp_path):
    _build(tmp_path)
    out = tmp_path / "eval"
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "reports"), "--out", str(out), "--quiet",
                                      "--gold", str(tmp_path / "nogold")])
    doc = json.loads((out / "hartlepool.json").read_text(encoding="utf-8"))
    assert all(r["evidence"] not in (PLANNED, HEDGED[:200]) for r in doc["relations"]), result.output
    assert any(r["evidence"] == STATED for r in doc["relations"])
