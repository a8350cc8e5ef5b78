"""Both engines give the same answers to every ready query on the seeds' built graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.query import READY, run_query
from graphkit.query.engine import load_store, time_queries, to_store
from graphkit.loading import load_dataset


def _rows(result) -> list[tuple[str, ...]]:
    return [tuple("" if t is None else t.n3() for t in row) for row in result]


@pytest.fixture(scope="module")
def seeds_graphs(built_out):
    """The seeds' built graph.trig for each engine (pyoxigraph from the file, rdflib's Dataset)."""
    return {"oxigraph": load_store(built_out / "graph.trig"), "rdflib": load_dataset(built_out / "graph.trig")}


@pytest.fixture(scope="module")
def strict_graphs(tmp_path_factory):
    """The seeds built with --min-confidence 0.99, so the graph holds candidates to query."""
    from click.testing import CliRunner

    from graphkit.cli import cli

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    out = tmp_path_factory.mktemp("strict")
    result = CliRunner().invoke(cli, ["build", str(seeds), "--out", str(out), "--jobs", "1", "--quiet",
                                      "--min-confidence", "0.99"])
    assert result.exit_code == 0, result.output
    return {"oxigraph": load_store(out / "graph.trig"), "rdflib": load_dataset(out / "graph.trig")}


@pytest.fixture(scope="module")
def sample(seeds_graphs):
    from graphkit.query.engine import _sample_bindings

    return _sample_bindings(seeds_graphs["oxigraph"])


@pytest.mark.parametrize("name", sorted(READY))
def test_engines_agree_on_every_ready_query(seeds_graphs, sample, name, request):
    if name == "candidates":  # none at the default threshold on the seeds
        seeds_graphs = request.getfixturevalue("strict_graphs")
    ox = run_query(seeds_graphs["oxigraph"], name, sample.get(name))
    rd = run_query(seeds_graphs["rdflib"], name, sample.get(name), engine="rdflib")
    assert [str(v) for v in ox.vars] == [str(v) for v in rd.vars]
    a, b = _rows(ox), _rows(rd)
    assert sorted(a) == sorted(b)
    assert a == b  # every ready query has a total ORDER BY
    assert a, f"{name} matched nothing on the seeds: the comparison would prove little"


@pytest.mark.parametrize("name", ["councils", "shared_partners"])
def test_engines_agree_on_rdflib_objects_and_files(built_out, seeds_graphs, name):
    ds = seeds_graphs["rdflib"]
    from_file = _rows(run_query(seeds_graphs["oxigraph"], name))
    assert _rows(run_query(ds, name)) == from_file
    assert _rows(run_query(to_store(ds), name)) == from_file
    assert _rows(run_query(load_store(built_out / "graph.ttl"), name)) == from_file


def test_engines_oxrdflib_store_is_queried_in_place(built_out):
    pytest.importorskip("oxrdflib")
    from rdflib import Dataset

    ds = Dataset(store="Oxigraph", default_union=True)
    ds.parse(built_out / "graph.ttl", format="turtle")
    assert to_store(ds).store is ds.store._inner
    assert _rows(run_query(ds, "councils")) == _rows(run_query(load_store(built_out / "graph.ttl"), "councils"))


def test_engines_union_counts_each_triple_once(built_out):
    trig, ttl = load_store(built_out / "graph.trig"), load_store(built_out / "graph.ttl")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(next(iter(run_query(trig, count))).n) == int(next(iter(run_query(ttl, count))).n) == len(ttl)


def test_engines_time_queries_shape(built_out):
    times = time_queries(built_out / "graph.ttl", repeat=1)
    assert set(times["queries"]) == set(READY)
    for per in times["queries"].values():
        assert set(per) == {"oxigraph", "rdflib"}
        assert per["oxigraph"]["rows"] == per["rdflib"]["rows"]
        assert per["oxigraph"]["p50_ms"] <= per["oxigraph"]["p95_ms"]
