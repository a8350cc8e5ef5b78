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


def _synthetic_report(size: int = 200_000):
    """One long report: the seeds and the extraction test texts repeated to about ``size`` characters."""
    import json

    from graphkit.ingest import report_from_text

    tests = Path(__file__).resolve().parents[1] / "extract"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted((tests / "data").glob("*.txt"))]
    texts += [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((tests / "cases").glob("*.json"))]
    texts = ["\n\n".join(line.strip() for line in t.splitlines() if line.strip()) for t in texts]
    parts, total = [], 0
    while total < size:
        parts.append(texts[len(parts) % len(texts)])
        total += len(parts[-1]) + 2
    return report_from_text("\n\n".join(parts) + "\n", "synthetic-200kb")


def test_bench_extract_200kb(benchmark, rules):
    """Extraction of one ~200 KB report (its cost should grow linearly with the length)."""
    from graphkit.extract import extract

    report = _synthetic_report()
    assert len(report.text) >= 200_000
    extraction = benchmark.pedantic(extract, (report, rules), rounds=3, iterations=1)
    assert extraction.relations


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
