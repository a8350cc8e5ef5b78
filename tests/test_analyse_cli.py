"""`graphkit analyse GRAPH` recomputes analysis.json and the tables of a build, byte for byte."""

from __future__ import annotations

import json

import pytest

from graphkit.cli import cli

OUTPUTS = ("analysis.json", "entities.csv", "relations.csv", "councils.csv", "graph.graphml", "graph.gexf",
           "graph.sqlite")


@pytest.mark.parametrize("graph", ["graph.trig", "graph.ttl", "graph.jsonld"])
def test_analyse_cli_gives_the_build_outputs(runner, built_out, tmp_path, graph):
    out = tmp_path / "analysis"
    result = runner.invoke(cli, ["analyse", str(built_out / graph), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (built_out / name).read_bytes(), name
    assert "3 assessed councils" in result.stderr


def test_analyse_cli_seed_is_recorded(runner, built_out, tmp_path):
    result = runner.invoke(cli, ["analyse", str(built_out / "graph.trig"), "--out", str(tmp_path), "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))["seed"] == 7


def test_analyse_cli_bad_graph_is_one_line_error(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(cli, ["analyse", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr.startswith("graphkit: error:") and "bad.ttl" in result.stderr
    assert not (tmp_path / "o").exists()
