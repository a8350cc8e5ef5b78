"""The command line end to end: build, eval, query, export, validate, explain, errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, RDF

from graphkit.cli import cli

from .conftest import GOLD, ROOT, SEEDS

GK = Namespace("https://graphkit.example/ns#")
COMMANDS = ["build", "eval", "query", "queries", "export", "validate", "analyse", "explain", "bench"]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_describes_each_command(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 4


def test_cli_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and "graphkit" in result.output


def test_build_writes_every_output(built_out):
    for name in ["graph.ttl", "graph.trig", "graph.jsonld", "network.html", "analysis.json",
                 "manifest.json", "merges.csv", "entities.csv", "relations.csv", "councils.csv",
                 "graph.graphml", "graph.gexf", "graph.sqlite"]:
        assert (built_out / name).stat().st_size > 0, name
    manifest = json.loads((built_out / "manifest.json").read_text())
    assert [i["report_id"] for i in manifest["inputs"]] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert manifest["counts"]["triples"] > 100
    for rel, digest in manifest["outputs"].items():
        import hashlib

        assert hashlib.sha256((built_out / rel).read_bytes()).hexdigest() == digest
    assert not list(built_out.glob(".staging-*"))


def test_build_graph_holds_the_three_councils_and_partnerships(built_out):
    g = Graph().parse(built_out / "graph.ttl", format="turtle")
    councils = set(g.subjects(RDF.type, GK.LocalAuthority))
    assessed = {o for o in g.objects(None, GK.assesses)}
    assert len(assessed) == 3 and assessed <= councils
    partners = list(g.triples((None, GK.partnersWith, None)))
    assert len(partners) >= 10
    for council in assessed:
        linked = set(g.objects(council, GK.partnersWith)) | set(g.subjects(GK.partnersWith, council))
        assert linked, f"{council} has no partner"


def test_texts_are_written_for_offsets(built_out):
    for seed in SEEDS.glob("*.txt"):
        assert (built_out / "texts" / seed.name).read_text(encoding="utf-8") == seed.read_text(encoding="utf-8")


def test_build_is_deterministic_across_runs_and_jobs(runner, built_out, tmp_path):
    ttl = (built_out / "graph.ttl").read_bytes()
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out), "--jobs", jobs, "-q"])
        assert result.exit_code == 0, result.output
        assert (out / "graph.ttl").read_bytes() == ttl
        assert (out / "graph.trig").read_bytes() == (built_out / "graph.trig").read_bytes()
        for name in ("analysis.json", "entities.csv", "relations.csv", "councils.csv", "graph.graphml",
                     "graph.gexf", "graph.sqlite"):
            assert (out / name).read_bytes() == (built_out / name).read_bytes(), name


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("recipe.txt", b"Mix the flour and the butter. Bake for an hour.\n", "not a"),
        ("broken.pdf", b"%PDF-1.4\n garbage", "PDF"),
    ],
)
def test_bad_input_is_one_line_error_and_others_still_built(runner, tmp_path, name, content, reason):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "000_e25c44a579d8a69c.txt", inputs)
    (inputs / name).write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(inputs), "--out", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("graphkit: error:")]
    assert len(errors) == 1 and name in errors[0] and reason.lower() in errors[0].lower()
    manifest = json.loads((out / "manifest.json").read_text())
    assert [i["report_id"] for i in manifest["inputs"]] == ["000_e25c44a579d8a69c"]


def test_missing_path_is_an_error(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1 and "nope.txt" in result.stderr


def test_duplicate_report_ids_name_both_files(runner, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    seed = SEEDS / "000_e25c44a579d8a69c.txt"
    shutil.copy(seed, tmp_path / "a" / "same.txt")
    shutil.copy(seed, tmp_path / "b" / "same.txt")
    result = runner.invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1
    assert "a/same.txt" in result.stderr and "b/same.txt" in result.stderr


def test_failed_build_leaves_previous_output_untouched(runner, built_out, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(built_out, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    import graphkit.publishing as publishing

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publishing, "merges_csv", boom, raising=False)
    import graphkit.resolve

    monkeypatch.setattr(graphkit.resolve, "merges_csv", boom)
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out), "-q", "--jobs", "1"])
    assert result.exit_code != 0
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_no_readable_report_leaves_output_untouched(runner, built_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_out, out)
    before = (out / "graph.ttl").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = runner.invoke(cli, ["build", str(bad), "--out", str(out), "-q"])
    assert result.exit_code == 1
    assert (out / "graph.ttl").read_bytes() == before


def test_eval_writes_gold_format_and_scores(runner, tmp_path):
    out = tmp_path / "eval"
    result = runner.invoke(cli, ["eval", str(SEEDS), "--gold", str(GOLD), "--out", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    for gold in GOLD.glob("*.json"):
        doc = json.loads((out / gold.name).read_text())
        assert {"report", "council", "entities", "relations"} <= set(doc)
    line = [l for l in result.output.splitlines() if l.startswith("micro:")][0]
    entity_f1 = float(line.split("entities")[1].split("F1=")[1].split()[0])
    assert entity_f1 >= 0.70


def test_query_ready_query_with_hostile_binding(runner, built_out):
    graph = str(built_out / "graph.ttl")
    result = runner.invoke(cli, ["query", graph, "councils", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert len(rows) >= 3
    hostile = 'x" } ; DROP ALL ; { "'
    result = runner.invoke(cli, ["query", graph, "SELECT ?s WHERE { ?s ?p ?name }", "--bind", f"name={hostile}"])
    assert result.exit_code == 0, result.output


def test_query_unknown_name_lists_choices(runner, built_out):
    result = runner.invoke(cli, ["query", str(built_out / "graph.ttl"), "no_such_query"])
    assert result.exit_code == 1 and "councils" in result.stderr


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "jsonld"])
def test_export_round_trips(runner, built_out, tmp_path, fmt):
    target = tmp_path / f"g.{fmt}"
    result = runner.invoke(cli, ["export", str(built_out / "graph.trig"), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    from graphkit.loading import load_dataset

    assert len(load_dataset(target)) == len(load_dataset(built_out / "graph.trig"))


def test_validate_conforming_graph(runner, built_out):
    result = runner.invoke(cli, ["validate", str(built_out / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_unparsable_graph_is_one_line_error(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> . x:a x:b ", encoding="utf-8")
    result = runner.invoke(cli, ["query", str(bad), "councils"])
    assert result.exit_code == 1 and "bad.ttl" in result.stderr and len(result.stderr.splitlines()) == 1


def test_python_api_matches_cli(built_out):
    import graphkit
    from graphkit.rdf import serialize

    result = graphkit.build([SEEDS], jobs=1)
    assert serialize(result.graph, "ttl") == (built_out / "graph.ttl").read_bytes()
    assert len(result.reports) == 3 and result.analysis is not None


def test_readme_mentions_every_command_and_ready_query():
    from graphkit.query import QUERIES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"graphkit {command}" in readme, command
    for name in QUERIES:
        assert name in readme, name


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_rules_file_is_one_line_error_with_any_jobs(runner, tmp_path, jobs):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "lexicon.jsonl").write_text("not json\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path / "o"), "-q", "-j", jobs,
                                 "--rules", str(rules)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "lexicon.jsonl:1" in result.stderr
    assert not (tmp_path / "o" / "graph.ttl").exists()


def test_rebuild_with_fewer_reports_drops_their_texts(runner, built_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_out, out)
    one = SEEDS / "000_e25c44a579d8a69c.txt"
    result = runner.invoke(cli, ["build", str(one), "--out", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "texts").iterdir()) == [one.name]


def test_validate_names_an_ill_typed_literal_in_one_line(runner, built_out, tmp_path):
    text = (built_out / "graph.trig").read_text(encoding="utf-8")
    label = re.search(r'skos:prefLabel "([^"\\]+)"', text)
    broken = tmp_path / "broken.trig"
    broken.write_text(text.replace(label.group(0), label.group(0) + "^^xsd:integer", 1), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert f"{label.group(1)[:80]!r} is not a valid xsd:integer" in result.output
    assert "Traceback" not in result.output


def test_validate_refuses_a_graph_graphkit_did_not_build(runner, tmp_path):
    other = tmp_path / "foaf.ttl"
    other.write_text("@prefix foaf: <http://xmlns.com/foaf/0.1/> . <http://x/a> a foaf:Person .\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(other)])
    assert result.exit_code == 1 and "foaf.ttl" in result.stderr and "gk:Report" in result.stderr


def test_same_text_under_two_names_is_warned(runner, tmp_path):
    seed = SEEDS / "000_e25c44a579d8a69c.txt"
    shutil.copy(seed, tmp_path / "a.txt")
    shutil.copy(seed, tmp_path / "b.txt")
    result = runner.invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "-q", "-j", "1"])
    assert result.exit_code == 0
    assert "b.txt has the same text as" in result.stderr and "a.txt" in result.stderr
    assert result.stderr.count("has the same text as") == 1
    warnings = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))["warnings"]
    assert any("b.txt has the same text as" in w for w in warnings)  # kept with the build, not only printed


@pytest.mark.parametrize("name, syntax", [("graph.ttl", "turtle"), ("graph.trig", "trig")])
def test_built_graph_parses_with_rapper_and_counts_agree(built_out, name, syntax):
    import subprocess

    from .conftest import require_tool

    rapper = require_tool("rapper")
    run = subprocess.run([rapper, "-i", syntax, "-c", str(built_out / name)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    count = int(run.stderr.split("returned")[1].split()[0])
    from graphkit.loading import load_dataset

    ds = load_dataset(built_out / name)
    assert count == (len(ds) if syntax == "turtle" else sum(1 for _ in ds.quads()))


def test_query_warns_when_a_bound_entity_is_not_in_the_graph(runner, built_out):
    result = runner.invoke(cli, ["query", str(built_out / "graph.ttl"), "partners_of",
                                 "--bind", "council=gkd:no-such-council"])
    assert result.exit_code == 0
    assert "council=gkd:no-such-council names no entity of this graph" in result.stderr


@pytest.mark.parametrize("value, warned", [("fund", True), ("funds", False), ("gk:funds", False)])
def test_query_warns_on_an_unknown_predicate(runner, built_out, value, warned):
    result = runner.invoke(cli, ["query", str(built_out / "graph.ttl"), "facts_by_predicate",
                                 "--bind", f"predicate={value}"])
    assert result.exit_code == 0
    assert ("is not a graphkit relation" in result.stderr) == warned
