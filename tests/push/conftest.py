"""Real stores for the push tests: a private Virtuoso and an Oxigraph server (one each per session)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from requests.auth import HTTPDigestAuth
from rdflib import Literal, URIRef

from ..conftest import UNDER_CI
from .proxy import start_proxy
from .servers import start_oxigraph, start_virtuoso

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                               "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                               "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
GRAPH_PREFIX = "https://graphkit.example/graph/"
TEMP_PREFIX = "urn:graphkit:push:"
VIRTUOSO_PASSWORD = "dba"  # a new Virtuoso database's own


@dataclass
class StoreUnderTest:
    """A running store: how to push to it (CLI arguments and environment) and how to read it back."""

    name: str
    url: str
    query_url: str
    query_params: dict = field(default_factory=dict)
    auth: object = None
    push_args: list[str] = field(default_factory=list)
    env: dict = field(default_factory=dict)
    server: object = field(default=None, repr=False)  # servers.Server: the process the tests started

    def died(self) -> str | None:
        """If the store's process has ended: its exit status and log tail, else None."""
        process = getattr(self.server, "process", None)
        if process is None or process.poll() is None:
            return None
        log = self.server.log.read_text(errors="replace")[-1500:] if self.server.log.exists() else ""
        return f"{self.name} exited with status {process.poll()}; log tail:\n{log}"

    def select(self, sparql: str) -> list[dict[str, dict]]:
        """SPARQL JSON bindings of a SELECT run on the store."""
        r = requests.post(self.query_url, params=self.query_params, data={"query": sparql}, auth=self.auth,
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert r.status_code == 200, r.text[:500]
        return r.json()["results"]["bindings"]

    def graphs(self) -> dict[str, Counter]:
        """Every graphkit graph and push temporary in the store: graph IRI -> its triples, by value."""
        rows = self.select(
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER (STRSTARTS(STR(?g), "{GRAPH_PREFIX}") || STRSTARTS(STR(?g), "{TEMP_PREFIX}")) }}'
        )
        out: dict[str, Counter] = {}
        for row in rows:
            triple = tuple(value_of_json(row[v]) for v in ("s", "p", "o"))
            out.setdefault(row["g"]["value"], Counter())[triple] += 1
        return out


def comparable(kind: str, value: str, datatype: str | None = None, lang: str | None = None) -> tuple:
    """A term as a value to compare: stores normalise numbers (007 -> 7), booleans (1/0) and language tags."""
    if kind == "iri":
        return ("iri", value)
    if kind != "literal":
        return (kind, value)
    if lang:
        return ("lang", value, lang.lower())
    if datatype in _NUMBERS:
        try:
            return ("number", Decimal(value.strip()).normalize())
        except InvalidOperation:
            return ("number?", value)
    if datatype == _XSD + "boolean":
        return ("boolean", value.strip() in ("true", "1"))
    if datatype in (None, _XSD + "string"):
        return ("string", value)
    return ("typed", value, datatype)


def value_of(term) -> tuple:
    """An rdflib or pyoxigraph term (None when unbound) as ``comparable`` gives it."""
    if term is None:
        return ("unbound",)
    if isinstance(term, (URIRef, ox.NamedNode)):
        return comparable("iri", str(term) if isinstance(term, URIRef) else term.value)
    if isinstance(term, Literal):
        return comparable("literal", str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, ox.Literal):
        return comparable("literal", term.value, term.datatype.value, term.language)
    return ("other", str(term))


def value_of_json(cell: dict | None) -> tuple:
    """A SPARQL JSON result cell as ``comparable`` gives it."""
    if cell is None:
        return ("unbound",)
    if cell["type"] == "uri":
        return comparable("iri", cell["value"])
    if cell["type"] in ("literal", "typed-literal"):
        return comparable("literal", cell["value"], cell.get("datatype"), cell.get("xml:lang"))
    return (cell["type"], cell["value"])


@pytest.fixture(scope="session")
def seeds_trig(built_out) -> Path:
    """The seeds' graph.trig, built once per session (tests/conftest.py's ``built_out``)."""
    return built_out / "graph.trig"


def _start(request, tmp_path_factory, name: str, starter):
    """Start a server for the session; skip (fail under CI) without its program; always stop it."""
    try:
        server = starter(tmp_path_factory.mktemp(name))
    except FileNotFoundError as exc:
        message = f"{name}: {exc} is not installed (make system-deps; pip install -e '.[test]')"
        if UNDER_CI:
            pytest.fail(message + " (CI=true: every test must run)")
        pytest.skip(message)
    request.addfinalizer(server.stop)
    return server


def _virtuoso_store(server) -> StoreUnderTest:
    return StoreUnderTest(
        "virtuoso", server.url, server.url + "/sparql-auth", auth=HTTPDigestAuth("dba", VIRTUOSO_PASSWORD),
        push_args=["--store", server.url, "--user", "dba"], env={"GRAPHKIT_STORE_PASSWORD": VIRTUOSO_PASSWORD},
        server=server,
    )


def _oxigraph_store(server) -> StoreUnderTest:
    return StoreUnderTest("oxigraph", server.url, server.url + "/query", query_params={"union-default-graph": ""},
                          push_args=["--store", server.url], server=server)


_KINDS = {"virtuoso": (start_virtuoso, _virtuoso_store), "oxigraph": (start_oxigraph, _oxigraph_store)}


@pytest.fixture(scope="session")
def virtuoso(request, tmp_path_factory) -> StoreUnderTest:
    """A private Virtuoso (Debian virtuoso-opensource) on free 127.0.0.1 ports, user dba."""
    return _virtuoso_store(_start(request, tmp_path_factory, "virtuoso", start_virtuoso))


@pytest.fixture(scope="session")
def oxigraph(request, tmp_path_factory) -> StoreUnderTest:
    """``oxigraph serve`` (the oxigraph package of the test extra) on a free 127.0.0.1 port."""
    return _oxigraph_store(_start(request, tmp_path_factory, "oxigraph", start_oxigraph))


@pytest.fixture(params=["virtuoso", "oxigraph"])
def store(request, tmp_path_factory) -> StoreUnderTest:
    """Each real store in turn; one whose process died in an earlier test is started afresh, so
    a crash of the store fails the test it happened in, not every test after it."""
    held = request.getfixturevalue(request.param)
    if held.died():
        starter, describe = _KINDS[held.name]
        fresh = describe(_start(request, tmp_path_factory, held.name, starter))
        held.__dict__.update(fresh.__dict__)
    return held


@pytest.fixture
def proxied(store):
    """A forwarding proxy in front of ``store`` (records requests, injects faults); stopped after the test."""
    proxy, server = start_proxy(store.url)
    yield proxy
    server.shutdown()
    server.server_close()
