"""Ready-query parameters: required ones are checked, entities match by name, alias, id or IRI in any
case, and any value is bound as a value (never spliced), the same on both engines and as plain SPARQL."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from graphkit.cli import cli
from graphkit.errors import QueryError
from graphkit.query import READY, load_store, matching_entities, ready_query_text, run_query
from graphkit.query.engine import ENGINES
from graphkit.query.run import prepare_query, values_block
from graphkit.rdf import GK, GKD

REQUIRED = [(q.name, p) for q in READY.values() for p in q.required]
HOSTILE = ['"', "'", '" } ; DROP ALL ; { "', "}", "{", "\\", '"""', "?param_council", "<http://x> } UNION {",
           "\n#", "> } ; DROP", "x\\u0022 } ; DROP ALL #", "\\U0001F600", "') } INSERT DATA { <a:b> <a:b> <a:b> } #",
           "SELECT * WHERE { ?s ?p ?o }", "gkd:x> } #", "\x001234", "\x7f", "\\\x00ff"]


@pytest.fixture(scope="module")
def seeds(built_out):
    return load_store(built_out / "graph.trig")


@pytest.fixture(scope="module")
def seeds_rdflib(built_out):
    from graphkit.loading import load_dataset

    return load_dataset(built_out / "graph.trig")


def test_ready_params_required_and_optional_are_declared():
    assert len(READY) >= 12
    assert ("partners_of", "council") in REQUIRED and ("evidence_for", "predicate") in REQUIRED
    for q in READY.values():
        assert q.optional <= {name for name, _, _ in q.params}
        for name in q.optional:
            assert f"# param {name} (" in q.sparql and ", optional)" in q.sparql


@pytest.mark.parametrize("name, param", REQUIRED)
def test_ready_params_missing_is_a_one_line_error(name, param, engine):
    with pytest.raises(QueryError) as info:
        run_query(Graph(), name, engine=engine)
    message = str(info.value)
    assert len(message.splitlines()) == 1 and repr(param) in message and repr(name) in message
    with pytest.raises(QueryError, match=repr(param)):
        prepare_query(name, {param: None})  # None leaves a parameter out, as if not given
    with pytest.raises(QueryError, match="empty"):
        prepare_query(name, {param: "  "})


@pytest.mark.parametrize("name, param", REQUIRED)
def test_ready_params_missing_on_the_command_line(runner, built_out, name, param):
    result = runner.invoke(cli, ["query", str(built_out / "graph.ttl"), name])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("graphkit: error:") and repr(param) in lines[0]


def test_ready_params_missing_at_the_endpoint_is_400(start_endpoint, dataset):
    server = start_endpoint(dataset)
    url = f"http://127.0.0.1:{server.server_address[1]}/queries/partners_of"
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(url, timeout=10)
    assert info.value.code == 400 and b"council" in info.value.read()
    with urllib.request.urlopen(f"{url}?{urlencode({'council': 'EXAMPLETON council'})}", timeout=10) as response:
        bindings = json.load(response)["results"]["bindings"]
    assert [b["partner"]["value"] for b in bindings] == [str(GKD["age-uk-exampleton"])]


def test_ready_params_optional_may_be_left_out(seeds):
    every = run_query(seeds, "boards")
    one = run_query(seeds, "boards", {"board": "Safeguarding Adults Board"})
    assert 0 < len(one) < len(every)


NORTH_TYNESIDE = ["North Tyneside Council", "NORTH TYNESIDE COUNCIL", "  north tyneside council ",  # preferred name
                  "North Tyneside", "north TYNESIDE",                                         # alias
                  "north-tyneside-council", "North-Tyneside-Council", "gss:E08000022", "E08000022",  # ids
                  "gkd:north-tyneside-council", "<https://graphkit.example/id/north-tyneside-council>",
                  "https://graphkit.example/id/north-tyneside-council", GKD["north-tyneside-council"]]


@pytest.mark.parametrize("value", NORTH_TYNESIDE)
def test_ready_params_entity_matches_label_alias_or_id_any_case(seeds, value):
    expected = [tuple(r) for r in run_query(seeds, "partners_of", {"council": GKD["north-tyneside-council"]})]
    assert expected
    assert [tuple(r) for r in run_query(seeds, "partners_of", {"council": value})] == expected
    assert matching_entities(seeds, value) == [GKD["north-tyneside-council"]]


@pytest.mark.parametrize("value", ["funds", "FUNDS", "gk:funds", "Funds", str(GK.funds), GK.funds])
def test_ready_params_relation_names_any_case(seeds, value):
    rows = list(run_query(seeds, "facts_by_predicate", {"predicate": value}))
    assert rows and {r.predicate for r in rows} == {GK.funds}


def test_ready_params_alias_shared_by_several_entities_matches_each(seeds):
    # every council's report calls it "the local authority": the alias stands for all three
    rows = run_query(seeds, "entity_sources", {"entity": "The Local Authority"})
    assert len({r.entity for r in rows}) == 3


def test_ready_params_unknown_parameter_lists_the_parameters():
    with pytest.raises(QueryError, match="parameters: predicate, subject, object"):
        prepare_query("evidence_for", {"council": "x"})


