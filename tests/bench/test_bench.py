"""Benchmarks of the stages (pytest-benchmark).

In the normal test run benchmarks are disabled and each body runs once as a plain test; measure
with ``pytest tests/bench --benchmark-enable`` (or ``graphkit bench``). No timed assertions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]


@pytest.fixture(scope="module")
def rules():
    from graphkit.extract import load_rules

    return load_rules()


def test_bench_read_report(benchmark):
    from graphkit.ingest import read_report

    report = benchmark(read_report, SEED)
    assert report.sentences


def test_bench_extract(benchmark, rules):
    from graphkit.extract import extract
    from graphkit.ingest import read_report

    report = read_report(SEED)
    extraction = benchmark(extract, report, rules)
    assert extraction.entities


def test_bench_build_and_serialize(benchmark):
    import graphkit
    from graphkit.rdf import serialize

    def run():
        result = graphkit.build([SEEDS], jobs=1, validate=True)
        return serialize(result.graph, "ttl")

    data = benchmark.pedantic(run, rounds=1, iterations=1)
    assert data.startswith(b"@prefix")


def test_bench_command_reports_stages(runner):
    import json

    from graphkit.cli import cli

    result = runner.invoke(cli, ["bench", str(SEEDS), "--repeat", "1", "-j", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["reports"] == 3
    assert {"read_extract", "resolve", "graph_validate", "render_outputs", "wall"} <= set(report["median_seconds"])
    assert report["process_max_rss_mib"] > 0
