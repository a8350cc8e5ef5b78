"""The SPARQL endpoint, through real HTTP requests on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import threading
import xml.etree.ElementTree as ET
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import ProxyHandler, Request, build_opener

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from graphkit.errors import GraphkitError
from graphkit.query import READY, ReadyQuery, run_query
from graphkit.query.endpoint import make_server
from graphkit.query.formats import SOLUTIONS, negotiate
from graphkit.rdf import GK, GKD
from graphkit.rdf.namespace import PREFIXES

_OPENER = build_opener(ProxyHandler({}))  # loopback only: never through a proxy

SELECT = ("PREFIX gk: <https://graphkit.example/ns#> "
          "SELECT ?s ?o WHERE { ?s gk:partnersWith ?o } ORDER BY ?s ?o")
CONSTRUCT = ("PREFIX gk: <https://graphkit.example/ns#> "
             "CONSTRUCT { ?s gk:partnersWith ?o } WHERE { ?s gk:partnersWith ?o }")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def fetch(server, path, *, data=None, headers=None):
    """(status, headers, body) of one request; HTTP errors are returned, not raised."""
    req = Request(server.url.rstrip("/") + path, data=data, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read()
    except HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


def get(server, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return fetch(server, "/sparql?" + urlencode({"query": query, **params}), headers=headers)


def bindings(body: bytes) -> list[dict[str, str]]:
    doc = json.loads(body)
    return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]


def expected(dataset, query, bound=None) -> list[dict[str, str]]:
    result = run_query(dataset, query, bound)
    names = [str(v) for v in result.vars]
    return [{n: str(v) for n, v in zip(names, row) if v is not None} for row in result]


def test_endpoint_select_json_matches_run_query(endpoint, dataset):
    status, headers, body = get(endpoint, SELECT)
    assert status == 200
    assert headers.get_content_type() == "application/sparql-results+json"
    rows = bindings(body)
    assert rows and rows == expected(dataset, SELECT)
    assert json.loads(body)["head"]["vars"] == ["s", "o"]


def test_endpoint_select_xml_csv_tsv(endpoint, dataset):
    want = expected(dataset, SELECT)
    status, headers, body = get(endpoint, SELECT, "application/sparql-results+xml")
    assert status == 200 and headers.get_content_type() == "application/sparql-results+xml"
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(ET.fromstring(body).findall(f"{ns}results/{ns}result")) == len(want)
    status, headers, body = get(endpoint, SELECT, "text/csv")
    assert status == 200 and headers.get_content_type() == "text/csv"
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert rows == want
    status, headers, body = get(endpoint, SELECT, "text/tab-separated-values")
    assert status == 200 and headers.get_content_type() == "text/tab-separated-values"
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?s\t?o" and len(lines) == len(want) + 1
    status, headers, _ = get(endpoint, SELECT, None, format="csv")
    assert headers.get_content_type() == "text/csv"


@pytest.mark.parametrize("accept", ["text/html,application/xhtml+xml,*/*;q=0.8", "application/*", "",
                                    "text/csv;q=0.1, application/sparql-results+json"])
def test_endpoint_default_and_wildcard_accept_give_json(endpoint, accept):
    status, headers, body = get(endpoint, COUNT, accept or None)
    assert status == 200 and headers.get_content_type() == "application/sparql-results+json"
    assert int(bindings(body)[0]["n"]) > 0


def test_endpoint_unoffered_type_gets_the_default_and_unknown_format_406(endpoint):
    status, headers, _ = get(endpoint, COUNT, "image/png")
    assert status == 200 and headers.get_content_type() == "application/sparql-results+json"
    status, _, body = get(endpoint, COUNT, None, format="png")
    assert status == 406 and b"csv" in body


@pytest.mark.parametrize("query, answer", [
    ("ASK { ?s <https://graphkit.example/ns#partnersWith> ?o }", True),
    ("ASK { ?s <https://graphkit.example/ns#no-such-term> ?o }", False)])
def test_endpoint_ask(endpoint, query, answer):
    status, _, body = get(endpoint, query)
    assert status == 200 and json.loads(body)["boolean"] is answer
    status, headers, body = get(endpoint, query, "application/sparql-results+xml")
    assert status == 200 and f"<boolean>{str(answer).lower()}</boolean>".encode() in body
    for media in ("text/csv", "text/tab-separated-values"):  # the boolean alone, as Jena writes it
        status, headers, body = get(endpoint, query, media)
        assert status == 200 and headers.get_content_type() == media
        assert body.strip() == str(answer).lower().encode()


def test_endpoint_construct_turtle_and_ntriples(endpoint, dataset):
    want = run_query(dataset, CONSTRUCT).graph
    assert len(want) > 0
    status, headers, body = get(endpoint, CONSTRUCT)
    assert status == 200 and headers.get_content_type() == "text/turtle"
    got = Graph().parse(data=body.decode("utf-8"), format="turtle")
    assert set(got) == set(want)
    status, headers, body = get(endpoint, CONSTRUCT, "application/n-triples")
    assert status == 200 and headers.get_content_type() == "application/n-triples"
    assert set(Graph().parse(data=body.decode("utf-8"), format="nt")) == set(want)


def test_endpoint_describe(endpoint):
    status, _, body = get(endpoint, f"DESCRIBE <{GKD['exampleton-council']}>")
    assert status == 200
    assert (GKD["exampleton-council"], None, None) in Graph().parse(data=body.decode(), format="turtle")


def test_endpoint_post_form_and_sparql_query_body(endpoint):
    _, _, by_get = get(endpoint, SELECT)
    form = urlencode({"query": SELECT}).encode()
    status, _, body = fetch(endpoint, "/sparql", data=form,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and bindings(body) == bindings(by_get)
    status, _, body = fetch(endpoint, "/sparql", data=SELECT.encode(),
                            headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert status == 200 and bindings(body) == bindings(by_get)
    status, _, _ = fetch(endpoint, "/sparql", data=b"x", headers={"Content-Type": "text/plain"})
    assert status == 415


UPDATES = ["INSERT DATA { <http://a.example/s> <http://a.example/p> <http://a.example/o> }",
           "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP ALL", "LOAD <http://a.example/data.ttl>",
           "PREFIX gk: <https://graphkit.example/ns#> DELETE { ?s ?p ?o } WHERE { ?s gk:partnersWith ?o }"]


@pytest.mark.parametrize("update", UPDATES)
def test_endpoint_refuses_updates(endpoint, dataset, update):
    before = len(dataset)
    answers = [
        get(endpoint, update),
        fetch(endpoint, "/sparql", data=urlencode({"update": update}).encode(),
              headers={"Content-Type": "application/x-www-form-urlencoded"}),
        fetch(endpoint, "/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        fetch(endpoint, "/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-query"}),
        fetch(endpoint, "/sparql?" + urlencode({"update": update})),
    ]
    for status, _, body in answers:
        assert status == 403, body
        assert b"read-only" in body
    assert len(dataset) == before


@pytest.mark.parametrize("query", ["SELECT ?x WHERE { ?x ", "SELEKT * WHERE {}", "", "councils"])
def test_endpoint_bad_query_is_400_with_one_line(endpoint, query):
    status, headers, body = get(endpoint, query)
    assert status == 400
    assert headers.get_content_type() == "text/plain"
    assert body.decode().count("\n") == 1


def test_endpoint_service_is_refused(endpoint):
    status, _, body = get(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and b"SERVICE" in body


@pytest.mark.parametrize("path", ["/nothing", "/sparql/x", "/queries/no_such_query", "/%3Cscript%3E"])
def test_endpoint_unknown_paths_404_as_plain_text(endpoint, path):
    status, headers, body = fetch(endpoint, path)
    assert status == 404
    assert headers.get_content_type() == "text/plain"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_endpoint_post_elsewhere_is_404(endpoint):
    status, _, _ = fetch(endpoint, "/", data=b"query=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 404


def test_endpoint_query_size_limit(start_endpoint, dataset):
    server = start_endpoint(dataset, max_query_bytes=200)
    small = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    assert get(server, small)[0] == 200
    big = small + " #" + "x" * 300
    assert get(server, big)[0] == 413
    status, _, _ = fetch(server, "/sparql", data=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 413
    status, _, _ = fetch(server, "/sparql", data=b"q" * 1000, headers={"Content-Type": "application/sparql-query"})
    assert status == 413


def test_endpoint_dataset_parameters_pick_graphs(endpoint, dataset):
    graphs = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    entities = next(iri for iri in graphs if iri.endswith("/entities"))
    status, _, body = get(endpoint, COUNT, None, **{"default-graph-uri": entities})
    assert status == 200 and int(bindings(body)[0]["n"]) == graphs[entities]
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    status, _, body = get(endpoint, q, None, **{"named-graph-uri": entities})
    assert [(r["g"], int(r["n"])) for r in bindings(body)] == [(entities, graphs[entities])]
    status, _, body = get(endpoint, f"SELECT (COUNT(*) AS ?n) FROM <{entities}> WHERE {{ ?s ?p ?o }}")
    assert int(bindings(body)[0]["n"]) == graphs[entities]
    status, _, body = get(endpoint, COUNT, None, **{"default-graph-uri": "not an iri"})
    assert status == 400


def test_endpoint_from_unknown_graph_is_empty_never_fetched(endpoint):
    status, _, body = get(endpoint, "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }")
    assert status == 200 and bindings(body) == []


def test_endpoint_default_graph_is_union(endpoint, dataset):
    status, _, body = get(endpoint, COUNT)
    assert int(bindings(body)[0]["n"]) == len({q[:3] for q in dataset.quads()})


def test_endpoint_ready_query_matches_run_query(endpoint, dataset):
    status, headers, body = fetch(endpoint, "/queries/partners_of?council=exampleton-council")
    assert status == 200 and headers.get_content_type() == "application/sparql-results+json"
    rows = bindings(body)
    assert rows and rows == expected(dataset, "partners_of", {"council": "exampleton-council"})
    status, headers, body = fetch(endpoint, "/queries/councils?format=csv")
    assert status == 200 and headers.get_content_type() == "text/csv"
    assert body.decode().splitlines()[0] == "council,label,reports"


HOSTILE = ['"', "'", '" } ; DROP ALL ; { "', "}", "{", "\\", '"""', "?council",
           "<http://x> } UNION {", "\n#", "<script>alert(1)</script>", "gkd:exampleton-council> } #"]


