"""Corrections applied through the command line: the built graph changes and explain shows why."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, RDF
from rdflib.namespace import SKOS

from graphkit.cli import cli

from .conftest import SEEDS

GK = Namespace("https://graphkit.example/ns#")

CORRECTIONS = """
[[suppress]]
entity = "Age UK"
note = "checked by hand"

[[rename]]
entity = "Better Care Fund"
name = "Better Care Fund (England)"

[[merge]]
entities = ["No Such Body Anywhere", "Another Missing Body"]
"""


def test_corrections_change_the_graph_and_survive_rebuild(runner, tmp_path):
    corrections = tmp_path / "corrections.toml"
    corrections.write_text(CORRECTIONS, encoding="utf-8")
    graphs = []
    for run in range(2):
        out = tmp_path / f"out{run}"
        result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out), "-q", "-j", "1",
                                     "--corrections", str(corrections)])
        assert result.exit_code == 0, result.output
        assert "No Such Body Anywhere" in result.stderr  # an entry matching nothing is reported
        graphs.append((out / "graph.ttl").read_bytes())
    assert graphs[0] == graphs[1]
    g = Graph().parse(data=graphs[0], format="turtle")
    labels = {str(o) for o in g.objects(None, SKOS.prefLabel)} | {str(o) for o in g.objects(None, SKOS.altLabel)}
    assert "Age UK" not in labels
    assert (None, SKOS.prefLabel, Literal("Better Care Fund (England)")) in g
    result = runner.invoke(cli, ["explain", "Better Care Fund (England)", str(SEEDS), "--corrections", str(corrections)])
    assert result.exit_code == 0, result.output
    assert "correction" in result.output.lower()


def test_explain_unknown_entity_is_one_line_error(runner):
    result = runner.invoke(cli, ["explain", "Zzyzx Quango", str(SEEDS)])
    assert result.exit_code == 1 and "Zzyzx" in result.stderr
