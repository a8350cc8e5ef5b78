"""serialize: every format parses with rdflib, pyoxigraph and rapper; counts agree; bytes are stable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from graphkit.errors import GraphkitError
from graphkit.rdf import GK, GKD, serialize, to_dataset, union_graph

import graphkit_test_records as records  # loaded by conftest.py

RDFLIB_FORMAT = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}
RAPPER_FORMAT = {"ttl": "turtle", "trig": "trig", "nt": "ntriples", "nq": "nquads"}
QUAD_FORMATS = ("trig", "nq", "jsonld")


@pytest.fixture
def big_dataset():
    """Two reports, one with awkward literals (quotes, backslashes, newlines, non-ASCII)."""
    text = records.TEXT.replace("Age UK Exampleton", 'Age UK "Exampleton" \\ Café')
    ex1 = records.make_extraction()
    ex2 = records.make_extraction(text, "r002")
    return to_dataset([ex1, ex2], records.make_resolution([ex1, ex2]))


def _quad_count(ds: Dataset) -> int:
    return len(list(ds.quads((None, None, None, None))))


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMAT))
def test_serialize_parses_with_rdflib(big_dataset, fmt):
    data = serialize(big_dataset, fmt)
    union = union_graph(big_dataset)
    if fmt in QUAD_FORMATS:
        ds = Dataset()
        ds.parse(data=data, format=RDFLIB_FORMAT[fmt])
        assert _quad_count(ds) == _quad_count(big_dataset)
        assert isomorphic(union_graph(ds), union)
    else:
        g = Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])
        assert len(g) == len(union)
        assert isomorphic(g, union)


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMAT))
def test_serialize_parses_with_pyoxigraph(big_dataset, fmt):
    import pyoxigraph as ox

    data = serialize(big_dataset, fmt)
    formats = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
    quads = list(ox.parse(data, format=formats[fmt]))
    expected = _quad_count(big_dataset) if fmt in QUAD_FORMATS else len(union_graph(big_dataset))
    assert len(quads) == expected
    if fmt in QUAD_FORMATS:
        assert len({str(q.graph_name) for q in quads}) == 3


def _need_rapper() -> str:
    path = shutil.which("rapper")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("rapper (raptor2-utils) is required under CI")
        pytest.skip("rapper (raptor2-utils) not installed")
    return path


@pytest.mark.rapper
@pytest.mark.parametrize("fmt", sorted(RAPPER_FORMAT))
def test_serialize_parses_with_rapper(big_dataset, fmt, tmp_path):
    rapper = _need_rapper()
    path = tmp_path / f"graph.{fmt}"
    path.write_bytes(serialize(big_dataset, fmt))
    run = subprocess.run([rapper, "-i", RAPPER_FORMAT[fmt], "-c", str(path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    count = int(run.stderr.split("returned")[1].split()[0])
    expected = _quad_count(big_dataset) if fmt in ("trig", "nq") else len(union_graph(big_dataset))
    assert count == expected


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMAT))
def test_serialize_is_deterministic_in_process(fmt):
    ex = records.make_extraction()
    first = serialize(to_dataset([ex], records.make_resolution([ex])), fmt)
    ex = records.make_extraction()
    assert serialize(to_dataset([ex], records.make_resolution([ex])), fmt) == first


SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
import records
from graphkit.rdf import serialize, to_dataset
ex = records.make_extraction()
sys.stdout.buffer.write(serialize(to_dataset([ex], records.make_resolution([ex])), {fmt!r}))
"""


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMAT))
def test_serialize_is_deterministic_across_processes(fmt):
    ex = records.make_extraction()
    here = serialize(to_dataset([ex], records.make_resolution([ex])), fmt)
    tests = str(Path(__file__).parent)
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", SCRIPT.format(tests=tests, fmt=fmt)],
                             capture_output=True, env=env, check=True, cwd=Path(__file__).parents[2])
        outputs.add(run.stdout)
    assert outputs == {here}


def test_serialize_prefixes_are_readable(dataset):
    text = serialize(dataset, "ttl").decode()
    for prefix in ("gk", "gkd", "org", "prov", "skos", "dcterms", "schema", "owl", "rdfs", "xsd"):
        assert f"@prefix {prefix}: <" in text
    assert "gkd:exampleton-council" in text and "a gk:LocalAuthority" in text
    assert "ns1:" not in text


def test_serialize_graph_without_name_and_bad_format():
    g = Graph().add((GKD["x"], GK.text, Literal('say "hi"\n')))
    assert serialize(g, "nt") == b'<https://graphkit.example/id/x> <https://graphkit.example/ns#text> "say \\"hi\\"\\n" .\n'
    with pytest.raises(GraphkitError, match="choose from"):
        serialize(g, "xml")


def test_serialize_turtle_round_trips_hostile_literals():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.text())
    def check(value):
        g = Graph().add((GKD["x"], GK.text, Literal(value)))
        for fmt in ("ttl", "nt"):
            back = Graph().parse(data=serialize(g, fmt), format=RDFLIB_FORMAT[fmt])
            assert isomorphic(back, g)

    check()


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMAT))
def test_serialize_reparsed_output_writes_the_same_bytes(big_dataset, fmt):
    """What `graphkit export` does: parse a written file into a Dataset, write it again."""
    data = serialize(big_dataset, fmt)
    ds = Dataset(default_union=True)
    ds.parse(data=data, format=RDFLIB_FORMAT[fmt])
    assert serialize(ds, fmt) == data
    if fmt in QUAD_FORMATS:
        assert serialize(ds, "trig") == serialize(big_dataset, "trig")
    assert serialize(ds, "ttl") == serialize(big_dataset, "ttl")