@pytest.mark.parametrize("value", HOSTILE)
def test_endpoint_hostile_bindings_are_values(endpoint, dataset, value):
    before = len(dataset)
    for name, param in [("partners_of", "council"), ("scores_by_statement", "statement"),
                        ("evidence_for", "predicate")]:
        status, _, body = fetch(endpoint, f"/queries/{name}?{urlencode({param: value})}")
        assert status == 200, body
        assert bindings(body) == []
    assert len(dataset) == before


def test_endpoint_ready_query_bad_parameters(endpoint):
    status, _, body = fetch(endpoint, "/queries/partners_of?councill=x")
    assert status == 400 and b"council" in body
    status, _, _ = fetch(endpoint, "/queries/partners_of?council=a&council=b")
    assert status == 400


def test_endpoint_index_page_lists_queries(endpoint):
    status, headers, body = fetch(endpoint, "/")
    assert status == 200 and headers.get_content_type() == "text/html"
    page = body.decode()
    for name in READY:
        assert f'href="/queries/{name}"' in page
    assert '<form action="/sparql" method="get">' in page and '<textarea id="query" name="query"' in page
    assert "<script" not in page and "http" not in page.replace(endpoint.url, "").split("<h2>Prefixes")[0]
    for prefix, namespace in PREFIXES.items():
        assert f"<code>{prefix}:</code></td><td><code>{namespace}</code>" in page


