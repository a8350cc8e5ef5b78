"""`graphkit push` against real stores: a private Virtuoso and an Oxigraph server.

Each test pushes the seeds' graph first, so it starts from a known store whatever ran before.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib.term import Node

from graphkit.cli import cli
from graphkit.push import PushReport, push_graph
from graphkit.query import READY, run_query
from graphkit.query.engine import load_store

from .conftest import GRAPH_PREFIX, TEMP_PREFIX, StoreUnderTest, value_of, value_of_json
from .proxy import Fault, start_proxy

pytestmark = [pytest.mark.store, pytest.mark.slow]

MARK = ox.NamedNode("urn:graphkit:push-test:version")


def run_push(store: StoreUnderTest, graph: Path, *extra: str, url: str | None = None, env: dict | None = None):
    """`graphkit push GRAPH` to ``store`` (or to ``url``, e.g. a proxy in front of it)."""
    args = list(store.push_args)
    if url is not None:
        args[args.index("--store") + 1] = url
        args += ["--product", store.name]
    return CliRunner().invoke(cli, ["push", str(graph), *args, *extra], env={**store.env, **(env or {})})


@functools.lru_cache(maxsize=16)
def local_graphs(trig: Path) -> dict[str, Counter]:
    """The named graphs of a graph file, by value, as StoreUnderTest.graphs gives them."""
    data = ox.Store()
    data.load(path=str(trig), format=ox.RdfFormat.TRIG)
    out: dict[str, Counter] = {}
    for q in data.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(GRAPH_PREFIX):
            out.setdefault(q.graph_name.value, Counter())[tuple(value_of(t) for t in q.triple)] += 1
    return out


def changed_copy(trig: Path, out: Path, version: str) -> Path:
    """``trig`` with every named graph changed: one triple fewer (never a type) and a version mark more."""
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    for g in list(store.named_graphs()):
        quads = sorted((q for q in store.quads_for_pattern(None, None, None, g)
                        if q.predicate.value != "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), key=str)
        store.remove(quads[len(quads) // 2])
        store.add(ox.Quad(g, MARK, ox.Literal(version), g))
    store.dump(str(out), ox.RdfFormat.TRIG)
    return out


def pushed(store: StoreUnderTest, trig: Path) -> dict[str, Counter]:
    """Push ``trig`` to ``store``, check it arrived whole, and return what the store holds."""
    result = run_push(store, trig)
    assert result.exit_code == 0, result.output
    held = store.graphs()
    assert held == local_graphs(trig)
    return held


def assert_one_line_error(result, *parts: str) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("graphkit: error: "), result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def test_push_loads_each_named_graph(store, seeds_trig):
    held = pushed(store, seeds_trig)
    names = set(held)
    assert f"{GRAPH_PREFIX}entities" in names and len(names) == 4  # three seed reports and the entities
    assert not any(name.startswith(TEMP_PREFIX) for name in names)


def test_push_to_explicit_endpoints(oxigraph, seeds_trig):
    """Any SPARQL 1.1 store: its Graph Store, update and query endpoints given one by one."""
    url = oxigraph.url
    result = CliRunner().invoke(cli, ["push", str(seeds_trig), "--gsp", url + "/store", "--update", url + "/update",
                                      "--query", url + "/query"])
    assert result.exit_code == 0, result.output
    assert oxigraph.graphs() == local_graphs(seeds_trig)


def test_push_again_replaces_never_duplicates(store, seeds_trig, tmp_path):
    first = pushed(store, seeds_trig)
    assert pushed(store, seeds_trig) == first
    changed = changed_copy(seeds_trig, tmp_path / "changed.trig", "B")
    now = pushed(store, changed)  # the triple each graph lost is gone from the store too
    assert all(sum(now[g].values()) == sum(first[g].values()) for g in first)
    assert now != first


def _with_values(sparql: str, bindings: dict[str, Node]) -> str:
    """``sparql`` with the bound terms as a VALUES block opening its WHERE clause (terms in N-Triples syntax).

    A minimal stand-in for stores until graphkit.query.run offers ``ready_query_text``;
    comment lines are not searched.
    """
    if not bindings:
        return sparql
    names = sorted(bindings)
    block = (f"VALUES ({' '.join('?' + n for n in names)}) "
             f"{{ ({' '.join(bindings[n].n3() for n in names)}) }}")
    masked = re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group(0)), sparql)
    where = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    assert where is not None, sparql
    return f"{sparql[:where.end()]}\n    {block}{sparql[where.end():]}"


def _store_text(name: str, bindings: dict[str, str]) -> str:
    """The text of ready query ``name`` with ``bindings`` in it, to run on a store."""
    from graphkit.query import run

    if hasattr(run, "ready_query_text"):
        return run.ready_query_text(name, bindings)
    return _with_values(READY[name].sparql, run.prepare_query(name, bindings)[1])


_SAMPLE = """PREFIX gk: <https://graphkit.example/ns#>
SELECT ?council ?partner ?statement WHERE {
    ?report a gk:Report ; gk:assesses ?council .
    ?fact a gk:Fact ; gk:predicate gk:partnersWith ; gk:subject ?council ; gk:object ?partner .
    ?section gk:qualityStatement ?statement .
} ORDER BY ?council ?partner ?statement LIMIT 1"""


def _samples(local) -> dict[str, str]:
    """A value from the seeds for each parameter name the ready queries use."""
    row = next(iter(run_query(local, _SAMPLE)))
    council, partner, statement = (str(row[v]) for v in ("council", "partner", "statement"))
    return {"council": council, "entity": council, "subject": council, "object": partner,
            "predicate": "partnersWith", "statement": statement}


def _answers(result) -> Counter:
    names = [str(v) for v in result.vars]
    return Counter(tuple(value_of(row[i] if i < len(row) else None) for i in range(len(names))) for row in result)


def test_ready_queries_answer_as_locally(store, seeds_trig):
    """Every ready query gives the local answers on the store, compared by value: with only its
    required parameters, and with every parameter the seeds give a value for (as VALUES)."""
    pushed(store, seeds_trig)
    local = load_store(seeds_trig)
    samples = _samples(local)
    differ = []
    for name, query in sorted(READY.items()):
        required = getattr(query, "required", ())
        missing = [p for p in required if p not in samples]
        assert not missing, f"{name}: no value from the seeds for its required {missing}"
        params = [p for p, _, _ in query.params]
        cases = [{p: samples[p] for p in required}, {p: samples[p] for p in params if p in samples}]
        for bindings in cases[:1] if cases[0] == cases[1] else cases:
            expected = run_query(local, name, bindings)
            remote = store.select(_store_text(name, bindings))
            names = [str(v) for v in expected.vars]
            got = Counter(tuple(value_of_json(row.get(n)) for n in names) for row in remote)
            if got != _answers(expected):
                differ.append(f"{name} {sorted(bindings)}: {len(remote)} rows, {len(expected)} expected; "
                              f"only on the store: {sorted(got - _answers(expected))[:2]}")
    assert differ == []


def test_broken_file_sends_nothing(store, proxied, seeds_trig, tmp_path):
    before = pushed(store, seeds_trig)
    text = seeds_trig.read_text(encoding="utf-8")
    second = text.index(f"<{GRAPH_PREFIX}001_")
    cut = text.index(" .\n", second + 2000) + 3  # inside the second report's graph
    broken = tmp_path / "broken.trig"
    broken.write_text(text[:cut] + "    gkd:x gk:y this is not turtle .\n" + text[cut:], encoding="utf-8")
    result = run_push(store, broken, url=proxied.url)
    assert_one_line_error(result, str(broken), "not valid TriG", "nothing sent")
    assert proxied.requests == []
    assert store.graphs() == before


def test_graph_failing_shapes_sends_nothing(oxigraph, seeds_trig, tmp_path):
    """With --shacl, a report graph that breaks the shapes stops the push before any request."""
    store = oxigraph
    proxied, server = start_proxy(store.url)
    before = pushed(store, seeds_trig)
    data = ox.Store()
    data.load(path=str(seeds_trig), format=ox.RdfFormat.TRIG)
    report = next(iter(data.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://graphkit.example/ns#Report"), None)))
    length = ox.NamedNode("https://graphkit.example/ns#textLength")
    for q in list(data.quads_for_pattern(report.subject, length, None, report.graph_name)):
        data.remove(q)  # a report must state its text length
    invalid = tmp_path / "invalid.trig"
    data.dump(str(invalid), ox.RdfFormat.TRIG)
    try:
        result = run_push(store, invalid, "--shacl", url=proxied.url)
    finally:
        server.shutdown()
        server.server_close()
    assert_one_line_error(result, str(invalid), "shape violation", "nothing sent")
    assert proxied.requests == []
    assert store.graphs() == before


@pytest.mark.parametrize("drop", [False, True], ids=["error-500", "connection-dropped"])
def test_store_failing_mid_load_leaves_store_as_it_was(store, proxied, seeds_trig, tmp_path, drop):
    before = pushed(store, seeds_trig)
    changed = changed_copy(seeds_trig, tmp_path / "changed.trig", "C")
    proxied.faults.append(Fault("PUT", nth=3, drop=drop))  # two graphs are in, the third fails
    result = run_push(store, changed, url=proxied.url)
    expected = ["unreachable", "during the PUT of"] if drop else ["500", "injected failure: the store broke mid-load"]
    assert_one_line_error(result, f"store {proxied.url}", *expected)
    assert [m for m, _ in proxied.requests].count("PUT") >= 3
    assert store.graphs() == before  # the old graphs whole, and no temporary left


def test_wrong_password_one_line_error(store, proxied, seeds_trig):
    before = pushed(store, seeds_trig)
    if store.name == "oxigraph":  # Oxigraph has no logins of its own: the proxy demands Basic auth
        proxied.basic = ("pusher", "right")
        ok = run_push(store, seeds_trig, "--user", "pusher", url=proxied.url,
                      env={"GRAPHKIT_STORE_PASSWORD": "right"})
        assert ok.exit_code == 0, ok.output
        args, env = ("--user", "pusher"), {"GRAPHKIT_STORE_PASSWORD": "wrong"}
    else:
        args, env = (), {"GRAPHKIT_STORE_PASSWORD": "wrong"}
    result = run_push(store, seeds_trig, *args, url=proxied.url, env=env)
    assert_one_line_error(result, f"store {proxied.url}", "401", "wrong user or password")
    assert "wrong" not in result.stderr.replace("wrong user", "")  # the password is never printed
    assert [m for m, _ in proxied.requests if m == "PUT"] == ([] if store.name == "virtuoso" else ["PUT"] * 4)
    assert store.graphs() == before


def test_concurrent_pushes_each_land_whole(store, seeds_trig, tmp_path):
    pushed(store, seeds_trig)
    versions = {v: changed_copy(seeds_trig, tmp_path / f"{v}.trig", v) for v in ("D", "E")}
    results = {}
    login = {"user": "dba", "password": store.env["GRAPHKIT_STORE_PASSWORD"]} if store.env else {}

    def go(v: str) -> None:  # the Python API: CliRunner swaps sys.stdout, so it cannot run in threads
        try:
            results[v] = push_graph(versions[v], store.url, **login)
        except Exception as exc:  # noqa: BLE001 - reported below
            results[v] = exc

    threads = [threading.Thread(target=go, args=(v,)) for v in versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if (died := store.died()) is not None:
        # Seen once in CI with Virtuoso 7.2.5: the store's own process ended under two concurrent
        # pushes (connection refused mid-PUT). That is the store crashing, not a push leaving
        # graphs broken; the log tail says why.
        pytest.xfail(f"the store itself died during two concurrent pushes: {died}")
    for r in results.values():  # each succeeds, or says another push replaced its graphs at the same time
        assert isinstance(r, PushReport) or "at the same time" in str(r), r
    held = store.graphs()
    options = {v: local_graphs(path) for v, path in versions.items()}
    for g, triples in held.items():
        assert any(triples == graphs[g] for graphs in options.values()), g


def test_virtuoso_takes_digest_and_refuses_basic(virtuoso, seeds_trig):
    """Virtuoso's write endpoints log in by Digest only: --auth digest works, --auth basic gets 401."""
    pushed(virtuoso, seeds_trig)
    assert run_push(virtuoso, seeds_trig, "--auth", "digest").exit_code == 0
    assert_one_line_error(run_push(virtuoso, seeds_trig, "--auth", "basic"), f"store {virtuoso.url}", "401",
                          "refused with Basic authentication")