@pytest.mark.parametrize("value", HOSTILE)
def test_ready_params_hostile_values_match_nothing(seeds, value):
    before = len(seeds)
    for name, param in [("partners_of", "council"), ("evidence_for", "predicate"), ("boards", "board"),
                        ("scores_by_statement", "statement"), ("negative_or_mixed", "council")]:
        assert list(run_query(seeds, name, {param: value})) == []
    assert len(seeds) == before


def _round_trip(value: str, engine: str) -> str:
    """What an engine reads back from the VALUES block written for ``value``."""
    text = f"SELECT ?v WHERE {{ {values_block({'v': Literal(value)})} }}"
    if engine == "oxigraph":
        import pyoxigraph

        return next(iter(pyoxigraph.Store().query(text)))["v"].value
    return str(next(iter(Graph().query(text))).v)


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=60, deadline=None)
@given(value=st.one_of(st.text(), st.sampled_from(HOSTILE),
                       st.lists(st.sampled_from(HOSTILE + ["u0022", "\\u", "\\\\", "U0000005C"]), max_size=6).map("".join)))
def test_ready_params_any_value_is_read_back_exactly(engine, value):
    assert _round_trip(value, engine) == value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.text(), st.sampled_from(HOSTILE),
                       st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join)))
def test_ready_params_any_value_is_bound_not_spliced(seeds, value):
    names = {str(r.label).lower() for r in run_query(seeds, "SELECT ?label WHERE { ?c a <https://graphkit.example/ns#LocalAuthority> ; ?p ?label FILTER(isLiteral(?label)) }")}
    if not value.strip():
        with pytest.raises(QueryError, match="empty"):
            ready_query_text("partners_of", {"council": value})
        return
    text = ready_query_text("partners_of", {"council": value})
    assert text.count("VALUES (?param_council)") == 1
    rows = list(run_query(seeds, "partners_of", {"council": value}))
    if value.strip().lower() not in names and value.strip().lower() not in {"north-tyneside-council"}:
        assert rows == []


@pytest.mark.parametrize("name, bindings", [("partners_of", {"council": "Hartlepool Borough Council"}),
                                            ("boards", {"board": "health and wellbeing board"}),
                                            ("evidence_for", {"predicate": "funds"}),
                                            ("shared_partners", {})])
def test_ready_params_text_runs_as_plain_sparql(seeds, seeds_rdflib, name, bindings):
    """The text a remote store gets gives the same rows on a bare pyoxigraph Store and on rdflib."""
    expected = [tuple(r) for r in run_query(seeds, name, bindings)]
    assert expected
    text = ready_query_text(name, bindings)
    bare = seeds.store
    from graphkit.query.engine import to_result

    assert [tuple(r) for r in to_result(bare.query(text))] == expected
    assert [tuple(r) for r in seeds_rdflib.query(text)] == expected


def test_ready_params_values_block_writes_terms_not_text():
    block = values_block({"a": Literal('x" } ; DROP ALL'), "b": URIRef("https://graphkit.example/id/x")})
    assert block == 'VALUES (?a ?b) { ("x\\" } ; DROP ALL" <https://graphkit.example/id/x>) }'
    with pytest.raises(QueryError):
        values_block({"a b": Literal("x")})


def test_ready_readme_table_lists_every_query_and_parameter():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = {line.split("|")[1].strip().strip("`"): line for line in readme.splitlines()
             if line.strip().startswith("| `")}
    for q in READY.values():
        assert q.name in table, f"README's ready-query table has no row for {q.name}"
        cell = table[q.name].rstrip().rstrip("|").rsplit("|", 1)[1]
        for name, _, _ in q.params:
            assert f"`{name}=" in cell, (q.name, name)
        assert ("(required)" in cell) == bool(q.required) and ("(optional)" in cell) == bool(q.optional), q.name


def test_ready_params_benchmark_binds_every_required_parameter(seeds):
    """`graphkit bench` and time_queries bind the required parameters (the others run unbound)."""
    from graphkit.query.engine import _sample_bindings

    sample = _sample_bindings(seeds)
    for name, param in REQUIRED:
        assert param in sample.get(name, {}), (name, param)
        assert len(run_query(seeds, name, sample[name])) > 0, name


@pytest.mark.parametrize("name", sorted(READY))
def test_ready_params_each_value_opens_the_group_that_uses_it(name):
    q = READY[name]
    values = {p: ("funds" if kind == "term" else "3" if kind == "integer" else "x") for p, kind, _ in q.params}
    text = ready_query_text(name, values)
    for param, kind, _ in q.params:
        at = text.index(f"VALUES (?param_{param})")
        opening = text.rindex("WHERE {", 0, at)
        assert text[opening:at].strip() == "WHERE {", (name, param)
        if kind == "entity" and f"SELECT DISTINCT ?{param} WHERE" in q.sparql:
            assert text[opening - len(f"SELECT DISTINCT ?{param} ") - 1:opening].strip() == f"SELECT DISTINCT ?{param}"