def test_endpoint_index_page_escapes(monkeypatch, endpoint):
    from graphkit.query import endpoint as module

    evil = "<script>alert('x')</script> & <b onmouseover=x>"
    hostile = ReadyQuery("evil", evil, (("p", "literal", evil),), "SELECT * WHERE { ?s ?p ?o }")
    monkeypatch.setattr(module, "READY", {**READY, "evil": hostile})
    _, _, body = fetch(endpoint, "/")
    page = body.decode()
    assert "<script>" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b onmouseover=x&gt;" in page


def test_endpoint_service_description(endpoint):
    status, headers, body = fetch(endpoint, "/sparql")
    assert status == 200 and headers.get_content_type() == "text/turtle"
    sd = Graph().parse(data=body.decode(), format="turtle")
    service = URIRef(endpoint.url + "sparql")
    assert (service, URIRef("http://www.w3.org/ns/sparql-service-description#endpoint"), service) in sd


def test_endpoint_serves_a_plain_graph(start_endpoint):
    g = Graph().add((GKD["a"], GK.partnersWith, GKD["b"]))
    server = start_endpoint(g)
    status, _, body = get(server, SELECT)
    assert bindings(body) == [{"s": str(GKD["a"]), "o": str(GKD["b"])}]


@pytest.mark.parametrize("accept, fmt, want", [
    (None, None, "json"), ("text/csv", None, "csv"), ("text/*", None, "csv"),
    ("application/json", None, "json"), ("text/csv", "tsv", "tsv")])
def test_endpoint_negotiate(accept, fmt, want):
    assert negotiate(accept, SOLUTIONS, fmt).names[0] == want


def test_endpoint_busy_port_is_a_graphkit_error(endpoint):
    with pytest.raises(GraphkitError, match="cannot listen"):
        make_server(Graph(), "127.0.0.1", endpoint.server_address[1], workers=1)


def test_endpoint_literal_round_trip(endpoint):
    status, _, body = get(endpoint, 'SELECT ?x WHERE { BIND("<b>é</b>" AS ?x) }')
    assert bindings(body) == [{"x": str(Literal("<b>é</b>"))}]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_endpoint_other_methods_are_plain_text_errors(endpoint, method):
    req = Request(endpoint.url + "sparql?query=<script>", data=b"x", method=method)
    try:
        _OPENER.open(req, timeout=60)
        pytest.fail("expected an HTTP error")
    except HTTPError as err:
        with err:
            assert err.code == 501
            assert err.headers.get_content_type() == "text/plain"
            assert b"<" not in err.read()


def test_endpoint_keeps_serving_after_an_unread_post_body(endpoint):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", endpoint.server_address[1], timeout=60)
    try:
        conn.request("POST", "/elsewhere", body=b"GET /sparql HTTP/1.1\r\n\r\n",
                     headers={"Content-Type": "application/sparql-query"})
        resp = conn.getresponse()
        assert resp.status == 404 and resp.getheader("Connection") == "close"
        resp.read()
    finally:
        conn.close()
    assert get(endpoint, COUNT)[0] == 200


@pytest.fixture
def sparqlwrapper(monkeypatch):
    """SPARQLWrapper (a test extra), talking to loopback without any proxy."""
    try:
        import SPARQLWrapper
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("SPARQLWrapper is a test dependency: pip install -e .[test]")
        pytest.skip("SPARQLWrapper not installed")
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    return SPARQLWrapper


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_endpoint_sparqlwrapper_client(endpoint, dataset, sparqlwrapper, method):
    sw = sparqlwrapper.SPARQLWrapper(endpoint.url + "sparql")
    sw.setMethod(method)
    sw.setQuery(SELECT)
    sw.setReturnFormat(sparqlwrapper.JSON)
    doc = sw.query().convert()
    assert [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]] == expected(dataset, SELECT)
    sw.setQuery("ASK { ?s ?p ?o }")
    assert sw.query().convert()["boolean"] is True
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(sparqlwrapper.TURTLE)
    got = Graph().parse(data=sw.query().convert(), format="turtle")
    assert set(got) == set(run_query(dataset, CONSTRUCT).graph)
    sw.setQuery(SELECT)
    sw.setReturnFormat(sparqlwrapper.CSV)
    assert sw.query().convert().decode().splitlines()[0] == "s,o"


def test_endpoint_sparqlwrapper_update_refused(endpoint, sparqlwrapper):
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    sw = sparqlwrapper.SPARQLWrapper(endpoint.url + "sparql")
    sw.setMethod(sparqlwrapper.POST)
    sw.setQuery(UPDATES[0])
    with pytest.raises((SPARQLWrapperException, HTTPError)):
        sw.query()


def test_endpoint_concurrent_requests_all_answered(endpoint, dataset):
    want = expected(dataset, SELECT)
    results: list[list[dict[str, str]] | int] = []

    def client() -> None:
        for _ in range(5):
            status, _, body = get(endpoint, SELECT)
            results.append(bindings(body) if status == 200 else status)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert results == [want] * 40


@settings(max_examples=30, deadline=None)
@given(value=st.text(max_size=40))
def test_endpoint_any_binding_string_is_a_value(endpoint, value):
    status, _, body = fetch(endpoint, "/queries/scores_by_statement?" + urlencode({"statement": value}))
    assert status == 200, body
    assert bindings(body) == []


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVIC\\u0045 <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://a.example/> SELECT * WHERE { ?s ex:a\\# SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }"])
def test_endpoint_service_in_any_spelling_is_refused(endpoint, query):
    status, _, body = get(endpoint, query)
    assert status == 400 and b"SERVICE" in body


def test_endpoint_service_in_strings_and_iris_is_fine(endpoint):
    status, _, body = get(endpoint, 'SELECT ?x WHERE { BIND("SERVICE" AS ?x) FILTER(?x != <http://a/SERVICE>) } # SERVICE')
    assert status == 200 and bindings(body) == [{"x": "SERVICE"}]


def test_endpoint_deep_nesting_is_400_not_a_crash(endpoint):
    deep = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    status, _, body = get(endpoint, deep)
    assert status == 400 and b"nested" in body
    assert get(endpoint, COUNT)[0] == 200


def test_endpoint_several_default_graphs_count_each_triple_once(endpoint, dataset):
    graphs = [str(g.identifier) for g in dataset.graphs() if len(g)]
    status, _, body = fetch(endpoint, "/sparql?" + urlencode([("query", COUNT)] + [("default-graph-uri", g) for g in graphs]))
    assert status == 200 and int(bindings(body)[0]["n"]) == len({q[:3] for q in dataset.quads()})


# -- prefixes, row cap, XML, errors ---------------------------------------------------------------

def test_endpoint_graphkit_prefixes_are_predeclared(endpoint, dataset):
    query = "SELECT ?s ?o WHERE { ?s gk:partnersWith ?o } ORDER BY ?s ?o"
    status, _, body = get(endpoint, query)
    assert status == 200 and bindings(body) == expected(dataset, SELECT)
    status, _, body = get(endpoint, "ASK { gkd:exampleton-council rdf:type ?t }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_endpoint_a_query_s_own_prefix_wins(endpoint):
    status, _, body = get(endpoint, "PREFIX gk: <http://a.example/other#> ASK { ?s gk:partnersWith ?o }")
    assert status == 200 and json.loads(body)["boolean"] is False


@pytest.mark.parametrize("query, where", [("SELECT ?x WHERE { ?x gk:a ", "error at 1:"),
                                          ("SELECT ?x\nWHERE {\n ?x gk:a ?y .\n ?y ?", "error at 4:")])
def test_endpoint_errors_count_lines_of_the_query_sent(endpoint, query, where):
    status, _, body = get(endpoint, query)
    assert status == 400 and where in body.decode()


def test_endpoint_service_description_lists_the_prefixes(endpoint):
    status, _, body = fetch(endpoint, "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200
    sd = Graph().parse(data=body.decode(), format="turtle")
    sh = "http://www.w3.org/ns/shacl#"
    declared = {str(sd.value(d, URIRef(sh + "prefix"))): str(sd.value(d, URIRef(sh + "namespace")))
                for d in sd.objects(URIRef(endpoint.url + "sparql"), URIRef(sh + "declare"))}
    assert declared == PREFIXES


def test_endpoint_missing_ready_query_parameter_is_400(endpoint, monkeypatch):
    from graphkit.errors import QueryError
    from graphkit.query import endpoint as module

    def refuse(name, bindings):
        raise QueryError(f"ready query {name!r} needs parameter 'council'")

    monkeypatch.setattr(module, "prepare_query", refuse)
    status, headers, body = fetch(endpoint, "/queries/partners_of")
    assert status == 400 and headers.get_content_type() == "text/plain" and b"council" in body


@pytest.fixture(scope="module")
def capped(start_endpoint):
    g = Graph()
    for i in range(10):
        g.add((GKD[f"e{i}"], GK.partnersWith, GKD[f"e{i + 1}"]))
    return start_endpoint(g, max_rows=3)


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_endpoint_select_beyond_the_row_cap_is_cut_with_a_header(capped, accept):
    status, headers, body = get(capped, "SELECT ?s ?o WHERE { ?s gk:partnersWith ?o }", accept)
    assert status == 200 and headers["X-SPARQL-MaxRows"] == "3"
    rows = rdflib_result(body, headers.get_content_type())
    assert len(rows) == 3 and all(len(row) == 2 for row in rows)


def rdflib_result(body: bytes, media: str):
    from rdflib.query import Result

    return list(Result.parse(io.BytesIO(body), content_type=media))


def test_endpoint_construct_beyond_the_row_cap_is_cut(capped):
    status, headers, body = get(capped, "CONSTRUCT WHERE { ?s gk:partnersWith ?o }", "application/n-triples")
    assert status == 200 and headers["X-SPARQL-MaxRows"] == "3"
    assert len(Graph().parse(data=body.decode(), format="nt")) == 3


def test_endpoint_under_the_row_cap_has_no_header(capped):
    status, headers, body = get(capped, "SELECT ?s WHERE { ?s gk:partnersWith ?o } LIMIT 3")
    assert status == 200 and "X-SPARQL-MaxRows" not in headers and len(bindings(body)) == 3
    _, _, page = fetch(capped, "/")
    assert b"At most 3 rows" in page and b"X-SPARQL-MaxRows: 3" in page


_XML_TEXT = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@settings(max_examples=200, deadline=None)
@given(text=st.text(), lang=st.sampled_from([None, "en"]))
def test_endpoint_xml_results_are_well_formed_for_any_text(text, lang):
    import pyoxigraph as ox

    from graphkit.query.formats import write_results

    store = ox.Store()
    literal = ox.Literal(text, language=lang) if lang else ox.Literal(text)
    store.add(ox.Quad(ox.NamedNode("http://a.example/s"), ox.NamedNode("http://a.example/p"), literal))
    want = _XML_TEXT.sub("\ufffd", text)
    ns = "{http://www.w3.org/2005/sparql-results#}"
    written = write_results(store.query("SELECT ?o WHERE { ?s ?p ?o }"), "application/sparql-results+xml", None, 10)
    found = ET.fromstring(written.body).find(f"{ns}results/{ns}result/{ns}binding/{ns}literal")
    assert (found.text or "").replace("\r\n", "\n").replace("\r", "\n") == want.replace("\r\n", "\n").replace("\r", "\n")
    written = write_results(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), "application/rdf+xml", None, 10)
    got = Graph().parse(data=written.body, format="xml")
    assert [str(o) for o in got.objects()] == [want.replace("\r\n", "\n").replace("\r", "\n")] or \
        [str(o) for o in got.objects()] == [want]
